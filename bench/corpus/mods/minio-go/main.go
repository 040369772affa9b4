// Command minio-go only makes github.com/minio/minio-go/v7 v7.4.1 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/minio/minio-go/v7"

func main() {}
