// Command groupcache only makes github.com/golang/groupcache v0.0.0-20241129210726-2c02b8208cf8 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/golang/groupcache"

func main() {}
