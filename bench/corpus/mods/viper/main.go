// Command viper only makes github.com/spf13/viper v1.21.0 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/spf13/viper"

func main() {}
