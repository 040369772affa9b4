// Command nats-server only makes github.com/nats-io/nats-server/v2 v2.15.2 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/nats-io/nats-server/v2/conf"

func main() {}
