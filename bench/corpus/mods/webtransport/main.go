// Command webtransport only makes github.com/quic-go/webtransport-go v0.13.0 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/quic-go/webtransport-go"

func main() {}
