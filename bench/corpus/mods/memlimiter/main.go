// Command memlimiter only makes go.opentelemetry.io/collector/processor/memorylimiterprocessor v0.165.0 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "go.opentelemetry.io/collector/processor/memorylimiterprocessor"

func main() {}
