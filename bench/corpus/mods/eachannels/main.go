// Command eachannels only makes github.com/eapache/channels v1.1.0 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/eapache/channels"

func main() {}
