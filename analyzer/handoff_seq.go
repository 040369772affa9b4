package analyzer

import "golang.org/x/tools/go/ssa"

// Sends behind a handoff.
//
//	go func() { a <- x; b <- "done" }()
//	select {
//	case x := <-a:
//		s := <-b // taken right after a, on every path
//		return x, s
//	case <-time.After(d):
//		return 0, "timeout" // the goroutine is left at a <- x, not at b
//	}
//
// The goroutine reaches its send on b only after its send on a has been
// taken, and a is an unbuffered channel of the owner's that only the
// owner receives. So the owner's exits that receive nothing on a leave the
// goroutine blocked at a (a leak of a, reported as such); the send on b is
// left without a receiver only on a path that receives from a and then
// returns without receiving from b. Where every path from each receive
// of a receives from b before it returns, the claim on b names the wrong
// wait, and is not made. A path that receives from a and returns before
// b (`if x < 0 { return }`) keeps it.

// sendsAfterHandoff reports whether the one goroutine that sends on u
// sends there only behind a handoff on another channel of the owner's,
// after whose every receive the owner receives from u (see above).
func (fa *fnAnalysis) sendsAfterHandoff(u *chanUse, owned map[string]*chanUse) bool {
	if u.served < 0 || u.self.maxSends() > 0 {
		return false
	}
	g := &u.goros[u.served]
	s := g.spawn
	if s == nil || s.body == nil || s.bound == nil || g.many || !soleSender(u, g) {
		return false
	}
	sum := fa.ps.sums[s.body]
	if sum == nil {
		return false
	}
	k := u.ref.key()
	var sends []ChanOp
	gates := make(map[string][]ChanOp)
	var order []string
	for _, c := range sum.Chans {
		if c.block == nil || len(c.Chain) != 1 || c.Kind != OpSend {
			continue
		}
		ref, ok := s.bound.ref(c.Ref)
		if !ok {
			continue
		}
		switch key := ref.key(); {
		case key == k:
			sends = append(sends, c)
		case !c.Alt && !c.NonBlocking && !c.Deferred:
			if gates[key] == nil {
				order = append(order, key)
			}
			gates[key] = append(gates[key], c)
		}
	}
	if len(sends) == 0 || len(sends) != len(opsOn(g.ops, k, OpSend)) {
		return false // (a send of a callee's is out of this body's sight)
	}
	for _, key := range order {
		a := owned[key]
		if a == nil || a.cap != 0 || a.self.maxSends() > 0 || !soleSender(a, g) || !behindEach(sends, gates[key]) {
			continue
		}
		if fa.receivesAfterEach(a, k) {
			return true
		}
	}
	return false
}

// soleSender reports whether g is the only goroutine that sends on u and
// none of the goroutines receives from it: the owner alone does.
func soleSender(u *chanUse, g *participant) bool {
	for _, p := range u.goros {
		if p.spawn != g.spawn && p.maxSends() > 0 || len(opsOn(p.ops, u.ref.key(), OpRecv)) > 0 {
			return false
		}
	}
	return true
}

// behindEach reports whether each of the sends comes after one of the
// gates on every path of the goroutine: a gate earlier in its block, or in
// a block that dominates it.
func behindEach(sends, gates []ChanOp) bool {
	for _, s := range sends {
		behind := false
		for _, g := range gates {
			behind = behind || g.block == s.block && g.seq < s.seq || g.block != s.block && g.block.Dominates(s.block)
		}
		if !behind {
			return false
		}
	}
	return true
}

// receivesAfterEach reports whether, after each of the owner's receives
// from a, every path to a return receives from the channel k. The
// receives from a must be the owner's own, not deferred.
func (fa *fnAnalysis) receivesAfterEach(a *chanUse, k string) bool {
	for _, c := range a.self.ops {
		if c.Kind == OpRecv && (c.block == nil || len(c.Chain) != 1 || c.Deferred) {
			return false
		}
	}
	recvA := fa.opBlocks(a.ref.key(), OpRecv)
	if len(recvA) == 0 {
		return false
	}
	recvB := fa.opBlocks(k, OpRecv)
	exits := returnBlocks(fa.fn)
	for b, m := range recvA {
		if mb, ok := recvB[b]; ok && mb.first > m.first {
			continue
		}
		for _, exit := range exits {
			if reaches(b.Succs, exit, func(x *ssa.BasicBlock) bool { _, ok := recvB[x]; return ok }) || b == exit {
				return false
			}
		}
	}
	return true
}
