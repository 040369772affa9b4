// Command smux only makes github.com/xtaci/smux v1.5.58 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/xtaci/smux"

func main() {}
