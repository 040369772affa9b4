// Command srtp only makes github.com/pion/srtp/v3 v3.1.3 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/pion/srtp/v3"

func main() {}
