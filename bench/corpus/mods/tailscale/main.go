// Command tailscale only makes tailscale.com v1.96.5 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "tailscale.com"

func main() {}
