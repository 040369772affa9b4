// Command caddy only makes github.com/caddyserver/caddy/v2 v2.11.9 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/caddyserver/caddy/v2"

func main() {}
