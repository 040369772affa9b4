// Command kcp only makes github.com/xtaci/kcp-go/v5 v5.7.5 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/xtaci/kcp-go/v5"

func main() {}
