// Command nacos only makes github.com/nacos-group/nacos-sdk-go/v2 v2.3.2 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/nacos-group/nacos-sdk-go/v2/api/grpc"

func main() {}
