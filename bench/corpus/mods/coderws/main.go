// Command coderws only makes github.com/coder/websocket v1.8.15 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/coder/websocket"

func main() {}
