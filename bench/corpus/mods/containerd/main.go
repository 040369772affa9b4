// Command containerd only makes github.com/containerd/containerd/v2 v2.4.2 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/containerd/containerd/v2/client"

func main() {}
