// Command kaddht only makes github.com/libp2p/go-libp2p-kad-dht v0.42.2 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/libp2p/go-libp2p-kad-dht"

func main() {}
