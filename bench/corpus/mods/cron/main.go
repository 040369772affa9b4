// Command cron only makes github.com/robfig/cron/v3 v3.0.1 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/robfig/cron/v3"

func main() {}
