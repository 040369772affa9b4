// Command rocketmq only makes github.com/apache/rocketmq-client-go/v2 v2.1.3-0.20251226070945-2173d070fd1b a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/apache/rocketmq-client-go/v2"

func main() {}
