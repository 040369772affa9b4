// Command tail only makes github.com/nxadm/tail v1.4.11 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/nxadm/tail"

func main() {}
