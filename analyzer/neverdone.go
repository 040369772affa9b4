package analyzer

import (
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// WaitGroups only this package can name, which it adds to and never
// counts down. The same reasoning as for channels (neverfed.go): an
// unexported package-level sync.WaitGroup, or an unexported sync.WaitGroup
// value field of a struct of this package, is reached by this package's
// code alone unless the package lets its address out. When some function
// of the package adds a positive constant to it and none calls Done, Go,
// or Add with any other delta, the counter never comes back to zero after
// the first Add: every Wait from then on waits forever.
//
// Conservative at every step: the WaitGroup counts as counted down (and
// nothing is reported) when any function of the package
//   - calls Done or Go on it (also deferred or started), or Add with a
//     delta that is not a positive constant;
//   - uses its address for anything but a call of Add, Done, Wait or Go:
//     passed to a function, stored, bound as a method value (`wg.Done`
//     handed to someone), compared;
//   - copies it (a WaitGroup read by value).
//
// Only plain calls of Wait are reported; a Wait started as a goroutine or
// deferred blocks too, but its caller does not.

// A wgHome is one such variable or field and what the package does with it.
type wgHome struct {
	obj   *types.Var // the package-level variable, or the field's origin
	name  string     // as findings print it
	adds  []chanSite // its Adds of a positive constant
	waits []chanSite // its plain Waits
	done  bool       // counted down somewhere, or let out

	doneAt   chanSite // its first Done or Go
	deadDone chanSite // in a program, a Done in code that never runs
}

// undoneWaitGroups returns, in source order of their declarations, the
// WaitGroups only this package can name that it adds to, waits on, and
// never counts down.
func (ps *passState) undoneWaitGroups() []*wgHome {
	homes := ps.waitGroupHomes(ps.unfedFuncs())
	for obj, d := range ps.waitGroupHomes(ps.deadFuncs()) {
		if h := homes[obj]; h != nil && d.doneAt.pos.IsValid() {
			h.deadDone = d.doneAt
		}
	}
	return orderHomes(ps, homes, func(h *wgHome) bool { return !h.done && len(h.adds) > 0 && len(h.waits) > 0 },
		func(h *wgHome) (*types.Var, string, [][]chanSite) {
			return h.obj, h.name, [][]chanSite{h.adds, h.waits}
		})
}

// waitGroupHomes classifies what the functions fns do with the WaitGroups
// only this package can name.
func (ps *passState) waitGroupHomes(fns []*ssa.Function) map[*types.Var]*wgHome {
	homes := make(map[*types.Var]*wgHome)
	home := func(obj *types.Var, name string) *wgHome {
		h := homes[obj]
		if h == nil {
			h = &wgHome{obj: obj, name: name}
			homes[obj] = h
		}
		return h
	}
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if x, ok := instr.(*ssa.FieldAddr); ok {
					if obj, ok := ps.ownWaitGroupField(x.X.Type(), x.Field); ok {
						h := home(obj, fieldClass(x.X.Type(), obj.Name(), Class{}).show(ps.pkgPath))
						for _, r := range *x.Referrers() {
							h.use(fn, r, x)
						}
					}
				}
				if x, ok := instr.(*ssa.Field); ok {
					if obj, ok := ps.ownWaitGroupField(x.X.Type(), x.Field); ok {
						home(obj, obj.Name()).done = true // a copy
					}
				}
				for _, opnd := range instr.Operands(nil) {
					if g, ok := (*opnd).(*ssa.Global); ok {
						if obj, ok := ps.ownWaitGroupGlobal(g); ok {
							home(obj, obj.Name()).use(fn, instr, g)
						}
					}
				}
			}
		}
	}
	return homes
}

// use classifies one use r, in fn, of addr, the WaitGroup's address.
func (h *wgHome) use(fn *ssa.Function, r ssa.Instruction, addr ssa.Value) {
	if _, ok := r.(*ssa.DebugRef); ok {
		return
	}
	call, ok := r.(ssa.CallInstruction)
	if !ok {
		h.done = true
		return
	}
	c := call.Common()
	callee := c.StaticCallee()
	if callee == nil || len(c.Args) == 0 || c.Args[0] != addr {
		h.done = true
		return
	}
	for _, a := range c.Args[1:] {
		if a == addr {
			h.done = true
			return
		}
	}
	switch e, ok := syncAPI[callee.String()]; {
	case !ok || e.res != ResWaitGroup:
		h.done = true
	case e.op == OpWGAdd:
		k, isConst := c.Args[1].(*ssa.Const)
		if !isConst || k.Value == nil || k.Value.Kind() != constant.Int || constant.Sign(k.Value) <= 0 {
			h.done = true
			return
		}
		h.adds = append(h.adds, chanSite{call.Pos(), fn})
	case e.op == OpWGWait:
		if _, plain := call.(*ssa.Call); plain {
			h.waits = append(h.waits, chanSite{call.Pos(), fn})
		}
	default: // Done, Go
		h.done = true
		if !h.doneAt.pos.IsValid() {
			h.doneAt = chanSite{call.Pos(), fn}
		}
	}
}

// ownWaitGroupGlobal reports whether g is an unexported package-level
// sync.WaitGroup of this package.
func (ps *passState) ownWaitGroupGlobal(g *ssa.Global) (*types.Var, bool) {
	obj, ok := ps.ownGlobal(g)
	return obj, ok && isWaitGroupValue(obj.Type())
}

// ownWaitGroupField reports whether field i of the struct typ (or pointer
// to one) is an unexported sync.WaitGroup value field declared in this
// package.
func (ps *passState) ownWaitGroupField(typ types.Type, i int) (*types.Var, bool) {
	f, ok := ps.ownStructField(typ, i)
	return f, ok && isWaitGroupValue(f.Type())
}

// checkUndoneWaitGroups reports the plain Waits on WaitGroups only this
// package can name that it adds to and never counts down.
func (ps *passState) checkUndoneWaitGroups() {
	reported := make(map[token.Pos]bool)
	for _, h := range ps.undoneWaitGroups() {
		for _, w := range h.waits {
			if reported[w.pos] || !w.pos.IsValid() {
				continue
			}
			reported[w.pos] = true
			a := h.adds[0]
			chain := Chain{
				{Pos: ps.position(w.pos), Func: ps.name(w.fn), What: "waits on " + h.name},
				{Pos: ps.position(a.pos), Func: ps.name(a.fn), What: "adds to " + h.name},
			}
			if d := h.deadDone; d.pos.IsValid() {
				chain = append(chain, Hop{Pos: ps.position(d.pos), Func: ps.name(d.fn), What: "calls Done on it, in code the program never runs"})
			}
			ps.reportUndone(w.pos, h.name, chain)
		}
	}
}
