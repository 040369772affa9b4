// Command dskit only makes github.com/grafana/dskit v0.0.0-20260703122047-de1ec7541c44 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/grafana/dskit/backoff"

func main() {}
