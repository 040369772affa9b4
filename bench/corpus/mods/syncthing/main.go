// Command syncthing only makes github.com/syncthing/syncthing v1.30.0 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/syncthing/syncthing/cmd/infra/strelaypoolsrv/auto"

func main() {}
