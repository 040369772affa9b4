// Command connect only makes connectrpc.com/connect v1.21.1 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "connectrpc.com/connect"

func main() {}
