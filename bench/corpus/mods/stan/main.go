// Command stan only makes github.com/nats-io/stan.go v0.10.4 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/nats-io/stan.go"

func main() {}
