// Command memdb only makes github.com/hashicorp/go-memdb v1.3.5 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/hashicorp/go-memdb"

func main() {}
