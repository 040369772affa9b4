// Command libp2p only makes github.com/libp2p/go-libp2p v0.52.0 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/libp2p/go-libp2p"

func main() {}
