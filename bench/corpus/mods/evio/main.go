// Command evio only makes github.com/tidwall/evio v1.0.8 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/tidwall/evio"

func main() {}
