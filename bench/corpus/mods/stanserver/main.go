// Command stanserver only makes github.com/nats-io/nats-streaming-server v0.25.6 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/nats-io/nats-streaming-server/logger"

func main() {}
