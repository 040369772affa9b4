// Command fx only makes go.uber.org/fx v1.24.0 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "go.uber.org/fx"

func main() {}
