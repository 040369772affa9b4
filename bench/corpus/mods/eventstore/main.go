// Command eventstore only makes github.com/EventStore/EventStore-Client-Go/v4 v4.2.0 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/EventStore/EventStore-Client-Go/v4/esdb"

func main() {}
