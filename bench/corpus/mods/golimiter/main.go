// Command golimiter only makes github.com/sethvargo/go-limiter v0.7.1 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/sethvargo/go-limiter"

func main() {}
