package analyzer

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// Gate objects as happens-before edges.
//
// A gate is often a small object rather than a bare channel:
//
//	type Gate struct { once sync.Once; ch chan struct{} }
//	func (g *Gate) Open() { g.once.Do(func() { close(g.ch) }) }
//	func (g *Gate) Wait() { <-g.ch }
//
//	g := &Gate{ch: make(chan struct{})}
//	go func() { g.Wait(); s.cacheThenStore() }()
//	s.storeThenCache()
//	g.Open()
//
// The goroutine begins by calling a method that does nothing but receive
// from a channel field of the object; the starter made the object and
// hands it to nothing but the goroutine and to methods of its own
// package, and every method that sends on or closes that field (by its
// summary) is called only where then is not reached after. The
// goroutine's work starts after then has returned, as with a channel
// gate (gatedAfter). A method that lets the object out (ParamPublishes)
// or whose summary is unknown, or any other use of the object, and the
// gate proves nothing.

// objectGatedAfter reports whether the goroutine that the go statement g
// starts begins by waiting on a gate object (see above) that its starter
// opens only after then.
func (ps *passState) objectGatedAfter(g, then ssa.Instruction) bool {
	gi, ok := g.(*ssa.Go)
	if !ok {
		return false
	}
	body, bound := goBinding(gi)
	wait, ok := firstWait(body).(*ssa.Call)
	if !ok || len(wait.Call.Args) == 0 {
		return false
	}
	w := wait.Call.StaticCallee()
	if w == nil {
		return false
	}
	field, ok := recvFieldWrapper(w)
	feedsOf := ps.methodFeeds
	latch := false
	if !ok {
		field, ok = condFlagWrapper(w)
		feedsOf = ps.methodSetsFlag
	}
	if !ok {
		field, ok = latchWrapper(w)
		feedsOf, latch = ps.methodUnlocks, true
	}
	if !ok {
		return false
	}
	var obj ssa.Value
	switch o := boundOutside(wait.Call.Args[0], bound).(type) {
	case *ssa.Alloc:
		if o.Parent() != gi.Parent() || !o.Heap {
			return false
		}
		obj = o
	case *ssa.Call: // a constructor's fresh object (Summary.FreshObjs)
		if o.Parent() != gi.Parent() || !ps.freshCall(o) || latch && !ps.returnsLocked(o, field) {
			return false
		}
		obj = o
	default:
		return false
	}
	if _, made := obj.(*ssa.Alloc); made && latch {
		return false // (a latch must be handed over locked: a constructor's)
	}
	fed := 0
	uses, ok := objectUses(obj, false, func(mc *ssa.MakeClosure) bool { return gi.Call.Value == mc })
	if !ok {
		return false
	}
	for _, r := range uses {
		switch r := r.(type) {
		case *ssa.FieldAddr:
			if !literalField(r, obj, gi) {
				return false
			}
		case *ssa.Call:
			feeds, ok := feedsOf(r, field)
			if !ok {
				return false
			}
			if feeds {
				if instrReaches(r, then) {
					return false
				}
				fed++
			}
		default:
			return false
		}
	}
	if fed == 0 {
		return false
	}
	for v, b := range bound {
		if b != obj && b != objCell(obj) {
			continue
		}
		inBody, ok := objectUses(v, b != obj, func(*ssa.MakeClosure) bool { return false })
		if !ok {
			return false
		}
		for _, r := range inBody {
			call, ok := r.(*ssa.Call)
			if !ok {
				return false
			}
			if _, ok := feedsOf(call, field); !ok {
				return false
			}
		}
	}
	return true
}

// freshCall reports whether the call returns, as its one result, an
// object its one static callee allocated and publishes only by returning
// it (a constructor: Summary.FreshObjs).
func (ps *passState) freshCall(call *ssa.Call) bool {
	f := call.Call.StaticCallee()
	return f != nil && f.Signature.Results().Len() == 1 && ps.freshResult(call, 0)
}

// freshResult reports whether result i of the call is such an object (a
// constructor that also returns an error: s, err := newT()).
func (ps *passState) freshResult(call *ssa.Call, i int) bool {
	f := call.Call.StaticCallee()
	if f == nil {
		return false
	}
	sum := ps.summary(f)
	return sum != nil && slices.Contains(sum.FreshObjs, i)
}

// condFlagWrapper reports which field of its receiver (its first
// parameter) fn waits on in a Cond loop or an atomic spin (condgates.go),
// when it does nothing but take locks before the loop and release them
// after it, and sets the flag nowhere: func (g *Gate) Wait() { g.mu.Lock();
// for !g.open { g.cond.Wait() }; g.mu.Unlock() }.
func condFlagWrapper(fn *ssa.Function) (string, bool) {
	if len(fn.Params) == 0 || fn.Signature.Results().Len() != 0 {
		return "", false
	}
	l, ok := firstCondLoop(fn)
	if !ok {
		return "", false
	}
	fa, ok := l.cell.(*ssa.FieldAddr)
	if !ok || fa.X != fn.Params[0] {
		return "", false
	}
	if sets, ok := setsFlag(fn, fa.Field); sets || !ok {
		return "", false
	}
	quiet := everyBlockFrom(l.exit, nil, func(b *ssa.BasicBlock) bool {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.DebugRef, *ssa.FieldAddr, *ssa.Return, *ssa.Jump, *ssa.RunDefers:
			case *ssa.UnOp:
				if x.Op != token.MUL {
					return false
				}
			case *ssa.Call:
				if op := syncOp(x.Common()); op != OpUnlock && op != OpRUnlock {
					return false
				}
			default:
				return false
			}
		}
		return true
	})
	if !quiet {
		return "", false
	}
	return fieldName(fn.Params[0].Type(), fa.Field), true
}

// setsFlag reports whether fn writes anything but false to the field i of
// its receiver (flagUse); not ok when it uses the field's address
// otherwise.
func setsFlag(fn *ssa.Function, i int) (sets, ok bool) {
	ok = fieldFlagWrites([]*ssa.Function{fn}, func(x *ssa.FieldAddr) bool {
		return x.X == fn.Params[0] && x.Field == i
	}, func(ssa.Instruction) bool {
		sets = true
		return true
	})
	return sets && ok, ok
}

// methodSetsFlag is methodFeeds for a flag field (condFlagWrapper):
// whether the call's one static callee sets the flag in the object's
// field to anything but false.
func (ps *passState) methodSetsFlag(call *ssa.Call, field string) (feeds, ok bool) {
	f, _, ok := ps.gateMethod(call)
	if !ok {
		return false, false
	}
	st, isStruct := deref(f.Params[0].Type()).Underlying().(*types.Struct)
	if !isStruct {
		return false, false
	}
	for i := range st.NumFields() {
		if st.Field(i).Name() == field {
			return setsFlag(f, i)
		}
	}
	return false, false
}

// latchWrapper reports which mutex field of its receiver (its first
// parameter) fn locks and unlocks again and does nothing else with:
// func (l *Latch) Wait() { l.mu.Lock(); l.mu.Unlock() }, which returns only
// once whoever holds the mutex has unlocked it.
func latchWrapper(fn *ssa.Function) (string, bool) {
	if len(fn.Params) == 0 || len(fn.Blocks) != 1 || fn.Signature.Results().Len() != 0 {
		return "", false
	}
	var mu *ssa.FieldAddr // (each use of the field is an address of its own)
	var ops []OpKind
	for _, instr := range fn.Blocks[0].Instrs {
		switch x := instr.(type) {
		case *ssa.DebugRef, *ssa.Return:
		case *ssa.FieldAddr:
			if x.X != fn.Params[0] || mu != nil && x.Field != mu.Field {
				return "", false
			}
			mu = x
		case *ssa.Call:
			op := syncOp(x.Common())
			if mu == nil || len(x.Call.Args) != 1 || x.Call.Args[0] != mu || op != OpLock && op != OpUnlock {
				return "", false
			}
			ops = append(ops, op)
		default:
			return "", false
		}
	}
	if mu == nil || !slices.Equal(ops, []OpKind{OpLock, OpUnlock}) {
		return "", false
	}
	return fieldName(fn.Params[0].Type(), mu.Field), true
}

// returnsLocked reports whether the constructor call leaves the mutex in
// the field of the object it returns locked on every return
// (Summary.HeldAtExit): a latch handed over closed.
func (ps *passState) returnsLocked(call *ssa.Call, field string) bool {
	sum := ps.summary(call.Call.StaticCallee())
	if sum == nil {
		return false
	}
	key := fieldClass(call.Type(), field, Class{}).Key
	return slices.ContainsFunc(sum.HeldAtExit, func(a Acquire) bool { return a.Ref.Class.Key == key && a.Mode == Write && len(a.Guards) == 0 })
}

// methodUnlocks is methodFeeds for a latch (latchWrapper): whether the
// call's one static callee unlocks the mutex in the object's field and
// leaves it unlocked (Summary.Releases).
func (ps *passState) methodUnlocks(call *ssa.Call, field string) (feeds, ok bool) {
	_, sum, ok := ps.gateMethod(call)
	if !ok {
		return false, false
	}
	return slices.ContainsFunc(sum.Releases, func(r Ref) bool {
		return r.Base == BaseParam && r.Index == 0 && slices.Equal(r.Path, []string{field})
	}), true
}

// objectUses returns the instructions that use the object v: its own
// uses, and, when it is stored in a captured variable's cell (stored once,
// only loaded otherwise, captured by closures keep accepts), the uses of
// the cell's loads; a free variable of a closure that holds the cell is
// seen through its loads likewise (isCell). DebugRefs are left out. Not ok when the
// cell is used otherwise.
func objectUses(v ssa.Value, isCell bool, keep func(*ssa.MakeClosure) bool) ([]ssa.Instruction, bool) {
	var out []ssa.Instruction
	loads := func(cell ssa.Value, skip ssa.Instruction) bool {
		for _, r := range *cell.Referrers() {
			switch r := r.(type) {
			case *ssa.DebugRef:
			case *ssa.UnOp:
				if r.Op != token.MUL {
					return false
				}
				for _, u := range *r.Referrers() {
					if _, ok := u.(*ssa.DebugRef); !ok {
						out = append(out, u)
					}
				}
			case *ssa.MakeClosure:
				if !keep(r) {
					return false
				}
			default:
				if r != skip {
					return false
				}
			}
		}
		return true
	}
	if isCell {
		return out, loads(v, nil)
	}
	for _, r := range *v.Referrers() {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case *ssa.MakeClosure:
			if !keep(r) {
				return nil, false
			}
		case *ssa.Store:
			cell, ok := r.Addr.(*ssa.Alloc)
			if !ok || r.Val != v || objCell(v) != cell || !loads(cell, r) {
				return nil, false
			}
		default:
			out = append(out, r)
		}
	}
	return out, true
}

// objCell returns the captured variable's cell the object v is stored in
// once, or nil.
func objCell(v ssa.Value) *ssa.Alloc {
	for _, r := range *v.Referrers() {
		if st, ok := r.(*ssa.Store); ok && st.Val == v {
			if cell, ok := st.Addr.(*ssa.Alloc); ok {
				if one, ok := cellOnce(cell); ok && one == st {
					return cell
				}
			}
		}
	}
	return nil
}

// recvFieldWrapper reports which field of its receiver (its first
// parameter, a pointer to a struct) fn receives from, when its one block
// does nothing else: func (g *Gate) Wait() { <-g.ch }.
func recvFieldWrapper(fn *ssa.Function) (string, bool) {
	if len(fn.Params) == 0 || len(fn.Blocks) != 1 || fn.Signature.Results().Len() != 0 {
		return "", false
	}
	p, field, recvs := fn.Params[0], "", 0
	for _, instr := range fn.Blocks[0].Instrs {
		switch x := instr.(type) {
		case *ssa.DebugRef, *ssa.Return:
		case *ssa.FieldAddr:
			if x.X != p {
				return "", false
			}
			field = fieldName(p.Type(), x.Field)
		case *ssa.UnOp:
			switch x.Op {
			case token.MUL:
				if fa, ok := x.X.(*ssa.FieldAddr); !ok || fa.X != p {
					return "", false
				}
			case token.ARROW:
				load, ok := x.X.(*ssa.UnOp)
				if !ok || load.Op != token.MUL || x.CommaOk {
					return "", false
				}
				recvs++
			default:
				return "", false
			}
		default:
			return "", false
		}
	}
	return field, recvs == 1 && field != ""
}

// literalField reports whether r is the address of a field of obj that
// is only stored into before the go statement gi: the literal's fields,
// set before the object is handed on.
func literalField(r ssa.Instruction, obj ssa.Value, gi *ssa.Go) bool {
	fa, ok := r.(*ssa.FieldAddr)
	return ok && fa.X == obj && instrBefore(fa, gi) && onlyStored(fa)
}

// onlyStored reports whether the address v is only stored into.
func onlyStored(v ssa.Value) bool {
	for _, r := range *v.Referrers() {
		if st, ok := r.(*ssa.Store); !ok || st.Addr != v {
			return false
		}
	}
	return true
}

// gateMethod returns the one static callee of a call given an object as
// its first argument only, and its summary, when the callee keeps the
// object to itself (it lets it out nowhere and starts no goroutine); not
// ok otherwise.
func (ps *passState) gateMethod(call *ssa.Call) (*ssa.Function, *Summary, bool) {
	c := call.Common()
	f := c.StaticCallee()
	if f == nil || len(c.Args) == 0 || len(f.Params) == 0 || slices.Contains(c.Args[1:], c.Args[0]) {
		return nil, nil, false
	}
	sum := ps.summary(f)
	if sum == nil || slices.Contains(sum.ParamPublishes, 0) || len(sum.Spawns) > 0 {
		return nil, nil, false
	}
	return f, sum, true
}

// methodFeeds classifies a call given an object as its first argument
// only: whether its one static callee sends on or closes the channel in
// the object's field (by its summary); not ok when the callee is unknown,
// has no summary, or lets its receiver out.
func (ps *passState) methodFeeds(call *ssa.Call, field string) (feeds, ok bool) {
	_, sum, ok := ps.gateMethod(call)
	if !ok {
		return false, false
	}
	for _, op := range sum.Chans {
		if (op.Kind == OpSend || op.Kind == OpClose) && op.Ref.Base == BaseParam && op.Ref.Index == 0 && slices.Equal(op.Ref.Path, []string{field}) {
			return true, true
		}
	}
	return false, true
}
