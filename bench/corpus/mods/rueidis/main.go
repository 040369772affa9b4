// Command rueidis only makes github.com/redis/rueidis v1.0.79 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/redis/rueidis"

func main() {}
