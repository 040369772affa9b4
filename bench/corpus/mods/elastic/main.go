// Command elastic only makes github.com/olivere/elastic/v7 v7.0.32 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/olivere/elastic/v7"

func main() {}
