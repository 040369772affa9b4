// Command dns only makes github.com/miekg/dns v1.1.73 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/miekg/dns"

func main() {}
