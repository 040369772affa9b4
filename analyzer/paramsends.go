package analyzer

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// Parameters handed to other goroutines.
//
// ParamPublishes answers ownership's question (could another goroutine
// reach the object?) and says yes wherever the function's sight ends. A
// lock that may have moved to another goroutine needs the opposite: a
// witness that the function hands the object over. paramSends finds the
// pointer and interface parameters it certainly passes to another
// goroutine — sent on a channel, alone or inside a value built around it
// (a job struct, a local variable), or given to a go statement, or passed
// on to a callee that does so — and nothing else. A lock held by a caller
// and reachable from such an argument may be released by the goroutine
// that receives it (a transaction queued for a committer).

// paramSends lists the parameters the function hands to other goroutines.
func (fa *fnAnalysis) paramSends() []int {
	var out []int
	for i, p := range fa.fn.Params {
		switch p.Type().Underlying().(type) {
		case *types.Pointer, *types.Interface:
		default:
			continue
		}
		w := &sendWalk{fa: fa, seen: make(map[ssa.Value]bool), holders: make(holders)}
		if w.value(p) {
			out = append(out, i)
		}
	}
	return out
}

// sendWalk follows a parameter's value through the copies that keep it
// (conversions, locals and fields of local structs it is stored in, loads
// from them) to a hand-off.
type sendWalk struct {
	fa      *fnAnalysis
	seen    map[ssa.Value]bool
	holders holders // see escape.holders
}

func (w *sendWalk) value(v ssa.Value) bool {
	if w.seen[v] {
		return false
	}
	w.seen[v] = true
	refs := v.Referrers()
	if refs == nil {
		return false
	}
	for _, r := range *refs {
		if w.use(v, r) {
			return true
		}
	}
	return false
}

func (w *sendWalk) use(v ssa.Value, r ssa.Instruction) bool {
	switch r := r.(type) {
	case *ssa.Send:
		return r.X == v
	case *ssa.Select:
		return slices.ContainsFunc(r.States, func(st *ssa.SelectState) bool { return st.Send == v })
	case *ssa.Go:
		return slices.Contains(r.Call.Args, v) || r.Call.IsInvoke() && r.Call.Value == v
	case ssa.CallInstruction:
		return w.call(v, r)
	case *ssa.Store:
		if r.Val != v {
			return false
		}
		switch a := r.Addr.(type) {
		case *ssa.Alloc:
			w.holders[holder{a, -1}] = true
			return w.value(a)
		case *ssa.FieldAddr:
			if _, ok := a.X.(*ssa.Alloc); ok {
				w.holders[holder{a.X, a.Field}] = true
				return w.value(a.X)
			}
		}
	case *ssa.FieldAddr:
		return w.holders[holder{r.X, r.Field}] && w.value(r)
	case *ssa.UnOp:
		return r.Op == token.MUL && w.holders.holds(v) && w.value(r)
	case *ssa.MakeInterface, *ssa.ChangeInterface, *ssa.ChangeType, *ssa.Phi:
		return w.value(r.(ssa.Value))
	}
	return false
}

// call: a callee every candidate of which hands the argument over.
func (w *sendWalk) call(v ssa.Value, ci ssa.CallInstruction) bool {
	site := w.fa.ps.graph.Site(ci)
	if site == nil || len(site.Callees) == 0 {
		return false
	}
	args := site.Args()
	for _, callee := range site.Callees {
		sum := w.fa.ps.summary(callee)
		if sum == nil {
			return false
		}
		sends := false
		for i, a := range args {
			if a == v && slices.Contains(sum.ParamSends, i) {
				sends = true
			}
		}
		if !sends {
			return false
		}
	}
	return true
}
