// Command grpcmw only makes github.com/grpc-ecosystem/go-grpc-middleware/v2 v2.3.4 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/grpc-ecosystem/go-grpc-middleware/v2"

func main() {}
