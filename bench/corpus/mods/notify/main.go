// Command notify only makes github.com/rjeczalik/notify v0.9.3 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/rjeczalik/notify"

func main() {}
