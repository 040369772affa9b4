// Command ratelimit only makes go.uber.org/ratelimit v0.3.1 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "go.uber.org/ratelimit"

func main() {}
