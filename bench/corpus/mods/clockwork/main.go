// Command clockwork only makes github.com/jonboulle/clockwork v0.5.0 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/jonboulle/clockwork"

func main() {}
