// Command suture only makes github.com/thejerf/suture/v4 v4.0.6 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/thejerf/suture/v4"

func main() {}
