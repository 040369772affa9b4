// Command mockclock only makes github.com/benbjohnson/clock v1.3.5 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/benbjohnson/clock"

func main() {}
