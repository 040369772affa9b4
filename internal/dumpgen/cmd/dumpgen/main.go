// Command dumpgen writes a synthetic go test timeout dump to standard
// output: dumpgen [goroutines [distinct sites]] (50000 and 200 by default).
// BENCHMARKS.md times awaitvet chains on it.
package main

import (
	"os"
	"strconv"

	"github.com/awaitvet/awaitvet/internal/dumpgen"
)

func main() {
	n, distinct := 50000, 200
	if len(os.Args) > 1 {
		n, _ = strconv.Atoi(os.Args[1])
	}
	if len(os.Args) > 2 {
		distinct, _ = strconv.Atoi(os.Args[2])
	}
	os.Stdout.Write(dumpgen.Dump(max(n, 0), max(distinct, 1)))
}
