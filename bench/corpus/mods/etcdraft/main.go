// Command etcdraft only makes go.etcd.io/raft/v3 v3.7.0 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "go.etcd.io/raft/v3"

func main() {}
