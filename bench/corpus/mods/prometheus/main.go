// Command prometheus only makes github.com/prometheus/prometheus v0.316.0 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/prometheus/prometheus/config"

func main() {}
