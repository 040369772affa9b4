package analyzer

import (
	"go/token"

	"github.com/awaitvet/awaitvet/callgraph"
	"golang.org/x/tools/go/ssa"
)

// A FuncUse records that a function calls, or starts as a goroutine, a
// function value it was given (a parameter) or captured (a free variable):
// Stopper.RunWorker(ctx, f) runs go func() { f(ctx) }(). A caller that passes
// a closure there sees the closure's channel operations at its call, as a
// call or as a goroutine.
type FuncUse struct {
	Base    BaseKind // BaseParam or BaseFree
	Index   int
	Spawned bool // runs in a new goroutine
	Chain   Chain
}

// recordFuncUse notes a call (or go statement) whose callee is one of this
// function's parameters or free variables.
func (fa *fnAnalysis) recordFuncUse(site *callgraph.Site, spawned bool) {
	if !fa.recording {
		return
	}
	c := site.Instr.Common()
	if c.IsInvoke() {
		return
	}
	u := FuncUse{Spawned: spawned, Chain: Chain{fa.hop(site.Instr.Pos(), "calls the function it was given")}}
	v := c.Value
	if ld, ok := v.(*ssa.UnOp); ok && ld.Op == token.MUL {
		if fv, ok := ld.X.(*ssa.FreeVar); ok {
			v = fv // a captured variable holding the function (its cell)
		}
	}
	switch v := v.(type) {
	case *ssa.Parameter:
		u.Base, u.Index = BaseParam, paramIndex(fa.fn, v)
	case *ssa.FreeVar:
		u.Base, u.Index = BaseFree, freeIndex(fa.fn, v)
	default:
		return
	}
	fa.sum.FuncUses = append(fa.sum.FuncUses, u)
}

func freeIndex(fn *ssa.Function, v *ssa.FreeVar) int {
	for i, f := range fn.FreeVars {
		if f == v {
			return i
		}
	}
	return -1
}

// applyFuncUses brings in the closures a callee (or a goroutine started
// here) runs for us: each function value the site passes (or the closure
// binds) where the callee uses one is applied as a call or a goroutine, and
// a use of our own parameter or free variable travels up to our callers.
func (fa *fnAnalysis) applyFuncUses(st *lockState, site *callgraph.Site, sum *Summary, b *binding, spawnedHere bool) {
	if !fa.recording {
		return
	}
	for _, u := range sum.FuncUses {
		vals := b.args
		if u.Base == BaseFree {
			vals = b.free
		}
		if u.Index < 0 || u.Index >= len(vals) {
			continue
		}
		v := vals[u.Index]
		if a, ok := v.(*ssa.Alloc); ok {
			if stored := uniqueStore(a); stored != nil {
				v = stored // the cell of a captured variable: what was stored in it
			}
		}
		spawned := u.Spawned || spawnedHere
		switch x := v.(type) {
		case *ssa.Parameter:
			fa.sum.FuncUses = append(fa.sum.FuncUses, FuncUse{Base: BaseParam, Index: paramIndex(fa.fn, x), Spawned: spawned, Chain: u.Chain})
			continue
		case *ssa.FreeVar:
			fa.sum.FuncUses = append(fa.sum.FuncUses, FuncUse{Base: BaseFree, Index: freeIndex(fa.fn, x), Spawned: spawned, Chain: u.Chain})
			continue
		}
		for _, fn := range fa.ps.graph.FuncValues(v) {
			fsum := fa.ps.summary(fn)
			if fsum == nil {
				continue
			}
			fb := fa.bind(site, fn, v)
			if spawned {
				fa.spawnChans(site, fn, fsum, fb)
			} else {
				fa.applyChans(st, fsum, fb, fa.callHop(site, fn))
			}
		}
	}
}

// usesFunc reports whether a summary calls or spawns its parameter i.
func usesFunc(sum *Summary, i int) bool {
	for _, u := range sum.FuncUses {
		if u.Base == BaseParam && u.Index == i {
			return true
		}
	}
	for _, pc := range sum.ParamCalls {
		if pc.Index == i {
			return true
		}
	}
	return false
}
