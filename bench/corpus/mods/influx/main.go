// Command influx only makes github.com/influxdata/influxdb-client-go/v2 v2.14.0 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/influxdata/influxdb-client-go/v2"

func main() {}
