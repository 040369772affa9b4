package analyzer

import (
	"go/constant"
	"go/token"
	"go/types"
	"strconv"
	"unicode/utf8"

	"golang.org/x/tools/go/ssa"
)

// blockInfo holds the control-flow facts the channel model needs about each
// block of a function, computed once.
type blockInfo struct {
	doomed map[*ssa.BasicBlock]bool // every path from here ends in a panic
	always map[*ssa.BasicBlock]bool // on every path from entry to a return
	loop   map[*ssa.BasicBlock]bool // inside a loop: may run many times
	trips  map[*ssa.BasicBlock]int  // for a block in a counted loop (for i := 0; i < N; i++, for range N), N
	// over, for a block in a range over a slice, array or string that is
	// not of constant length (for _, a := range addrs): what it ranges over;
	// in a counted loop up to a bound that is not a constant (for i := 0;
	// i < n; i++): n. Two loops over one value run the same number of
	// turns, and a loop up to n as many as the increments of a counter n.
	over map[*ssa.BasicBlock]ssa.Value
	// earlyExit marks the blocks of loops that can be left other than by
	// their header's condition or a counted loop's test (a break or return
	// in the body).
	earlyExit map[*ssa.BasicBlock]bool
	bodies    map[*ssa.BasicBlock]map[*ssa.BasicBlock]bool // loop header → its body
	innermost map[*ssa.BasicBlock]*ssa.BasicBlock          // block → the header of the smallest loop that holds it
}

// newBlockInfo computes the facts of fn's blocks. never, when not nil,
// names CFG edges no run takes (into the case of a select that can never
// be chosen): a loop left only along one has no early exit.
func newBlockInfo(fn *ssa.Function, ops map[*ssa.BasicBlock][]*op, never map[[2]*ssa.BasicBlock]bool) *blockInfo {
	bi := &blockInfo{doomed: doomedBlocks(fn, ops), always: make(map[*ssa.BasicBlock]bool), loop: make(map[*ssa.BasicBlock]bool),
		trips: make(map[*ssa.BasicBlock]int), over: make(map[*ssa.BasicBlock]ssa.Value), earlyExit: make(map[*ssa.BasicBlock]bool), innermost: make(map[*ssa.BasicBlock]*ssa.BasicBlock)}
	bodies := make(map[*ssa.BasicBlock]map[*ssa.BasicBlock]bool)
	bi.bodies = bodies
	var exits []*ssa.BasicBlock
	for _, b := range fn.Blocks {
		// (fn.Recover, the block a recovered panic resumes in, has no
		// predecessors: it is not a way out of a normal run.)
		if len(b.Succs) == 0 && !bi.doomed[b] && b != fn.Recover && (len(b.Preds) > 0 || b.Index == 0) {
			exits = append(exits, b)
		}
	}
	for _, b := range fn.Blocks {
		all := true
		for _, x := range exits {
			all = all && b.Dominates(x)
		}
		bi.always[b] = all && !bi.doomed[b]
	}
	// Natural loops: for each back edge p→h, the blocks that reach p
	// without passing through h.
	for _, p := range fn.Blocks {
		for _, h := range p.Succs {
			if !h.Dominates(p) {
				continue
			}
			body := bodies[h]
			if body == nil {
				body = map[*ssa.BasicBlock]bool{h: true}
				bodies[h] = body
			}
			stack := []*ssa.BasicBlock{p}
			for len(stack) > 0 {
				b := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if body[b] {
					continue
				}
				body[b] = true
				for _, pred := range b.Preds {
					if !body[pred] {
						stack = append(stack, pred)
					}
				}
			}
		}
	}
	stuck := stuckBlocks(fn, bi.doomed, never)
	// A block's innermost loop is the smallest body that holds it.
	for h, body := range bodies {
		// The test of a counted loop (at its header, or at the bottom of a
		// range over an int) is its normal way out, not an early exit.
		test, n, over := countedLoop(h, body)
		if n == 0 && over != nil {
			n = pinnedLen(h, over)
		}
		early := false
		for b := range body {
			for _, s := range b.Succs {
				early = early || b != h && b != test && !body[s] && !bi.doomed[s] && !never[[2]*ssa.BasicBlock{b, s}] && !stuck[s]
			}
		}
		for b := range body {
			bi.loop[b] = true
			inner := true
			for h2, body2 := range bodies {
				// (two loops of one size that hold the same block, which
				// only an irreducible goto can make, are told apart by
				// their headers' indices, not by map order)
				if h2 != h && body2[b] && (len(body2) < len(body) || len(body2) == len(body) && h2.Index < h.Index) {
					inner = false
				}
			}
			if inner {
				bi.innermost[b] = h
			}
			if inner && n > 0 {
				bi.trips[b] = n
			}
			if inner && over != nil {
				bi.over[b] = over
			}
			if inner && early {
				bi.earlyExit[b] = true
			}
		}
	}
	for _, b := range fn.Blocks {
		if !bi.loop[b] {
			continue
		}
		if h := onlyLoop(b, bodies); h != nil && onOneTurn(b, h, bodies[h]) {
			bi.loop[b] = false
		}
	}
	return bi
}

// onlyLoop is the header of the one loop that holds b, or nil when none or
// several do (a nested loop runs its body again on each outer turn).
func onlyLoop(b *ssa.BasicBlock, bodies map[*ssa.BasicBlock]map[*ssa.BasicBlock]bool) *ssa.BasicBlock {
	var only *ssa.BasicBlock
	for h, body := range bodies {
		if body[b] {
			if only != nil {
				return nil
			}
			only = h
		}
	}
	return only
}

// onOneTurn reports whether b, in the loop with header h, runs on one turn
// of it at most: a test that the loop's induction variable (stepped by one
// on every turn) equals a value fixed before the loop dominates b
// (`if i == 1 { ch <- n }`). The variable takes each value once.
func onOneTurn(b, h *ssa.BasicBlock, body map[*ssa.BasicBlock]bool) bool {
	for _, br := range dominatingBranches(b) {
		if instr, ok := br.cond.(ssa.Instruction); !ok || !body[instr.Block()] {
			continue
		}
		cmp, ok := br.cond.(*ssa.BinOp)
		if !ok || !(cmp.Op == token.EQL && br.took || cmp.Op == token.NEQ && !br.took) {
			continue
		}
		for _, xy := range [2][2]ssa.Value{{cmp.X, cmp.Y}, {cmp.Y, cmp.X}} {
			if !invariant(xy[1], body) {
				continue
			}
			if _, _, _, ok := induction(h, body, xy[0]); ok {
				return true
			}
		}
	}
	return false
}

// A counted loop ends when an induction variable — a constant start (for
// the trip count), stepped by one up or down — fails a comparison with a
// bound fixed before the loop. The test is at the header for a three-clause
// for loop (for i := a; i < b; i++, for i := b; i > 0; i--), and at the
// bottom, on the next value, for a range over an int (for range n,
// for i := range len(xs)): there the header is the body's first block and the
// latch decides whether to go round again.
//
// countedLoop returns the block holding the loop's test and, when start and
// bound are constants, how many times the body runs (trips, else 0). test is
// nil when the loop is not counted: its way out depends on data. over is
// the value a range over a slice, array or string of unknown length ranges
// over (the body runs len(over) times), or the bound of a loop from 0 up
// to a value that is not a constant (the body runs over times).
func countedLoop(h *ssa.BasicBlock, body map[*ssa.BasicBlock]bool) (test *ssa.BasicBlock, trips int, over ssa.Value) {
	exits := func(b *ssa.BasicBlock) (*ssa.If, bool) {
		ifi, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		return ifi, ok && body[b.Succs[0]] && !body[b.Succs[1]]
	}
	ifi, ok := exits(h)
	if ok {
		test = h
	} else {
		// The latch: the one block going back to h that can also leave.
		for _, p := range h.Preds {
			if i, ok := exits(p); ok && body[p] && p.Succs[0] == h {
				if test != nil {
					return nil, 0, nil
				}
				test, ifi = p, i
			}
		}
		if test == nil {
			return nil, 0, nil
		}
	}
	if n, ok := constRangeTurns(ifi.Cond); ok {
		return test, n, nil
	}
	// Tested at the bottom (the test goes back to h, which may be the test
	// block itself): the test is on the next value.
	atBottom := test.Succs[0] == h
	cmp, isCmp := ifi.Cond.(*ssa.BinOp)
	if !isCmp {
		return nil, 0, nil
	}
	x, bound, op := cmp.X, cmp.Y, cmp.Op
	if invariant(x, body) { // 10 > i: the bound on the left
		x, bound, op = bound, x, mirror(op)
	}
	start, step, bumped, isInd := induction(h, body, x)
	// A test at the bottom compares the next value; so does the header
	// test of a range over a slice or array, whose index starts at -1 and
	// is bumped before the test: its first test is on start+step.
	if !isInd || atBottom && !bumped || !invariant(bound, body) {
		return nil, 0, nil
	}
	a, okA := intConst(start)
	b, okB := lenConst(bound)
	headerBumped := bumped && !atBottom
	switch {
	case headerBumped && okA && !okB && a == -1 && step == 1 && op == token.LSS && rangeLen(bound) != nil:
		return nil, 0, rangeLen(bound) // a range over data, of len(over) turns
	case headerBumped && (!okA || !okB):
		return nil, 0, nil // (a range over data: not a counted loop, as before)
	case okA && !okB && a == 0 && step == 1 && op == token.LSS && !atBottom:
		return test, 0, bound // for i := 0; i < n; i++: n turns
	case !okA || !okB:
		return test, 0, nil
	case headerBumped:
		a += int64(step)
	}
	var n int64
	switch {
	case step > 0 && (op == token.LSS || op == token.NEQ):
		n = b - a
	case step > 0 && op == token.LEQ:
		n = b - a + 1
	case step < 0 && (op == token.GTR || op == token.NEQ):
		n = a - b
	case step < 0 && op == token.GEQ:
		n = a - b + 1
	}
	if n <= 0 || n >= inf {
		return test, 0, nil
	}
	return test, int(n), nil
}

// induction recognises the induction variable of a loop with header h in x:
// a phi at h of the start (from outside the loop) and the previous value
// plus or minus one (from inside), or its next value (bumped: the phi plus
// or minus one, what a test at the bottom of the loop compares). When the
// variable is captured by a closure it lives in a fresh cell per iteration
// (Go 1.22): x is then a load of a phi of cells, the first holding the start
// and each next one the previous value plus or minus one.
func induction(h *ssa.BasicBlock, body map[*ssa.BasicBlock]bool, x ssa.Value) (start ssa.Value, step int, bumped, ok bool) {
	if inc, isBin := x.(*ssa.BinOp); isBin {
		if s := unitStep(inc); s != 0 {
			if phi, isPhi := inc.X.(*ssa.Phi); isPhi && phi.Block() == h {
				start, step, _, ok = induction(h, body, phi)
				return start, step, true, ok && step == s
			}
		}
		return nil, 0, false, false
	}
	cells := false
	if ld, isLoad := x.(*ssa.UnOp); isLoad && ld.Op == token.MUL {
		x, cells = ld.X, true
	}
	phi, isPhi := x.(*ssa.Phi)
	if !isPhi || phi.Block() != h || len(phi.Edges) < 2 {
		return nil, 0, false, false
	}
	// One edge from outside the loop; every edge from inside (a continue
	// adds one) carries the same next value.
	var next ssa.Value
	for i, e := range phi.Edges {
		switch {
		case !body[h.Preds[i]] && start == nil:
			start = e
		case body[h.Preds[i]] && (next == nil || next == e):
			next = e
		default:
			return nil, 0, false, false
		}
	}
	if start == nil || next == nil {
		return nil, 0, false, false
	}
	if !cells {
		inc, isBin := next.(*ssa.BinOp)
		if !isBin || inc.X != phi {
			return nil, 0, false, false
		}
		step = unitStep(inc)
		return start, step, false, step != 0
	}
	first, ok1 := start.(*ssa.Alloc)
	cell, ok2 := next.(*ssa.Alloc)
	if !ok1 || !ok2 {
		return nil, 0, false, false
	}
	for _, r := range *cell.Referrers() {
		if st, isStore := r.(*ssa.Store); isStore && st.Addr == cell {
			if inc, isBin := st.Val.(*ssa.BinOp); isBin && unitStep(inc) != 0 {
				return uniqueStore(first), unitStep(inc), false, uniqueStore(first) != nil
			}
		}
	}
	return nil, 0, false, false
}

// unitStep is +1 for v+1, -1 for v-1, else 0.
func unitStep(b *ssa.BinOp) int {
	if k, ok := intConst(b.Y); ok && k == 1 {
		switch b.Op {
		case token.ADD:
			return 1
		case token.SUB:
			return -1
		}
	}
	return 0
}

// constRangeTurns reports the number of turns of a range over a constant
// string whose test is cond (the ok of its next): one per rune; or over
// a map literal of constant keys (see mapLitLen): one per key.
func constRangeTurns(cond ssa.Value) (int, bool) {
	ex, ok := cond.(*ssa.Extract)
	if !ok || ex.Index != 0 {
		return 0, false
	}
	next, ok := ex.Tuple.(*ssa.Next)
	if !ok {
		return 0, false
	}
	rng, ok := next.Iter.(*ssa.Range)
	if !ok {
		return 0, false
	}
	if !next.IsString {
		return mapLitLen(rng.X)
	}
	c, ok := rng.X.(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.String {
		return 0, false
	}
	n := utf8.RuneCountInString(constant.StringVal(c.Value))
	return n, n > 0
}

// mapLitLen is the number of entries of a map made in place with constant
// keys and used for nothing but this range (`for _, a := range
// map[string]string{"east": e, "west": w}`): the keys of a literal are
// distinct constants, so the range runs once per key.
func mapLitLen(v ssa.Value) (int, bool) {
	mm, ok := v.(*ssa.MakeMap)
	if !ok {
		return 0, false
	}
	keys := make(map[string]bool)
	ranged := false
	for _, r := range *mm.Referrers() {
		switch r := r.(type) {
		case *ssa.MapUpdate:
			k, ok := r.Key.(*ssa.Const)
			if !ok || r.Map != ssa.Value(mm) || k.Value == nil {
				return 0, false
			}
			keys[k.Value.ExactString()] = true
		case *ssa.Range:
			if ranged {
				return 0, false
			}
			ranged = true
		case *ssa.DebugRef:
		default:
			return 0, false
		}
	}
	return len(keys), ranged && len(keys) > 0
}

func intConst(v ssa.Value) (int64, bool) {
	c, ok := v.(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.Int {
		return 0, false
	}
	return constant.Int64Val(c.Value)
}

// lenConst is intConst, and also the length of what has a length fixed by
// its type: len of an array, of a pointer to one, or of a whole slice of
// one (the bound of a range over [2]int{a, b} or over []int{a, b}, whose
// backing array is allocated with the literal's length).
// rangeLen returns x when v is len(x), nil otherwise.
func rangeLen(v ssa.Value) ssa.Value {
	call, ok := v.(*ssa.Call)
	if !ok || len(call.Call.Args) != 1 {
		return nil
	}
	if b, isBuiltin := call.Call.Value.(*ssa.Builtin); !isBuiltin || b.Name() != "len" {
		return nil
	}
	return call.Call.Args[0]
}

func lenConst(v ssa.Value) (int64, bool) {
	if n, ok := intConst(v); ok {
		return n, true
	}
	call, ok := v.(*ssa.Call)
	if !ok || len(call.Call.Args) != 1 {
		return 0, false
	}
	if b, isBuiltin := call.Call.Value.(*ssa.Builtin); !isBuiltin || b.Name() != "len" {
		return 0, false
	}
	x := call.Call.Args[0]
	if sl, isSlice := x.(*ssa.Slice); isSlice && sl.Low == nil && sl.High == nil && sl.Max == nil {
		x = sl.X
	}
	if n, ok := madeLen(x); ok {
		return n, true
	}
	t := x.Type().Underlying()
	if ptr, isPtr := t.(*types.Pointer); isPtr {
		t = ptr.Elem().Underlying()
	}
	if arr, isArr := t.(*types.Array); isArr {
		return arr.Len(), true
	}
	return 0, false
}

// pinnedLen is the length of over (or, for a loop up to a bound, the
// bound) that a test on every path to the loop header h pins (`if
// len(replicas) != 3 { return }`), or 0: the loop runs that many times.
func pinnedLen(h *ssa.BasicBlock, over ssa.Value) int {
	for _, br := range dominatingBranches(h) {
		x, op, is, whenTrue, ok := constCmp(br.cond)
		if !ok {
			continue
		}
		if arg, isLen := lenOf(x); x != over && (!isLen || arg != over) {
			continue // (over is what a range ranges over, or the bound n of i < n)
		}
		if op == token.EQL && br.took == whenTrue || op == token.NEQ && br.took != whenTrue {
			if k, err := strconv.Atoi(is); err == nil && k > 0 && k < inf {
				return k
			}
		}
	}
	return 0
}

// madeLen is the length a slice has from where it is made: make([]T, n)
// with a constant n, or xs[lo:hi] with constant bounds (hi-lo elements, or
// the slicing panics).
func madeLen(v ssa.Value) (int64, bool) {
	switch v := v.(type) {
	case *ssa.MakeSlice:
		return intConst(v.Len)
	case *ssa.Slice:
		if v.High == nil {
			return 0, false
		}
		hi, ok := intConst(v.High)
		lo := int64(0)
		if v.Low != nil {
			var okLo bool
			if lo, okLo = intConst(v.Low); !okLo {
				return 0, false
			}
		}
		return hi - lo, ok && hi >= lo
	}
	return 0, false
}

// invariant reports whether v is computed before the loop (or is not
// computed at all: a constant, a parameter).
func invariant(v ssa.Value, body map[*ssa.BasicBlock]bool) bool {
	instr, ok := v.(ssa.Instruction)
	if !ok || !body[instr.Block()] {
		return true
	}
	// Arithmetic on values fixed before the loop (n-1) is fixed too,
	// wherever the loop computes it.
	switch x := v.(type) {
	case *ssa.BinOp:
		return invariant(x.X, body) && invariant(x.Y, body)
	case *ssa.Convert:
		return invariant(x.X, body)
	case *ssa.UnOp: // a load of a variable stored once (a captured n)
		if st := stableLoad(x); st != v {
			return invariant(st, body)
		}
	}
	return false
}

// mirror turns a comparison around: b > a for a < b.
func mirror(op token.Token) token.Token {
	switch op {
	case token.LSS:
		return token.GTR
	case token.GTR:
		return token.LSS
	case token.LEQ:
		return token.GEQ
	case token.GEQ:
		return token.LEQ
	}
	return op
}

// doomedBlocks returns the blocks from which every path ends in a panic or a
// call that never returns, without reaching a return or a loop: the
// assertion-failure paths of a function.
func doomedBlocks(fn *ssa.Function, ops map[*ssa.BasicBlock][]*op) map[*ssa.BasicBlock]bool {
	doomed := make(map[*ssa.BasicBlock]bool)
	for _, b := range fn.Blocks {
		for _, o := range ops[b] {
			if o.kind == OpPanic || o.kind == OpNoReturn {
				doomed[b] = true
				break
			}
		}
	}
	closeBackward(fn, doomed)
	return doomed
}

// closeBackward adds to marked every block of fn all of whose successors
// are marked, until none is left: the blocks from which every path reaches
// a marked one.
func closeBackward(fn *ssa.Function, marked map[*ssa.BasicBlock]bool) {
	for changed := true; changed; {
		changed = false
		for _, b := range fn.Blocks {
			if marked[b] || len(b.Succs) == 0 {
				continue
			}
			all := true
			for _, s := range b.Succs {
				all = all && marked[s]
			}
			if all {
				marked[b] = true
				changed = true
			}
		}
	}
}

// stuckBlocks returns the blocks from which no run goes on: every edge out
// is never taken, or leads to a block that panics or is stuck in turn (the
// test for the second case of a select whose second case is never ready
// goes only to that case's body or to the select's "no case" panic).
func stuckBlocks(fn *ssa.Function, doomed map[*ssa.BasicBlock]bool, never map[[2]*ssa.BasicBlock]bool) map[*ssa.BasicBlock]bool {
	if len(never) == 0 {
		return nil
	}
	stuck := make(map[*ssa.BasicBlock]bool)
	for changed := true; changed; {
		changed = false
		for _, b := range fn.Blocks {
			if stuck[b] || len(b.Succs) == 0 {
				continue
			}
			all := true
			for _, s := range b.Succs {
				all = all && (never[[2]*ssa.BasicBlock{b, s}] || doomed[s] || stuck[s])
			}
			if all {
				stuck[b] = true
				changed = true
			}
		}
	}
	return stuck
}
