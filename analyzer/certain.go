package analyzer

import (
	"go/constant"
	"go/token"
	"go/types"
	"iter"
	"slices"
	"strings"

	"github.com/awaitvet/awaitvet/callgraph"
	"golang.org/x/tools/go/ssa"
)

// Orderings the counts of ChanCount cannot express: a select case taken on
// one path and a plain operation on the others (F3 in TRIAGE.md), senders
// started one after another's value was received (F5), a token sent before
// each goroutine that gives it back is started (F2).

// opBlocks maps the blocks of this function in which operations of kind
// on channel k certainly happen when the block runs to where the first one
// is in the block and how many there are (inf for one that may repeat): the
// function's own plain operations and its callees', and the body of a
// select case of that kind on k (the body runs only when the case was
// taken).
func (fa *fnAnalysis) opBlocks(k string, kind OpKind) map[*ssa.BasicBlock]opMark {
	return fa.opBlocksCounted(k, kind, false)
}

// opBlocksCounted is opBlocks; with perVisit, an operation of the function
// itself in a loop counts once per run of its block (for a walk of the
// paths, which goes around the loop itself), where opBlocks counts it as
// repeating.
func (fa *fnAnalysis) opBlocksCounted(k string, kind OpKind, perVisit bool) map[*ssa.BasicBlock]opMark {
	at := make(map[*ssa.BasicBlock]opMark)
	mark := func(b *ssa.BasicBlock, seq int, loop bool) {
		m, ok := at[b]
		if !ok || seq < m.first {
			m.first = seq
		}
		m.n = add(m.n, pick(loop, inf, 1))
		at[b] = m
	}
	for _, c := range fa.sum.Chans {
		// (a callee's operation happens at the call only if it happens on
		// every path of the callee: Always, which is stricter still)
		if c.Kind == kind && !c.Alt && !c.NonBlocking && !c.Deferred && c.block != nil && c.Ref.key() == k &&
			(len(c.Chain) == 1 || c.Always) {
			mark(c.block, c.seq, c.Loop && !(perVisit && len(c.Chain) == 1))
		}
	}
	// The body of a select's case (of a select of several cases, or of the
	// one case of a select with a default: `select { case sem <- token: go
	// release(); default: }`) runs only once its send or receive is done:
	// there the operation happened, though the select (Alt or NonBlocking,
	// above) may not have done it at all. (A case whose body leaves the
	// loop the select is in runs once on a path through it: the body's own
	// loop decides, not the select's.)
	for sel, iff := range fa.selectBranches(k, kind == OpSend, 1) {
		if body := iff.Block().Succs[0]; (len(sel.States) > 1 || !sel.Blocking) && len(body.Preds) == 1 {
			mark(body, 0, fa.blocks.loop[body] && !perVisit)
		}
	}
	// A callee's select send that its nil error result vouches for (NilIf):
	// it happened where the caller has tested that result against nil.
	for _, c := range fa.sum.Chans {
		if kind == OpSend && c.NilIf != 0 && c.call != nil && c.Ref.key() == k {
			b := (*ssa.BasicBlock)(nil)
			if c.NilIf > 0 {
				b = nilBranch(c.call, c.NilIf-1)
			} else {
				b = trueBranch(c.call, -c.NilIf-1)
			}
			if b != nil {
				mark(b, 0, fa.blocks.loop[b])
			}
		}
	}
	return at
}

// callResult is the value of result r of call (the call itself when it
// has one result), or nil when no code extracts it.
func callResult(call ssa.CallInstruction, r int) ssa.Value {
	v, ok := call.(ssa.Value)
	if !ok {
		return nil
	}
	if tup, ok := v.Type().(*types.Tuple); ok && tup.Len() > 1 {
		for _, ref := range *v.Referrers() {
			if ex, ok := ref.(*ssa.Extract); ok && ex.Index == r {
				return ex
			}
		}
		return nil
	}
	return v
}

// nilBranch is the block a call's result r (an error) leads to when it is
// nil: the successor of an "if err == nil" (or the else of "err != nil")
// that only that branch enters. nil when the result is not tested so.
func nilBranch(call ssa.CallInstruction, r int) *ssa.BasicBlock {
	v := callResult(call, r)
	if v == nil {
		return nil
	}
	for _, ref := range readsOf(v) {
		cmp, ok := ref.(*ssa.BinOp)
		if !ok || cmp.Op != token.EQL && cmp.Op != token.NEQ || !isNilConst(cmp.X) && !isNilConst(cmp.Y) {
			continue
		}
		for _, ref := range *cmp.Referrers() {
			iff, ok := ref.(*ssa.If)
			if !ok || len(iff.Block().Succs) != 2 {
				continue
			}
			succ := iff.Block().Succs[0]
			if cmp.Op == token.NEQ {
				succ = iff.Block().Succs[1]
			}
			if len(succ.Preds) == 1 {
				return succ
			}
		}
	}
	return nil
}

// readsOf lists the uses of v, and those of every load of a variable
// whose cell holds v and nothing else (a variable a closure captures,
// `if err := acquire(); err != nil { once.Do(func() { first = err }) }`:
// its test reads the cell, and the read is v; see stableLoad).
func readsOf(v ssa.Value) []ssa.Instruction {
	refs := slices.Clone(*v.Referrers())
	for _, r := range *v.Referrers() {
		st, ok := r.(*ssa.Store)
		if !ok || st.Val != v {
			continue
		}
		if _, ok := cellStore(st.Addr); !ok {
			continue
		}
		for _, l := range *st.Addr.Referrers() {
			if u, ok := l.(*ssa.UnOp); ok && stableLoad(u) == v {
				refs = append(refs, *u.Referrers()...)
			}
		}
	}
	return refs
}

// nilOnlyThrough reports, for case i of a blocking select (a send), which
// error result of the function is nil only on paths through the case's
// body: result index plus one, or 0. Every return whose error may be nil
// must be dominated by the body. An error is certainly non-nil when it is
// a non-nil interface conversion, a package-level error variable (a
// sentinel), a new error (errors.New, fmt.Errorf), or ctx.Err() (non-nil
// once Done is closed, by context's contract); anything else may be nil.
// This is the conditional summary of a ctx-aware Acquire: it returns nil
// exactly when it took the token.
func (fa *fnAnalysis) nilOnlyThrough(sel *ssa.Select, i int) int {
	iff := caseBranch(sel, i)
	if iff == nil {
		return 0
	}
	body := iff.Block().Succs[0]
	if len(body.Preds) != 1 {
		return 0
	}
	res := fa.fn.Signature.Results()
	r := -1
	for j := res.Len() - 1; j >= 0; j-- {
		if types.Identical(res.At(j).Type(), types.Universe.Lookup("error").Type()) {
			r = j
			break
		}
	}
	if r < 0 {
		return trueOnlyThrough(fa.fn, body)
	}
	through := false
	for _, ret := range callgraph.Returns(fa.fn) {
		b := ret.Block()
		if r >= len(ret.Results) {
			continue
		}
		if body.Dominates(b) {
			through = true
			continue
		}
		if mayBeNil(ret.Results[r], make(map[ssa.Value]bool)) {
			return 0
		}
	}
	if !through {
		return 0
	}
	return r + 1
}

// trueOnlyThrough is nilOnlyThrough for a function with no error result
// and a boolean one that is true only on paths through the case's body
// (`case sem <- token: return true; case <-ctx.Done(): return false`):
// every other return gives the constant false. It returns minus (the
// result's index plus one), or 0.
func trueOnlyThrough(fn *ssa.Function, body *ssa.BasicBlock) int {
	res := fn.Signature.Results()
	r := -1
	for j := res.Len() - 1; j >= 0; j-- {
		if types.Identical(res.At(j).Type().Underlying(), types.Typ[types.Bool]) {
			r = j
			break
		}
	}
	if r < 0 {
		return 0
	}
	through := false
	for _, ret := range callgraph.Returns(fn) {
		if r >= len(ret.Results) {
			return 0
		}
		if body.Dominates(ret.Block()) {
			through = true
			continue
		}
		if val, ok := constBool(ret.Results[r]); !ok || val {
			return 0
		}
	}
	if !through {
		return 0
	}
	return -(r + 1)
}

// trueBranch is nilBranch for a boolean result r: the block the call
// leads to when it is true (if ok, or the else of if !ok) that only that
// branch enters; nil when the result is not tested so.
func trueBranch(call ssa.CallInstruction, r int) *ssa.BasicBlock {
	v := callResult(call, r)
	if v == nil {
		return nil
	}
	for _, ref := range readsOf(v) {
		cond, succ := ssa.Value(nil), 0
		switch x := ref.(type) {
		case *ssa.If:
			cond = v
		case *ssa.UnOp:
			if x.Op == token.NOT {
				cond, succ = x, 1
			}
		}
		if cond == nil {
			continue
		}
		for _, use := range *cond.Referrers() {
			iff, ok := use.(*ssa.If)
			if !ok || iff.Cond != cond || len(iff.Block().Succs) != 2 {
				continue
			}
			if b := iff.Block().Succs[succ]; len(b.Preds) == 1 {
				return b
			}
		}
	}
	return nil
}

// mayBeNil reports whether an error value may be nil (see nilOnlyThrough).
func mayBeNil(v ssa.Value, seen map[ssa.Value]bool) bool {
	if seen[v] {
		return false
	}
	seen[v] = true
	switch x := v.(type) {
	case *ssa.Const:
		return x.IsNil()
	case *ssa.MakeInterface:
		return false
	case *ssa.UnOp:
		_, global := x.X.(*ssa.Global)
		return !(x.Op == token.MUL && global)
	case *ssa.Phi:
		for _, e := range x.Edges {
			if mayBeNil(e, seen) {
				return true
			}
		}
		return false
	case *ssa.Call:
		c := x.Common()
		if c.IsInvoke() {
			return !(c.Method.Name() == "Err" && isContext(c.Value.Type()))
		}
		return !newError(c)
	}
	return true
}

// newError reports whether a call makes a new error, never nil by its
// contract: errors.New, fmt.Errorf.
func newError(c *ssa.CallCommon) bool {
	if f := c.StaticCallee(); f != nil && f.Pkg != nil {
		switch f.Pkg.Pkg.Path() + "." + f.Name() {
		case "errors.New", "fmt.Errorf":
			return true
		}
	}
	return false
}

// An opMark says where in a block its first operation of a kind is (its
// sequence number, 0 for a select case's body) and how many it does.
type opMark struct{ first, n int }

// noCase is the set of blocks no run reaches: after the last case of each
// blocking select, the panic "blocking select matched no case".
func (fa *fnAnalysis) noCase() map[*ssa.BasicBlock]bool { return noCaseBlocks(fa.fn) }

// noCaseBlocks is noCase for any function.
func noCaseBlocks(fn *ssa.Function) map[*ssa.BasicBlock]bool {
	out := make(map[*ssa.BasicBlock]bool)
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if sel, ok := instr.(*ssa.Select); ok && sel.Blocking && len(sel.States) > 1 {
				if iff := caseBranch(sel, len(sel.States)-1); iff != nil {
					out[iff.Block().Succs[1]] = true
				}
			}
		}
	}
	return out
}

// caseBranch is the branch to case i of a select: "if index == i goto
// body else next".
func caseBranch(sel *ssa.Select, i int) *ssa.If {
	for _, r := range *sel.Referrers() {
		ex, ok := r.(*ssa.Extract)
		if !ok || ex.Index != 0 {
			continue
		}
		for _, r := range *ex.Referrers() {
			cmp, ok := r.(*ssa.BinOp)
			if !ok {
				continue
			}
			if s, j, ok := selectIndexTest(cmp); !ok || s != sel || j != i {
				continue
			}
			for _, r := range *cmp.Referrers() {
				if iff, ok := r.(*ssa.If); ok && len(iff.Block().Succs) == 2 {
					return iff
				}
			}
		}
	}
	return nil
}

// selectIndexTest matches `index == i` on a select's chosen index (the
// test that enters case i's body).
func selectIndexTest(cond ssa.Value) (*ssa.Select, int, bool) {
	eq, ok := cond.(*ssa.BinOp)
	if !ok || eq.Op != token.EQL {
		return nil, 0, false
	}
	ex, ok := eq.X.(*ssa.Extract)
	c, ok2 := eq.Y.(*ssa.Const)
	if !ok || !ok2 || ex.Index != 0 || c.Value == nil || c.Value.Kind() != constant.Int {
		return nil, 0, false
	}
	sel, ok := ex.Tuple.(*ssa.Select)
	n, exact := constant.Int64Val(c.Value)
	if !ok || !exact {
		return nil, 0, false
	}
	return sel, int(n), true
}

// maxPending bounds the values that can be left in the channel with key k
// when the function returns, over its paths from start (the block that
// makes the channel): the sends the goroutines started on the path and the
// function itself may do, less the receives the function certainly does on
// the path (a select case counting on the paths through its body), and the
// receives certain in the goroutines started on the path. Paths that end in a
// panic or a t.Fatal count too: a receive certain only because the other
// way out fails the test is not one. What adds in a loop adds without
// bound; a receive in a loop, which may run no time, takes nothing; except
// that a goroutine this function's own go statement starts in its loop
// counts once per turn, and then the walk goes round the loop itself,
// taking a receive once per run of its block: a turn that receives as much
// as it starts adds nothing, one that adds goes round until the walk gives
// up (without bound). A path back to start leaves this channel as it is
// (the next one is new).
// When no more than the buffer holds can be pending, no sender blocks
// forever (F3: a select with a timeout then a plain receive; F5: senders
// started one after another's value was received).
func (fa *fnAnalysis) maxPending(start *ssa.BasicBlock, k string, u *chanUse) int {
	weight := make(map[*ssa.BasicBlock]int)
	drain := make(map[*ssa.BasicBlock]int)
	turns := make(map[*ssa.BasicBlock]bool) // blocks whose weight counts once per turn of a loop
	for _, g := range u.goros {
		if g.index >= len(fa.spawnAt) {
			return inf
		}
		b := fa.spawnAt[g.index]
		per := pick(g.many && g.each > 0, inf, g.each)
		if g.many && !fa.spawnMany[g.index] && onCycle(b, start) {
			// One goroutine each time this function's go statement runs
			// in its loop: the paths around the loop count it once per
			// turn, and a turn that receives as much as it starts adds
			// nothing (a retry loop that starts one attempt and waits for
			// its result before the next).
			per, turns[b] = g.each, true
		}
		weight[b] = add(weight[b], per)
		// A receiver started on this path takes what its receives certain
		// on every path of its own take, though it is not started on the
		// others (a drainer started on the timeout path). One started in
		// a loop, or sending too (its receives are netted against its
		// sends: see use), takes nothing here.
		if n := countFor(g.spawn.Counts, k); !g.many && n.MaxSend == 0 && n.MinRecv < inf {
			drain[b] = add(drain[b], n.MinRecv)
		}
	}
	for _, c := range u.self.ops { // every send that may happen, select cases and all
		if c.Kind == OpSend {
			if c.block == nil {
				return inf
			}
			weight[c.block] = add(weight[c.block], pick(c.Loop, inf, 1))
		}
	}
	for b, w := range weight {
		if w > 0 && onCycle(b, start) && !turns[b] {
			weight[b] = inf
		}
	}
	recvs := fa.opBlocksCounted(k, OpRecv, len(turns) > 0)
	edgeRecvs := fa.caseEdges(k)
	for _, g := range u.goros {
		if turns[fa.spawnAt[g.index]] {
			fa.siblingRecvs(recvs, edgeRecvs, k, g)
		}
	}
	value := func(b *ssa.BasicBlock, in int) int {
		in = add(in, weight[b])
		if m, ok := recvs[b]; ok && in < inf && m.n < inf && (!fa.blocks.loop[b] || len(turns) > 0) {
			in -= m.n
		}
		if in < inf && !fa.blocks.loop[b] {
			in -= drain[b]
		}
		return in
	}
	unreachable := fa.noCase()
	best, exits := 0, 0
	exit := func(v int) {
		best, exits = pick(exits == 0 || v > best, v, best), exits+1
	}
	// The longest path, by a worklist: cycles add nothing or everything.
	reached := map[*ssa.BasicBlock]int{start: value(start, 0)}
	work := []*ssa.BasicBlock{start}
	for budget := 8 * len(fa.fn.Blocks); len(work) > 0; budget-- {
		if budget < 0 {
			return inf
		}
		b := work[len(work)-1]
		work = work[:len(work)-1]
		v := reached[b]
		if len(b.Succs) == 0 && !unreachable[b] {
			exit(v)
		}
		for _, s := range b.Succs {
			v := v
			if n := edgeRecvs[[2]*ssa.BasicBlock{b, s}]; n > 0 && v < inf {
				v -= n // a select case without a body of its own received on this edge
			}
			if s == start {
				exit(v)
				continue
			}
			if old, ok := reached[s]; !ok || value(s, v) > old {
				reached[s] = value(s, v)
				work = append(work, s)
			}
		}
	}
	if exits == 0 {
		return inf // it never returns: what is pending stays pending
	}
	return best
}

// onCycle reports whether b can run again without start running first.
func onCycle(b, start *ssa.BasicBlock) bool {
	seen := make(map[*ssa.BasicBlock]bool)
	stack := append([]*ssa.BasicBlock(nil), b.Succs...)
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if x == b {
			return true
		}
		if x == start || seen[x] {
			continue
		}
		seen[x] = true
		stack = append(stack, x.Succs...)
	}
	return false
}

// doesBeforeEach reports whether each run of the go statement at place seq
// of block at is preceded by an operation in ops of its own: every path
// from start to it, and every path from it back to it, goes through one.
func doesBeforeEach(start, at *ssa.BasicBlock, seq int, ops map[*ssa.BasicBlock]opMark) bool {
	return !reaches(append([]*ssa.BasicBlock{start}, at.Succs...), at, func(b *ssa.BasicBlock) bool {
		m, done := ops[b]
		return done && (b != at || m.first < seq)
	})
}

// reaches reports whether a path from one of the blocks from leads to target
// without entering a block that stop rejects (target included).
func reaches(from []*ssa.BasicBlock, target *ssa.BasicBlock, stop func(*ssa.BasicBlock) bool) bool {
	seen := make(map[*ssa.BasicBlock]bool)
	stack := append([]*ssa.BasicBlock(nil), from...)
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[b] || stop(b) {
			continue
		}
		if b == target {
			return true
		}
		seen[b] = true
		stack = append(stack, b.Succs...)
	}
	return false
}

// pathPending bounds, like maxPending, the values that can be left in the
// channel with key k when the function returns, but path by path, telling
// apart the paths on which the function's branch conditions differ
// (countpaths.go): on each path, the sends of the goroutines started on it
// and of the function itself, less the receives certain on it (the
// function's own, a select case's on the paths through its body, and those
// of a receiver started on the path). So a goroutine started under `if
// async` sends nothing on the path that returns early under `if !async`,
// and a channel handed on the early path to a goroutine that receives from
// it leaves nothing behind. Paths that end in a panic count (see
// maxPending); a path round a loop is not followed, so a send in a loop
// leaves the bound to maxPending.
func (fa *fnAnalysis) pathPending(start *ssa.BasicBlock, k string, u *chanUse) int {
	w := fa.weightsCopy(k)
	at := w.at
	// Of a group of goroutines started on exclusive paths at one block (by
	// one call, exclspawns.go), one runs: the most one sends, the fewest one
	// certainly receives. (Those at different blocks are on different
	// paths of the walk below.)
	type group struct{ sends, recvs int }
	type groupKey struct {
		at   *ssa.BasicBlock
		excl int
	}
	groups := map[groupKey]*group{}
	var order []groupKey
	for _, g := range u.goros {
		if g.index >= len(fa.spawnAt) {
			return inf
		}
		b := fa.spawnAt[g.index]
		x := at(b)
		sends, recvs := pick(g.many && g.each > 0, inf, g.each), 0
		if n := countFor(g.spawn.Counts, k); !g.many && n.MaxSend == 0 {
			recvs = n.MinRecv
		}
		if e := g.spawn.Excl; e != 0 {
			key := groupKey{b, e}
			if gr := groups[key]; gr != nil {
				gr.sends, gr.recvs = max(gr.sends, sends), min(gr.recvs, recvs)
				continue
			}
			groups[key] = &group{sends, recvs}
			order = append(order, key)
			continue
		}
		x.MaxSend = add(x.MaxSend, sends)
		x.MinRecv = add(x.MinRecv, recvs)
	}
	for _, key := range order {
		gr, x := groups[key], at(key.at)
		x.MaxSend, x.MinRecv = add(x.MaxSend, gr.sends), add(x.MinRecv, gr.recvs)
	}
	for _, c := range u.self.ops {
		if c.Kind == OpSend && (c.Alt || c.NonBlocking) {
			if c.block == nil {
				return inf
			}
			x := at(c.block)
			x.MaxSend = add(x.MaxSend, pick(c.Loop, inf, 1))
		}
	}
	for sel, body := range fa.caseBodies(k, false) {
		// The receive case's body, run once on a path through it.
		if sel.Blocking && !fa.blocks.loop[body] {
			at(body).MinRecv = add(at(body).MinRecv, 1)
		}
	}
	ends := fa.endsWithProcess(k)
	if ends {
		for _, b := range returnBlocks(fa.fn) {
			at(b).MinRecv = inf // no sender outlives the process
		}
	}
	for b, x := range w {
		if x.MaxSend > 0 && fa.blocks.loop[b] {
			return inf // (a loop's body is off the paths walked)
		}
	}
	t := fa.countTable()
	skip := fa.noCase()
	if ends {
		skip = fa.goneBlocks() // (a path that ends the process leaves no sender behind)
	}
	paths := fa.walkCountsTo(start, w, fa.edgeW[k], t, t.sound, skip)
	if len(paths) == 0 {
		return inf
	}
	best := 0
	for _, p := range paths {
		if p.n.MaxSend >= inf {
			return inf
		}
		best = max(best, p.n.MaxSend-min(p.n.MinRecv, p.n.MaxSend))
	}
	return best
}

// endsWithProcess reports whether a return of the function ends the
// process (main's, or one whose callers end it after the call: returnEnds)
// and the function waits for nothing but channel k: a sender left pending
// on k when it returns ends with the program, and leaks nothing. One that
// waits on anything else (a WaitGroup, another channel, a Cond) may be
// waiting for that sender, and never reach the return.
func (fa *fnAnalysis) endsWithProcess(k string) bool {
	if !fa.ps.returnEnds(fa.fn, 0) {
		return false
	}
	for _, c := range fa.sum.Chans {
		if c.Ref.Base == BaseGlobal && !strings.HasPrefix(c.Ref.Name, fa.ps.pkgPath+".") {
			continue // another package's own channel (os.Stderr's, as an io.Writer may be a pipe): not the goroutine's
		}
		switch c.Kind {
		case OpWGWait, OpCondWait, OpSelect:
			return false
		case OpRecv:
			if c.Ref.key() != k && !c.NonBlocking {
				return false
			}
		}
	}
	return true
}

// blockWeights are per-block counts for a path walk (walkCounts), a copy a
// caller may add to without touching fa.weights.
type blockWeights map[*ssa.BasicBlock]*ChanCount

// weightsCopy copies the counts of the operations on channel (or
// WaitGroup) k, block by block.
func (fa *fnAnalysis) weightsCopy(k string) blockWeights {
	w := make(blockWeights, len(fa.weights[k]))
	for b, x := range fa.weights[k] {
		c := *x
		w[b] = &c
	}
	return w
}

// at is b's counts, made empty on first use.
func (w blockWeights) at(b *ssa.BasicBlock) *ChanCount {
	if w[b] == nil {
		w[b] = &ChanCount{}
	}
	return w[b]
}

// selectRecvOnEveryExit reports whether every path from start receives from
// channel k, counting a select's receive case where its body runs, except
// the paths that end the process (log.Fatal, see exits.go): the receiver
// leaves by another case only to end every goroutine, so it abandons no
// sender. A path that panics still leaves (a caller may recover). A return
// that ends the process (main's, or a function's whose callers all end it
// after the call: see returnEnds) counts as the receive.
func (fa *fnAnalysis) selectRecvOnEveryExit(start *ssa.BasicBlock, k string) bool {
	w := fa.weightsCopy(k)
	ew := make(map[[2]*ssa.BasicBlock]*ChanCount, len(fa.edgeW[k]))
	for e, x := range fa.edgeW[k] {
		c := *x
		ew[e] = &c
	}
	found := false
	// (a select with a default counts too: its case's body runs only
	// after the receive, as a blocking select's does)
	for sel, iff := range fa.selectBranches(k, false, 1) {
		// (in a loop, only a case that never comes round to the select
		// again, a poll that returns what it got, receives once)
		if fa.blocks.loop[sel.Block()] && reachesBlock(iff.Block().Succs[0], sel.Block()) {
			continue
		}
		// The receive is counted where the case's body runs: in its own
		// block, or on the edge into the block after the select when the
		// case has no body (other cases join it there).
		var x *ChanCount
		if body := iff.Block().Succs[0]; len(body.Preds) == 1 {
			x = w.at(body)
		} else {
			e := [2]*ssa.BasicBlock{iff.Block(), body}
			if ew[e] == nil {
				ew[e] = &ChanCount{}
			}
			x = ew[e]
		}
		x.MinRecv, x.MaxRecv = add(x.MinRecv, 1), add(x.MaxRecv, 1)
		found = true
	}
	if fa.ps.returnEnds(fa.fn, 0) {
		for _, b := range returnBlocks(fa.fn) {
			x := w.at(b)
			x.MinRecv = add(x.MinRecv, 1)
			found = true
		}
	}
	if !found {
		return false
	}
	t := fa.countTable()
	return everyPathRecvs(fa.walkCountsTo(start, w, ew, t, t.sound, fa.goneBlocks()))
}

// everyPathRecvs reports whether there are paths and each receives.
func everyPathRecvs(paths []pathCount) bool {
	for _, p := range paths {
		if p.n.MinRecv < 1 {
			return false
		}
	}
	return len(paths) > 0
}

// recvEachTurn reports whether the function receives from channel k, made
// at start inside a loop, on every path from the make to the end of that
// turn (a return, a break out, or the way back to the header of a loop
// that holds start): the channel is new on each turn, so a receive the
// turn makes counts once, even where the loop can be left early (a
// receive-then-return retry loop), which the function's own counts take as
// a receive that may not happen. Only the function's own plain receives
// in start's innermost loop count.
func (fa *fnAnalysis) recvEachTurn(start *ssa.BasicBlock, k string) bool {
	inner := fa.blocks.innermost[start]
	if inner == nil {
		return false
	}
	w := fa.weightsCopy(k)
	found := false
	for _, c := range fa.sum.Chans {
		if c.Kind != OpRecv || len(c.Chain) != 1 || c.Alt || c.NonBlocking || c.Drain || c.Deferred || c.block == nil ||
			c.Ref.key() != k || fa.blocks.innermost[c.block] != inner {
			continue
		}
		if x := w.at(c.block); x.MinRecv == 0 {
			x.MinRecv = 1
		}
		found = true
	}
	if !found {
		return false
	}
	ends := make(map[*ssa.BasicBlock]bool)
	for h, body := range fa.blocks.bodies {
		if !body[start] {
			continue
		}
		for _, p := range h.Preds {
			if body[p] && h.Dominates(p) {
				ends[p] = true
			}
		}
	}
	fa.turnEnds = ends
	defer func() { fa.turnEnds = nil }()
	t := fa.countTable()
	return everyPathRecvs(fa.walkCountsTo(start, w, fa.edgeW[k], t, t.sound, nil))
}

// caseBodies yields the selects (of two cases or more) of the function with
// a case that sends on (send) or receives from channel k, each with the
// block of that case's body. A case with no body of its own (an empty case
// branches straight to the block after the select, which others reach too)
// is left out.
func (fa *fnAnalysis) caseBodies(k string, send bool) iter.Seq2[*ssa.Select, *ssa.BasicBlock] {
	return func(yield func(*ssa.Select, *ssa.BasicBlock) bool) {
		for sel, iff := range fa.caseBranches(k, send) {
			if body := iff.Block().Succs[0]; len(body.Preds) == 1 && !yield(sel, body) {
				return
			}
		}
	}
}

// caseBranches yields the selects (of two cases or more) of the function
// with a case that sends on (send) or receives from channel k, each with
// the branch that enters that case (its first successor).
func (fa *fnAnalysis) caseBranches(k string, send bool) iter.Seq2[*ssa.Select, *ssa.If] {
	return fa.selectBranches(k, send, 2)
}

// selectBranches is caseBranches for the selects of at least min cases (a
// select of one case and a default has one).
func (fa *fnAnalysis) selectBranches(k string, send bool, min int) iter.Seq2[*ssa.Select, *ssa.If] {
	return func(yield func(*ssa.Select, *ssa.If) bool) {
		for _, b := range fa.fn.Blocks {
			for _, instr := range b.Instrs {
				sel, ok := instr.(*ssa.Select)
				if !ok || len(sel.States) < min {
					continue
				}
				for i, st := range sel.States {
					if (st.Dir == types.SendOnly) != send || fa.chanRef(st.Chan).key() != k {
						continue
					}
					if iff := caseBranch(sel, i); iff != nil && !yield(sel, iff) {
						return
					}
				}
			}
		}
	}
}
