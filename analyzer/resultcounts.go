package analyzer

import (
	"go/constant"
	"go/token"

	"github.com/awaitvet/awaitvet/callgraph"
	"golang.org/x/tools/go/ssa"
)

// Counts keyed by a bool result. A helper that adds to a WaitGroup only
// when it returns true (`if closing { return false }; wg.Add(1); return
// true`), called by a caller that goes on only on true (`if !track(true) {
// return errClosed }; defer track(false)`), owes a Done on exactly the
// paths that go on: over all its paths the helper "may add, may not", and
// the caller's early return looks like an Add left without its Done. So a
// summary keeps, beside its counts over all paths, those over the paths
// that return the constant true and those that return the constant false
// (under each tested parameter value too, as GuardCounts: track(true) and
// track(false) take different paths). A caller whose block ends in a branch
// on the call's result gives each outgoing edge the counts of the side that
// edge is taken on (countpaths.go adds them on the edge). A side is only
// known when every return of the function is a constant: a computed result
// may be either. As with countsAt, the side's counts only narrow what the
// callee may do (the most Dones, sends, receives and Dones beyond its own
// Adds) and raise the certain Dones; the certain Adds, sends and receives
// and the most Adds stay those over all paths, so no "fewer Done than Add"
// or missed send is claimed from a side. A goroutine whose every Done on
// the side taken follows an Add of its own is then seen to count itself, as
// it does: it owes nobody else a Done.

// A ResultCount holds a function's counts over the paths that return Val
// (on which Guard, when set, holds too), for the channels where they differ
// from Counts.
type ResultCount struct {
	Guard  *Guard
	Val    bool
	Counts []ChanCount
}

// constReturns maps each return block of a function with one bool result to
// the constant it returns, or is nil when some return is not a constant.
func constReturns(fn *ssa.Function) map[*ssa.BasicBlock]bool {
	res := fn.Signature.Results()
	if res.Len() != 1 || !isBool(res.At(0).Type()) {
		return nil
	}
	rets := make(map[*ssa.BasicBlock]bool)
	for _, r := range callgraph.Returns(fn) {
		b := r.Block()
		if b == fn.Recover {
			continue // the recover block is reached only by a panic
		}
		c, ok := returnedValue(b, r.Results[0]).(*ssa.Const)
		if !ok || c.Value == nil || c.Value.Kind() != constant.Bool {
			return nil
		}
		rets[b] = constant.BoolVal(c.Value)
	}
	return rets
}

// returnedValue sees through the result slot of a function with defers
// (`*t0 = true; rundefers; t1 = *t0; return t1`): the value last stored
// in the slot in the return's block, when the slot is only stored to and
// loaded (a named result a deferred closure may change is not).
func returnedValue(b *ssa.BasicBlock, v ssa.Value) ssa.Value {
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return v
	}
	slot, ok := load.X.(*ssa.Alloc)
	if !ok || slot.Referrers() == nil {
		return v
	}
	for _, r := range *slot.Referrers() {
		switch r := r.(type) {
		case *ssa.Store:
			if r.Addr != slot {
				return v
			}
		case *ssa.UnOp:
			if r.Op != token.MUL {
				return v
			}
		default:
			return v
		}
	}
	var last ssa.Value
	for _, instr := range b.Instrs {
		if instr == load {
			break
		}
		if st, ok := instr.(*ssa.Store); ok && st.Addr == slot {
			last = st.Val
		}
	}
	if last == nil {
		return v
	}
	return last
}

// resultCounts records the counts over the paths returning true and those
// returning false, over all paths and under each value of the parameters
// guardCounts keys its counts by, where they differ from the counts over
// all paths and some path returns that value.
func (fa *fnAnalysis) resultCounts(keys []string) {
	rets := constReturns(fa.fn)
	if rets == nil {
		return
	}
	sides := append([]paramSide{{}}, fa.paramSides()...)
	t := fa.countTable()
	for _, sd := range sides {
		for _, val := range []bool{true, false} {
			fa.cut = sd.cut
			fa.exitOK = func(b *ssa.BasicBlock) bool { v, ok := rets[b]; return ok && v == val }
			if len(fa.walkCounts(fa.fn.Blocks[0], nil, nil, t, t.sound)) > 0 {
				rc := ResultCount{Guard: sd.guard, Val: val, Counts: fa.differingCounts(keys)}
				if len(rc.Counts) > 0 {
					fa.sum.ResultCounts = append(fa.sum.ResultCounts, rc)
				}
			}
			fa.cut, fa.exitOK = nil, nil
		}
	}
}

// paramCut is the cut that keeps the paths on which the tracked condition i
// (a test of a parameter) has the value val.
func (fa *fnAnalysis) paramCut(i uint8, val bool) func(from, to *ssa.BasicBlock) bool {
	return keyCut(fa.conds.keys[i], val)
}

// resultSides returns, for a call whose only result the current block's
// branch tests, the callee's counts (base, as countsAt gives them) on each
// of the block's two outgoing edges, narrowed to the side of the result
// that edge is taken on; nil when the block does not branch on the result,
// the callee keeps no counts by result, or the call is in a loop.
func (fa *fnAnalysis) resultSides(sum *Summary, b *binding, st *lockState, base []ChanCount, loop bool) [][]ChanCount {
	if len(sum.ResultCounts) == 0 || fa.block == nil || loop || fa.deferring || len(b.results) != 1 || b.results[0] == nil {
		return nil
	}
	blk := fa.block
	if blk == nil || len(blk.Succs) != 2 || blk.Succs[0] == blk.Succs[1] {
		return nil
	}
	if instr, ok := b.results[0].(ssa.Instruction); !ok || instr.Block() != blk {
		return nil
	}
	ifi, ok := blk.Instrs[len(blk.Instrs)-1].(*ssa.If)
	if !ok {
		return nil
	}
	k, whenTrue, ok := condOf(ifi.Cond)
	if !ok || k.isNil || k.field != 0 || k.v != b.results[0] {
		return nil
	}
	out := make([][]ChanCount, 2)
	for i, val := range []bool{whenTrue, !whenTrue} {
		out[i] = narrowToResult(fa.resultCount(sum, b, st, val), base)
	}
	return out
}

// resultCount picks the callee's counts over the paths returning val: those
// under the first parameter guard this call decides true, else those over
// all paths; nil when it keeps none.
func (fa *fnAnalysis) resultCount(sum *Summary, b *binding, st *lockState, val bool) *ResultCount {
	var all *ResultCount
	for i := range sum.ResultCounts {
		rc := &sum.ResultCounts[i]
		if rc.Val != val {
			continue
		}
		if rc.Guard == nil {
			if all == nil {
				all = rc
			}
			continue
		}
		if happens, known, _ := fa.decideGuard(rc.Guard, b, st); happens && known {
			return rc
		}
	}
	return all
}

// narrowToResult narrows the counts base by a side's counts: the certain
// Dones raised, the most sends, receives, Dones and Dones beyond the own
// Adds lowered (see the rule above); the certain Adds, sends, receives and
// the most Adds stay base's.
func narrowToResult(rc *ResultCount, base []ChanCount) []ChanCount {
	out := append([]ChanCount(nil), base...)
	if rc == nil {
		return out
	}
	for _, c := range rc.Counts {
		for i := range out {
			if out[i].Ref.key() != c.Ref.key() {
				continue
			}
			out[i].MinDone = max(out[i].MinDone, c.MinDone)
			out[i].MaxSend, out[i].MaxRecv = min(out[i].MaxSend, c.MaxSend), min(out[i].MaxRecv, c.MaxRecv)
			out[i].MaxDone, out[i].MaxNet = min(out[i].MaxDone, c.MaxDone), min(out[i].MaxNet, c.MaxNet)
			break
		}
	}
	return out
}

// addEdgeWeight adds counts to the edge from one block to another (see
// edgeW); the channel is then one pathCounts counts, as addWeight's are.
func (fa *fnAnalysis) addEdgeWeight(n ChanCount, from, to *ssa.BasicBlock) {
	k := fa.weighChannel(n.Ref)
	if fa.edgeW == nil {
		fa.edgeW = make(map[string]map[[2]*ssa.BasicBlock]*ChanCount)
	}
	if fa.edgeW[k] == nil {
		fa.edgeW[k] = make(map[[2]*ssa.BasicBlock]*ChanCount)
	}
	e := [2]*ssa.BasicBlock{from, to}
	w := fa.edgeW[k][e]
	if w == nil {
		w = &ChanCount{}
		fa.edgeW[k][e] = w
	}
	*w = w.plus(n)
	w.Ref = Ref{}
}
