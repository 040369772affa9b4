// Command consulapi only makes github.com/hashicorp/consul/api v1.34.5 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/hashicorp/consul/api"

func main() {}
