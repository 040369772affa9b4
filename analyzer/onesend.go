package analyzer

import (
	"iter"

	"golang.org/x/tools/go/ssa"
)

// One result by one of two channels: a goroutine that ends by sending its
// answer on responses or its error on errs, never both, never twice (and
// maybe neither, on a path that gives up: what matters to its receivers is
// that no second value follows the first). A
// starter that starts one such goroutine per turn of a loop and goes round
// only after receiving from either (a retry loop: start an attempt, wait for
// its result or its error, try again) never has more than one of them
// pending, so when it leaves by another way (a timeout) the one left sends
// into an empty buffer. Counting each channel on its own cannot see this:
// the turn that receives the error adds a possible response.

// maxOneSendKeys bounds the channels oneSends pairs up.
const maxOneSendKeys = 4

// oneSends records in the summary the pairs of channels over which every
// path of the function sends at most once in all, none of it in a loop.
func (fa *fnAnalysis) oneSends(keys []string) {
	var senders []string
	for _, k := range keys {
		if len(senders) == maxOneSendKeys {
			break
		}
		for _, x := range fa.weights[k] {
			if x.MaxSend > 0 {
				senders = append(senders, k)
				break
			}
		}
	}
	t := fa.countTable()
	for i, k1 := range senders {
		for _, k2 := range senders[i+1:] {
			w := make(map[*ssa.BasicBlock]*ChanCount)
			ew := make(map[[2]*ssa.BasicBlock]*ChanCount)
			loops := false
			for _, k := range []string{k1, k2} {
				for b, x := range fa.weights[k] {
					loops = loops || fa.blocks.loop[b] && x.MaxSend > 0
					n := sendsOf(*x)
					if w[b] != nil {
						n = n.plus(*w[b])
					}
					w[b] = &n
				}
				for e, x := range fa.edgeW[k] {
					n := sendsOf(*x)
					if ew[e] != nil {
						n = n.plus(*ew[e])
					}
					ew[e] = &n
				}
			}
			if loops {
				continue
			}
			paths := fa.walkCounts(fa.fn.Blocks[0], w, ew, t, t.sound)
			once := len(paths) > 0
			for _, p := range paths {
				once = once && p.n.MaxSend <= 1
			}
			if once {
				fa.sum.OneSend = append(fa.sum.OneSend, [2]Ref{fa.weightRefs[k1], fa.weightRefs[k2]})
			}
		}
	}
}

// sendsOf keeps the sends of a count.
func sendsOf(x ChanCount) ChanCount {
	return ChanCount{MinSend: x.MinSend, MaxSend: x.MaxSend}
}

// siblings yields the keys of the channels the goroutine s sends on instead
// of the channel k: those it pairs with k in Spawn.OneSend.
func siblings(s *Spawn, k string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for _, p := range s.OneSend {
			switch {
			case p[0].key() == k:
				if !yield(p[1].key()) {
					return
				}
			case p[1].key() == k:
				if !yield(p[0].key()) {
					return
				}
			}
		}
	}
}

// siblingRecvs adds to recvs, the receives of channel k a walk of maxPending
// counts, the receives of every channel the goroutine g sends on instead of
// k (Spawn.OneSend), when g alone sends on that channel: a receive of its
// one result by the other way is a turn's result received all the same.
func (fa *fnAnalysis) siblingRecvs(recvs map[*ssa.BasicBlock]opMark, edges map[[2]*ssa.BasicBlock]int, k string, g participant) {
	for k2 := range siblings(g.spawn, k) {
		if !fa.onlySender(k2, g.spawn) {
			continue
		}
		for b, m := range fa.opBlocksCounted(k2, OpRecv, true) {
			if x, ok := recvs[b]; ok {
				m = opMark{first: min(x.first, m.first), n: add(x.n, m.n)}
			}
			recvs[b] = m
		}
		for e, n := range fa.caseEdges(k2) {
			edges[e] = add(edges[e], n)
		}
	}
}

// caseEdges returns the edges into the blocks after the select cases that
// receive from channel k and have no body of their own (a case that only
// continues its loop): the receive happened on that edge, though the block
// it leads to is reached by other ways too (see caseBodies).
func (fa *fnAnalysis) caseEdges(k string) map[[2]*ssa.BasicBlock]int {
	out := make(map[[2]*ssa.BasicBlock]int)
	for sel, iff := range fa.caseBranches(k, false) {
		if after := iff.Block().Succs[0]; sel.Blocking && len(after.Preds) > 1 {
			out[[2]*ssa.BasicBlock{iff.Block(), after}]++
		}
	}
	return out
}

// onlySender reports whether the goroutine s is the only one of the
// function's goroutines that may send on channel k, and the function itself
// does not.
func (fa *fnAnalysis) onlySender(k string, s *Spawn) bool {
	for _, c := range fa.sum.Chans {
		if c.Kind == OpSend && c.Ref.key() == k {
			return false
		}
	}
	for i := range fa.sum.Spawns {
		if o := &fa.sum.Spawns[i]; o != s && countFor(o.Counts, k).MaxSend > 0 {
			return false
		}
	}
	return true
}
