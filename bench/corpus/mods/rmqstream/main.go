// Command rmqstream only makes github.com/rabbitmq/rabbitmq-stream-go-client v1.8.3 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/rabbitmq/rabbitmq-stream-go-client/perfTest/cmd"

func main() {}
