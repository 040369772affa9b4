// Command kafka-go only makes github.com/segmentio/kafka-go v0.4.51 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/segmentio/kafka-go"

func main() {}
