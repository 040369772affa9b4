package analyzer

import (
	"go/token"
	"go/types"
	"slices"

	"github.com/awaitvet/awaitvet/callgraph"
	"golang.org/x/tools/go/ssa"
)

// neverDrawnFrom reports whether the goroutine of the witness w (whose
// code starts at w.first) takes none of the cycle's orders: each edge it
// can reach is one it never draws, because
//
//   - the function that draws it is called from the goroutine only with
//     constant arguments under which that function never takes the edge's
//     second lock (callsRuleOut: a function whose summary says a lock is
//     taken only when a parameter has a value, Acquire.Guards, `if account
//     { c.mu.Lock() }`, takes none when every call passes the other value:
//     `go func() { c.sweep(false) }()`), or
//   - the second lock is taken, or the function that takes it called, only
//     under a test that a field of the package's own is set, which nothing
//     but the starter sets, after its own order (stateGated: `if
//     c.running { c.d.mu.Lock() }` with `running = true` only after the
//     starter's nesting; a handler field called only when non-nil, set after
//     it).
func (ps *passState) neverDrawnFrom(w spawnWitness, cyc []Edge) bool {
	cs := ps.concurrencyState()
	reached := false
	for _, e := range cyc {
		if e.fn == nil || !cs.reachers(e.fn)[w.first] {
			continue
		}
		reached = true
		if !ps.callsRuleOut(w.first, e) && !ps.stateGated(w, e) {
			return false
		}
	}
	return reached
}

// callsRuleOut reports whether every call of e.fn made by first or the
// functions it calls is static and passes a constant that decides one of
// the guards of e's second acquisition false.
func (ps *passState) callsRuleOut(first *ssa.Function, e Edge) bool {
	if e.fn == first {
		return false
	}
	guards := ps.acquireGuards(e.fn, e.To, e.ToMode)
	if len(guards) == 0 {
		return false
	}
	return ps.everyCall(first, e.fn, func(site *callgraph.Site) bool {
		return !site.Dynamic && len(site.Callees) == 1 && ruledOutBy(guards, site.Instr.Common().Args)
	})
}

// everyCall reports whether first, or a function it calls, calls fn, and
// ok holds for every such call site.
func (ps *passState) everyCall(first, fn *ssa.Function, ok func(*callgraph.Site) bool) bool {
	calls, all := 0, true
	ps.eachSite(first, func(site *callgraph.Site) bool {
		if slices.Contains(site.Callees, fn) {
			calls++
			all = all && ok(site)
		}
		return true
	})
	return calls > 0 && all
}

// acquireGuards returns the guards under which fn's summary says it takes
// the lock ref in mode, nil when it may take it unguarded.
func (ps *passState) acquireGuards(fn *ssa.Function, ref Ref, mode Mode) []Guard {
	sum := ps.sums[fn]
	if sum == nil {
		return nil
	}
	for _, a := range sum.Acquires {
		if a.Ref.key() == ref.key() && a.Mode == mode {
			return a.Guards
		}
	}
	return nil
}

// ruledOutBy reports whether one of the guards is a test of a parameter
// that args (a static call's, receiver first) gives a constant deciding it
// false.
func ruledOutBy(guards []Guard, args []ssa.Value) bool {
	for i := range guards {
		g := &guards[i]
		if g.Free || g.Recover || g.Field > 0 || g.Param < 0 || g.Param >= len(args) {
			continue
		}
		if happens, known := constGuard(g, args[g.Param]); known && !happens {
			return true
		}
	}
	return false
}

// stateGated reports whether the goroutine that w's go statement starts
// draws e only after a field of the package's own has been set that only
// w's function sets, where w.then is not reached after: e's second lock is
// taken in e.fn only under a test that the field is set, or e.fn is called
// (from the goroutine's code) only under such a test. The field starts
// unset (the zero value; a constructor that sets it is a write by another
// function), so the goroutine takes that order only once the starter's
// order is over.
func (ps *passState) stateGated(w spawnWitness, e Edge) bool {
	gi, ok := w.start.(*ssa.Go)
	if !ok || w.within || w.then == nil || len(e.ToChain) == 0 {
		return false
	}
	var fields []setTest
	for i, at := range ps.instrsAt(e.fn, e.ToChain[0].Pos) {
		if fields = ps.setTests(at.Block(), fields, i == 0); len(fields) == 0 {
			break
		}
	}
	for _, f := range fields {
		if ps.setOnlyAfter(f, gi.Parent(), w.then) {
			return true
		}
	}
	if e.fn == w.first {
		return false
	}
	// The calls on the way from the goroutine's code to e.fn.
	var candidates []setTest
	ps.eachSite(w.first, func(site *callgraph.Site) bool {
		for _, f := range ps.setTests(site.Instr.Block(), nil, true) {
			if !slices.Contains(candidates, f) {
				candidates = append(candidates, f)
			}
		}
		return true
	})
	for _, f := range candidates {
		if ps.callsGated(w.first, e.fn, f) && ps.setOnlyAfter(f, gi.Parent(), w.then) {
			return true
		}
	}
	return false
}

// eachSite calls visit with every call site of first and of the functions
// it calls, transitively, while visit says to go on into the site's
// callees.
func (ps *passState) eachSite(first *ssa.Function, visit func(*callgraph.Site) bool) {
	seen := map[*ssa.Function]bool{first: true}
	work := []*ssa.Function{first}
	for len(work) > 0 {
		f := work[len(work)-1]
		work = work[:len(work)-1]
		for _, site := range ps.graph.Sites(f) {
			if !visit(site) {
				continue
			}
			for _, c := range site.Callees {
				if !seen[c] {
					seen[c] = true
					work = append(work, c)
				}
			}
		}
	}
}

// callsGated reports whether every way of calls from first to fn passes a
// call made only under the test t (setTests).
func (ps *passState) callsGated(first, fn *ssa.Function, t setTest) bool {
	gated := true
	ps.eachSite(first, func(site *callgraph.Site) bool {
		if slices.Contains(ps.setTests(site.Instr.Block(), nil, true), t) {
			return false
		}
		if slices.Contains(site.Callees, fn) {
			gated = false
		}
		return true
	})
	return gated
}

// A setTest says a field of the package's own is set: true or non-nil
// (is empty), or equal to the constant whose exact representation is is,
// not the zero value.
type setTest struct {
	field *types.Var
	is    string
}

// mayPass reports whether storing v may make the test pass.
func (t setTest) mayPass(v ssa.Value) bool {
	if t.is == "" {
		return !isConstBool(false)(v) && !isNilConst(v)
	}
	repr, ok := constRepr(v)
	return !ok || repr == t.is
}

// setTests returns the tests that a branch above b makes, on the way to b,
// of a field being set (fieldSetTest): all of them when first, else those
// among tests.
func (ps *passState) setTests(b *ssa.BasicBlock, tests []setTest, first bool) []setTest {
	var out []setTest
	for _, br := range dominatingBranches(b) {
		t, ok := ps.fieldSetTest(br.cond, br.took)
		if ok && (first || slices.Contains(tests, t)) && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// fieldSetTest matches a branch condition that, with the value took, says
// an unexported field of the package's own is set: a load of a bool field
// or an atomic.Bool's Load being true, a load of a field being non-nil, or
// equal to a constant that is not its zero value (s.state == running, or
// s.state != running on the way out of the branch).
func (ps *passState) fieldSetTest(cond ssa.Value, took bool) (setTest, bool) {
	if u, ok := cond.(*ssa.UnOp); ok && u.Op == token.NOT {
		cond, took = u.X, !took
	}
	var addr ssa.Value
	is := ""
	switch c := cond.(type) {
	case *ssa.UnOp:
		if c.Op == token.MUL && took {
			addr = c.X
		}
	case *ssa.Call:
		if name, cell := atomicBoolCall(c.Common()); name == "Load" && took {
			addr = cell
		}
	case *ssa.BinOp:
		x, op, k, whenTrue, ok := constCmp(c)
		cell := readFrom(x)
		if !ok || cell == nil || op != token.EQL && op != token.NEQ {
			break
		}
		equal := (op == token.EQL) == (took == whenTrue)
		switch {
		case k == "nil" && !equal:
			addr = cell
		case k != "nil" && k != "0" && k != `""` && equal:
			addr, is = cell, k
		}
	}
	fx, ok := addr.(*ssa.FieldAddr)
	if !ok {
		return setTest{}, false
	}
	f, ok := ps.ownStructField(fx.X.Type(), fx.Field)
	return setTest{field: f, is: is}, ok
}

// readFrom returns the address x is read from: a load, or the Load of a
// sync/atomic value; nil for anything else.
func readFrom(x ssa.Value) ssa.Value {
	switch x := x.(type) {
	case *ssa.UnOp:
		if x.Op == token.MUL {
			return x.X
		}
	case *ssa.Call:
		if name, cell, _ := atomicMethod(x.Common()); name == "Load" {
			return cell
		}
	}
	return nil
}

// cellUse classifies an instruction that uses a field's address as
// flagUse does, for a value of any sync/atomic type too (its Load reads,
// its Store writes; any other method, Add or Swap, is no use the rules
// follow).
func cellUse(instr ssa.Instruction, cell ssa.Value) (write bool, val ssa.Value, ok bool) {
	if c, isCall := instr.(*ssa.Call); isCall {
		switch name, at, typ := atomicMethod(c.Common()); {
		case typ == "" || at != cell:
		case name == "Load":
			return false, nil, true
		case name == "Store" && len(c.Call.Args) == 2:
			return true, c.Call.Args[1], true
		}
	}
	return flagUse(instr, cell)
}

// setOnlyAfter reports whether every write in the package that may make t
// pass (a store, or an atomic Store, of a value that may: mayPass) is in
// starter, where then is not reached after; false when the field's address
// is used otherwise than to read or write it.
func (ps *passState) setOnlyAfter(t setTest, starter *ssa.Function, then ssa.Instruction) bool {
	for x := range ps.fieldAddrs(t.field) {
		for _, r := range *x.Referrers() {
			write, val, ok := cellUse(r, x)
			if !ok {
				return false
			}
			if write && t.mayPass(val) && (r.Parent() != starter || instrReaches(r, then)) {
				return false
			}
		}
	}
	return true
}
