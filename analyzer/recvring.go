package analyzer

import "go/token"

// checkRecvRing reports three or more goroutines (the function itself and
// goroutines it starts) waiting on each other in a ring through channels
// the function owns: each goroutine's first channel operation is a receive
// that runs on every path, from a channel nothing closes and only the next
// goroutine of the ring sends on. Each sends only after its own receive,
// so none ever does. (Two goroutines are checkRecvCycle's.)
func (fa *fnAnalysis) checkRecvRing(uses []*chanUse) {
	type member struct {
		first ChanOp
		use   *chanUse
		next  *Spawn // the only goroutine that sends on the channel it waits on; nil for the owner
	}
	firstOp := func(s *Spawn) (ChanOp, bool) {
		ops := fa.sum.Chans
		if s != nil {
			ops = s.Ops
		}
		for _, c := range ops {
			if (c.Kind == OpSend || c.Kind == OpRecv) && !c.Alt && !c.NonBlocking {
				return c, true
			}
		}
		return ChanOp{}, false
	}
	byKey := make(map[string]*chanUse)
	for _, u := range uses {
		byKey[u.ref.key()] = u
	}
	// The participants in a fixed order: the owner, then the goroutines in
	// the order they are started.
	order := []*Spawn{nil}
	for i := range fa.sum.Spawns {
		order = append(order, &fa.sum.Spawns[i])
	}
	members := make(map[*Spawn]member)
	for _, p := range order {
		c, ok := firstOp(p)
		if !ok || c.Kind != OpRecv || !c.Always || c.Deferred {
			continue
		}
		u := byKey[c.Ref.key()]
		if u == nil {
			continue
		}
		if u.closed() {
			continue
		}
		var senders []participant
		for _, q := range u.all() {
			if len(opsOn(q.ops, u.ref.key(), OpSend)) > 0 {
				senders = append(senders, q)
			}
		}
		if len(senders) != 1 || senders[0].spawn == p {
			continue
		}
		members[p] = member{first: c, use: u, next: senders[0].spawn}
	}
	done := make(map[*Spawn]bool)
	for _, start := range order {
		if done[start] {
			continue
		}
		// Follow the waits from start until they leave the members or come
		// back to one seen on this walk.
		var walk []*Spawn
		at := make(map[*Spawn]int)
		p, ok := start, true
		for ok && !done[p] {
			if _, seen := at[p]; seen {
				break
			}
			var m member
			if m, ok = members[p]; !ok {
				break
			}
			at[p] = len(walk)
			walk = append(walk, p)
			p = m.next
		}
		for _, q := range walk {
			done[q] = true
		}
		i, seen := at[p]
		if !ok || !seen || len(walk)-i < 3 {
			continue
		}
		ring := walk[i:]
		fa.reportRing(ring, func(s *Spawn) (ChanOp, *chanUse) { return members[s].first, members[s].use })
	}
}

// reportRing reports a ring of waits at the receive that comes first in
// the source, with every member's receive as related information.
func (fa *fnAnalysis) reportRing(ring []*Spawn, of func(*Spawn) (ChanOp, *chanUse)) {
	ps := fa.ps
	at := 0
	var best token.Pos
	for j, s := range ring {
		c, _ := of(s)
		if p := ps.posOf(c.Chain); p.IsValid() && (!best.IsValid() || p < best) {
			at, best = j, p
		}
	}
	var chains []Chain
	var names []string
	var steps []cycleStep
	for j := range ring {
		c, u := of(ring[(at+j)%len(ring)])
		chains = append(chains, c.Chain)
		names = append(names, u.ref.show(ps.pkgPath))
		steps = append(steps, cycleStep{fn: lastFunc(c.Chain)}, cycleStep{ref: u.ref, owner: fa.fn, kind: "chan"})
	}
	ps.reportRecvRing(names, chains)
	ps.withCycle(steps...)
}
