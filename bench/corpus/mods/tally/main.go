// Command tally only makes github.com/uber-go/tally/v4 v4.1.17 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/uber-go/tally/v4"

func main() {}
