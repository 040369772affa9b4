// Command mochi only makes github.com/mochi-mqtt/server/v2 v2.7.9 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/mochi-mqtt/server/v2"

func main() {}
