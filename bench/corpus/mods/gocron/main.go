// Command gocron only makes github.com/go-co-op/gocron/v2 v2.21.2 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/go-co-op/gocron/v2"

func main() {}
