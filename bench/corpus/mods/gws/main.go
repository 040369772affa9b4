// Command gws only makes github.com/lxzan/gws v1.8.9 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/lxzan/gws"

func main() {}
