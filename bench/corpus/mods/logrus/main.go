// Command logrus only makes github.com/sirupsen/logrus v1.10.2 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/sirupsen/logrus"

func main() {}
