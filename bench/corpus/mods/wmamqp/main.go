// Command wmamqp only makes github.com/ThreeDotsLabs/watermill-amqp/v3 v3.0.2 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/ThreeDotsLabs/watermill-amqp/v3/pkg/amqp"

func main() {}
