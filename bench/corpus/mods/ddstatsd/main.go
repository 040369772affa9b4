// Command ddstatsd only makes github.com/DataDog/datadog-go/v5 v5.9.1 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/DataDog/datadog-go/v5/statsd"

func main() {}
