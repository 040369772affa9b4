// Command xsync only makes golang.org/x/sync v0.25.0 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "golang.org/x/sync/errgroup"

func main() {}
