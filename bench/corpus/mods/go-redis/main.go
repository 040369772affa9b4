// Command go-redis only makes github.com/redis/go-redis/v9 v9.23.0 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/redis/go-redis/v9"

func main() {}
