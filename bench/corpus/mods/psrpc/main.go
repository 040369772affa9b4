// Command psrpc only makes github.com/livekit/psrpc v0.8.2 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/livekit/psrpc"

func main() {}
