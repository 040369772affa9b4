// Command bbolt only makes go.etcd.io/bbolt v1.5.0 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "go.etcd.io/bbolt"

func main() {}
