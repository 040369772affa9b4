// Command gozero only makes github.com/zeromicro/go-zero v1.10.3 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/zeromicro/go-zero/core/bloom"

func main() {}
