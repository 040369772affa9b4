package analyzer

import "golang.org/x/tools/go/ssa"

// Counted selects.
//
// A select run a fixed number of times, in a counted loop no turn of which
// skips it and no break or return leaves early, whose cases all receive
// from channels the function owns (no default, no other channel), completes
// once per turn, and only by taking a value one of the goroutines sent
// (none of the channels is closed, and the function sends on none of them
// itself). When the goroutines started before the loop send no more values
// in all than the loop has turns, every one of them is taken: none is left
// blocked, though each case on its own may be passed over on any one turn.
//
//	go func() { a <- 1 }()
//	go func() { b <- 2 }()
//	for range 2 {
//		select {
//		case x = <-a:
//		case y = <-b:
//		}
//	}
//
// (More values than turns leave some behind, and the leak is reported as
// before; fewer leave the function waiting in its loop, which is a wait of
// its own, not a sender's.) A loop over a slice of unknown length runs
// len(xs) turns, as many as the goroutines one per turn of another range
// over the same xs start, each sending one value:
//
//	for _, a := range addrs { go func() { if err != nil { down <- err; return }; up <- a }() }
//	for range addrs { select { case n := <-up: ...; case err := <-down: ... } }
//
// and a loop from 0 up to a counter as many as the goroutines started in
// the block that increments it (started++; go func() { ... }(), some turns
// skipped: for i := 0; i < started; i++ { select { ... } }).

// takenEveryTurn reports whether every value sent on u's channel is received
// by a counted select of the owner's, as above.
func (fa *fnAnalysis) takenEveryTurn(u *chanUse, owned map[string]*chanUse) bool {
	var sel ChanOp
	for _, c := range u.self.ops {
		switch {
		case c.Kind != OpRecv:
			continue
		case !c.Alt || c.NonBlocking || len(c.Chain) != 1 || c.block == nil:
			return false
		case sel.Select == 0:
			sel = c
		case !sameSelect(c, sel):
			return false // receives in two selects (or a select and a plain receive)
		}
	}
	if sel.Select == 0 {
		return false
	}
	b := sel.block
	turns, over := fa.blocks.trips[b], fa.blocks.over[b]
	if turns <= 0 && over == nil || fa.blocks.earlyExit[b] || !oncePerTurn(b) {
		return false
	}
	// Each goroutine's share: the most one instance sends on the select's
	// channels (one in all when it sends at most once over a pair of them),
	// times how many instances run.
	type share struct {
		each int
		keys []string
		g    participant
	}
	shares := make(map[int]*share)
	var order []int
	cases := 0
	for _, o := range fa.sum.Chans {
		if !sameSelect(o, sel) {
			continue
		}
		cases++
		v := owned[o.Ref.key()]
		if o.Kind != OpRecv || v == nil {
			return false
		}
		if v.closed() || len(opsOn(v.self.ops, v.ref.key(), OpSend)) > 0 {
			return false
		}
		for _, g := range v.goros {
			if g.maxSends() == 0 {
				continue
			}
			if g.index >= len(fa.spawnAt) {
				return false
			}
			if at := fa.spawnAt[g.index]; at == b || reachesBlock(b, at) {
				return false // started after a turn of the select
			}
			sh := shares[g.index]
			if sh == nil {
				sh = &share{g: g}
				shares[g.index] = sh
				order = append(order, g.index)
			}
			sh.each = add(sh.each, g.each)
			sh.keys = append(sh.keys, v.ref.key())
		}
	}
	supply, perTurn := 0, 0
	for _, i := range order {
		sh := shares[i]
		each := sh.each
		if len(sh.keys) == 2 && sendsOnceOver(sh.g.spawn, sh.keys[0], sh.keys[1]) {
			each = 1
		}
		switch {
		case !sh.g.many:
		case sh.g.spawn.Trips > 0 && each < inf:
			each = min(each*sh.g.spawn.Trips, inf)
		case over != nil && each <= 1 && (fa.blocks.over[fa.spawnAt[i]] == over || spawnCounter(over, fa.spawnAt[i], fa.blocks.bodies)):
			// one goroutine per turn of a range over what the select's
			// loop ranges over, or per increment of the counter it counts
			// up to: as many in all as it has turns
			perTurn++
			continue
		default:
			return false
		}
		supply = add(supply, each)
	}
	if over != nil && turns <= 0 {
		return cases == sel.Cases && perTurn <= 1 && supply == 0
	}
	return cases == sel.Cases && perTurn == 0 && supply <= turns
}

// sendsOnceOver reports whether the goroutine s starts sends at most once in
// all over the channels with keys k1 and k2.
func sendsOnceOver(s *Spawn, k1, k2 string) bool {
	for _, p := range s.OneSend {
		a, b := p[0].key(), p[1].key()
		if a == k1 && b == k2 || a == k2 && b == k1 {
			return true
		}
	}
	return false
}

// oncePerTurn reports whether block b runs on every turn of the innermost
// loop that holds it: no path from the loop's header back to it avoids b.
func oncePerTurn(b *ssa.BasicBlock) bool {
	for h := b; h != nil; h = h.Idom() {
		var latches []*ssa.BasicBlock
		for _, p := range h.Preds {
			if h.Dominates(p) {
				latches = append(latches, p)
			}
		}
		if len(latches) == 0 {
			continue
		}
		inLoop := h == b
		for _, p := range latches {
			inLoop = inLoop || p == b || reaches(b.Succs, p, func(x *ssa.BasicBlock) bool { return x == h })
		}
		if !inLoop {
			continue
		}
		if h == b {
			return true
		}
		for _, p := range latches {
			if p != b && reaches(h.Succs, p, func(x *ssa.BasicBlock) bool { return x == b || x == h }) {
				return false
			}
		}
		return true
	}
	return false
}

// spawnCounter reports whether n, the bound a loop counts up to, is a counter
// that the block b, where a goroutine is started, increments by one: n is
// the phi at the head of the one loop that holds b, and b adds one to it
// (started++; go ...), so the loop ends with n holding how many
// goroutines b started.
func spawnCounter(n ssa.Value, b *ssa.BasicBlock, bodies map[*ssa.BasicBlock]map[*ssa.BasicBlock]bool) bool {
	phi, ok := n.(*ssa.Phi)
	if !ok || b == nil || onlyLoop(b, bodies) != phi.Block() {
		return false
	}
	incs := 0
	for _, instr := range b.Instrs {
		if add, ok := instr.(*ssa.BinOp); ok && add.X == phi && unitStep(add) == 1 {
			incs++
		}
	}
	// what the loop carries round is that increment, or the counter
	// unchanged (a turn that skips the goroutine: continue)
	inc := 0
	for i, e := range phi.Edges {
		if !bodies[phi.Block()][phi.Block().Preds[i]] || e == ssa.Value(phi) {
			continue
		}
		if add, ok := e.(*ssa.BinOp); !ok || add.X != phi || add.Block() != b {
			return false
		}
		inc++
	}
	return incs == 1 && inc > 0
}
