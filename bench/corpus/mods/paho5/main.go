// Command paho5 only makes github.com/eclipse/paho.golang v0.23.0 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/eclipse/paho.golang/autopaho"

func main() {}
