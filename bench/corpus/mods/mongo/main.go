// Command mongo only makes go.mongodb.org/mongo-driver v1.17.10 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "go.mongodb.org/mongo-driver/benchmark"

func main() {}
