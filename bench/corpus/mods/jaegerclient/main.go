// Command jaegerclient only makes github.com/uber/jaeger-client-go v2.30.0+incompatible a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/uber/jaeger-client-go"

func main() {}
