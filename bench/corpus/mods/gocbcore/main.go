// Command gocbcore only makes github.com/couchbase/gocbcore/v10 v10.8.1 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/couchbase/gocbcore/v10"

func main() {}
