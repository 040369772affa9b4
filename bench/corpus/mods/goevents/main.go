// Command goevents only makes github.com/docker/go-events v0.1.0 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/docker/go-events"

func main() {}
