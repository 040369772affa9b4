// Command zk only makes github.com/go-zookeeper/zk v1.0.4 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/go-zookeeper/zk"

func main() {}
