// Command nbio only makes github.com/lesismal/nbio v1.6.8 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/lesismal/nbio"

func main() {}
