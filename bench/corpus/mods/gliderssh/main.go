// Command gliderssh only makes github.com/gliderlabs/ssh v0.3.8 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/gliderlabs/ssh"

func main() {}
