// Command jsext only makes github.com/synadia-io/orbit.go/jetstreamext v0.4.0 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/synadia-io/orbit.go/jetstreamext"

func main() {}
