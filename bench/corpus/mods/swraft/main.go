// Command swraft only makes github.com/seaweedfs/raft v1.2.4 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/seaweedfs/raft"

func main() {}
