// Command gnet only makes github.com/panjf2000/gnet/v2 v2.9.7 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/panjf2000/gnet/v2"

func main() {}
