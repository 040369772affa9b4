// Command netpoll only makes github.com/cloudwego/netpoll v0.7.2 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/cloudwego/netpoll"

func main() {}
