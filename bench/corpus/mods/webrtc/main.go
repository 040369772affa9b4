// Command webrtc only makes github.com/pion/webrtc/v4 v4.2.26 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/pion/webrtc/v4"

func main() {}
