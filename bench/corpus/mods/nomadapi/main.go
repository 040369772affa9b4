// Command nomadapi only makes github.com/hashicorp/nomad/api v0.0.0-20261016150620-df630b26e78a a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/hashicorp/nomad/api"

func main() {}
