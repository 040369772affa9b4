// Command clickhouse only makes github.com/ClickHouse/clickhouse-go/v2 v2.51.0 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/ClickHouse/clickhouse-go/v2"

func main() {}
