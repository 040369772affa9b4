// Command gocache only makes github.com/patrickmn/go-cache v2.1.0+incompatible a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/patrickmn/go-cache"

func main() {}
