// Command freecache only makes github.com/coocood/freecache v1.2.7 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/coocood/freecache"

func main() {}
