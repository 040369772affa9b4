// Command conc only makes github.com/sourcegraph/conc v0.3.0 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/sourcegraph/conc"

func main() {}
