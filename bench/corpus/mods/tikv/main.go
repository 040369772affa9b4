// Command tikv only makes github.com/tikv/client-go/v2 v2.0.4 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/tikv/client-go/v2/config"

func main() {}
