package callgraph

import (
	"cmp"
	"go/token"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// ComparePos orders two positions by file name, then by offset in the file.
// Raw token.Pos values of two files must not be compared: a loader that
// parses a package's files in parallel (go/packages does) gives each file
// its base in the order the parses finish, so such an order changes from
// run to run, and with it every witness or iteration order chosen by it.
func ComparePos(fset *token.FileSet, a, b token.Pos) int {
	if a == b {
		return 0
	}
	fa, fb := fset.File(a), fset.File(b)
	if fa == fb {
		return cmp.Compare(a, b)
	}
	var na, nb string
	if fa != nil {
		na = fa.Name()
	}
	if fb != nil {
		nb = fb.Name()
	}
	if c := strings.Compare(na, nb); c != 0 {
		return c
	}
	return cmp.Compare(fset.PositionFor(a, false).Offset, fset.PositionFor(b, false).Offset)
}

// SortFuncs sorts functions by source position (ComparePos), then by name
// for those with none (wrappers) or the same one.
func SortFuncs(fset *token.FileSet, fns []*ssa.Function) {
	slices.SortStableFunc(fns, func(a, b *ssa.Function) int {
		// Not cmp.Or: it would print both names (a Sprintf each) at every
		// comparison, when most are decided by position.
		if c := ComparePos(fset, a.Pos(), b.Pos()); c != 0 {
			return c
		}
		return strings.Compare(a.String(), b.String())
	})
}
