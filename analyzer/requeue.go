package analyzer

import "golang.org/x/tools/go/ssa"

// A channel used as a queue of tokens that its workers take and give back:
// each worker puts one token on the channel before it ranges over it, and
// every turn of its range either puts one back or leaves the loop (`queue
// <- job; for j := range queue { if done(j) { return }; queue <- j }`).
// Nothing needs to close such a channel for its workers to finish: while a
// worker waits in the range, every worker still in its loop has put in one
// token more than it holds, so the channel holds at least one for it
// (tokens put in by others, the starter's first ones included, only add to
// them). The rule holds when nothing else receives from the channel, and
// it is read off each worker's own body: its own sends and its range, in
// the goroutine the function starts.

// tokensKept reports whether every receive from u's channel is the range of
// a worker that keeps its tokens so.
func tokensKept(u *chanUse) bool {
	k := u.ref.key()
	if len(opsOn(u.self.ops, k, OpRecv)) > 0 {
		return false
	}
	ranged := false
	for _, g := range u.goros {
		for _, c := range opsOn(g.ops, k, OpRecv) {
			if !c.Drain || !keepsTokens(g, c, k) {
				return false
			}
			ranged = true
		}
	}
	return ranged
}

// keepsTokens reports whether the goroutine g, whose range over channel k
// is r, sends on k on every path to the range and on every turn of it that
// goes round again.
func keepsTokens(g participant, r ChanOp, k string) bool {
	body := g.spawn.body
	if body == nil || len(body.Blocks) == 0 || r.block == nil || r.block.Parent() != body || r.block.Comment != "rangechan.loop" || !ownOp(g, r) {
		return false
	}
	sends := map[*ssa.BasicBlock]bool{}
	for _, c := range opsOn(g.ops, k, OpSend) {
		if ownOp(g, c) && !c.Alt && !c.NonBlocking && !c.Deferred && c.block != nil && c.block.Parent() == body {
			sends[c.block] = true
		}
	}
	if len(sends) == 0 || sends[r.block] {
		return false
	}
	// From the entry, no path reaches the range without a send; from the
	// range's body (its successor on a value received), none comes back to
	// it without one.
	avoid := func(b *ssa.BasicBlock) bool { return sends[b] }
	if reaches([]*ssa.BasicBlock{body.Blocks[0]}, r.block, avoid) {
		return false
	}
	for _, s := range r.block.Succs {
		if s.Comment == "rangechan.body" && reaches([]*ssa.BasicBlock{s}, r.block, avoid) {
			return false
		}
	}
	return true
}

// ownOp reports whether c is an operation of the goroutine's own body, not
// of a function it calls: its chain is the go statement's and one hop.
func ownOp(g participant, c ChanOp) bool {
	return len(c.Chain) == len(g.spawn.Chain)+1
}
