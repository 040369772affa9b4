// Command asynq only makes github.com/hibiken/asynq v0.26.0 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/hibiken/asynq"

func main() {}
