// Command lp2ppubsub only makes github.com/libp2p/go-libp2p-pubsub v0.19.0 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/libp2p/go-libp2p-pubsub"

func main() {}
