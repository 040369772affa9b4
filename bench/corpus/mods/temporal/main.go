// Command temporal only makes go.temporal.io/sdk v1.51.0 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "go.temporal.io/sdk/activity"

func main() {}
