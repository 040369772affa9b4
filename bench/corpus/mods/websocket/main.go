// Command websocket only makes github.com/gorilla/websocket v1.5.3 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/gorilla/websocket"

func main() {}
