// Command turn only makes github.com/pion/turn/v4 v4.1.4 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/pion/turn/v4"

func main() {}
