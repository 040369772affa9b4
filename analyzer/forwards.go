package analyzer

import (
	"slices"

	"golang.org/x/tools/go/ssa"
)

// Forwarding stages: a goroutine that sends on out once per value it
// receives from in (for v := range in { out <- f(v) }) sends on out at most
// as often as in is sent on. Workers that forward the jobs of a channel the
// owner sends a known number of values on send no more results than that,
// whatever their number: a results channel with room for them all never
// fills (results := make(chan R, n); n jobs; each worker sends one result
// per job).

// forwards records in the summary the pairs (out, in) of channels on which
// the function's one send on out runs once per turn of the one loop that
// holds it, whose head receives from in and from nothing else (Summary.Forwards).
func (fa *fnAnalysis) forwards() {
	sends := make(map[string][]*ChanOp)
	recvs := make(map[*ssa.BasicBlock][]*ChanOp) // by block: a loop head's receives
	for i := range fa.sum.Chans {
		switch c := &fa.sum.Chans[i]; c.Kind {
		case OpSend:
			sends[c.Ref.key()] = append(sends[c.Ref.key()], c)
		case OpRecv:
			recvs[c.block] = append(recvs[c.block], c)
		}
	}
	keys := make([]string, 0, len(sends))
	for k := range sends {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		s := sends[k]
		if len(s) != 1 || len(s[0].Chain) != 1 || s[0].block == nil || s[0].Deferred || s[0].Ref.Inexact {
			continue
		}
		h := onlyLoop(s[0].block, fa.blocks.bodies)
		if h == nil {
			continue
		}
		if len(recvs[h]) != 1 {
			continue
		}
		in := recvs[h][0]
		if len(in.Chain) != 1 || in.Alt || in.Ref.Inexact || in.Ref.key() == k {
			continue
		}
		fa.sum.Forwards = append(fa.sum.Forwards, [2]Ref{s[0].Ref, in.Ref})
	}
}

// forwardBound bounds the sends of u's goroutines on u's channel when every
// one of them that sends there forwards what it receives from one other
// channel the function owns (Spawn.Forwards): together they send at most
// as many values as are sent on that channel, when that count is known
// (every send on it counted: none is a select's case).
func forwardBound(u *chanUse, owned map[string]*chanUse) (int, bool) {
	in := ""
	for _, g := range u.goros {
		if g.maxSends() == 0 {
			continue
		}
		if g.spawn == nil {
			return 0, false
		}
		y := ""
		for _, p := range g.spawn.Forwards {
			if p[0].key() == u.ref.key() {
				y = p[1].key()
			}
		}
		if y == "" || in != "" && y != in {
			return 0, false
		}
		in = y
	}
	src := owned[in]
	if in == "" || src == nil {
		return 0, false
	}
	// A send as a select case (or with a default) adds nothing to the
	// counts: one there leaves the channel's count unknown.
	for _, p := range src.all() {
		for _, c := range p.ops {
			if c.Kind == OpSend && (c.Alt || c.NonBlocking) {
				return 0, false
			}
		}
	}
	n := src.self.maxSends()
	for _, g := range src.goros {
		n = add(n, g.maxSends())
	}
	return n, n < inf
}
