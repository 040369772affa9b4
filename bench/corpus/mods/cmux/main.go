// Command cmux only makes github.com/soheilhy/cmux v0.1.5 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/soheilhy/cmux"

func main() {}
