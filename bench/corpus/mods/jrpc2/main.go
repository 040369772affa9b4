// Command jrpc2 only makes github.com/creachadair/jrpc2 v1.3.6 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/creachadair/jrpc2"

func main() {}
