// Command geth only makes github.com/ethereum/go-ethereum v1.17.10 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/ethereum/go-ethereum"

func main() {}
