// Command k8sstreaming only makes k8s.io/streaming v0.37.2 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "k8s.io/streaming"

func main() {}
