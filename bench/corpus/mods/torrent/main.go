// Command torrent only makes github.com/anacrolix/torrent v1.58.1 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/anacrolix/torrent"

func main() {}
