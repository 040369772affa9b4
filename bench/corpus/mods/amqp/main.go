// Command amqp only makes github.com/rabbitmq/amqp091-go v1.16.0 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/rabbitmq/amqp091-go"

func main() {}
