// Command fiber only makes github.com/gofiber/fiber/v2 v2.52.15 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/gofiber/fiber/v2"

func main() {}
