package analyzer

import (
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// maxConds bounds the branch conditions one function's lockset tracks (see
// lockState.known); beyond them the dataflow merges paths as before.
const maxConds = 8

// condKey is a branch condition on one SSA value, which never changes once
// computed: the value itself (a bool), or whether it is nil. Two tests of
// the same value (`if f` twice, or `p == nil` and `p != nil`) have the same
// key.
type condKey struct {
	v     ssa.Value
	isNil bool
	// field, when set, makes the key field field-1 of v, a struct
	// parameter passed by value (see paramField): every read of it is
	// the same value.
	field int
	// typ, when set, makes the key whether the interface value v holds
	// a value of the concrete type typ names (a type switch's case, a
	// comma-ok assertion; see typeTest).
	typ string
}

// keyOf is the key of the value x a condition tests.
func keyOf(x ssa.Value, isNil bool) condKey {
	if p, i, ok := structField(x); ok {
		return condKey{v: p, isNil: isNil, field: i + 1}
	}
	return condKey{v: x, isNil: isNil}
}

// condTable lists the conditions a function's lockset tracks, in block
// order, and the blocks that define their values (where a loop computes
// them again, what an earlier iteration learned is forgotten).
type condTable struct {
	keys []condKey
	idx  map[condKey]uint8
	defs map[*ssa.BasicBlock]uint8
}

// condOf canonicalises a branch condition: the key it tests and the value
// of the key that makes the condition true.
func condOf(cond ssa.Value) (condKey, bool, bool) {
	val := true
	for {
		u, ok := cond.(*ssa.UnOp)
		if !ok || u.Op != token.NOT {
			break
		}
		cond, val = u.X, !val
	}
	if bin, ok := cond.(*ssa.BinOp); ok && (bin.Op == token.EQL || bin.Op == token.NEQ) {
		x, y := bin.X, bin.Y
		if isNilConst(x) {
			x, y = y, x
		}
		if !isNilConst(y) {
			return condKey{}, false, false
		}
		return keyOf(stableLoad(x), true), val == (bin.Op == token.EQL), true
	}
	if !isBool(cond.Type()) {
		return condKey{}, false, false
	}
	if x, typ, ok := typeTest(cond); ok {
		return condKey{v: x, typ: typ}, val, true
	}
	cond = stableLoad(cond)
	if _, isConst := cond.(*ssa.Const); isConst {
		return condKey{}, false, false
	}
	return keyOf(cond, false), val, true
}

// stableLoad returns the value a load of a variable's cell always reads,
// or v itself. A variable that a closure captures lives in a cell of the
// function (a heap Alloc), and each read of it is a load of its own: two
// tests of one unchanged variable (a bool parameter that some closure of
// the function captures) would be two conditions. When the cell is stored
// once (cellStore), before every load of this function, every load reads
// the value stored: that value is the key.
func stableLoad(v ssa.Value) ssa.Value {
	u, ok := v.(*ssa.UnOp)
	if !ok || u.Op != token.MUL {
		return v
	}
	store, ok := lastStore(u.X)
	if !ok || !instrBefore(store, u) {
		return v
	}
	return store.Val
}

// trackConds chooses the conditions worth tracking: those tested by more
// than one branch (correlated branches), and tests of a parameter (its
// value, or whether it is nil), under which the function's effects are
// recorded as guarded for its callers to decide (see Guard).
func trackConds(fn *ssa.Function) *condTable {
	var order []condKey
	count := make(map[condKey]int)
	for _, b := range fn.Blocks {
		if ifi, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If); ok && len(b.Instrs) > 0 {
			if k, _, ok := condOf(ifi.Cond); ok {
				if count[k] == 0 {
					order = append(order, k)
				}
				count[k]++
			}
		}
	}
	t := &condTable{}
	for _, k := range order {
		if len(t.keys) == maxConds {
			break
		}
		if !guardable(k.v) && !isRecoverCall(k.v) && count[k] < 2 {
			continue
		}
		if t.idx == nil {
			t.idx = make(map[condKey]uint8)
			t.defs = make(map[*ssa.BasicBlock]uint8)
		}
		i := uint8(len(t.keys))
		t.idx[k] = i
		t.keys = append(t.keys, k)
		if instr, ok := k.v.(ssa.Instruction); ok && instr.Block() != nil {
			t.defs[instr.Block()] |= 1 << i
		}
	}
	return t
}

// of returns the tracked index of a branch condition and the value of the
// tracked key that makes it true.
func (t *condTable) of(cond ssa.Value) (uint8, bool, bool) {
	if t == nil || len(t.keys) == 0 {
		return 0, false, false
	}
	k, val, ok := condOf(cond)
	if !ok {
		return 0, false, false
	}
	i, ok := t.idx[k]
	return i, val, ok
}

// A Guard says that an effect in a summary happens only on the paths where
// a parameter has a value: for a bool parameter, Val is its value; for a
// nil test (Nil), Val says whether it is nil. Callers decide it with what
// they know at the call (see decideGuard). Guards hold a parameter index,
// never an SSA value, so they travel in facts.
type Guard struct {
	Param int
	Nil   bool
	Val   bool
	// Is, when set, makes the guard a comparison with a constant: the
	// parameter equals the constant whose exact representation Is holds
	// (Val true) or does not (Val false). See eqGuardCounts.
	Is string
	// Free makes Param index the closure's free variables, not its
	// parameters: `lock := func() { if needLock { mu.Lock() } }` is decided
	// by what the enclosing call captured (see binding.free).
	Free bool
	// Field, when set, makes the guard a test of field Field-1 of the
	// parameter, a struct passed by value (`if !opts.Locked { mu.Lock() }`
	// called with `Options{Locked: true}`): the caller decides it with
	// what it stored in that field of the value it passes (see fieldArg).
	Field int
	// Recover makes the guard a test of the function's own recover()
	// (Nil is set; Param is unused): recover returns nil unless the
	// function is a deferred call run while its goroutine panics, so a
	// `defer func() { if r := recover(); r != nil { errc <- ... } }()`
	// sends nothing on a normal return (see decideGuard).
	Recover bool
}

// guardable reports whether a function's effects under a test of v can be
// left to its callers: v is a parameter, a free variable, or the value
// loaded from a free variable (go/ssa captures variables by reference; the
// caller decides whether the cell holds one value, see cellValue).
func guardable(v ssa.Value) bool {
	_, ok := freeVarOf(v)
	_, param := v.(*ssa.Parameter)
	return ok || param
}

// structField returns the struct value and field index of v when v reads
// a field of a struct value that never changes in the function: a field of
// the value itself (`o.wait` of a parameter o, or of an unchanging
// captured variable, see stableLoad), or a load of that field from a local
// that holds the value — the one go/ssa spills a parameter to when the
// function selects its fields, or the cell of a variable a closure
// captures — provided the local is stored once, whole, before the load,
// and otherwise only read, by the function and by the closures it makes.
// Every read of the field is then the same value: `if o.wait` in a
// function and in the goroutine it starts, `w := o.wait` and `go f(o.wait)`
// are one condition, keyed by the struct value and the field.
func structField(v ssa.Value) (ssa.Value, int, bool) {
	switch v := v.(type) {
	case *ssa.Field:
		return stableLoad(v.X), v.Field, true
	case *ssa.UnOp:
		fa, ok := v.X.(*ssa.FieldAddr)
		if !ok || v.Op != token.MUL {
			return nil, 0, false
		}
		if fv, ok := fa.X.(*ssa.FreeVar); ok && readOnly(fv) {
			return fv, fa.Field, true // the starter binds the cell (see boundValue)
		}
		a, ok := fa.X.(*ssa.Alloc)
		if !ok {
			return nil, 0, false
		}
		store, ok := fieldOnce(a, fa.Field)
		if !ok || !instrBefore(store, v) {
			return nil, 0, false
		}
		return stableLoad(store.Val), fa.Field, true
	}
	return nil, 0, false
}

// cellOnce returns the one store into the local a when every other use of
// it only reads it (readOnlyUse).
func cellOnce(a *ssa.Alloc) (*ssa.Store, bool) { return fieldOnce(a, -1) }

// fieldOnce is cellOnce for field f of the struct variable a: the one
// store of the whole variable, when every other use only reads it or
// writes other fields (`e.reply = make(chan int)` leaves e.wantReply as
// the store put it). With f < 0, every field counts.
func fieldOnce(a *ssa.Alloc, f int) (*ssa.Store, bool) {
	var store *ssa.Store
	for _, r := range *a.Referrers() {
		switch r := r.(type) {
		case *ssa.Store:
			if store != nil || r.Addr != a {
				return nil, false
			}
			store = r
		case *ssa.FieldAddr:
			if (f < 0 || r.Field == f) && !readOnly(r) {
				return nil, false
			}
		default:
			if !readOnlyUse(a, r) {
				return nil, false
			}
		}
	}
	return store, store != nil
}

// readOnly reports whether every use of the address v only reads through
// it: loads of it or of its fields, and closures that only read the free
// variable it is bound to.
func readOnly(v ssa.Value) bool {
	for _, r := range *v.Referrers() {
		if !readOnlyUse(v, r) {
			return false
		}
	}
	return true
}

// readOnlyUse reports whether instruction r, a use of an address, only
// reads through it (see readOnly).
func readOnlyUse(v ssa.Value, r ssa.Instruction) bool {
	switch r := r.(type) {
	case *ssa.UnOp:
		return r.Op == token.MUL
	case *ssa.DebugRef:
		return true
	case *ssa.FieldAddr:
		return readOnly(r)
	case *ssa.MakeClosure:
		fn, ok := r.Fn.(*ssa.Function)
		if !ok {
			return false
		}
		for i, b := range r.Bindings {
			if i < len(fn.FreeVars) && b == v && !readOnly(fn.FreeVars[i]) {
				return false
			}
		}
		return true
	}
	return false
}

// fieldArg is the value a caller passes in field i of a struct argument it
// builds in a local of its own (`Options{Locked: true}`): the one store
// into that field, a zero value when the literal leaves it out, or nothing
// known when the local is written another way.
func fieldArg(arg ssa.Value, i int) (ssa.Value, bool) {
	ld, ok := arg.(*ssa.UnOp)
	if !ok || ld.Op != token.MUL {
		return nil, false
	}
	a, ok := ld.X.(*ssa.Alloc)
	if !ok || a.Heap {
		return nil, false
	}
	var val ssa.Value
	stores := 0
	for _, r := range *a.Referrers() {
		switch r := r.(type) {
		case *ssa.FieldAddr:
			for _, fr := range *r.Referrers() {
				st, ok := fr.(*ssa.Store)
				if !ok || st.Addr != r {
					return nil, false
				}
				if r.Field == i {
					val, stores = st.Val, stores+1
				}
			}
		case *ssa.UnOp, *ssa.DebugRef:
		default:
			return nil, false
		}
	}
	switch stores {
	case 0:
		t := a.Type().Underlying().(*types.Pointer).Elem().Underlying().(*types.Struct).Field(i).Type()
		return ssa.NewConst(zeroOf(t), t), true
	case 1:
		return val, true
	}
	return nil, false
}

// zeroOf is the constant zero value of a bool, nil for other types.
func zeroOf(t types.Type) constant.Value {
	if isBool(t) {
		return constant.MakeBool(false)
	}
	return nil
}

// freeVarOf returns the free variable v is, or v loads.
func freeVarOf(v ssa.Value) (*ssa.FreeVar, bool) {
	if u, ok := v.(*ssa.UnOp); ok && u.Op == token.MUL {
		v = u.X
	}
	fv, ok := v.(*ssa.FreeVar)
	return fv, ok
}

// isRecoverCall reports whether v is a call of the builtin recover.
func isRecoverCall(v ssa.Value) bool {
	c, ok := v.(*ssa.Call)
	if !ok {
		return false
	}
	bi, ok := c.Call.Value.(*ssa.Builtin)
	return ok && bi.Name() == "recover"
}

// guardOf is the guard of the tracked key k with value val, in fn's frame.
func guardOf(fn *ssa.Function, k condKey, val bool) (Guard, bool) {
	if k.isNil && isRecoverCall(k.v) {
		return Guard{Param: -1, Recover: true, Nil: true, Val: val}, true
	}
	if p, ok := k.v.(*ssa.Parameter); ok {
		if k.typ != "" {
			return Guard{Param: paramIndex(fn, p), Is: typeIs + k.typ, Val: val}, true
		}
		return Guard{Param: paramIndex(fn, p), Field: k.field, Nil: k.isNil, Val: val}, true
	}
	if fv, ok := freeVarOf(k.v); ok && k.field == 0 && k.typ == "" {
		for i, v := range fn.FreeVars {
			if v == fv {
				return Guard{Param: i, Nil: k.isNil, Val: val, Free: true}, true
			}
		}
	}
	return Guard{}, false
}

// cellValue is the one value ever stored in a captured variable's cell: a
// local whose address only its initialising store, loads and closures that
// load it see. Otherwise the cell may change between capture and test.
func cellValue(cell ssa.Value) (ssa.Value, bool) {
	store, ok := cellStore(cell)
	if !ok {
		return nil, false
	}
	return store.Val, true
}

// cellStore is the one store into a captured variable's cell (see
// cellValue).
func cellStore(cell ssa.Value) (*ssa.Store, bool) {
	alloc, ok := cell.(*ssa.Alloc)
	if !ok {
		return nil, false
	}
	stores, ok := cellStores(alloc)
	if !ok || len(stores) != 1 {
		return nil, false
	}
	return stores[0], true
}

// lastStore returns the store into a captured variable's cell that no
// other store can follow: its only store, or one that every other store
// comes before on every path to it, none reachable from it, and outside
// any loop (`bad := x == ""; bad = bad || y == ""`). A load that comes
// after it on every path reads its value.
func lastStore(cell ssa.Value) (*ssa.Store, bool) {
	alloc, ok := cell.(*ssa.Alloc)
	if !ok {
		return nil, false
	}
	stores, ok := cellStores(alloc)
	if !ok || len(stores) == 0 {
		return nil, false
	}
	if len(stores) == 1 {
		return stores[0], true
	}
	for _, s := range stores {
		if inLoop(s.Block()) {
			continue
		}
		last := true
		for _, t := range stores {
			last = last && (t == s || instrBefore(t, s) && !instrReaches(s, t))
		}
		if last {
			return s, true
		}
	}
	return nil, false
}

// cellStores lists the stores into a captured variable's cell when its
// other uses only load it (closures that capture it included), or, for a
// struct variable, only read its fields.
func cellStores(alloc *ssa.Alloc) ([]*ssa.Store, bool) {
	var stores []*ssa.Store
	for _, r := range *alloc.Referrers() {
		switch r := r.(type) {
		case *ssa.Store:
			if r.Addr != alloc {
				return nil, false
			}
			stores = append(stores, r)
		case *ssa.UnOp, *ssa.DebugRef:
		case *ssa.FieldAddr: // a field of a struct variable, only read
			if !readOnly(r) {
				return nil, false
			}
		case *ssa.MakeClosure:
			if !onlyLoaded(r, alloc) {
				return nil, false
			}
		default:
			return nil, false
		}
	}
	return stores, true
}

// cellAtExit is the value a captured variable's cell holds where the
// function runs its deferred calls on the current block's return: the one
// store that comes before that point on every path, with no other store
// after it on the way (`exited := false; defer func() { if !exited {...}
// }(); ...; exited = true; return`). Closures that capture the cell may
// only load it.
func (fa *fnAnalysis) cellAtExit(cell *ssa.Alloc) (ssa.Value, bool) {
	var at ssa.Instruction
	if fa.block != nil {
		for _, instr := range fa.block.Instrs {
			if _, ok := instr.(*ssa.RunDefers); ok {
				at = instr
			}
		}
	}
	if at == nil {
		return nil, false
	}
	stores, ok := cellStores(cell)
	if !ok {
		return nil, false
	}
	for _, s := range stores {
		if !instrBefore(s, at) {
			continue
		}
		last := true
		for _, o := range stores {
			if o != s && instrReaches(s, o) && instrReaches(o, at) {
				last = false
			}
		}
		if last {
			return s.Val, true
		}
	}
	return nil, false
}

// onlyLoaded reports whether the closure mc, and the closures it makes in
// turn, only load the cell it captures, or read fields of it (what they do with the other
// variables they capture does not change this one).
func onlyLoaded(mc *ssa.MakeClosure, cell ssa.Value) bool {
	fn := mc.Fn.(*ssa.Function)
	for i, b := range mc.Bindings {
		if b != cell || i >= len(fn.FreeVars) {
			continue
		}
		fv := fn.FreeVars[i]
		for _, r := range *fv.Referrers() {
			switch r := r.(type) {
			case *ssa.UnOp, *ssa.DebugRef:
			case *ssa.FieldAddr: // a field of a struct variable, only read
				if !readOnly(r) {
					return false
				}
			case *ssa.MakeClosure:
				if !onlyLoaded(r, fv) {
					return false
				}
			default:
				return false
			}
		}
	}
	return true
}

// paramGuards is the conjunction of every tracked test of a parameter whose
// value the current path knows, in the order of the tracked tests.
func (fa *fnAnalysis) paramGuards(st *lockState) []Guard {
	if fa.conds == nil {
		return nil
	}
	var gs []Guard
	for i, k := range fa.conds.keys {
		if known, yes := st.holds(condGuard{set: true, idx: uint8(i), val: true}); known {
			if g, ok := guardOf(fa.fn, k, yes); ok {
				gs = append(gs, g)
			}
		}
	}
	return gs
}

// decideGuards instantiates a conjunction of guards at a call: the effect
// happens when every guard holds, and not when one is decided false. When
// some stay undecided and each passes into this frame as a guard of its
// own, pass is their conjunction here; when one neither is decided nor
// passes, the effect is unknown (known false, pass nil).
func (fa *fnAnalysis) decideGuards(gs []Guard, b *binding, st *lockState) (happens, known bool, pass []Guard) {
	stuck := false
	for i := range gs {
		h, k, p := fa.decideGuard(&gs[i], b, st)
		switch {
		case k && !h:
			return false, true, nil
		case k:
		case p != nil:
			pass = append(pass, *p)
		default:
			stuck = true
		}
	}
	if stuck {
		return false, false, nil
	}
	if pass != nil {
		return false, false, pass
	}
	return true, true, nil
}

// decideGuard instantiates a callee's guard at a call: whether the effect
// happens (known), or, when the argument is one of this function's own
// parameters, the guard in this frame (pass). The argument decides it when
// it is a constant, a value that cannot be nil, or a condition this path
// has already tested.
func (fa *fnAnalysis) decideGuard(g *Guard, b *binding, st *lockState) (happens, known bool, pass *Guard) {
	if g == nil {
		return true, true, nil
	}
	if g.Recover {
		// Off a panic (a plain call, or a deferred call on a normal
		// return) recover returns nil. Run for a panic, the first
		// deferred call that recovers gets the value: which one is
		// left open.
		if fa.panicking {
			return false, false, nil
		}
		return g.Val, true, nil
	}
	vals := b.args
	if g.Free {
		vals = b.free
	}
	if g.Param < 0 || g.Param >= len(vals) || vals[g.Param] == nil {
		return false, false, nil
	}
	arg := vals[g.Param]
	if g.Free {
		if cell, ok := arg.(*ssa.Alloc); ok {
			if arg, ok = cellValue(cell); !ok && fa.deferring {
				arg, ok = fa.cellAtExit(cell)
			}
			if !ok {
				return false, false, nil
			}
		}
	}
	if g.Field > 0 {
		if p, ok := arg.(*ssa.Parameter); ok {
			pass := *g
			pass.Param = paramIndex(fa.fn, p)
			return false, false, &pass
		}
		var ok bool
		if arg, ok = fieldArg(arg, g.Field-1); !ok {
			return false, false, nil
		}
	}
	if h, k := constGuard(g, arg); k {
		return h, true, nil
	}
	if g.Is != "" {
		if p, ok := arg.(*ssa.Parameter); ok {
			return false, false, &Guard{Param: paramIndex(fa.fn, p), Is: g.Is, Val: g.Val}
		}
		return false, false, nil
	}
	if g.Nil && fa.nonNil(arg, b.pos) {
		return !g.Val, true, nil
	}
	if st != nil && fa.conds != nil {
		if i, ok := fa.conds.idx[condKey{v: arg, isNil: g.Nil}]; ok {
			if known, yes := st.holds(condGuard{set: true, idx: i, val: g.Val}); known {
				return yes, true, nil
			}
		}
	}
	if guardable(arg) {
		if pass, ok := guardOf(fa.fn, condKey{v: arg, isNil: g.Nil}, g.Val); ok {
			return false, false, &pass
		}
	}
	return false, false, nil
}

// constGuard decides a guard for an argument that is a constant: the
// constant a comparison names, nil, or a bool (known false otherwise).
func constGuard(g *Guard, arg ssa.Value) (happens, known bool) {
	switch {
	case strings.HasPrefix(g.Is, typeIs):
		if holds, ok := holdsType(arg, g.Is[len(typeIs):]); ok {
			return holds == g.Val, true
		}
	case g.Is != "":
		if is, ok := constRepr(arg); ok {
			return (is == g.Is) == g.Val, true
		}
	case g.Nil:
		if isNilConst(arg) {
			return g.Val, true
		}
	default:
		if c, ok := arg.(*ssa.Const); ok && c.Value != nil && isBool(c.Type()) {
			return isConstBool(g.Val)(c), true
		}
	}
	return false, false
}

// nonNil reports whether v certainly is not nil at the call at pos: an
// allocation, the address of a field or element, a function or closure, a
// non-nil value in an interface, or a pointer this function dereferences
// before the call on every path to it (it would have panicked).
func (fa *fnAnalysis) nonNil(v ssa.Value, pos token.Pos) bool {
	switch v := v.(type) {
	case *ssa.Alloc, *ssa.FieldAddr, *ssa.IndexAddr, *ssa.MakeClosure, *ssa.Function, *ssa.MakeMap, *ssa.MakeChan:
		return true
	case *ssa.MakeInterface:
		if _, ptr := v.X.Type().Underlying().(*types.Pointer); !ptr {
			return true
		}
		return fa.nonNil(v.X, pos)
	case *ssa.Call:
		if fa.ps.resultNonNil(v, 0) {
			return true
		}
	case *ssa.Extract:
		if c, ok := v.Tuple.(*ssa.Call); ok && fa.ps.resultNonNil(c, v.Index) {
			return true
		}
	}
	call := fa.block
	if call == nil || v.Referrers() == nil {
		return false
	}
	for _, r := range *v.Referrers() {
		var deref bool
		switch r := r.(type) {
		case *ssa.FieldAddr:
			deref = r.X == v
		case *ssa.UnOp:
			deref = r.Op == token.MUL && r.X == v
		case *ssa.Store:
			deref = r.Addr == v
		}
		if !deref || r.Block() == nil {
			continue
		}
		if r.Block() == call {
			for _, instr := range call.Instrs {
				if instr == r {
					return true
				}
				if c, ok := instr.(ssa.CallInstruction); ok && c.Pos() == pos {
					break
				}
			}
			continue
		}
		if r.Block().Dominates(call) {
			return true
		}
	}
	return false
}

// constRepr is the exact representation of a constant of string or integer
// kind, the kinds whose representation is canonical: two such constants of
// one type are equal exactly when their representations are.
func constRepr(v ssa.Value) (string, bool) {
	c, ok := v.(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.String && c.Value.Kind() != constant.Int {
		return "", false
	}
	return c.Value.ExactString(), true
}

// eqTest matches a branch condition that compares a parameter with a
// constant (p == C, p != C, or their negation): the parameter, the
// constant's representation (see constRepr) and the value of the condition
// when the parameter equals the constant. A switch on a parameter, and a
// disjunction p == A || p == B, are chains of such branches.
func eqTest(cond ssa.Value) (p *ssa.Parameter, is string, whenEq bool, ok bool) {
	val := true
	for {
		u, isNot := cond.(*ssa.UnOp)
		if !isNot || u.Op != token.NOT {
			break
		}
		cond, val = u.X, !val
	}
	bin, isBin := cond.(*ssa.BinOp)
	if !isBin || bin.Op != token.EQL && bin.Op != token.NEQ {
		return nil, "", false, false
	}
	x, y := bin.X, bin.Y
	if _, isConst := x.(*ssa.Const); isConst {
		x, y = y, x
	}
	p, isParam := x.(*ssa.Parameter)
	is, isConst := constRepr(y)
	if !isParam || !isConst {
		return nil, "", false, false
	}
	return p, is, val == (bin.Op == token.EQL), true
}

// keyCut leaves out the edges of every branch on key that are taken when
// the key's test is not val: what remains are the paths on which it is.
// Any value will do, not only the conditions the lockset tracks (paramCut
// is keyCut of one of those).
func keyCut(key condKey, val bool) func(from, to *ssa.BasicBlock) bool {
	return branchCut(func(cond ssa.Value) (bool, bool) {
		k, whenTrue, ok := condOf(cond)
		return whenTrue, ok && k == key
	}, val)
}

// branchCut leaves out, at every branch whose condition matches (match:
// the value the tested key has when the condition is true), the edge taken
// when the key is not val.
func branchCut(match func(cond ssa.Value) (whenTrue, ok bool), val bool) func(from, to *ssa.BasicBlock) bool {
	return func(from, to *ssa.BasicBlock) bool {
		ifi, ok := from.Instrs[len(from.Instrs)-1].(*ssa.If)
		if !ok || len(from.Succs) != 2 {
			return false
		}
		whenTrue, ok := match(ifi.Cond)
		return ok && (from.Succs[0] == to) != (whenTrue == val)
	}
}

// constCmp matches a comparison of a value with a constant (an integer, a
// string, or nil under == and !=), through any negations: the value, the
// operator as seen from it (c < x is x > c), the constant's representation
// (constRepr, or "nil"), and the comparison's value when cond is true.
func constCmp(cond ssa.Value) (x ssa.Value, op token.Token, is string, whenTrue, ok bool) {
	whenTrue = true
	for {
		u, isNot := cond.(*ssa.UnOp)
		if !isNot || u.Op != token.NOT {
			break
		}
		cond, whenTrue = u.X, !whenTrue
	}
	bin, isBin := cond.(*ssa.BinOp)
	if !isBin {
		return nil, 0, "", false, false
	}
	switch bin.Op {
	case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
	default:
		return nil, 0, "", false, false
	}
	x, y, op := bin.X, bin.Y, bin.Op
	if _, isConst := x.(*ssa.Const); isConst {
		x, y, op = y, x, mirror(op)
	}
	if _, isConst := x.(*ssa.Const); isConst {
		return nil, 0, "", false, false
	}
	is, ok = constRepr(y)
	if isNilConst(y) && (op == token.EQL || op == token.NEQ) {
		is, ok = "nil", true
	}
	return x, op, is, whenTrue, ok
}

// typeIs prefixes a Guard's Is that tests the dynamic type of an interface
// parameter: the rest is the concrete type's name (see typeTest).
const typeIs = "type "

// typeTest matches the ok of a comma-ok assertion to a concrete type — what
// each case of a type switch tests — of a value that never changes: the
// value tested and the type's name. `switch e := ev.(type) { case
// Allowed: return; case Denied: mu.Lock() }` locks only when the caller's
// event is a Denied; a caller that passes an Allowed{} decides it.
// Assertions to an interface type are left alone: which types satisfy it
// is not a name.
func typeTest(cond ssa.Value) (ssa.Value, string, bool) {
	ex, ok := cond.(*ssa.Extract)
	if !ok || ex.Index != 1 {
		return nil, "", false
	}
	ta, ok := ex.Tuple.(*ssa.TypeAssert)
	if !ok || !ta.CommaOk || types.IsInterface(ta.AssertedType) {
		return nil, "", false
	}
	return stableLoad(ta.X), types.TypeString(ta.AssertedType, nil), true
}

// holdsType decides whether an argument holds a value of the concrete type
// named typ: a conversion of a value of a concrete type to the interface
// (the type is its own), or a nil interface (it holds none).
func holdsType(arg ssa.Value, typ string) (holds, known bool) {
	if isNilConst(arg) {
		return false, true
	}
	mi, ok := arg.(*ssa.MakeInterface)
	if !ok {
		return false, false
	}
	return types.TypeString(mi.X.Type(), nil) == typ, true
}
