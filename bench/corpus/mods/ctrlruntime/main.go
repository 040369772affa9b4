// Command ctrlruntime only makes sigs.k8s.io/controller-runtime v0.25.3 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "sigs.k8s.io/controller-runtime"

func main() {}
