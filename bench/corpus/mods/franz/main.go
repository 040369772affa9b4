// Command franz only makes github.com/twmb/franz-go v1.22.3 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/twmb/franz-go/pkg/kbin"

func main() {}
