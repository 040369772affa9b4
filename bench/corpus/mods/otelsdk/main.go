// Command otelsdk only makes go.opentelemetry.io/otel/sdk v1.47.0 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "go.opentelemetry.io/otel/sdk"

func main() {}
