// Command hcmetrics only makes github.com/hashicorp/go-metrics v0.7.0 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/hashicorp/go-metrics"

func main() {}
