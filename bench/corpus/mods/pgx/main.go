// Command pgx only makes github.com/jackc/pgx/v5 v5.12.0 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/jackc/pgx/v5"

func main() {}
