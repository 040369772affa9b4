package analyzer

import (
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// Locks taken only when a flag field says so.
//
// `func (s *S) add() { if !s.inBatch { s.mu.Lock(); defer s.mu.Unlock() } ... }`
// locks only when the receiver's inBatch field is false; a caller that
// holds s.mu sets it first (`s.inBatch = true; s.add()`). The acquisition
// carries the field tests that dominate it (Acquire.Only), and a call site
// that has just stored a constant into that very field decides them: an
// acquisition its own store rules out neither conflicts nor orders. A call
// site that stored nothing there (or called, in between, anything that may
// store that field) takes the acquisition as before.

// A FieldTest says that an acquisition happens only when a test of a value
// the function was entered with had the result Val: the bool field at Path
// from parameter Param (Op zero), or a comparison (Op) of that value with
// the constant whose exact representation Is holds ("nil" for nil). An
// empty Path names the parameter itself; Len takes its length first
// (`if len(xs) == 0 { return }`, `if depth > 0`, `if s.err != nil`,
// `switch s.state { case idle: ... }`).
type FieldTest struct {
	Param int
	Path  []string
	Val   bool
	Op    token.Token
	Is    string
	Len   bool
	// Key, when set, makes the tested value ctx.Value(Key) for the
	// context parameter Param (Op EQL or NEQ, Is "nil"; see ctxvalue.go).
	Key string
	// Index, when set, makes the tested value element Index-1 of the
	// parameter, a slice the function never stores into (a variadic
	// option: `if len(locked) == 0 || !locked[0]`).
	Index int
	// Mask, when set, makes the tested value the bits of the value that
	// the constant whose exact representation Mask holds selects (`if
	// flags&lockHeld == 0`).
	Mask string
	// Ready, when set, makes the test whether a receive from the channel
	// at Path is ready, as a select of that one receive and a default
	// tells (`select { case <-p.closed: return; default: }`): Val false is
	// the default's way, which a closed channel never takes.
	Ready bool
}

// fieldTests returns the tests that dominate block b, each with the value
// it has on the way to b: of bool fields of parameters, and comparisons of
// parameters, their lengths and their fields with constants, for the
// fields the function never stores itself (see enteredWith).
func (fa *fnAnalysis) fieldTests(b *ssa.BasicBlock) []FieldTest {
	if out, ok := fa.blockTests[b]; ok {
		return out
	}
	out := slices.Clip(fa.dominatingTests(b)) // (shared: an append copies)
	if fa.blockTests == nil {
		fa.blockTests = make(map[*ssa.BasicBlock][]FieldTest)
	}
	fa.blockTests[b] = out
	return out
}

func (fa *fnAnalysis) dominatingTests(b *ssa.BasicBlock) []FieldTest {
	// (Only a branch whose taken edge leads to b alone: where both sides
	// meet again before b, the test says nothing of it.)
	var out []FieldTest
	for _, br := range dominatingBranches(b) {
		if t, ok := fa.branchTest(br.cond, br.took); ok {
			out = append(out, t)
		}
	}
	return out
}

// cmpTest matches a branch condition that compares a value the function
// was entered with (see enteredWith), or its length, with a constant (an
// integer, a string or nil: constCmp), its result on the way being val.
func (fa *fnAnalysis) cmpTest(cond ssa.Value, val bool) (FieldTest, bool) {
	x, op, is, whenTrue, ok := constCmp(cond)
	if !ok {
		return FieldTest{}, false
	}
	if t, ok := fa.ctxValueTest(x); ok {
		if is != "nil" {
			return FieldTest{}, false
		}
		t.Op, t.Is, t.Val = op, is, whenTrue == val
		return t, true
	}
	var length bool
	var mask string
	if and, isAnd := x.(*ssa.BinOp); isAnd && and.Op == token.AND {
		y, m := and.X, and.Y
		if _, isConst := y.(*ssa.Const); isConst {
			y, m = m, y
		}
		if r, isConst := constRepr(m); isConst && r != "nil" {
			x, mask = y, r
		}
	}
	if c, isCall := x.(*ssa.Call); isCall && mask == "" {
		if b, isLen := c.Call.Value.(*ssa.Builtin); isLen && b.Name() == "len" && len(c.Call.Args) == 1 {
			x, length = c.Call.Args[0], true
		}
	}
	t, ok := fa.enteredWith(x)
	if !ok {
		return FieldTest{}, false
	}
	t.Op, t.Is, t.Len, t.Val, t.Mask = op, is, length, whenTrue == val, mask
	return t, true
}

// enteredWith names v as a parameter, or as the load of a field reached
// from a parameter through fields alone that the function never stores
// (plainly, or by an atomic type's Load): what it held when the function
// was entered.
func (fa *fnAnalysis) enteredWith(v ssa.Value) (FieldTest, bool) {
	if p, ok := v.(*ssa.Parameter); ok {
		return FieldTest{Param: paramIndex(fa.fn, p)}, true
	}
	if c, ok := v.(*ssa.Call); ok {
		// an atomic field's Load reads the field as a load would
		if name, recv, typ := atomicMethod(c.Common()); typ != "" && name == "Load" {
			return fa.enteredAt(recv)
		}
		return FieldTest{}, false
	}
	ld, ok := v.(*ssa.UnOp)
	if !ok || ld.Op != token.MUL {
		return FieldTest{}, false
	}
	if ia, ok := ld.X.(*ssa.IndexAddr); ok {
		p, isParam := ia.X.(*ssa.Parameter)
		k, isConst := ia.Index.(*ssa.Const)
		if !isParam || !isConst || k.Value == nil || !elementsRead(p) {
			return FieldTest{}, false
		}
		i, exact := constant.Int64Val(k.Value)
		if !exact || i < 0 || i > 8 {
			return FieldTest{}, false
		}
		return FieldTest{Param: paramIndex(fa.fn, p), Index: int(i) + 1}, true
	}
	return fa.enteredAt(ld.X)
}

// enteredAt names the field address addr by the parameter it is reached
// from through fields alone, when no store of the function into a field of
// that name can come before it (the value there is the one the function
// was entered with; a flush that empties the batch after testing it,
// `if len(b.pending) == 0 { return }; ...; b.pending = nil`, still tests
// its caller's batch).
func (fa *fnAnalysis) enteredAt(addr ssa.Value) (FieldTest, bool) {
	root, chain := fieldChain(addr)
	var path []string
	for _, f := range chain {
		path = append(path, fieldName(f.X.Type(), f.Field))
	}
	p, ok := root.(*ssa.Parameter)
	if !ok || len(path) == 0 {
		return FieldTest{}, false
	}
	if at, isInstr := addr.(ssa.Instruction); !isInstr || storesFieldBefore(fa.fn, path[len(path)-1], at) {
		return FieldTest{}, false
	}
	return FieldTest{Param: paramIndex(fa.fn, p), Path: path}, true
}

// fieldTest names the load v of a bool field reached from a parameter
// through fields alone, when the function stores no field of that name.
func (fa *fnAnalysis) fieldTest(v ssa.Value, val bool) (FieldTest, bool) {
	var t FieldTest
	ok := false
	if c, isCall := v.(*ssa.Call); isCall {
		// an atomic.Bool field's Load reads the field as a load would
		if name, at := atomicBoolCall(c.Common()); name == "Load" {
			t, ok = fa.enteredAt(at)
		}
	} else if ld, isLoad := v.(*ssa.UnOp); isLoad && ld.Op == token.MUL && isBool(ld.Type()) {
		t, ok = fa.enteredWith(v)
	}
	if !ok || len(t.Path) == 0 && t.Index == 0 {
		return FieldTest{}, false
	}
	t.Val = val
	return t, true
}

// elementsRead reports whether the function only reads the elements of
// the slice p: every use is len, an index address only loaded, or a
// comparison, so an element tested twice is the caller's value both times.
func elementsRead(p *ssa.Parameter) bool {
	for _, r := range *p.Referrers() {
		switch r := r.(type) {
		case *ssa.IndexAddr:
			for _, u := range *r.Referrers() {
				if ld, ok := u.(*ssa.UnOp); !ok || ld.Op != token.MUL {
					if _, dbg := u.(*ssa.DebugRef); !dbg {
						return false
					}
				}
			}
		case *ssa.Call:
			b, ok := r.Call.Value.(*ssa.Builtin)
			if !ok || b.Name() != "len" {
				return false
			}
		case *ssa.BinOp, *ssa.DebugRef:
		default:
			return false
		}
	}
	return true
}

// elemArg is element i of a slice argument the caller builds in place (a
// variadic call's arguments, a slice literal): the one store into that
// element of the array, or its zero value when nothing stores it.
func elemArg(v ssa.Value, i int) (ssa.Value, bool) {
	a, n, ok := freshArray(v)
	if !ok || int64(i) >= n {
		return nil, false
	}
	var val ssa.Value
	stores := 0
	for _, r := range *a.Referrers() {
		ia, ok := r.(*ssa.IndexAddr)
		if !ok {
			continue
		}
		k, ok := ia.Index.(*ssa.Const)
		if !ok || k.Value == nil {
			return nil, false
		}
		if j, _ := constant.Int64Val(k.Value); int(j) != i {
			continue
		}
		for _, u := range *ia.Referrers() {
			if st, ok := u.(*ssa.Store); ok && st.Addr == ia {
				val, stores = st.Val, stores+1
			}
		}
	}
	switch stores {
	case 0:
		t := a.Type().Underlying().(*types.Pointer).Elem().Underlying().(*types.Array).Elem()
		if !isBool(t) {
			return nil, false
		}
		return ssa.NewConst(constant.MakeBool(false), t), true
	case 1:
		return val, true
	}
	return nil, false
}

// freshArray returns the array a slice value v was cut whole from, when
// that array is a local allocation whose every use is an element address
// only stored to, or the one slicing: a slice the caller builds in place,
// which nothing else can change. n is its length.
func freshArray(v ssa.Value) (*ssa.Alloc, int64, bool) {
	sl, ok := v.(*ssa.Slice)
	if !ok || sl.Low != nil || sl.High != nil || sl.Max != nil {
		return nil, 0, false
	}
	a, ok := sl.X.(*ssa.Alloc)
	if !ok {
		return nil, 0, false
	}
	arr, ok := a.Type().Underlying().(*types.Pointer).Elem().Underlying().(*types.Array)
	if !ok {
		return nil, 0, false
	}
	for _, r := range *a.Referrers() {
		switch r := r.(type) {
		case *ssa.Slice:
			if r != sl {
				return nil, 0, false
			}
		case *ssa.IndexAddr:
			for _, u := range *r.Referrers() {
				if st, ok := u.(*ssa.Store); !ok || st.Addr != r {
					return nil, 0, false
				}
			}
		case *ssa.DebugRef:
		default:
			return nil, 0, false
		}
	}
	return a, arr.Len(), true
}

// storesField reports whether fn stores into a field named name.
func storesField(fn *ssa.Function, name string) bool {
	return storesFieldBefore(fn, name, nil)
}

// storesFieldBefore reports whether fn stores into a field named name at
// an instruction from which at can be reached (anywhere, with at nil).
func storesFieldBefore(fn *ssa.Function, name string, at ssa.Instruction) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			var f *ssa.FieldAddr
			switch x := instr.(type) {
			case *ssa.Store:
				f, _ = x.Addr.(*ssa.FieldAddr)
			case *ssa.Call:
				f, _ = atomicWrite(x.Common())
			}
			if f != nil && fieldName(f.X.Type(), f.Field) == name && (at == nil || instrReaches(instr, at)) {
				return true
			}
		}
	}
	return false
}

// atomicWrite returns the field that c writes through a method of a
// sync/atomic type other than Load (Store, Swap, CompareAndSwap, Add, ...):
// `c.ready.Store(true)` writes c.ready as a store would.
func atomicWrite(c *ssa.CallCommon) (*ssa.FieldAddr, bool) {
	name, recv, typ := atomicMethod(c)
	if typ == "" || name == "Load" {
		return nil, false
	}
	f, ok := recv.(*ssa.FieldAddr)
	return f, ok
}

// atomicStore returns the field and the value of a call of an atomic
// type's Store on a field.
func atomicStore(c *ssa.CallCommon) (*ssa.FieldAddr, ssa.Value, bool) {
	f, ok := atomicWrite(c)
	if !ok || c.StaticCallee().Name() != "Store" || len(c.Args) != 2 {
		return nil, nil, false
	}
	return f, c.Args[1], true
}

// ruledOut reports whether the call site's arguments, or the constants it
// has stored into the tested fields (see storedBefore), contradict
// one of the tests.
func (fa *fnAnalysis) ruledOut(tests []FieldTest, b *binding) bool {
	if b.call == nil {
		return false
	}
	for _, t := range tests {
		if t.Param >= len(b.args) || b.args[t.Param] == nil {
			continue
		}
		v := b.args[t.Param]
		if t.Key != "" {
			if holds, known := ctxTestHolds(t, v); known && !holds {
				return true
			}
			continue
		}
		if t.Ready {
			// a channel this call site has closed is always ready
			if !t.Val && fa.closedBefore(b.call, extendPath(fa.r.resolve(v), t.Path).key()) {
				return true
			}
			continue
		}
		if len(t.Path) > 0 {
			target := extendPath(fa.r.resolve(v), t.Path).key()
			var ok bool
			if v, ok = fa.storedBefore(b.call, target); !ok {
				continue
			}
		} else {
			v = fa.justStored(v)
		}
		if t.Index > 0 {
			var ok bool
			if v, ok = elemArg(v, t.Index-1); !ok {
				continue
			}
		}
		if holds, known := fa.testHolds(t, v, b.pos); known && !holds {
			return true
		}
	}
	return false
}

// justStored is the value this function stored into the field that v
// loads, when the store comes before the load with nothing on the way that
// may store that field again (see storedBefore): `w.pending = nil;
// w.flush(w.pending)` passes nil. Otherwise v itself.
func (fa *fnAnalysis) justStored(v ssa.Value) ssa.Value {
	ld, ok := v.(*ssa.UnOp)
	if !ok || ld.Op != token.MUL {
		return v
	}
	if _, ok := ld.X.(*ssa.FieldAddr); !ok {
		return v
	}
	if stored, ok := fa.storedBefore(ld, fa.r.resolve(ld.X).key()); ok {
		return stored
	}
	return v
}

// allRuledOut reports whether the call site rules out every alternative
// of a disjunction (Acquire.Alts); false when there is none.
func (fa *fnAnalysis) allRuledOut(alts [][]FieldTest, b *binding) bool {
	for _, alt := range alts {
		if !fa.ruledOut(alt, b) {
			return false
		}
	}
	return len(alts) > 0
}

// altTests returns, when b is entered by more than one edge, the tests on
// each way in: for each predecessor that branches to b, the test of that
// branch with the value that leads to b, and the tests that dominate the
// predecessor but not b. The block runs only when one of these
// conjunctions holds. Nil when a way in has no test the model can name
// (it constrains nothing), or b has one way in.
func (fa *fnAnalysis) altTests(b *ssa.BasicBlock) [][]FieldTest {
	if len(b.Preds) < 2 || !avoidable(b) {
		return nil
	}
	if alts, ok := fa.blockAlts[b]; ok {
		return alts
	}
	var alts [][]FieldTest
	own := fa.fieldTests(b)
	for _, p := range b.Preds {
		var alt []FieldTest
		for _, t := range fa.fieldTests(p) {
			if !slices.ContainsFunc(own, func(u FieldTest) bool { return sameTest(t, u) }) {
				alt = append(alt, t)
			}
		}
		if ifi, ok := p.Instrs[len(p.Instrs)-1].(*ssa.If); ok && p.Succs[0] != p.Succs[1] {
			if t, ok := fa.branchTest(ifi.Cond, p.Succs[0] == b); ok {
				alt = append(alt, t)
			}
		}
		if len(alt) == 0 {
			alts = nil
			break
		}
		alts = append(alts, alt)
	}
	if fa.blockAlts == nil {
		fa.blockAlts = make(map[*ssa.BasicBlock][][]FieldTest)
	}
	fa.blockAlts[b] = alts
	return alts
}

// avoidable reports whether some path from b's immediate dominator
// returns without passing through b. Where none does (the join after an
// if without else), the ways into b cover every case and their tests
// constrain nothing.
func avoidable(b *ssa.BasicBlock) bool {
	d := b.Idom()
	if d == nil {
		return false
	}
	seen := map[*ssa.BasicBlock]bool{b: true}
	var walk func(x *ssa.BasicBlock) bool
	walk = func(x *ssa.BasicBlock) bool {
		if seen[x] {
			return false
		}
		seen[x] = true
		if len(x.Succs) == 0 {
			_, panics := x.Instrs[len(x.Instrs)-1].(*ssa.Panic)
			return !panics
		}
		for _, s := range x.Succs {
			if walk(s) {
				return true
			}
		}
		return false
	}
	return walk(d)
}

// branchTest names the test of a branch condition taken with the value
// took, as dominatingTests does.
func (fa *fnAnalysis) branchTest(cond ssa.Value, took bool) (FieldTest, bool) {
	if t, ok := fa.cmpTest(cond, took); ok {
		return t, true
	}
	if k, yes, ok := condOf(cond); ok && !k.isNil && k.field == 0 && k.typ == "" {
		return fa.fieldTest(k.v, yes == took)
	}
	if ch, ok := readyTest(cond); ok {
		if t, ok := fa.enteredWith(ch); ok && len(t.Path) > 0 {
			t.Ready, t.Val = true, took
			return t, true
		}
	}
	return FieldTest{}, false
}

// readyTest matches the test of which way a select of one receive and a
// default went (its chosen index compared with 0): the channel received
// from. The comparison is true on the receive's way.
func readyTest(cond ssa.Value) (ssa.Value, bool) {
	cmp, ok := cond.(*ssa.BinOp)
	if !ok || cmp.Op != token.EQL {
		return nil, false
	}
	if k, ok := intConst(cmp.Y); !ok || k != 0 {
		return nil, false
	}
	ex, ok := cmp.X.(*ssa.Extract)
	if !ok || ex.Index != 0 {
		return nil, false
	}
	sel, ok := ex.Tuple.(*ssa.Select)
	if !ok || sel.Blocking || len(sel.States) != 1 || sel.States[0].Dir != types.RecvOnly {
		return nil, false
	}
	return sel.States[0].Chan, true
}

// forwardAlts passes a disjunction on to the caller's callers: each
// alternative with the tests the caller can name (forwardTests); nil when
// one of them keeps none (it may then hold whatever they pass).
func forwardAlts(alts [][]FieldTest, b *binding, caller *ssa.Function) [][]FieldTest {
	var out [][]FieldTest
	for _, alt := range alts {
		f := forwardTests(alt, b, caller)
		if len(f) == 0 {
			return nil
		}
		out = append(out, f)
	}
	return out
}

func equalAlts(a, b [][]FieldTest) bool {
	return slices.EqualFunc(a, b, equalTests)
}

// forwardTests are the callee's tests of its own parameters that the call
// passes on unchanged as the caller's parameters, in the caller's terms:
// the caller's callers decide them. (A test of a field is not passed on:
// the caller may have stored the field before the call.)
func forwardTests(tests []FieldTest, b *binding, caller *ssa.Function) []FieldTest {
	var out []FieldTest
	for _, t := range tests {
		if len(t.Path) > 0 || t.Param >= len(b.args) {
			continue
		}
		if t.Key != "" {
			if p, ok := ctxForward(t, b.args[t.Param], caller); ok {
				t.Param = paramIndex(caller, p)
				out = append(out, t)
			}
			continue
		}
		if p, ok := b.args[t.Param].(*ssa.Parameter); ok && p.Parent() == caller {
			t.Param = paramIndex(caller, p)
			out = append(out, t)
		}
	}
	return out
}

// testHolds evaluates a test on the value v the callee is entered with,
// when v decides it: a constant, nil, or a value that cannot be nil.
func (fa *fnAnalysis) testHolds(t FieldTest, v ssa.Value, pos token.Pos) (holds, known bool) {
	if t.Op == 0 {
		c, ok := v.(*ssa.Const)
		if !ok || c.Value == nil || c.Value.Kind() != constant.Bool {
			return false, false
		}
		return constant.BoolVal(c.Value) == t.Val, true
	}
	if t.Is == "nil" {
		var isNil bool
		switch {
		case isNilConst(v):
			isNil = true
		case fa.nonNil(v, pos):
		default:
			return false, false
		}
		return isNil == (t.Op == token.EQL) == t.Val, true
	}
	var x constant.Value
	if _, n, ok := freshArray(v); ok && t.Len {
		x = constant.MakeInt64(n)
	} else if n, ok := madeLen(v); ok && t.Len {
		x = constant.MakeInt64(n) // make([]T, 0), w.pending[:0]
	} else if x, ok = lenOrValue(t, v); !ok {
		return false, false
	}
	want, ok := parseRepr(t.Is)
	if !ok || x == nil || x.Kind() != want.Kind() {
		return false, false
	}
	if t.Mask != "" {
		m, ok := parseRepr(t.Mask)
		if !ok || x.Kind() != constant.Int || m.Kind() != constant.Int {
			return false, false
		}
		x = constant.BinaryOp(x, token.AND, m)
	}
	return constant.Compare(x, t.Op, want) == t.Val, true
}

// lenOrValue is the constant v, or with t.Len its length (a nil slice,
// map or channel, or a constant string).
func lenOrValue(t FieldTest, v ssa.Value) (constant.Value, bool) {
	c, ok := v.(*ssa.Const)
	if !ok {
		return nil, false
	}
	x := c.Value
	if t.Len {
		switch {
		case c.Value == nil: // a nil slice, map or channel
			x = constant.MakeInt64(0)
		case c.Value.Kind() == constant.String:
			x = constant.MakeInt64(int64(len(constant.StringVal(c.Value))))
		default:
			return nil, false
		}
	}
	return x, true
}

// parseRepr reads back a constant's exact representation (see constRepr).
func parseRepr(is string) (constant.Value, bool) {
	neg := strings.HasPrefix(is, "-")
	tok := token.INT
	if strings.HasPrefix(is, `"`) {
		tok, neg = token.STRING, false
	}
	c := constant.MakeFromLiteral(strings.TrimPrefix(is, "-"), tok, 0)
	if c.Kind() == constant.Unknown {
		return nil, false
	}
	if neg {
		c = constant.UnaryOp(token.SUB, c, 0)
	}
	return c, true
}

// storedBefore returns the value last stored at the field named by key
// before call: by a store in call's block before it, or in a block that
// dominates it, when nothing on a path from that store to the call may
// store the field again (another store there, or a call of a function
// that may: see mayStoreField). A loop of calls of a helper that only
// reads the flag (`t.inTx = true; for ... { t.put(k) }`) keeps the value.
func (fa *fnAnalysis) storedBefore(call ssa.Instruction, key string) (ssa.Value, bool) {
	v, closed, ok := fa.writtenBefore(call, key)
	return v, ok && !closed
}

// closedBefore reports whether what call's function last did to the
// channel field named by key, on every path to call, is to close it
// (close(p.closed), with nothing on the way that may store the field).
func (fa *fnAnalysis) closedBefore(call ssa.Instruction, key string) bool {
	_, closed, ok := fa.writtenBefore(call, key)
	return ok && closed
}

// writtenBefore finds the last write of the field named by key before
// call (see storedBefore): the value stored, or, for a close of the
// channel there, closed.
func (fa *fnAnalysis) writtenBefore(call ssa.Instruction, key string) (val ssa.Value, closed, ok bool) {
	name := key[strings.LastIndex(key, ".")+1:]
	isKey := func(in *ssa.Store) bool {
		_, ok := in.Addr.(*ssa.FieldAddr)
		return ok && fa.r.resolve(in.Addr).key() == key
	}
	var store ssa.Instruction // a Store, a close, or a call of a helper that stores (helperStore)
	from := call.Block()
scan:
	for b, end := call.Block(), slices.Index(call.Block().Instrs, call); b != nil; b = b.Idom() {
		if b != call.Block() {
			end = len(b.Instrs)
		}
		for i := end - 1; i >= 0; i-- {
			switch in := b.Instrs[i].(type) {
			case *ssa.Store:
				if isKey(in) {
					store, val, from = in, in.Val, b
					break scan
				}
			case *ssa.Call:
				if ch, ok := closeOf(in); ok && fa.r.resolve(ch).key() == key {
					store, closed, from = in, true, b
					break scan
				}
				if f, v, ok := atomicStore(in.Common()); ok && fa.r.resolve(f).key() == key {
					store, val, from = in, v, b
					break scan
				}
				if v, ok := fa.helperStore(in.Common(), key, name); ok {
					store, val, from = in, v, b
					break scan
				}
			}
		}
	}
	if store == nil {
		return nil, false, false
	}
	// Every instruction that may run after the store and before the call
	// (all of a block on a loop, the call itself on an earlier turn).
	for b := range blocksBetween(from, call.Block()) {
		start, end := 0, len(b.Instrs)
		if b == from && !reachesBlock(b, b) {
			start = slices.Index(b.Instrs, store) + 1
		}
		if b == call.Block() && !reachesBlock(b, b) {
			end = slices.Index(b.Instrs, call)
		}
		for _, in := range b.Instrs[start:max(start, end)] {
			switch x := in.(type) {
			case *ssa.Store:
				if x != store && isKey(x) {
					return nil, false, false
				}
			case *ssa.Defer:
				// runs when the function returns, not on the way
			case ssa.CallInstruction:
				if x != store && fa.mayStoreField(x.Common(), name, 0) {
					return nil, false, false
				}
			}
		}
	}
	return val, closed, true
}

// closeOf returns the channel a call of the builtin close closes.
func closeOf(c *ssa.Call) (ssa.Value, bool) {
	bi, ok := c.Call.Value.(*ssa.Builtin)
	if !ok || bi.Name() != "close" || len(c.Call.Args) != 1 {
		return nil, false
	}
	return c.Call.Args[0], true
}

// helperStore returns what a call of a helper of this package leaves in
// the field named by key (`l.beginLocked()`, which sets l.batch): the
// helper stores that field of one of its parameters once (plainly, or by
// an atomic type's Store), before each of its returns, and calls nothing
// that may store it again; the value is a constant or an allocation, its
// own or the argument the call passes for a parameter it stores (what the
// caller can test without the helper's frame), and the call passes the
// object the key names.
func (fa *fnAnalysis) helperStore(c *ssa.CallCommon, key, name string) (ssa.Value, bool) {
	fn := c.StaticCallee()
	if fn == nil || fn.Pkg == nil || fn.Pkg != fa.fn.Pkg || len(fn.Blocks) == 0 {
		return nil, false
	}
	var st ssa.Instruction // a Store, or an atomic type's Store call
	var addr *ssa.FieldAddr
	var val ssa.Value
	for _, b := range fn.Blocks {
		for _, in := range b.Instrs {
			switch x := in.(type) {
			case *ssa.Store:
				if f, ok := x.Addr.(*ssa.FieldAddr); ok && fieldName(f.X.Type(), f.Field) == name {
					if st != nil {
						return nil, false
					}
					st, addr, val = x, f, x.Val
				}
			case ssa.CallInstruction:
				if f, v, ok := atomicStore(x.Common()); ok && fieldName(f.X.Type(), f.Field) == name {
					if _, plain := x.(*ssa.Call); st != nil || !plain {
						return nil, false
					}
					st, addr, val = x, f, v
					continue
				}
				if fa.mayStoreField(x.Common(), name, 1) {
					return nil, false
				}
			}
		}
	}
	if st == nil || !beforeEveryReturn(st) {
		return nil, false
	}
	if p, ok := val.(*ssa.Parameter); ok {
		// A setter (setPhase(p) { s.phase.Store(p) }) stores what its
		// caller passes.
		if i := paramIndex(fn, p); i >= 0 && i < len(c.Args) {
			val = c.Args[i]
		}
	}
	switch val.(type) {
	case *ssa.Const, *ssa.Alloc:
	default:
		return nil, false
	}
	p, ok := addr.X.(*ssa.Parameter)
	if !ok {
		return nil, false
	}
	i := paramIndex(fn, p)
	if i < 0 || i >= len(c.Args) || extendPath(fa.r.resolve(c.Args[i]), []string{name}).key() != key {
		return nil, false
	}
	return val, true
}

// mayStoreField reports whether a call may store into a field named name:
// a call of a function value or an interface method (anything), or a
// static callee of this package that stores such a field or calls one that
// may (to a small depth). A function of another package cannot name an
// unexported field of this one.
func (fa *fnAnalysis) mayStoreField(c *ssa.CallCommon, name string, depth int) bool {
	if _, ok := c.Value.(*ssa.Builtin); ok {
		return false
	}
	if f, ok := atomicWrite(c); ok {
		return fieldName(f.X.Type(), f.Field) == name
	}
	fn := c.StaticCallee()
	if fn == nil {
		// A call of a func value or an interface method: only this
		// package's functions can store a field whose name only it can
		// write, and of them only those the call can reach.
		if token.IsExported(name) || depth > 3 {
			return true
		}
		return fa.dynamicMayStore(c, name, depth)
	}
	if fn.Pkg == nil || fa.fn.Pkg == nil || fn.Pkg != fa.fn.Pkg {
		return token.IsExported(name)
	}
	if depth > 3 {
		return true
	}
	return fa.funcMayStore(fn, name, depth)
}

// dynamicMayStore reports whether a candidate of the dynamic call c (see
// dynamicCandidates) may store a field named name. The answer is kept per
// set of candidates; a set met again while its own answer is being worked
// out (func values that call func values of their own type) adds nothing.
func (fa *fnAnalysis) dynamicMayStore(c *ssa.CallCommon, name string, depth int) bool {
	key := dynamicKey(c) + "|" + name
	if v, ok := fa.ps.dynStores[key]; ok {
		return v
	}
	if fa.ps.dynStores == nil {
		fa.ps.dynStores = make(map[string]bool)
	}
	fa.ps.dynStores[key] = false // while in progress
	may := false
	for _, cand := range fa.ps.dynamicCandidates(c) {
		if fa.funcMayStore(cand, name, depth+1) {
			may = true
			break
		}
	}
	fa.ps.dynStores[key] = may
	return may
}

// funcMayStore reports whether fn, a function of this package, stores a
// field named name, itself or through what it calls.
func (fa *fnAnalysis) funcMayStore(fn *ssa.Function, name string, depth int) bool {
	if storesField(fn, name) {
		return true
	}
	for _, b := range fn.Blocks {
		for _, in := range b.Instrs {
			if ci, ok := in.(ssa.CallInstruction); ok && fa.mayStoreField(ci.Common(), name, depth+1) {
				return true
			}
		}
	}
	return false
}

// dynamicCandidates lists the functions of this package that the dynamic
// call c may reach: for a call of a func value, those of its signature
// that it uses as values (functions and closures, and methods as method
// values, by their signature without the receiver); for an interface
// call, the methods of that name.
func (ps *passState) dynamicCandidates(c *ssa.CallCommon) []*ssa.Function {
	key := dynamicKey(c)
	if out, ok := ps.dynCands[key]; ok {
		return out
	}
	var out []*ssa.Function
	want := c.Signature()
	for _, fn := range ps.packageFuncs() {
		sig := fn.Signature
		switch {
		case c.IsInvoke():
			if sig.Recv() != nil && fn.Name() == c.Method.Name() {
				out = append(out, fn)
			}
		case sig.Recv() != nil && !ps.ctxIndex().escapedObj[fn.Object()], sig.Recv() == nil && !ps.ctxIndex().escaped[fn]:
			// (never a value here: nothing calls it but by name)
		case types.Identical(types.NewSignatureType(nil, nil, nil, sig.Params(), sig.Results(), sig.Variadic()), want):
			out = append(out, fn)
		}
	}
	if ps.dynCands == nil {
		ps.dynCands = make(map[string][]*ssa.Function)
	}
	ps.dynCands[key] = out
	return out
}

// dynamicKey names the candidates of a dynamic call: its signature, or
// for an interface call the method's name.
func dynamicKey(c *ssa.CallCommon) string {
	if c.IsInvoke() {
		return "." + c.Method.Name()
	}
	return types.TypeString(c.Signature(), nil)
}

func equalTests(a, b []FieldTest) bool { return slices.EqualFunc(a, b, sameTest) }

func sameTest(x, y FieldTest) bool {
	return x.Param == y.Param && x.Val == y.Val && x.Op == y.Op && x.Is == y.Is && x.Len == y.Len && x.Key == y.Key && x.Index == y.Index && x.Mask == y.Mask && x.Ready == y.Ready && slices.Equal(x.Path, y.Path)
}
