// Command hystrix only makes github.com/afex/hystrix-go v0.0.0-20180502004556-fa1af6a1f4f5 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/afex/hystrix-go/hystrix"

func main() {}
