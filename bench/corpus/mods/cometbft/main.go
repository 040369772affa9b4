// Command cometbft only makes github.com/cometbft/cometbft v0.38.19 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/cometbft/cometbft/abci/client"

func main() {}
