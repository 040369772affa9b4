// Command livekit only makes github.com/livekit/livekit-server v1.13.11 a direct requirement of the
// corpus wrapper module that scripts/corpus.sh analyses. Do not run
// go mod tidy here: the requirements of the module's other
// packages would be dropped.
package main

import _ "github.com/livekit/livekit-server/pkg/agent"

func main() {}
