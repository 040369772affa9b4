// Command glog only makes github.com/golang/glog v1.2.5 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/golang/glog"

func main() {}
