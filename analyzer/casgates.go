package analyzer

import (
	"go/constant"
	"go/token"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// Compare-and-swap gates.
//
// `if !s.busy.CompareAndSwap(false, true) { return }; defer s.busy.Store(false)`
// is a TryLock: of the goroutines that reach it, one wins until the winner
// stores the old value back, and the others give up. Two lock orders taken
// only after winning one field's swap (both winners, the field's flip from
// old to new their only way in) never run at once, as two orders taken
// under one outer mutex do not. A gate serves as such a lock where the
// package writes its field only so: swaps from the one old value to the
// one new value, and stores of the old value by a function that has won the
// swap before them (the release, deferred or not). A field that anything
// else writes (a Stop that resets it, a Store of the new value, a
// constructor's store) may let a second goroutine in: no gate.

// A casWin is a won swap: the block only its success leads to, or the
// call of a function that returns only once it has won (for
// !s.busy.CompareAndSwap(false, true) { runtime.Gosched() }), which
// holds the gate from the call on.
type casWin struct {
	key  string // the gate's field, "cas:" and its class
	cas  ssa.Instruction
	succ *ssa.BasicBlock // nil for a call
	val  constant.Value  // for a release (casIndex.releases), the value it stores
}

// holds reports whether the win comes before instr on every path to it.
func (w casWin) holds(instr ssa.Instruction) bool {
	if w.succ == nil {
		return w.cas != instr && instrBefore(w.cas, instr)
	}
	return w.succ.Dominates(instr.Block())
}

// casIndex holds the package's gates, by function.
type casIndex struct {
	wins     map[*ssa.Function][]casWin
	releases map[*ssa.Function][]casWin // stores of the old value (cas: the store)
}

// casGates indexes the package's swaps once.
func (ps *passState) casGates() *casIndex {
	if ps.cas != nil {
		return ps.cas
	}
	ix := &casIndex{wins: make(map[*ssa.Function][]casWin), releases: make(map[*ssa.Function][]casWin)}
	ps.cas = ix
	type flip struct{ old, new constant.Value }
	flips := make(map[string]flip)
	invalid := make(map[string]bool)
	fns := ps.packageFuncs()
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if st, ok := instr.(*ssa.Store); ok {
					if k, ok := ps.casField(st.Addr); ok {
						invalid[k] = true // a plain store: a value the gate cannot tell
					}
					continue
				}
				call, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				kind, k, vals, ok := ps.fieldWrite(call.Common())
				if !ok {
					continue
				}
				switch {
				case kind == "CompareAndSwap" && len(vals) == 2 && vals[0] != nil && vals[1] != nil && !constant.Compare(vals[0], token.EQL, vals[1]):
					if f, seen := flips[k]; seen && (!constant.Compare(f.old, token.EQL, vals[0]) || !constant.Compare(f.new, token.EQL, vals[1])) {
						invalid[k] = true // two flips: which value is "held"?
					}
					flips[k] = flip{vals[0], vals[1]}
					if c, isCall := instr.(*ssa.Call); isCall {
						if succ := wonBlock(c); succ != nil {
							ix.wins[fn] = append(ix.wins[fn], casWin{key: k, cas: instr, succ: succ})
						}
					}
				case kind == "Store" && len(vals) == 1 && vals[0] != nil:
					ix.releases[fn] = append(ix.releases[fn], casWin{key: k, cas: instr, val: vals[0]})
				default:
					invalid[k] = true // Swap, Add, a store of an unknown value
				}
			}
		}
	}
	ix.addAcquirers(fns)
	// A release stores the old value, after its function's own win.
	for fn, rels := range ix.releases {
		for _, r := range rels {
			f, ok := flips[r.key]
			if !ok || !constant.Compare(f.old, token.EQL, r.val) || !wonBefore(ix.wins[fn], r.key, r.cas) {
				invalid[r.key] = true
			}
		}
	}
	for fn, wins := range ix.wins {
		ix.wins[fn] = slices.DeleteFunc(wins, func(w casWin) bool { return invalid[w.key] })
	}
	return ix
}

// casGatesHeldAt lists the gates fn holds at instr: a win of the gate's
// swap dominates it, and no release of the gate reaches it without passing
// that swap again.
func (ps *passState) casGatesHeldAt(fn *ssa.Function, instr ssa.Instruction) []string {
	ix := ps.casGates()
	var held []string
	for _, w := range ix.wins[fn] {
		if slices.Contains(held, w.key) || !w.holds(instr) {
			continue
		}
		released := false
		for _, r := range ix.releases[fn] {
			if _, deferred := r.cas.(*ssa.Defer); !deferred && r.key == w.key && reachesAvoidingAny(r.cas, instr, []ssa.Instruction{w.cas}) {
				released = true
			}
		}
		if !released {
			held = append(held, w.key)
		}
	}
	return held
}

// gatesHeldAt lists the semaphores and swap gates fn holds at instr.
func (ps *passState) gatesHeldAt(fn *ssa.Function, instr ssa.Instruction) []string {
	return append(ps.semsHeldAt(fn, instr), ps.casGatesHeldAt(fn, instr)...)
}

// wonBefore reports whether one of wins of the gate k dominates instr (the
// release, or the defer statement that registers it).
func wonBefore(wins []casWin, k string, instr ssa.Instruction) bool {
	return slices.ContainsFunc(wins, func(w casWin) bool { return w.key == k && w.holds(instr) })
}

// addAcquirers adds, as wins, the calls of the package's functions that
// return only holding a gate: a win of their own comes before every
// return, and they release nothing.
func (ix *casIndex) addAcquirers(fns []*ssa.Function) {
	acquires := make(map[*ssa.Function][]string)
	for fn, wins := range ix.wins {
		rets := returnBlocks(fn)
		for _, w := range wins {
			if len(rets) == 0 || len(ix.releases[fn]) > 0 || slices.Contains(acquires[fn], w.key) {
				continue
			}
			if !slices.ContainsFunc(rets, func(b *ssa.BasicBlock) bool { return !w.holds(b.Instrs[len(b.Instrs)-1]) }) {
				acquires[fn] = append(acquires[fn], w.key)
			}
		}
	}
	if len(acquires) == 0 {
		return
	}
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				c, ok := instr.(*ssa.Call)
				if !ok {
					continue
				}
				for _, k := range acquires[c.Call.StaticCallee()] {
					ix.wins[fn] = append(ix.wins[fn], casWin{key: k, cas: c})
				}
			}
		}
	}
}

// wonBlock returns the block that only the swap's success leads to: the
// branch of an If on its result (or on its negation) taken when it is
// true, when that block has no other way in.
func wonBlock(c *ssa.Call) *ssa.BasicBlock {
	if c.Referrers() == nil {
		return nil
	}
	for _, r := range *c.Referrers() {
		v, taken := ssa.Value(c), 0
		if n, ok := r.(*ssa.UnOp); ok && n.Op == token.NOT && n.Referrers() != nil && len(*n.Referrers()) == 1 {
			v, taken, r = n, 1, (*n.Referrers())[0]
		}
		if ifi, ok := r.(*ssa.If); ok && ifi.Cond == v {
			succ := ifi.Block().Succs[taken]
			if len(succ.Preds) == 1 {
				return succ
			}
		}
	}
	return nil
}

// fieldWrite recognises a write of a sync/atomic value held in a field of
// one of the package's types (s.busy.CompareAndSwap(false, true),
// atomic.StoreInt32(&s.state, 0)): what it is (CompareAndSwap, Store,
// Swap, Add...), the field's gate key, and its constant operands (nil
// where one is not a constant).
func (ps *passState) fieldWrite(c *ssa.CallCommon) (kind, key string, vals []constant.Value, ok bool) {
	name, _, typ := atomicMethod(c) // (its receiver is its first argument)
	if typ == "" {
		// a function of the package: atomic.StoreInt32(&s.state, 0)
		f := c.StaticCallee()
		if f == nil || f.Pkg == nil || f.Pkg.Pkg.Path() != "sync/atomic" || len(c.Args) == 0 {
			return "", "", nil, false
		}
		name = f.Name()
	}
	for _, p := range []string{"CompareAndSwap", "Store", "Swap", "Add", "And", "Or"} {
		if strings.HasPrefix(name, p) {
			kind = p
		}
	}
	if kind == "" {
		return "", "", nil, false // a Load
	}
	if key, ok = ps.casField(c.Args[0]); !ok {
		return "", "", nil, false
	}
	for _, a := range c.Args[1:] {
		var v constant.Value
		if k, isConst := a.(*ssa.Const); isConst {
			v = k.Value
		}
		vals = append(vals, v)
	}
	return kind, key, vals, true
}

// casField names the unexported field of one of the package's types that
// addr points at, as a gate key.
func (ps *passState) casField(addr ssa.Value) (string, bool) {
	fa, ok := addr.(*ssa.FieldAddr)
	if !ok {
		return "", false
	}
	k, own := ps.ownFieldKey(fa)
	return "cas:" + k, own
}
