// Command ttlcache only makes github.com/jellydator/ttlcache/v3 v3.4.1 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/jellydator/ttlcache/v3"

func main() {}
