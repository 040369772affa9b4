// Package fatal has helpers that never return, and one that may: no
// concurrency at all, so the analysis builds no SSA here, but its no-return
// facts must still reach the packages that call it.
package fatal

import (
	"fmt"
	"os"
)

// Exitf prints and exits: it never returns.
func Exitf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format, args...)
	os.Exit(1)
}

// ExitIf exits only when err is set: it may return.
func ExitIf(err error) {
	if err != nil {
		Exitf("%v\n", err)
	}
}
