// Command chromedp only makes github.com/chromedp/chromedp v0.23.1 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/chromedp/chromedp"

func main() {}
