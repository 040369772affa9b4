// Command go-plugin only makes github.com/hashicorp/go-plugin v1.8.0 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/hashicorp/go-plugin"

func main() {}
