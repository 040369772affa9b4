package analyzer

import (
	"go/token"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// Sends per object.
//
// A channel field made with a buffer of n, on which at most n sends ever
// happen per object, never fills, whether or not anything receives from
// it: `s := newSyncer(); s.run()`, where run starts, once, a goroutine
// that sends once on s.result, made with a buffer of 1. madeHereSend sees
// the sends its maker makes itself; this sees sends anywhere in the
// package and counts how often each can run per object:
//
//   - a send runs once per run of its function, or without bound in a loop;
//   - a function runs, per object given as its parameter, as often as all
//     its call sites (calls, go and defer statements) run per object, each
//     site once per run of its caller, or without bound in a loop; only a
//     function every call of which is in sight counts (calledOnly:
//     unexported, never used as a value): other packages may call the
//     rest any number of times;
//   - a closure runs as often as the one go statement or call of the
//     closure where it is made, on the object it captures;
//   - an object the function allocates, or gets from a constructor
//     (Summary.FreshObjs, `s, err := newT()` too), is new on each run of
//     that allocation: a use runs once per object unless it can run again
//     without passing the allocation (`for { s := newT(); s.run() }` runs
//     run once per object);
//   - runs are counted per origin of the object (its allocation or
//     constructor call): `a := newT(); a.run(); b := newT(); b.run()`
//     runs run twice, once on each object.
//
// Recursion, and anything else the object comes from (a field, a global,
// a map), counts as unbounded.

// sendsPerObject returns how many sends of sends (all on one field class)
// can run on one object, inf when some send is unbounded. Runs are counted
// per origin of the object (the allocation or constructor call that made
// it): two calls of a method on objects of two origins are one per object.
func (ps *passState) sendsPerObject(sends []*ssa.Send) int {
	c := &objCounter{ps: ps, execs: make(map[objParam]originCounts), ok: ps.calledOnly()}
	total := originCounts{}
	for _, s := range sends {
		ld, ok := s.Chan.(*ssa.UnOp)
		if !ok || ld.Op != token.MUL {
			return inf
		}
		f, ok := ld.X.(*ssa.FieldAddr)
		if !ok {
			return inf
		}
		total.addAll(c.at(s.Parent(), f.X, s))
		if total.max() >= inf {
			return inf
		}
	}
	return total.max()
}

// originCounts counts runs per origin of the object; the nil origin is an
// object the counter cannot trace, counted without bound.
type originCounts map[ssa.Value]int

// unbounded is a fresh count of an object the counter cannot trace (fresh:
// callers add to the counts they are given).
func unbounded() originCounts { return originCounts{nil: inf} }

func (o originCounts) addAll(p originCounts) {
	for k, n := range p {
		o[k] = add(o[k], n)
	}
}

func (o originCounts) max() int {
	m := 0
	for _, n := range o {
		m = max(m, n)
	}
	return m
}

type objParam struct {
	fn *ssa.Function
	i  int
}

type objCounter struct {
	ps    *passState
	execs map[objParam]originCounts // runs of fn per object given as parameter i; nil while being counted
	ok    map[*ssa.Function]bool
	sites map[*ssa.Function][]ssa.CallInstruction
}

// at counts the runs of instruction at, in fn, per object v names there.
func (c *objCounter) at(fn *ssa.Function, v ssa.Value, at ssa.Instruction) originCounts {
	if u, ok := v.(*ssa.UnOp); ok && u.Op == token.MUL {
		if fv, ok := u.X.(*ssa.FreeVar); ok { // a captured variable holding the object
			return c.free(fn, fv, at, true)
		}
		if stored, ok := cellValue(u.X); ok { // a variable a closure captures: its one value
			return c.at(fn, stored, at)
		}
	}
	switch x := v.(type) {
	case *ssa.Parameter:
		if inLoop(at.Block()) {
			return unbounded()
		}
		i := slices.Index(fn.Params, x)
		if i < 0 {
			return unbounded()
		}
		return c.runs(objParam{fn, i})
	case *ssa.FreeVar:
		return c.free(fn, x, at, false)
	case *ssa.Alloc:
		if !x.Heap {
			return unbounded()
		}
		return c.fresh(x, at)
	case *ssa.Call:
		if !c.ps.freshCall(x) {
			return unbounded()
		}
		return c.fresh(x, at)
	case *ssa.Extract: // (s, err := newT())
		call, ok := x.Tuple.(*ssa.Call)
		if !ok || !c.ps.freshResult(call, x.Index) {
			return unbounded()
		}
		return c.fresh(x, at)
	}
	return unbounded()
}

// fresh counts the runs of at per object made by def: one, unless at can
// run again without passing def's block (in that block itself, at follows
// the allocation on every run of it).
func (c *objCounter) fresh(def ssa.Value, at ssa.Instruction) originCounts {
	d, b := def.(ssa.Instruction).Block(), at.Block()
	if b != d && reaches(b.Succs, b, func(x *ssa.BasicBlock) bool { return x == d }) {
		return unbounded()
	}
	return originCounts{def: 1}
}

// free counts the runs of at, in the closure fn, per object its free
// variable fv is bound to (through the variable's cell when cell): the
// closure must be made once, by one go statement or call.
func (c *objCounter) free(fn *ssa.Function, fv *ssa.FreeVar, at ssa.Instruction, cell bool) originCounts {
	if inLoop(at.Block()) {
		return unbounded()
	}
	parent := fn.Parent()
	i := slices.Index(fn.FreeVars, fv)
	if parent == nil || i < 0 {
		return unbounded()
	}
	site, bound, ok := closureSite(parent, fn, i)
	if !ok {
		return unbounded()
	}
	if cell {
		v, ok := cellValue(bound)
		if !ok {
			return unbounded()
		}
		bound = v
	}
	return c.at(parent, bound, site)
}

// closureSite returns the one call, go or defer statement of parent that
// runs fn, a closure parent makes at one place only and uses for nothing
// else, with what parent binds to fn's free variable i; not ok otherwise.
func closureSite(parent, fn *ssa.Function, i int) (ssa.CallInstruction, ssa.Value, bool) {
	var site ssa.CallInstruction
	var bound ssa.Value
	for _, b := range parent.Blocks {
		for _, instr := range b.Instrs {
			mc, ok := instr.(*ssa.MakeClosure)
			if !ok || mc.Fn != fn {
				continue
			}
			refs := *mc.Referrers()
			if site != nil || i < 0 || i >= len(mc.Bindings) || len(refs) != 1 {
				return nil, nil, false
			}
			call, ok := refs[0].(ssa.CallInstruction)
			if !ok || call.Common().Value != mc {
				return nil, nil, false
			}
			site, bound = call, mc.Bindings[i]
		}
	}
	return site, bound, site != nil
}

// runs counts the runs of fn per object given as its parameter i: the sum
// over its call sites, per origin.
func (c *objCounter) runs(p objParam) originCounts {
	if n, ok := c.execs[p]; ok {
		if n == nil {
			return unbounded() // recursion
		}
		return n
	}
	if !c.ok[p.fn] {
		return unbounded()
	}
	c.execs[p] = nil
	total := originCounts{}
	sites := c.callSites()[p.fn]
	if len(sites) == 0 {
		total = unbounded() // (nothing in sight calls it)
	}
	for _, s := range sites {
		args := s.Common().Args
		if p.i >= len(args) {
			total = unbounded()
			break
		}
		total.addAll(c.at(s.Parent(), args[p.i], s))
	}
	c.execs[p] = total
	return total
}

// calledOnly lists the functions of the package named only as the callee
// of static calls, go and defer statements (see namedOnlyAsCallee), never
// a candidate of a call through an interface or a function value. Every
// run of one is one of those sites'.
func (ps *passState) calledOnly() map[*ssa.Function]bool {
	ok := ps.namedOnlyAsCallee(func(ssa.CallInstruction) bool { return true })
	for _, fn := range ps.graph.Funcs() {
		for _, site := range ps.graph.Sites(fn) {
			if site.Dynamic || site.Instr.Common().IsInvoke() {
				for _, callee := range site.Callees {
					delete(ok, callee) // reached through an interface or a function value too
				}
			}
		}
	}
	return ok
}

// callSites lists the static calls, go and defer statements of each
// function of the package that may run.
func (c *objCounter) callSites() map[*ssa.Function][]ssa.CallInstruction {
	if c.sites != nil {
		return c.sites
	}
	c.sites = make(map[*ssa.Function][]ssa.CallInstruction)
	for _, fn := range c.ps.unfedFuncs() {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if ci, ok := instr.(ssa.CallInstruction); ok && !ci.Common().IsInvoke() {
					if callee := ci.Common().StaticCallee(); callee != nil {
						c.sites[callee] = append(c.sites[callee], ci)
					}
				}
			}
		}
	}
	return c.sites
}
