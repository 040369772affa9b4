// Command goproxy only makes github.com/elazarl/goproxy v1.9.4 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/elazarl/goproxy"

func main() {}
