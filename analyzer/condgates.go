package analyzer

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Cond-guarded flags as happens-before edges.
//
// A goroutine and its starter often order their work with a local flag
// under a sync.Cond instead of a channel: `for !done { cond.Wait() }`.
// The loop is left only once the flag reads true, so when the flag is
// set to true in one place only, everything before that store happens
// before everything after the loop. Two orders of this kind serialise the
// sides of a cross-goroutine claim as a channel gate does (gatedAfter,
// joinedBefore):
//   - the starter waits on the flag, the goroutine sets it as its last
//     signal (no lock taken after it): the goroutine's locking is over
//     (condJoined);
//   - the goroutine begins by waiting on the flag (after taking the
//     Cond's lock), the starter sets it only after then: the goroutine's
//     work starts after then has returned (condGatedAfter).
//
// Only variables of the starter's frame count: their every store is in
// sight (the starter's and the one closure's), where a field may be set
// by any method.
//
// A spin on an atomic flag of the starter's frame (`for !done.Load() {
// runtime.Gosched() }`) orders the same way: the loop is left only once
// the Load returns true, and sync/atomic's operations are synchronising,
// so whatever preceded the Store(true) happens before the loop's exit. Its
// body needs no Wait; a plain flag read without a Cond is a data race,
// which orders nothing.

// A condLoop is `for !flag { c.Wait() }` over a local variable's cell, or
// `for !flag.Load() { ... }` over a local atomic.Bool.
type condLoop struct {
	head *ssa.BasicBlock // loads the flag and branches on it
	exit *ssa.BasicBlock // where the loop goes when the flag is true
	cell ssa.Value       // the flag's cell: an Alloc, a free variable, or a field's address
}

// condLoopAt reports the loop whose head is b, when b ends in a branch on
// a load of a cell, the false edge leads to a Cond.Wait that leads back to
// b, and the true edge leaves the loop.
func condLoopAt(b *ssa.BasicBlock) (condLoop, bool) {
	if len(b.Instrs) == 0 || len(b.Succs) != 2 {
		return condLoop{}, false
	}
	ifi, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return condLoop{}, false
	}
	cond, onTrue, onFalse := ifi.Cond, b.Succs[0], b.Succs[1]
	if not, ok := cond.(*ssa.UnOp); ok && not.Op == token.NOT {
		cond, onTrue, onFalse = not.X, onFalse, onTrue
	}
	cell, atomic := flagRead(cond)
	switch cell.(type) {
	case *ssa.Alloc, *ssa.FreeVar, *ssa.FieldAddr: // (a field: see flagFieldGatedAfter)
	default:
		return condLoop{}, false
	}
	if onTrue == b || reachesBlock(onTrue, b) || !reachesBlock(onFalse, b) || !atomic && !waitsBefore(onFalse, b) {
		return condLoop{}, false
	}
	return condLoop{head: b, exit: onTrue, cell: cell}, true
}

// flagRead returns the cell a branch condition reads: the address a load
// reads, or the atomic.Bool whose Load it calls (atomic).
func flagRead(v ssa.Value) (cell ssa.Value, atomic bool) {
	switch x := v.(type) {
	case *ssa.UnOp:
		if x.Op == token.MUL {
			return x.X, false
		}
	case *ssa.Call:
		if name, at := atomicBoolCall(x.Common()); name == "Load" {
			return at, true
		}
	}
	return nil, false
}

// atomicBoolCall returns the method of *sync/atomic.Bool that c calls,
// and the Bool it calls it on.
func atomicBoolCall(c *ssa.CallCommon) (string, ssa.Value) {
	if name, recv, typ := atomicMethod(c); typ == "Bool" {
		return name, recv
	}
	return "", nil
}

// atomicMethod returns the method of a sync/atomic type that c calls
// (Load, Store, Swap, CompareAndSwap, Add, ...), the value it calls it on,
// and the type's name; typ is "" for any other call.
func atomicMethod(c *ssa.CallCommon) (name string, recv ssa.Value, typ string) {
	f := c.StaticCallee()
	if f == nil || f.Signature.Recv() == nil || len(c.Args) == 0 {
		return "", nil, ""
	}
	n, ok := types.Unalias(deref(f.Signature.Recv().Type())).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != "sync/atomic" {
		return "", nil, ""
	}
	return f.Name(), c.Args[0], n.Obj().Name()
}

// flagUse classifies an instruction that uses a flag's cell: a read (a
// load, an atomic Load), a write of val (a store, an atomic Store), or
// neither (ok false: any other use, an atomic Swap or CompareAndSwap
// included, which the rules below do not follow).
func flagUse(instr ssa.Instruction, cell ssa.Value) (write bool, val ssa.Value, ok bool) {
	switch r := instr.(type) {
	case *ssa.DebugRef:
		return false, nil, true
	case *ssa.UnOp:
		return false, nil, r.Op == token.MUL
	case *ssa.Store:
		return true, r.Val, r.Addr == cell
	case *ssa.Call:
		switch name, at := atomicBoolCall(r.Common()); {
		case at != cell:
		case name == "Load":
			return false, nil, true
		case name == "Store":
			return true, r.Call.Args[1], true
		}
	}
	return false, nil, false
}

// waitsBefore reports whether every path from the block from back to head
// calls Cond.Wait: the loop's body waits before it tests again.
func waitsBefore(from, head *ssa.BasicBlock) bool {
	seen := make(map[*ssa.BasicBlock]bool)
	var walk func(b *ssa.BasicBlock) bool
	walk = func(b *ssa.BasicBlock) bool {
		if b == head {
			return false
		}
		if seen[b] {
			return true
		}
		seen[b] = true
		for _, instr := range b.Instrs {
			if c, ok := instr.(*ssa.Call); ok && syncOp(c.Common()) == OpCondWait {
				return true
			}
		}
		if len(b.Succs) == 0 {
			return true // a path that ends (panics, returns) does not test again
		}
		for _, s := range b.Succs {
			if !walk(s) {
				return false
			}
		}
		return true
	}
	return reachesBlock(from, head) && walk(from)
}

// condJoined reports whether s, after starting the goroutine at g, waits
// in a Cond loop whose exit comes before then on every path, on a flag of
// its own frame that only that goroutine sets to true, as its last signal
// (see lastSignals: no lock taken after the store). s itself only ever
// stores false in it.
func (ps *passState) condJoined(s *ssa.Function, g, then ssa.Instruction, nestingOnly bool) bool {
	gi, ok := g.(*ssa.Go)
	if !ok {
		return false
	}
	body, bound := goBinding(gi)
	if body == nil {
		return false
	}
	for _, b := range s.Blocks {
		l, ok := condLoopAt(b)
		if !ok || !instrBefore(g, b.Instrs[0]) || !l.exit.Dominates(then.Block()) {
			continue
		}
		if fx, ok := l.cell.(*ssa.FieldAddr); ok {
			if stores, ok := freshFlagStores(fx, gi, body, bound); ok && len(stores) > 0 && ps.lastIn(body, stores, nestingOnly) {
				return true
			}
			continue
		}
		a, ok := l.cell.(*ssa.Alloc)
		if !ok || !onlyClosure(a, gi, func(_ ssa.Instruction, val ssa.Value) bool { return isConstBool(false)(val) }) {
			continue
		}
		stores, ok := bodyStores(body, bound, a, true)
		if !ok || len(stores) == 0 {
			continue
		}
		if ps.lastIn(body, stores, nestingOnly) {
			return true
		}
	}
	return false
}

// freshFlagStores returns the goroutine body's stores of true into the flag
// field the starter's Cond loop tests (fx, a field of an object the starter
// made: b := &barrier{}; for !b.done { b.cond.Wait() }), when nobody else
// can set it: the starter shows the object to no one but the goroutine gi
// (it only reads and writes its fields, gives their addresses to package
// sync, and captures the variable that holds it in gi's closure), it
// stores only false in the flag, and the body uses the object in the same
// ways, storing only true.
func freshFlagStores(fx *ssa.FieldAddr, gi *ssa.Go, body *ssa.Function, bound map[ssa.Value]ssa.Value) ([]ssa.Instruction, bool) {
	load, ok := fx.X.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return nil, false
	}
	cell, ok := load.X.(*ssa.Alloc)
	if !ok {
		return nil, false
	}
	obj, ok := uniqueStore(cell).(*ssa.Alloc)
	if !ok || !obj.Heap {
		return nil, false
	}
	field := fx.Field
	// uses checks the uses of a value that is the object: field addresses
	// (the flag's written only with want), and, in the starter, the store
	// into the cell.
	var stores []ssa.Instruction
	uses := func(v ssa.Value, want bool, starter bool) bool {
		for _, r := range *v.Referrers() {
			switch r := r.(type) {
			case *ssa.DebugRef:
			case *ssa.Store:
				if !starter || r.Addr != ssa.Value(cell) || r.Val != v {
					return false
				}
			case *ssa.FieldAddr:
				if r.Field != field {
					if !fieldOnlyUsed(r) {
						return false
					}
					continue
				}
				for _, fr := range *r.Referrers() {
					write, val, ok := flagUse(fr, r)
					if !ok || write && !isConstBool(want)(val) {
						return false
					}
					if write && !starter {
						stores = append(stores, fr)
					}
				}
			default:
				return false
			}
		}
		return true
	}
	if !uses(obj, false, true) {
		return nil, false
	}
	for _, r := range *cell.Referrers() {
		switch r := r.(type) {
		case *ssa.DebugRef, *ssa.Store:
		case *ssa.MakeClosure:
			if gi.Call.Value != r {
				return nil, false
			}
		case *ssa.UnOp:
			if r.Op != token.MUL || !uses(r, false, true) {
				return nil, false
			}
		default:
			return nil, false
		}
	}
	for _, fv := range body.FreeVars {
		if bound[fv] != cell {
			continue
		}
		for _, r := range *fv.Referrers() {
			l, ok := r.(*ssa.UnOp)
			if _, dbg := r.(*ssa.DebugRef); dbg {
				continue
			}
			if !ok || l.Op != token.MUL || !uses(l, true, false) {
				return nil, false
			}
		}
	}
	return stores, true
}

// lastIn reports whether no lock is taken after any of the instructions
// at of the goroutine body that g starts, which starts no goroutine (a
// deferred call among them runs after all of the body's: see
// lastDeferred, which its caller checked).
func (ps *passState) lastIn(body *ssa.Function, at []ssa.Instruction, nestingOnly bool) bool {
	acqs, ok := ps.bodyAcquisitions(body, nestingOnly)
	if !ok {
		return false
	}
	for _, e := range at {
		if _, deferred := e.(*ssa.Defer); deferred {
			continue // runs after every acquisition of the body (lastDeferred)
		}
		for _, x := range acqs {
			if instrReaches(e, x) {
				return false
			}
		}
	}
	return true
}

// condGatedAfter reports whether the goroutine that g starts begins (after
// taking locks only) with a Cond loop on a flag of the starter's frame
// that it never stores, and that the starter sets to anything but false
// only where then is not reached after.
func condGatedAfter(g, then ssa.Instruction) bool {
	gi, ok := g.(*ssa.Go)
	if !ok {
		return false
	}
	body, bound := goBinding(gi)
	l, ok := firstCondLoop(body)
	if !ok {
		return false
	}
	a, ok := bound[l.cell].(*ssa.Alloc)
	if !ok || a.Parent() != gi.Parent() {
		return false
	}
	opens := 0
	if !onlyClosure(a, gi, func(st ssa.Instruction, val ssa.Value) bool {
		if isConstBool(false)(val) {
			return true
		}
		opens++
		return !instrReaches(st, then)
	}) {
		return false
	}
	stores, ok := bodyStores(body, bound, a, false)
	return ok && len(stores) == 0 && opens > 0
}

// firstCondLoop returns the Cond loop the body enters first, when
// nothing before it but lock calls acts (and defers of what takes no lock).
func firstCondLoop(body *ssa.Function) (condLoop, bool) {
	if body == nil || len(body.Blocks) == 0 {
		return condLoop{}, false
	}
	seen := make(map[*ssa.BasicBlock]bool)
	for b := body.Blocks[0]; !seen[b]; {
		seen[b] = true
		if l, ok := condLoopAt(b); ok {
			return l, true
		}
		var next *ssa.BasicBlock
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.DebugRef, *ssa.FieldAddr:
			case *ssa.UnOp:
				if x.Op != token.MUL {
					return condLoop{}, false
				}
			case *ssa.Call:
				if name, _ := atomicBoolCall(x.Common()); name == "Load" {
					continue // the flag's own read, tested at the block's end
				}
				switch syncOp(x.Common()) { // a mutex's, or a Cond's L
				case OpLock, OpRLock, OpUnlock, OpRUnlock:
				default:
					return condLoop{}, false
				}
			case *ssa.Defer: // (runs at the end: a close, an Unlock, a Done)
				if _, builtin := x.Call.Value.(*ssa.Builtin); !builtin {
					if op := syncOp(x.Common()); op != OpUnlock && op != OpRUnlock && op != OpWGDone {
						return condLoop{}, false
					}
				}
			case *ssa.Jump:
				next = b.Succs[0]
			default:
				return condLoop{}, false
			}
		}
		if next == nil {
			return condLoop{}, false
		}
		b = next
	}
	return condLoop{}, false
}

// onlyClosure reports whether the cell a is used only by reads, by writes
// that store accepts (see flagUse), and by the closure that gi starts.
func onlyClosure(a *ssa.Alloc, gi *ssa.Go, store func(at ssa.Instruction, val ssa.Value) bool) bool {
	for _, r := range *a.Referrers() {
		if mc, ok := r.(*ssa.MakeClosure); ok {
			if gi.Call.Value != mc {
				return false
			}
			continue
		}
		write, val, ok := flagUse(r, a)
		if !ok || write && !store(r, val) {
			return false
		}
	}
	return true
}

// bodyStores returns the stores of the goroutine body to its free variable
// bound to the cell a; not ok when it uses that variable otherwise than to
// load it or to store want in it (another closure, say).
func bodyStores(body *ssa.Function, bound map[ssa.Value]ssa.Value, a *ssa.Alloc, want bool) ([]ssa.Instruction, bool) {
	var out []ssa.Instruction
	for _, fv := range body.FreeVars {
		if bound[fv] != a {
			continue
		}
		for _, r := range *fv.Referrers() {
			write, val, ok := flagUse(r, fv)
			if !ok || write && !isConstBool(want)(val) {
				return nil, false
			}
			if write {
				out = append(out, r)
			}
		}
	}
	return out, true
}
