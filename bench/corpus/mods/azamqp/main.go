// Command azamqp only makes github.com/Azure/go-amqp v1.7.0 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/Azure/go-amqp"

func main() {}
