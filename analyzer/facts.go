package analyzer

import (
	"fmt"
	"go/types"
)

// FuncFact carries a function's summary to the passes of packages that call
// it. Under go vet each package is analysed alone and sees imported functions
// without bodies: this is all they know about them.
type FuncFact struct {
	Summary Summary
}

func (*FuncFact) AFact() {}
func (f *FuncFact) String() string {
	return fmt.Sprintf("summary(%d acquires, %d held at exit, %d releases, %d pending edges)",
		len(f.Summary.Acquires), len(f.Summary.HeldAtExit), len(f.Summary.Releases), len(f.Summary.Pending))
}

// PackageFact holds the lock-order edges this package adds to the program,
// one witness per pair of lock classes. Importers combine the edges of all
// their dependencies to find cycles that no single package can see.
type PackageFact struct {
	Edges []Edge
}

func (*PackageFact) AFact()           {}
func (f *PackageFact) String() string { return fmt.Sprintf("edges(%d)", len(f.Edges)) }

// exportFacts exports the summaries of functions other packages can name and
// this package's own lock-order edges. Facts are exported only when non-empty.
func (ps *passState) exportFacts() {
	for _, fn := range ps.graph.Funcs() {
		obj, ok := fn.Object().(*types.Func)
		if !ok || !obj.Exported() || obj.Pkg() != ps.pass.Pkg {
			continue
		}
		if s := exportable(ps.sums[fn]); !s.empty() {
			ps.pass.ExportObjectFact(obj, &FuncFact{Summary: *s})
		}
	}
	ps.edges = bestPerClassPair(ps.edges)
	if len(ps.edges) > 0 {
		ps.pass.ExportPackageFact(&PackageFact{Edges: ps.edges})
	}
}

// exportable is the part of a summary a caller in another package can use:
// channel operations and counts on what the caller can name (its arguments,
// the results it receives, package-level variables). Operations on the
// function's own channels stay home.
func exportable(s *Summary) *Summary {
	if s == nil {
		return nil
	}
	out := *s
	out.Chans = nil
	for _, c := range s.Chans {
		if c.exportable() {
			out.Chans = append(out.Chans, c)
		}
	}
	out.Counts = nil
	for _, n := range s.Counts {
		if n.Ref.rewritable() {
			out.Counts = append(out.Counts, n)
		}
	}
	out.Spawns = nil
	for _, sp := range s.Spawns {
		var ops []ChanOp
		for _, c := range sp.Ops {
			if c.exportable() {
				ops = append(ops, c)
			}
		}
		var counts []ChanCount
		for _, n := range sp.Counts {
			if n.Ref.rewritable() {
				counts = append(counts, n)
			}
		}
		if len(ops)+len(counts)+len(sp.CountedBy) == 0 {
			continue
		}
		sp.Ops, sp.Counts = ops, counts
		out.Spawns = append(out.Spawns, sp)
	}
	return &out
}
