package analyzer

import "golang.org/x/tools/go/ssa"

// One answer, taken on every path.
//
//	go func() {
//		if err := work(); err != nil {
//			errc <- err
//			return
//		}
//		done <- struct{}{}
//	}()
//	select {
//	case <-timeout:
//		cleanup()
//		select { // waits for the answer after all
//		case err = <-errc:
//		case <-done:
//		}
//	case err = <-errc:
//	case <-done:
//	}
//
// The goroutine sends at most once in all over errc and done
// (Spawn.OneSend; a path that sends neither leaves the owner waiting, a
// wait of its own, not the goroutine's), and nothing else sends on either, closes either or
// receives from either but the owner. Once the owner has taken a value from
// done, the goroutine sent on done and will never send on errc; once it has
// taken one from errc, that send is received. So the send on errc is left
// blocked only by a path of the owner, from the goroutine's start to a
// return, that neither receives from errc nor enters a case that received
// from done. The select's other case (the timeout) leaves it waiting only
// if its body returns without taking the answer; here every path takes it,
// and a claim that the receiver "may leave by another select case" names a
// way out that does not exist. A plain receive from done does not count for
// errc: if the goroutine answers on errc, that receive and the send both
// wait forever. Nor does a callee that takes the answer in a select of
// its own (its cases are not certain receives in its summary): the claim
// stays there.

// answerTaken reports whether the one goroutine that sends on u sends at
// most once over u and another channel of the owner's, and every path
// of the owner from its start to a return takes that answer (see above).
func (fa *fnAnalysis) answerTaken(u *chanUse, owned map[string]*chanUse) bool {
	if u.served < 0 || u.self.maxSends() > 0 {
		return false
	}
	g := &u.goros[u.served]
	s := g.spawn
	if s == nil || g.many || g.index >= len(fa.spawnAt) || !soleSender(u, g) || u.closed() {
		return false
	}
	k := u.ref.key()
	for other := range siblings(s, k) {
		w := owned[other]
		if w == nil || w.self.maxSends() > 0 || !soleSender(w, g) || w.closed() {
			continue
		}
		if fa.everyPathTakes(g.index, k, other) {
			return true
		}
	}
	return false
}

// everyPathTakes reports whether every path of the function from the start
// of spawn i to a return receives from the channel k (a receive of its own,
// one a callee does on every path, or a select case on k) or enters a
// select case that received from the channel other. A path that goes back
// to the start (another goroutine started before this one's answer is
// taken) does not take it.
func (fa *fnAnalysis) everyPathTakes(i int, k, other string) bool {
	start := fa.spawnAt[i]
	recv := fa.opBlocks(k, OpRecv)
	if m, ok := recv[start]; ok && m.first > fa.spawnSeq[i] {
		return true
	}
	taking := make(map[*ssa.If]bool)
	for _, key := range []string{k, other} {
		for _, iff := range fa.caseBranches(key, false) {
			taking[iff] = true
		}
	}
	noCase := fa.noCase()
	seen := map[*ssa.BasicBlock]bool{start: true}
	stack := []*ssa.BasicBlock{start}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		last := b.Instrs[len(b.Instrs)-1]
		if _, ok := last.(*ssa.Return); ok {
			return false
		}
		iff, _ := last.(*ssa.If)
		for j, succ := range b.Succs {
			if j == 0 && iff != nil && taking[iff] {
				continue // entered a case that took the answer
			}
			if succ == start {
				return false
			}
			if _, ok := recv[succ]; ok || seen[succ] || noCase[succ] {
				continue
			}
			seen[succ] = true
			stack = append(stack, succ)
		}
	}
	return true
}
