package analyzer

import (
	"go/token"
	"go/types"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/awaitvet/awaitvet/callgraph"
	"golang.org/x/tools/go/ssa"
)

// The WaitGroup, Cond and mixed lock/channel checks. Like the channel
// checks, they read the function's summary: its own operations (with the
// locks held at each) and the goroutines it starts, in its own frame.

// refsOf lists the distinct resources the function and its goroutines use
// with operations of the given kinds, in first-seen order.
func (fa *fnAnalysis) refsOf(kinds ...OpKind) []Ref {
	seen := make(map[string]bool)
	var out []Ref
	visit := func(ops []ChanOp) {
		for _, c := range ops {
			for _, k := range kinds {
				if c.Kind == k && !seen[c.Ref.key()] {
					seen[c.Ref.key()] = true
					out = append(out, c.Ref)
				}
			}
		}
	}
	visit(fa.sum.Chans)
	for _, s := range fa.sum.Spawns {
		visit(s.Ops)
	}
	return out
}

func opsOn(ops []ChanOp, key string, kind OpKind) []ChanOp {
	var out []ChanOp
	for _, c := range ops {
		if c.Kind == kind && c.Ref.key() == key {
			out = append(out, c)
		}
	}
	return out
}

// doneElsewhere reports whether a function of the package that no
// goroutine runs (neither a goroutine's body nor called from one, nor on the
// way to one of s's Dones) calls Done on a WaitGroup of wg's class: a Done
// of the synchronous API (a pool whose caller hijacks a resource)
// discharges a count that is handed around, so a path of s without a Done
// does not show a count left owing. A Done helper that goroutines call
// (`defer c.finish(ok)`) is no such thing.
func (fa *fnAnalysis) doneElsewhere(wg Ref, s *Spawn) bool {
	if !wg.Class.known() {
		return false
	}
	x := fa.ps.syncIndex()
	mine := make(map[string]bool)
	for _, op := range opsOn(s.Ops, wg.key(), OpWGDone) {
		for _, h := range op.Chain {
			mine[h.Func] = true
		}
	}
	for _, fn := range x.doneFns[wg.Class.Key] {
		if !x.inGoroutine[fn] && !mine[fa.ps.name(fn)] {
			return true
		}
	}
	return false
}

// A syncIndex is what the checks ask of the whole package, gathered in
// one walk on first use: the Cond classes some function signals (or copies
// under another name, where it may be signalled), the functions that call
// Done on each WaitGroup class, and the functions some goroutine of the
// package runs (those go statements start, and those they call).
type syncIndex struct {
	signals     map[string]bool
	doneFns     map[string][]*ssa.Function
	inGoroutine map[*ssa.Function]bool
}

func (ps *passState) syncIndex() *syncIndex {
	if ps.sync != nil {
		return ps.sync
	}
	x := &syncIndex{signals: make(map[string]bool), doneFns: make(map[string][]*ssa.Function), inGoroutine: make(map[*ssa.Function]bool)}
	var work []*ssa.Function
	reach := func(fns []*ssa.Function) {
		for _, fn := range fns {
			if !x.inGoroutine[fn] {
				x.inGoroutine[fn] = true
				work = append(work, fn)
			}
		}
	}
	for _, fn := range ps.graph.Funcs() {
		for _, site := range ps.graph.Sites(fn) {
			if site.Kind == callgraph.Go {
				reach(site.Callees)
			}
		}
		r := newResolver(fn, ps.pass.Fset)
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if v, ok := condCopied(instr); ok {
					x.signals[r.resolve(v).Class.Key] = true
				}
				ci, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				name, _ := calleeName(ci.Common())
				op := syncAPI[name].op
				if op != OpCondSignal && op != OpCondBroadcast && op != OpWGDone {
					continue
				}
				recv := ci.Common().Value
				if !ci.Common().IsInvoke() && len(ci.Common().Args) > 0 {
					recv = ci.Common().Args[0]
				}
				k := r.resolve(recv).Class.Key
				switch {
				case op != OpWGDone:
					x.signals[k] = true
				case k != "" && !slices.Contains(x.doneFns[k], fn):
					x.doneFns[k] = append(x.doneFns[k], fn)
				}
			}
		}
	}
	for len(work) > 0 {
		fn := work[len(work)-1]
		work = work[:len(work)-1]
		for _, site := range ps.graph.Sites(fn) {
			reach(site.Callees)
		}
	}
	ps.sync = x
	return x
}

// theirsToOrder reports whether the WaitGroup wg is an unexported field
// of another package's type, and its Add a and Wait w are both made by
// that package's code: how they are ordered is that package's protocol
// (net/http's Server adds to its listenerGroup in Serve, under its lock,
// only while Shutdown has not begun to Wait), which nothing here can
// change; the calls into it are all this package supplies.
func (ps *passState) theirsToOrder(wg Ref, a, w ChanOp) bool {
	if wg.Class.Pkg == "" || wg.Class.Pkg == ps.pkgPath || len(wg.Path) == 0 || token.IsExported(wg.Path[len(wg.Path)-1]) {
		return false
	}
	for _, c := range []Chain{a.Chain, w.Chain} {
		if len(c) == 0 {
			return false
		}
		if _, here := ps.tokenPos(c[len(c)-1].Pos); here {
			return false
		}
	}
	return true
}

// countedBy reports whether the goroutine s holds a count of the group key
// that its spawner added: the spawner says so (CountedBy), or the goroutine
// calls Done beyond its own Adds on some path (MaxNet). A goroutine that
// adds before it calls Done (http.Server.Serve tracking its listener)
// balances its own count; its Done is no witness of another's.
func countedBy(s *Spawn, key string) bool {
	for _, r := range s.CountedBy {
		if r.key() == key {
			return true
		}
	}
	return len(opsOn(s.Ops, key, OpWGDone)) > 0 && countFor(s.Counts, key).MaxNet > 0
}

// checkWaitGroups: a counted goroutine that can return without Done, a Wait
// inside a goroutine the same group counts, an Add inside the goroutine it
// counts, and (for a WaitGroup the function owns) fewer Dones than Adds.
func (fa *fnAnalysis) checkWaitGroups() {
	ps := fa.ps
	for _, wg := range fa.refsOf(OpWGAdd, OpWGDone, OpWGWait) {
		k := wg.key()
		name := wg.show(ps.pkgPath)
		selfWaits := opsOn(fa.sum.Chans, k, OpWGWait)
		waited := len(selfWaits) > 0
		for i := range fa.sum.Spawns {
			waited = waited || len(opsOn(fa.sum.Spawns[i].Ops, k, OpWGWait)) > 0
		}
		// An element of a slice, array or map of WaitGroups (s[i]): two
		// operations with its key may be on different elements (Wait on
		// s[n], Done on s[n+1]), and the checks need them on the same
		// WaitGroup. Only the Done check runs, on a goroutine that this
		// function counts on the same elements (it adds to one here) and
		// that does not wait on one: whichever element it is handed, some
		// path of it misses the Done it owes.
		elem := wg.element()
		addsHere := len(opsOn(fa.sum.Chans, k, OpWGAdd)) > 0
		for i := range fa.sum.Spawns {
			s := &fa.sum.Spawns[i]
			n := countFor(s.Counts, k)
			if n.MaxDone > 0 && n.MinDone == 0 && len(s.CountedBy) == 0 && countedPerGoroutine(n) && !fa.doneElsewhere(wg, s) &&
				(!elem || addsHere && len(opsOn(s.Ops, k, OpWGWait)) == 0) &&
				(waited || fa.waitedAcrossMethods(wg)) {
				ps.reportDoneNotReached(fa.spawnPos(s), name, opsOn(s.Ops, k, OpWGDone))
				ps.withFixes(ps.deferDoneFix(fa.spawnPos(s), opsOn(s.Ops, k, OpWGDone)))
			}
			if elem {
				continue
			}
			if countedBy(s, k) {
				for _, w := range opsOn(s.Ops, k, OpWGWait) {
					if !countedAt(s, n, k, w) {
						continue
					}
					ps.reportWaitsForItself(name, s, w)
				}
			}
			if len(selfWaits) > 0 && len(opsOn(s.Ops, k, OpWGDone)) > 0 && n.MaxDone < inf && !fa.childrenDone(s, k) {
				for _, a := range opsOn(s.Ops, k, OpWGAdd) {
					if holdsCount(s, n, k, a) || excludedBy(a, selfWaits[0]) || ps.theirsToOrder(wg, a, selfWaits[0]) || fa.addStopped(a, selfWaits[0]) || fa.addHandedBefore(s, a, selfWaits[0]) {
						continue
					}
					ps.reportAddRaces(a, selfWaits[0])
				}
			}
		}
		if elem {
			continue
		}
		if len(selfWaits) > 0 && fa.owns(wg) {
			fa.checkDoneCount(wg, selfWaits[0])
		}
		fa.checkWaitInLoop(wg, selfWaits)
		fa.checkFutures(wg, selfWaits)
		// Waiting while holding a lock the counted goroutines need: those
		// this function starts, or, when it starts none the group counts,
		// those another function of the package starts (wgheld.go).
		startsCounted := slices.ContainsFunc(fa.sum.Spawns, func(s Spawn) bool { return countedBy(&s, k) })
		for _, w := range selfWaits {
			for _, l := range w.Held {
				shared := slices.ContainsFunc(w.Shared, func(r Ref) bool { return r.key() == l.key() })
				for i := range fa.sum.Spawns {
					s := &fa.sum.Spawns[i]
					if countedBy(s, k) && hasLock(s.Locks, l) && !slices.Contains(s.afterDone, l.Class.Key) && s.mayTake(l, shared) &&
						!fa.joinedByEarlierWait(s, w, selfWaits) { // wgphases.go
						ps.reportWaitHolding(l.show(ps.pkgPath), w, s)
						fa.waitCycle(w, wg, l, fa.goroutineName(s, k))
						break
					}
				}
			}
			if startsCounted || len(w.Chain) != 1 {
				continue
			}
			for _, l := range w.Held {
				shared := slices.ContainsFunc(w.Shared, func(r Ref) bool { return r.key() == l.key() })
				if g, a, ok := ps.heldAcrossMethods(wg, l, shared); ok {
					ps.reportWaitHoldingAcross(l.show(ps.pkgPath), w, g, a)
					fa.waitCycle(w, wg, l, ps.name(g.Callees[0]))
					break
				}
			}
		}
	}
}

// waitCycle gives the last finding its wait-for cycle: the function that
// waits on wg, the goroutine g it waits for, and the lock l g needs.
func (fa *fnAnalysis) waitCycle(w ChanOp, wg, l Ref, g string) {
	if g == "" {
		return
	}
	fa.ps.withCycle(cycleStep{fn: lastFunc(w.Chain)}, cycleStep{ref: wg, owner: fa.fn, kind: "waitgroup"},
		cycleStep{fn: g}, cycleStep{ref: l, owner: fa.fn, kind: "mutex"})
}

// countedAt reports whether a goroutine s, counted n on the WaitGroup k,
// is still counted by k when it reaches its Wait w, so that the Wait waits
// for the goroutine itself. A goroutine counted by someone else's Add
// (WaitGroup.Go, or Dones beyond its own Adds) is, unless it has given its
// count up first (gaveUpCount). A goroutine that only counts itself (its
// every Done matched by an Add of its own) is counted only from its Add
// on: a Wait that comes before each of its Adds (a worker that waits for
// the previous worker before it adds for itself) waits for others.
func countedAt(s *Spawn, n ChanCount, k string, w ChanOp) bool {
	for _, r := range s.CountedBy {
		if r.key() == k {
			return true
		}
	}
	if n.MaxNet > 0 {
		return !gaveUpCount(s, k, w)
	}
	for _, a := range opsOn(s.Ops, k, OpWGAdd) {
		if !precedes(w, a) {
			return true
		}
	}
	return len(opsOn(s.Ops, k, OpWGAdd)) == 0
}

// holdsCount reports whether a goroutine s, counted n on the WaitGroup k
// by someone else, still holds its count when it makes the Add a: every
// Done of its own on k is deferred or comes after a. The counter is then
// above zero at the Add, so no Wait can have returned and the Add cannot
// race with it (the WaitGroup contract: an Add while the counter is
// positive may happen at any time). This is the chained worker that adds
// for the next worker before it finishes.
func holdsCount(s *Spawn, n ChanCount, k string, a ChanOp) bool {
	counted := n.MaxNet > 0
	for _, r := range s.CountedBy {
		counted = counted || r.key() == k
	}
	if !counted || a.Deferred || a.block == nil {
		return false
	}
	for _, d := range opsOn(s.Ops, k, OpWGDone) {
		if !d.Deferred && !precedes(a, d) {
			return false
		}
	}
	return true
}

// excludedBy reports whether an Add and a Wait hold one lock at once, the
// Wait for writing: the lock orders the Add before or after the Wait, so
// the Add never runs while the Wait waits, and cannot race with it (a
// goroutine that Adds under RLock, a Wait under Lock of the same RWMutex).
func excludedBy(add, wait ChanOp) bool {
	for _, w := range wait.Held {
		if slices.ContainsFunc(wait.Shared, func(r Ref) bool { return r.key() == w.key() }) {
			continue
		}
		if slices.ContainsFunc(add.Held, func(r Ref) bool { return r.key() == w.key() }) {
			return true
		}
	}
	return false
}

// gaveUpCount reports whether a goroutine counted by the WaitGroup k has
// already called its Done when it reaches the Wait w: a Done on k that is
// not deferred and comes before w on every path of the goroutine (earlier in
// w's block, or in a block that dominates it), with no Add on k in the
// goroutine to take the count back. The goroutine then no longer counts
// when it waits, so the Wait waits for the others, not for itself: a
// barrier (ready.Done(); ready.Wait()). Program order is known only inside
// the goroutine's own frame (operations of the same function); anything
// else keeps the finding.
func gaveUpCount(s *Spawn, k string, w ChanOp) bool {
	if len(opsOn(s.Ops, k, OpWGAdd)) > 0 {
		return false
	}
	for _, r := range s.CountedBy {
		if r.key() == k {
			return false // WaitGroup.Go's Done comes when the function returns
		}
	}
	for _, d := range opsOn(s.Ops, k, OpWGDone) {
		// (a deferred Done comes before a Wait only on the way out
		// too: `defer func() { wg.Done(); s.Close() }()`, Close waiting)
		if (!d.Deferred || w.Deferred) && precedes(d, w) {
			return true
		}
	}
	return false
}

// precedes reports whether operation a runs before operation b on every
// path that reaches b: both are in the same function, a earlier in b's
// block or in a block that dominates b's.
func precedes(a, b ChanOp) bool {
	if a.block == nil || b.block == nil || a.block.Parent() != b.block.Parent() {
		return false
	}
	if a.block == b.block {
		return a.seq < b.seq
	}
	return a.block.Dominates(b.block)
}

// countedPerGoroutine reports whether a goroutine's Dones on a WaitGroup,
// counted n, stand for the goroutine itself, counted by someone else's Add:
// it may call Done beyond its own Adds (a goroutine that adds for itself
// before its deferred Done, and returns early doing neither, is not), and
// not once per item of a loop (a worker calling Done for each work item it
// receives counts items, not itself).
func countedPerGoroutine(n ChanCount) bool {
	return n.MaxNet > 0 && n.MaxDone < inf
}

// childrenDone reports whether goroutines started after s's start (s's own
// children, or later goroutines) call Done: then s's Add may be for them.
func (fa *fnAnalysis) childrenDone(s *Spawn, key string) bool {
	for i := range fa.sum.Spawns {
		o := &fa.sum.Spawns[i]
		if o != s && len(o.Chain) > len(s.Chain) && o.Chain[0].Pos == s.Chain[0].Pos && len(opsOn(o.Ops, key, OpWGDone)) > 0 {
			return true
		}
	}
	return false
}

// checkFutures reports a Wait (WaitGroup or errgroup) for goroutines one of
// which was found blocked forever: the waiter hangs too. It follows from the
// finding that shows the goroutine blocked, and is reported as part of that
// finding's chain (see emit).
func (fa *fnAnalysis) checkFutures(wg Ref, waits []ChanOp) {
	k := wg.key()
	for _, w := range waits {
		if len(w.Chain) != 1 {
			continue
		}
		for i := range fa.sum.Spawns {
			s := &fa.sum.Spawns[i]
			b, ok := fa.ps.blocked[s]
			if !ok || !countedBy(s, k) {
				continue
			}
			fa.ps.reportWaitFuture(wg.show(fa.ps.pkgPath), w, s, b)
			fa.ps.withCause(b.root)
			return
		}
	}
}

// checkChanFutures is checkFutures for a result channel: a plain receive on
// a channel the function owns, whose every sender and closer is a goroutine
// certainly blocked forever before it would send or close (in a defer, or
// further down the function it blocks in). The receiver waits forever too.
func (fa *fnAnalysis) checkChanFutures(uses []*chanUse) {
	for _, u := range uses {
		k := u.ref.key()
		var recv *ChanOp
		for i, c := range u.self.ops {
			if c.Kind == OpSend || c.Kind == OpClose {
				recv = nil // the function feeds the channel itself
				break
			}
			if recv == nil && c.Kind == OpRecv && !c.Alt && !c.NonBlocking && len(c.Chain) == 1 {
				recv = &u.self.ops[i]
			}
		}
		if recv == nil {
			continue
		}
		var feeder *participant
		var why blockedOn
		starved := true
		for i := range u.goros {
			g := &u.goros[i]
			b, blocked := fa.ps.blocked[g.spawn]
			for _, c := range g.ops {
				if c.Ref.key() != k || c.Kind != OpSend && c.Kind != OpClose {
					continue
				}
				if !blocked || !b.certain || !c.Deferred && !after(c.Chain, b.chain) {
					starved = false
				} else if feeder == nil {
					feeder, why = g, b
				}
			}
		}
		if !starved || feeder == nil {
			continue
		}
		fa.ps.reportChanFuture(u.ref.show(fa.ps.pkgPath), *recv, feeder.spawn, why)
		fa.ps.withCause(why.root)
	}
}

// after reports whether the operation at the end of c comes after the one
// at the end of b: past the hops they share (the go statement), the two
// chains go on in the same function, c's further down its source.
func after(c, b Chain) bool {
	i := 0
	for i < len(c) && i < len(b) && c[i] == b[i] {
		i++
	}
	if i == len(c) || i == len(b) || c[i].Func != b[i].Func || c[i].Pos.Filename != b[i].Pos.Filename {
		return false
	}
	return c[i].Pos.Line > b[i].Pos.Line || c[i].Pos.Line == b[i].Pos.Line && c[i].Pos.Column > b[i].Pos.Column
}

// checkWaitInLoop: Add for all goroutines up front, then a loop that starts
// one goroutine and waits in each iteration. The first Wait waits for
// goroutines the loop has not started yet. That needs a start of a counted
// goroutine after the Wait in program order: a Wait in a later loop than
// the one that starts the goroutines (no path leads from the Wait back to
// the go statement) waits only for goroutines already started.
func (fa *fnAnalysis) checkWaitInLoop(wg Ref, waits []ChanOp) {
	k := wg.key()
	upfront := false
	for _, a := range opsOn(fa.sum.Chans, k, OpWGAdd) {
		upfront = upfront || !a.Loop && a.Delta != 1 && len(a.Chain) == 1
	}
	if !upfront {
		return
	}
	for _, w := range waits {
		if !w.Loop || len(w.Chain) != 1 {
			continue
		}
		for i := range fa.sum.Spawns {
			s := &fa.sum.Spawns[i]
			if s.Loop && countedBy(s, k) && fa.startsAfter(i, w) && fa.waitsEveryTurn(i, w) {
				fa.ps.reportWaitInLoop(wg.show(fa.ps.pkgPath), w, s)
				return
			}
		}
	}
}

// waitsEveryTurn reports whether the Wait w runs on every turn of the loop
// that starts the goroutine of fa.sum.Spawns[i]: no path leads from the go
// statement back to it without passing w. A Wait under a condition inside
// the loop (`if i == len(items)-1 { wg.Wait() }`) may run only on the last
// turn, after every goroutine has started; whether it does is more than
// the model knows. Where either place is unknown, it does not.
func (fa *fnAnalysis) waitsEveryTurn(i int, w ChanOp) bool {
	if i >= len(fa.spawnAt) || w.block == nil || fa.spawnAt[i] == nil {
		return false
	}
	at := fa.spawnAt[i]
	if at == w.block {
		return true
	}
	return !reaches(at.Succs, at, func(b *ssa.BasicBlock) bool { return b == w.block })
}

// startsAfter reports whether the function may start the goroutine of
// fa.sum.Spawns[i] after the operation w: a path leads from w to the block
// that starts it (or it is started later in w's block). Where either place
// is unknown, it may.
func (fa *fnAnalysis) startsAfter(i int, w ChanOp) bool {
	if i >= len(fa.spawnAt) || w.block == nil || fa.spawnAt[i] == nil {
		return true
	}
	at := fa.spawnAt[i]
	if at == w.block && fa.spawnSeq[i] > w.seq {
		return true
	}
	return reaches(w.block.Succs, at, func(*ssa.BasicBlock) bool { return false })
}

// donesCoverAddsByPath reports whether, on every path of the function
// (told apart by its branch conditions, countpaths.go), the Dones certain
// on the path, the function's own and those of the goroutines started on
// it, are at least the Adds made on it: `wg.Add(1); if x { go worker() }
// else { wg.Done() }` counts down on both paths, though neither the go
// statement nor the Done is on every path.
func (fa *fnAnalysis) donesCoverAddsByPath(k string) bool {
	w := fa.weightsCopy(k)
	for i := range fa.sum.Spawns {
		s := &fa.sum.Spawns[i]
		if i >= len(fa.spawnAt) || fa.spawnAt[i] == nil || s.Loop {
			continue // (a goroutine started in a loop, or by a callee: no Dones counted)
		}
		n := countFor(s.Counts, k).MinDone
		for _, r := range s.CountedBy {
			if r.key() == k {
				n = add(n, 1)
			}
		}
		x := w.at(fa.spawnAt[i])
		x.MinDone = add(x.MinDone, n)
	}
	t := fa.countTable()
	paths := fa.walkCounts(fa.fn.Blocks[0], w, fa.edgeW[k], t, t.sound)
	for _, p := range paths {
		if p.n.MaxAdd >= inf || p.n.MinDone < p.n.MaxAdd {
			return false
		}
	}
	return len(paths) > 0
}

// startedBefore reports whether the goroutine of fa.sum.Spawns[i] has been
// started at least once on every path to the operation w: its go statement
// dominates w.
func (fa *fnAnalysis) startedBefore(i int, w ChanOp) bool {
	if i >= len(fa.spawnAt) || w.block == nil || fa.spawnAt[i] == nil || len(w.Chain) != 1 {
		return false
	}
	at := fa.spawnAt[i]
	if at == w.block {
		return fa.spawnSeq[i] < w.seq
	}
	return at.Dominates(w.block)
}

// checkDoneCount compares the Adds the function certainly makes with the
// Dones that are certain to follow, for a WaitGroup no one else can reach.
func (fa *fnAnalysis) checkDoneCount(wg Ref, wait ChanOp) {
	k := wg.key()
	self := countFor(fa.sum.Counts, k)
	if self.MaxAdd >= inf || self.MinAdd == 0 {
		return // an Add of a computed amount, or in a loop: cannot count
	}
	dones := self.MinDone
	for i := range fa.sum.Spawns {
		if countFor(fa.sum.Spawns[i].Counts, k).MaxDone >= inf {
			return // a goroutine calling Done in a loop, once per work item: cannot count
		}
	}
	for i := range fa.sum.Spawns {
		s := &fa.sum.Spawns[i]
		n := countFor(s.Counts, k).MinDone
		for _, r := range s.CountedBy {
			if r.key() == k {
				n = add(n, 1)
			}
		}
		switch {
		case s.Loop && s.Trips > 0: // a counted loop runs its body Trips times
			n = min(n*s.Trips, inf)
		case !s.Always && fa.startedBefore(i, wait):
			// (started at least once wherever the Wait runs: a loop that
			// starts one worker and waits for it, then breaks)
		case !s.Always:
			n = 0
		case s.Loop && n > 0:
			n = inf
		}
		dones = add(dones, n)
	}
	if dones < self.MinAdd && !fa.donesCoverAddsByPath(k) {
		// The witness: each Add, and each goroutine with the Dones it
		// makes (a goroutine without one shows only where it starts).
		counted := opsChains(opsOn(fa.sum.Chans, k, OpWGAdd))
		counted = append(counted, opsChains(opsOn(fa.sum.Chans, k, OpWGDone))...)
		for i := range fa.sum.Spawns {
			s := &fa.sum.Spawns[i]
			counted = append(counted, s.Chain)
			counted = append(counted, opsChains(opsOn(s.Ops, k, OpWGDone))...)
		}
		fa.ps.reportTooFewDones(wait, counted)
	}
}

// owns reports whether a resource is a local of this function that nothing
// outside it and its goroutines can reach.
func (fa *fnAnalysis) owns(r Ref) bool {
	if r.Base != BaseAlloc || len(r.Path) > 0 {
		return false
	}
	for _, b := range fa.fn.Blocks {
		for _, instr := range b.Instrs {
			v, ok := instr.(ssa.Value)
			if !ok {
				continue
			}
			switch v.(type) {
			case *ssa.Alloc, *ssa.Call, *ssa.MakeChan:
			default:
				continue
			}
			if fa.r.resolve(v).key() == r.key() {
				e := &escape{fa: fa, seen: make(map[ssa.Value]bool)}
				return !e.value(v)
			}
		}
	}
	return false
}

func (fa *fnAnalysis) spawnPos(s *Spawn) token.Pos {
	if p, ok := fa.ps.tokenPos(s.Chain[0].Pos); ok {
		return p
	}
	return fa.ps.posOf(s.Chain)
}

func opsChains(ops []ChanOp) []Chain {
	var out []Chain
	for _, c := range ops {
		out = append(out, c.Chain)
	}
	return out
}

// checkConds: a Wait on a local Cond nothing signals, and a Wait outside a
// loop.
func (fa *fnAnalysis) checkConds() {
	ps := fa.ps
	for _, c := range fa.refsOf(OpCondWait) {
		k := c.key()
		signalled := ps.signalled(c)
		all := append([]ChanOp(nil), fa.sum.Chans...)
		for _, s := range fa.sum.Spawns {
			all = append(all, s.Ops...)
		}
		for _, op := range all {
			if op.Ref.key() == k && (op.Kind == OpCondSignal || op.Kind == OpCondBroadcast) {
				signalled = true
			}
		}
		if c.Base != BaseAlloc || len(c.Path) > 0 || !fa.owns(c) {
			// Only a local Cond that stays in sight: one in a field or a
			// package-level variable is neversignalled's, which sees
			// whether the package lets it out; one that escapes may be
			// signalled anywhere.
			continue
		}
		for _, w := range opsOn(all, k, OpCondWait) {
			if !signalled && c.Class.known() && c.Class.Pkg == ps.pkgPath {
				ps.reportNoSignal(c.show(ps.pkgPath), w)
			}
		}
	}
	for _, w := range fa.sum.Chans {
		if w.Kind == OpCondWait && len(w.Chain) == 1 && !w.Loop && !w.checked && !ps.calledInLoops(fa.fn) &&
			!(w.Ref.Base == BaseAlloc && fa.owns(w.Ref) && fa.signalledAfterRelease(w.Ref, w)) {
			ps.reportWaitOutsideLoop(w)
		}
	}
}

// calledInLoops reports whether the package calls fn, and every call of it
// is in a loop of its caller: a Wait in fn is then in those loops, which
// check again after each wakeup (`for len(q.items) == 0 { q.waitLocked() }`).
func (ps *passState) calledInLoops(fn *ssa.Function) bool {
	calls := ps.staticCalls()[fn]
	for _, c := range calls {
		if !inLoop(c.Block()) {
			return false
		}
	}
	return len(calls) > 0
}

// signalled reports whether any function of the package signals a Cond of
// this class (a field of a type, a package-level variable).
func (ps *passState) signalled(c Ref) bool {
	return !c.Class.known() || ps.syncIndex().signals[c.Class.Key]
}

// condCopied returns the *sync.Cond that instr stores into memory or turns
// into an interface: a copy of the pointer that may be signalled under
// another name.
func condCopied(instr ssa.Instruction) (ssa.Value, bool) {
	var v ssa.Value
	switch instr := instr.(type) {
	case *ssa.Store:
		if _, local := instr.Addr.(*ssa.Alloc); local {
			return nil, false // a variable's own cell (captured by a closure)
		}
		v = instr.Val
	case *ssa.MakeInterface:
		v = instr.X
	default:
		return nil, false
	}
	switch v.(type) {
	case *ssa.Call, *ssa.Alloc:
		return nil, false // a new Cond stored where it lives
	}
	return v, isCondPtr(v.Type())
}

func isCondPtr(t types.Type) bool {
	p, ok := t.(*types.Pointer)
	if !ok {
		return false
	}
	n, ok := p.Elem().(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "sync" && n.Obj().Name() == "Cond"
}

func hasLock(locks []string, l Ref) bool {
	for _, k := range locks {
		if l.Class.known() && k == l.Class.Key {
			return true
		}
	}
	return false
}

// locksOf returns the lock classes a participant acquires.
func (fa *fnAnalysis) locksOf(p participant) []string {
	if p.spawn != nil {
		return p.spawn.Locks
	}
	var out []string
	for _, a := range fa.sum.Acquires {
		if a.Ref.Class.known() {
			out = append(out, a.Ref.Class.Key)
		}
	}
	return out
}

// partnerTakesFirst applies takesFirst to partner p: a goroutine started
// here, or the function itself. A goroutine whose acquisitions were not
// recorded is taken at its lock classes' word. When the partner is the
// function and the holder a goroutine it starts, an acquisition the
// function makes before it starts that goroutine (no path leads from the
// go statement to it) cannot wait for it: the goroutine does not exist yet.
// When the partner is a goroutine the function starts and the holder the
// function, an acquisition a gate orders before the holder's is over
// before the lock is held (readygate.go).
func (fa *fnAnalysis) partnerTakesFirst(p participant, l Ref, shared bool, ops []ChanOp, holder participant, held ChanOp) bool {
	if p.spawn == nil {
		acqs := fa.partnerAcqs(fa.fn, &fa.sum, nil)
		if holder.spawn != nil && len(holder.spawn.Chain) > 0 {
			acqs = fa.afterStart(acqs, fa.ps.instrsAt(fa.fn, holder.spawn.Chain[0].Pos))
		}
		return fa.ps.takesFirst(fa.fn, acqs, l, shared, ops, 0)
	}
	if p.spawn.acqs == nil {
		return true
	}
	acqs := p.spawn.acqs
	if holder.spawn == nil {
		acqs = fa.gatedAcqs(p.spawn, acqs, l, held, ops)
	}
	return fa.ps.takesFirst(p.spawn.body, acqs, l, shared, ops, 1)
}

// afterStart keeps the acquisitions that some path leads to from one of
// the go statements starts (all of them when no go statement is placed).
func (fa *fnAnalysis) afterStart(acqs []partnerAcq, starts []ssa.Instruction) []partnerAcq {
	if len(starts) == 0 {
		return acqs
	}
	out := []partnerAcq{} // (not nil: recorded, possibly none)
	for _, a := range acqs {
		for _, x := range fa.ps.instrsAt(fa.fn, a.pos) {
			if slices.ContainsFunc(starts, func(g ssa.Instruction) bool { return mayPrecede(g, x) }) {
				out = append(out, a)
				break
			}
		}
	}
	return out
}

// checkHeldAcross reports a blocking channel operation made while holding a
// lock that its only partner must take: the partner waits for the lock, the
// holder waits for the partner.
func (fa *fnAnalysis) checkHeldAcross(u *chanUse) {
	if u.cap != 0 {
		return
	}
	ps := fa.ps
	name := u.ref.show(ps.pkgPath)
	parts := u.all()
	for i, a := range parts {
		for _, op := range a.ops {
			if op.Alt || op.NonBlocking || op.Kind != OpSend && op.Kind != OpRecv {
				continue
			}
			want := OpRecv
			if op.Kind == OpRecv {
				want = OpSend
			}
			for _, l := range op.Held {
				var partners []participant
				for j, b := range parts {
					if j != i && len(opsOn(b.ops, u.ref.key(), want)) > 0 {
						partners = append(partners, b)
					}
				}
				if len(partners) != 1 || !hasLock(fa.locksOf(partners[0]), l) {
					continue
				}
				partnerOps := opsOn(partners[0].ops, u.ref.key(), want)
				if !fa.partnerTakesFirst(partners[0], l, slices.ContainsFunc(op.Shared, func(r Ref) bool { return r.key() == l.key() }), partnerOps, a, op) {
					continue
				}
				ps.reportHeldAcross(name, l.show(ps.pkgPath), op, partnerOps)
				ps.withCycle(cycleStep{fn: lastFunc(op.Chain)}, cycleStep{ref: u.ref, owner: fa.fn, kind: "chan"},
					cycleStep{fn: lastFunc(partnerOps[0].Chain)}, cycleStep{ref: l, owner: fa.fn, kind: "mutex"})
				return
			}
		}
	}
}

// checkRecvCycle reports two goroutines that each start by receiving from
// the channel the other sends on only after its own receive. A goroutine
// whose first wait is a select does not start by receiving: a case of it
// (a send the other is waiting for, say) may go first.
func (fa *fnAnalysis) checkRecvCycle(uses []*chanUse) {
	// first is a participant's first wait, when nothing it does before
	// feeds a channel: a close, or a send that does not wait (a select
	// with a default), before it waits may be what the other side needs.
	first := func(p participant) (ChanOp, bool) {
		ops := fa.sum.Chans
		if p.spawn != nil {
			ops = p.spawn.Ops
		}
		for _, c := range ops {
			switch {
			case c.Kind == OpClose, c.Kind == OpSend && c.NonBlocking:
				return ChanOp{}, false
			case (c.Kind == OpSend || c.Kind == OpRecv) && !c.NonBlocking:
				return c, !c.Alt
			}
		}
		return ChanOp{}, false
	}
	for i, u1 := range uses {
		for _, u2 := range uses[i+1:] {
			k1, k2 := u1.ref.key(), u2.ref.key()
			for _, a := range u1.all() {
				fa1, ok1 := first(a)
				if !ok1 || fa1.Kind != OpRecv || fa1.Ref.key() != k1 {
					continue
				}
				for _, b := range u2.all() {
					fb, ok2 := first(b)
					if !ok2 || fb.Kind != OpRecv || fb.Ref.key() != k2 || a.spawn == b.spawn {
						continue
					}
					// b must be the only sender on k1, a the only sender on k2.
					if !onlySender(u1, b) || !onlySender(u2, a) {
						continue
					}
					// Report at whichever receive comes first in the source.
					x, y, ux, uy := fa1, fb, u1, u2
					if py, px := fa.ps.posOf(fb.Chain), fa.ps.posOf(fa1.Chain); py.IsValid() && py < px {
						x, y, ux, uy = fb, fa1, u2, u1
					}
					fa.ps.reportRecvCycle(ux.ref.show(fa.ps.pkgPath), uy.ref.show(fa.ps.pkgPath), x, y)
					fa.ps.withCycle(cycleStep{fn: lastFunc(x.Chain)}, cycleStep{ref: ux.ref, owner: fa.fn, kind: "chan"},
						cycleStep{fn: lastFunc(y.Chain)}, cycleStep{ref: uy.ref, owner: fa.fn, kind: "chan"})
					return
				}
			}
		}
	}
}

func onlySender(u *chanUse, p participant) bool {
	found := false
	for _, q := range u.all() {
		sends := len(opsOn(q.ops, u.ref.key(), OpSend)) > 0
		if q.spawn == p.spawn {
			found = sends
		} else if sends {
			return false
		}
	}
	return found
}

// checkFieldHeldAcross is checkHeldAcross for channels kept in a struct
// field and served by a goroutine the package starts elsewhere (a run loop
// started by a constructor): a send (or receive) on the field's channel under
// a lock, when every goroutine root of the package that does the opposite
// operation on that field takes the lock, and every channel the package
// stores in the field has a constant capacity. A buffer only puts the wait
// off: a send blocks once the buffer is full, and a receiver that takes the
// lock between its receives (in another case of its loop) drains nothing
// while the sender holds it. The buffer fills only if the sends outrun the
// receives, so for a buffered channel the claim needs a send that every
// call of the lock holder makes (not one behind a "pending" test), and
// receivers that receive in a loop (not a one-shot reply channel); a
// receive from a buffered channel is left alone.
func (ps *passState) checkFieldHeldAcross(roots map[*ssa.Function]bool, caps map[string][]int) {
	for _, fn := range ps.graph.Funcs() {
		sum := ps.sums[fn]
		if sum == nil {
			continue
		}
		for _, op := range sum.Chans {
			k := op.Ref.Class.Key
			if op.NonBlocking || op.Kind != OpSend && op.Kind != OpRecv ||
				!op.Ref.Class.known() || len(op.Ref.Path) == 0 || !bounded(caps[k]) {
				continue
			}
			buffered := !unbuffered(caps[k])
			if buffered && (op.Kind != OpSend || !op.Always) {
				continue
			}
			want := OpRecv
			if op.Kind == OpRecv {
				want = OpSend
			}
			var altCloses Chain // the closes that alone end the select's other cases (altwait.go)
			if op.Alt {
				closes, ok := ps.altsWaitForPartner(sum.Chans, op, want)
				if !ok {
					continue
				}
				altCloses = closes
			}
			for _, l := range op.Held {
				// Reported where the lock is taken, once: the operation is
				// this function's own, or a callee's made under this
				// function's lock.
				if len(op.Chain) != 1 && !acquiresHere(sum, l) {
					continue
				}
				if partner, at := ps.fieldPartner(roots, fn, op.Ref, want, l, slices.ContainsFunc(op.Shared, func(r Ref) bool { return r.Class.Key == l.Class.Key }), buffered, op.Alt, sync.OnceValue(func() bool { return ps.heldOnAnother(fn, sum, op, l) })); partner != nil { // (read only for a partner that serves its own object)
					var lockedAt Chain
					for _, a := range sum.Acquires {
						if len(op.Chain) > 1 && len(a.Chain) == 1 && a.Ref.Class.Key == l.Class.Key {
							lockedAt = a.Chain // where the lock held across the callee's operation is taken
							break
						}
					}
					ps.reportFieldHeldAcross(op.Ref.show(ps.pkgPath), l.show(ps.pkgPath), op, buffered, lockedAt, append(slices.Clip(partner), altCloses...))
					ps.withCycle(cycleStep{fn: lastFunc(op.Chain)}, cycleStep{ref: op.Ref, owner: fn, kind: "chan"},
						cycleStep{fn: at}, cycleStep{ref: l, owner: fn, kind: "mutex"})
					break
				}
			}
		}
	}
}

// bounded reports whether the package stores channels in the field and
// every one has a constant capacity.
func bounded(caps []int) bool {
	return len(caps) > 0 && !slices.Contains(caps, inf)
}

func unbuffered(caps []int) bool {
	for _, c := range caps {
		if c != 0 {
			return false
		}
	}
	return len(caps) > 0
}

// fieldPartner finds the goroutines doing the opposite operation on the
// field class k — functions started as goroutines, seen from their own
// summaries, and goroutines seen from the go statements that start them,
// where a channel passed in is named — and if all of them take lock l,
// returns a witness of one: its operation, and where it takes l when its
// own summary says. When the operation holds l only for reading (shared),
// a partner that reads too would not wait for it: each must take l for
// writing somewhere, seen in its own summary. With looping set, each
// partner's operation must be in a loop. With strict set, a partner
// whose operation cannot be placed does not count. It also returns the function of the witness's operation, for the cycle
// drawn in the graph.
func (ps *passState) fieldPartner(roots map[*ssa.Function]bool, self *ssa.Function, ch Ref, want OpKind, l Ref, shared, looping, strict bool, another func() bool) (Chain, string) {
	k := ch.Class.Key
	apart := ownersApart(ch, l)
	writes := func(fn *ssa.Function, sum *Summary) (locks []string, takes Chain) {
		for _, a := range sum.Acquires {
			if shared && a.Mode != Write || throughWrapped(fn, a.Ref) {
				continue
			}
			locks = append(locks, a.Ref.Class.Key)
			if takes == nil && a.Ref.Class.Key == l.Class.Key {
				takes = a.Chain
			}
		}
		return locks, takes
	}
	var witness Chain
	var at string      // the function of the witness's operation
	withTakes := false // the witness shows where the partner takes l
	found := func(ops []ChanOp, locks []string, takes Chain, own *Summary, fn *ssa.Function, hop int) bool {
		var op *ChanOp
		for i := range ops {
			if c := &ops[i]; c.Kind == want && c.Ref.Class.Key == k {
				op = c
				break
			}
		}
		if op == nil {
			return true
		}
		if own != nil && servesOwnNode(own, want, k, l) && (apart || another()) {
			return false
		}
		if !l.Class.known() || !slices.Contains(locks, l.Class.Key) || looping && !op.Loop {
			return false
		}
		if fn != nil && !ps.takesBeforeOp(fn, l, *op, hop, strict) {
			return false
		}
		if witness == nil || takes != nil && !withTakes {
			witness, withTakes, at = append(slices.Clip(op.Chain), takes...), takes != nil, lastFunc(op.Chain)
		}
		return true
	}
	for _, fn := range ps.graph.Funcs() {
		sum := ps.sums[fn]
		if sum == nil || fn == self {
			continue
		}
		if roots[fn] {
			if locks, takes := writes(fn, sum); !found(sum.Chans, locks, takes, sum, fn, 0) {
				return nil, ""
			}
		}
		for _, sp := range sum.Spawns {
			if len(sp.Chain) != 1 {
				continue
			}
			locks := sp.Locks
			if shared { // the modes are in the started function's summary
				locks = nil
				if g := ps.sums[ps.funcNamed(sp.fn)]; g != nil {
					locks, _ = writes(ps.funcNamed(sp.fn), g)
				}
			}
			if !found(sp.Ops, locks, nil, ps.sums[ps.funcNamed(sp.fn)], ps.funcNamed(sp.fn), 1) {
				return nil, ""
			}
		}
	}
	return witness, at
}

// takesBeforeOp reports whether fn takes a lock of l's class at a point
// from which its operation op (the hop-th step of op's chain is in fn's
// frame) can follow, as the final pass recorded fn's instructions (see
// privateAt): a lock taken in a deferred call is taken at the function's
// returns (deferredRuns), and one taken only after a receive loop has
// ended never stands in the way of a receive in it. The path from the
// lock to op must pass no other wait for a message (reachesWithoutWait): a
// receive reached only after another handshake (a resume after a pause)
// is not what the partner is on its way to when it takes the lock. True
// when the record cannot tell, unless strict.
func (ps *passState) takesBeforeOp(fn *ssa.Function, l Ref, op ChanOp, hop int, strict bool) bool {
	if len(op.Chain) <= hop || op.Chain[hop].Func != ps.name(fn) || !ps.graph.Contains(fn) {
		return true
	}
	ats := ps.instrsAt(fn, op.Chain[hop].Pos)
	if len(ats) == 0 { // a case of a select: the select waits
		ats = ps.selectsAt(fn, op.Chain[hop].Pos)
	}
	if strict && len(ats) == 0 {
		return false // no proof of a path
	}
	var takes []ssa.Instruction
	for _, b := range fn.Blocks {
		for _, x := range b.Instrs {
			if p := ps.privates[x]; p != nil && (p.unknown || len(p.byClass[l.Class.Key]) > 0) {
				takes = append(takes, x)
			}
		}
	}
	if len(ats) == 0 || len(takes) == 0 {
		return true
	}
	for _, x := range deferredRuns(takes) {
		for _, at := range ats {
			if reachesWithoutWait(x, at) {
				return true
			}
		}
	}
	return false
}

// acquiresHere reports whether the function takes lock l itself.
func acquiresHere(sum *Summary, l Ref) bool {
	for _, a := range sum.Acquires {
		if len(a.Chain) == 1 && l.Class.known() && a.Ref.Class.Key == l.Class.Key {
			return true
		}
	}
	return false
}

// checkFieldChannels runs the checks on channels kept in struct fields,
// which no single function owns: they look at the whole package.
func (ps *passState) checkFieldChannels() {
	roots, caps, goSites := ps.fieldChannels()
	ps.checkFieldAbandoned(roots, caps, goSites)
	ps.checkFieldHeldAcross(ps.withMainGoroutine(roots), caps)
}

// withMainGoroutine adds a program's main function to the goroutine roots:
// it runs in a goroutine of its own, the first, as those started by go
// statements do. (A library's exported functions run in goroutines nothing
// here can see.)
func (ps *passState) withMainGoroutine(roots map[*ssa.Function]bool) map[*ssa.Function]bool {
	if ps.pass.Pkg.Name() != "main" {
		return roots
	}
	for _, fn := range ps.graph.Funcs() {
		if fn.Name() == "main" && fn.Parent() == nil && fn.Signature.Recv() == nil && fn.Synthetic == "" {
			out := maps.Clone(roots)
			out[fn] = true
			return out
		}
	}
	return roots
}

// fieldChannels gathers, for the package: the functions started as
// goroutines (with the go statements that start them) and the capacities of
// the channels stored in each struct field (by field class).
func (ps *passState) fieldChannels() (roots map[*ssa.Function]bool, caps map[string][]int, goSites map[*ssa.Function][]*callgraph.Site) {
	roots, caps, goSites = make(map[*ssa.Function]bool), make(map[string][]int), make(map[*ssa.Function][]*callgraph.Site)
	for _, fn := range ps.graph.Funcs() {
		for _, site := range ps.graph.Sites(fn) {
			if site.Kind == callgraph.Go {
				for _, c := range site.Callees {
					roots[c] = true
					goSites[c] = append(goSites[c], site)
				}
			}
		}
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if st, ok := instr.(*ssa.Store); ok {
					if mc, ok := st.Val.(*ssa.MakeChan); ok {
						if f, ok := st.Addr.(*ssa.FieldAddr); ok {
							k := fieldClass(f.X.Type(), fieldName(f.X.Type(), f.Field), Class{}).Key
							caps[k] = append(caps[k], capacity(mc))
						}
					}
				}
			}
		}
	}
	return roots, caps, goSites
}

// checkFieldAbandoned reports goroutines that block sending on an
// unbuffered channel field whose every receiver in the package is a select
// case that can be left by another case (ctx.Done(), a timer, a quit
// channel) and then return: once the receiver leaves, the senders it did not
// serve block forever.
func (ps *passState) checkFieldAbandoned(roots map[*ssa.Function]bool, caps map[string][]int, goSites map[*ssa.Function][]*callgraph.Site) {
	recvAlt := make(map[string]bool)   // field class → some receive is a select case
	recvPlain := make(map[string]bool) // field class → some receive always waits (or ranges)
	closed := make(map[string]bool)
	recvAny := make(map[string]bool)
	deadRecv := make(map[string]token.Position) // field class → a receive in code that never runs
	closers := make(map[string][]closeAt)       // field class → its closes (stoporder.go)
	fed := make(map[string]bool)                // field class → some send on it
	var altRecvs []closeAt                      // the select receive cases, by function
	ix := ps.ctxIndex()
	for _, fn := range ps.graph.Funcs() {
		sum := ps.sums[fn]
		if sum == nil {
			continue
		}
		for _, c := range sum.Chans {
			if len(c.Chain) != 1 || !c.Ref.Class.known() {
				continue
			}
			k := c.Ref.Class.Key
			if c.Kind == OpRecv {
				switch {
				case ix.mayRun(ps, fn):
					recvAny[k] = true
				case deadRecv[k].Line == 0: // a receive in code that never runs drains nothing
					deadRecv[k] = c.Chain[0].Pos
				}
			}
			switch {
			case c.Kind == OpClose:
				closed[k] = true
				closers[k] = append(closers[k], closeAt{fn, c})
			case c.Kind == OpSend:
				fed[k] = true
			case c.Kind == OpRecv && (c.Alt || c.NonBlocking) && !c.OnlyWayOut:
				recvAlt[k] = true
				altRecvs = append(altRecvs, closeAt{fn, c})
			case c.Kind == OpRecv:
				recvPlain[k] = true
			}
		}
	}
	renamed := ps.renamedFieldClasses()
	ps.checkFieldNoReceiver(recvAny, deadRecv, caps, renamed)
	var fns []*ssa.Function
	for fn := range roots {
		fns = append(fns, fn)
	}
	callgraph.SortFuncs(ps.pass.Fset, fns)
	// A select receive whose other cases wait only for channels closed
	// after every sender has returned is as good as a plain receive
	// (stoporder.go).
	senders := make(map[string][]*ssa.Function)
	for _, fn := range fns {
		if sum := ps.sums[fn]; sum != nil {
			for _, c := range sum.Chans {
				if c.Kind == OpSend && c.Ref.Class.known() && !slices.Contains(senders[c.Ref.Class.Key], fn) {
					senders[c.Ref.Class.Key] = append(senders[c.Ref.Class.Key], fn)
				}
			}
		}
	}
	// (one such receiver stays as a plain receive does: the claim is that
	// every receiver may leave)
	for _, r := range altRecvs {
		k := r.op.Ref.Class.Key
		if !recvPlain[k] && ps.stopsAfterSenders(r.fn, r.op, k, senders[k], goSites, closers, fed) {
			recvPlain[k] = true
		}
	}
	for _, fn := range fns {
		sum := ps.sums[fn]
		if sum == nil {
			continue
		}
		for _, c := range sum.Chans {
			k := c.Ref.Class.Key
			if c.Kind != OpSend || c.Alt || c.NonBlocking || !c.Ref.Class.known() || c.Ref.Class.Pkg != ps.pkgPath ||
				!unbuffered(caps[k]) || !recvAlt[k] || recvPlain[k] || closed[k] || exportedField(c.Ref) || ps.namedOffBuild(lastField(c.Ref)) || renamed[k] {
				continue
			}
			for _, site := range goSites[fn] {
				name := c.Ref.show(ps.pkgPath)
				ps.reportFieldAbandoned(site.Instr.Pos(), name, c)
			}
			break
		}
	}
}

func exportedField(r Ref) bool {
	f := lastField(r)
	return f != "" && f[0] >= 'A' && f[0] <= 'Z'
}

// lastField is the name of the field r ends with ("" for none).
func lastField(r Ref) string {
	if len(r.Path) == 0 {
		return ""
	}
	return r.Path[len(r.Path)-1]
}

// checkFieldNoReceiver reports sends on an unexported channel field of this
// package that nothing in the package ever receives from, whose value never
// leaves the package's sends and closes (no getter hands it out). A field
// never assigned a channel is nil: checkNil's. In a program, code that
// never runs (unfedFuncs) neither receives nor sends.
func (ps *passState) checkFieldNoReceiver(recvAny map[string]bool, deadRecv map[string]token.Position, caps map[string][]int, renamed map[string]bool) {
	other := maps.Clone(renamed) // field classes whose channel is used otherwise
	type send struct {
		pos   token.Pos
		field Class
		class string
		instr *ssa.Send
	}
	var sends []send
	for _, fn := range ps.unfedFuncs() {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if st, ok := instr.(*ssa.Store); ok {
					if f, ok := st.Addr.(*ssa.FieldAddr); ok && aliasedStore(st) {
						other[fieldClass(f.X.Type(), fieldName(f.X.Type(), f.Field), Class{}).Key] = true
					}
					continue
				}
				ld, ok := instr.(*ssa.UnOp)
				if !ok || ld.Op != token.MUL {
					continue
				}
				f, ok := ld.X.(*ssa.FieldAddr)
				if !ok {
					continue
				}
				if _, isChan := ld.Type().Underlying().(*types.Chan); !isChan {
					continue
				}
				name := fieldName(f.X.Type(), f.Field)
				k := fieldClass(f.X.Type(), name, Class{}).Key
				for _, r := range *ld.Referrers() {
					switch r := r.(type) {
					case *ssa.Send:
						if r.Chan == ld && r.X != ld {
							sends = append(sends, send{r.Pos(), fieldClass(f.X.Type(), name, Class{}), k, r})
							continue
						}
						other[k] = true
					case ssa.CallInstruction: // a call, or a deferred close(ch)
						if b, ok := r.Common().Value.(*ssa.Builtin); !ok || b.Name() != "close" && b.Name() != "len" && b.Name() != "cap" {
							other[k] = true
						}
					case *ssa.DebugRef:
					default:
						other[k] = true
					}
				}
				if exportedName(name) || ps.namedOffBuild(name) {
					other[k] = true // other packages, or files of other builds, may receive
				}
			}
		}
	}
	// A class whose every send is one of the few its maker does on the
	// object whose field it has just set (madeHereSend), or the one answer
	// to a request received with a channel of its own (answersOnce), or
	// whose sends cannot outnumber its buffers on any one object
	// (sendsPerObject), is never filled.
	reportable := func(class string) bool {
		return !recvAny[class] && !other[class] && len(caps[class]) > 0 && strings.HasPrefix(class, ps.pkgPath+".")
	}
	perMake := make(map[*ssa.MakeChan]int)
	unbounded := make(map[string]bool)
	byClass := make(map[string][]*ssa.Send)
	for _, s := range sends {
		byClass[s.class] = append(byClass[s.class], s.instr)
	}
	for _, s := range sends {
		mc, ok := madeHereSend(s.instr)
		if ok {
			perMake[mc]++
		}
		if !ok && reportable(s.class) && ps.answersOnce(s.instr, caps[s.class]) {
			continue // one answer per request (replyslots.go)
		}
		if !ok || perMake[mc] > capacity(mc) {
			unbounded[s.class] = true
		}
	}
	for class := range unbounded {
		// Fewer sends per object than every make of the field has room
		// for (perobject.go).
		if n := ps.sendsPerObject(byClass[class]); reportable(class) && n < inf && n <= slices.Min(caps[class]) {
			delete(unbounded, class)
		}
	}
	for _, s := range sends {
		if unbounded[s.class] && reportable(s.class) {
			ps.reportFieldNoReceiver(s.pos, Ref{Class: s.field}, deadRecv[s.class])
		}
	}
}

// renamedFieldClasses returns the field classes of the struct types that
// the package converts to or from another named type (`type reader base`;
// `(*reader)(b)`): field classes are named by their struct's type, so the
// same field of the same object is then used under two classes, and what
// the package does with one tells nothing of the other.
func (ps *passState) renamedFieldClasses() map[string]bool {
	renamed := make(map[string]bool)
	mark := func(t types.Type) {
		if p, ok := t.Underlying().(*types.Pointer); ok {
			t = p.Elem()
		}
		st, ok := t.Underlying().(*types.Struct)
		if !ok {
			return
		}
		for i := 0; i < st.NumFields(); i++ {
			if k := fieldClass(t, st.Field(i).Name(), Class{}); k.known() {
				renamed[k.Key] = true
			}
		}
	}
	for _, fn := range ps.packageFuncs() {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				var from ssa.Value
				switch x := instr.(type) {
				case *ssa.ChangeType:
					from = x.X
				case *ssa.Convert:
					from = x.X
				default:
					continue
				}
				to := instr.(ssa.Value).Type()
				if !types.Identical(from.Type(), to) {
					mark(from.Type())
					mark(to)
				}
			}
		}
	}
	return renamed
}

// madeHereSend reports whether the send s, on a channel field, is made on
// the object whose field the function that makes that channel has just set
// (an object it allocated, or one it was given), by that function itself or
// by a goroutine it starts (a closure given the object), neither in a loop
// nor started in one: it runs at most once per call of that function, on
// the channel that call made. It returns the make of that channel. Counted per make, such sends fill no buffer larger
// than their number: `t := &T{errs: make(chan error, 1)}; go func() {
// t.errs <- run() }()` never blocks, whether or not anything receives.
func madeHereSend(s *ssa.Send) (*ssa.MakeChan, bool) {
	ld, ok := s.Chan.(*ssa.UnOp)
	if !ok || ld.Op != token.MUL || inLoop(s.Block()) {
		return nil, false
	}
	f, ok := ld.X.(*ssa.FieldAddr)
	if !ok {
		return nil, false
	}
	base := f.X
	var at ssa.Instruction = s // where, in the maker, the send happens or its goroutine starts
	cell := false              // the closure captured the variable holding the object
	var names []ssa.Value      // the maker's other names of the object: loads of that variable
	if u, ok := base.(*ssa.UnOp); ok && u.Op == token.MUL {
		if _, ok := u.X.(*ssa.FreeVar); ok {
			base, cell = u.X, true
		}
	}
	if fv, ok := base.(*ssa.FreeVar); ok {
		// A closure started once by the function it was made in.
		fn := s.Parent()
		maker := fn.Parent()
		if maker == nil {
			return nil, false
		}
		site, bound, ok := closureSite(maker, fn, slices.Index(fn.FreeVars, fv))
		g, isGo := site.(*ssa.Go)
		if !ok || !isGo || inLoop(g.Block()) {
			return nil, false
		}
		at = g
		base = bound
		if cell {
			c, ok := bound.(*ssa.Alloc)
			if !ok {
				return nil, false
			}
			base, _ = cellValue(c)
			// The maker reads the object from the same cell.
			for _, r := range *c.Referrers() {
				if u, ok := r.(*ssa.UnOp); ok && u.Op == token.MUL {
					names = append(names, u)
				}
			}
		}
	}
	switch base.(type) {
	case *ssa.Alloc, *ssa.Parameter:
	default:
		return nil, false
	}
	// The maker stores one made channel into that field of that object,
	// before the send (or the go statement) on every path: each call of
	// it makes the channel its sends go to.
	var made *ssa.MakeChan
	var fields []ssa.Instruction
	for _, name := range append(names, base) {
		fields = append(fields, *name.Referrers()...)
	}
	for _, r := range fields {
		fa, ok := r.(*ssa.FieldAddr)
		if !ok || fa.Field != f.Field {
			continue
		}
		for _, fr := range *fa.Referrers() {
			st, ok := fr.(*ssa.Store)
			if !ok || st.Addr != fa {
				continue
			}
			mc, ok := st.Val.(*ssa.MakeChan)
			if !ok || made != nil || !instrBefore(st, at) { // another value stored there: the send's channel may be that one
				return nil, false
			}
			made = mc
		}
	}
	return made, made != nil
}

// aliasedStore reports whether a store into a channel field may bring in a
// channel that is also known under another name: anything but a channel made
// for the field alone (a parameter, a call result, another field's channel),
// or a made channel the function also uses otherwise (keeps and receives
// from, returns, passes on). Receives under that other name are out of the
// field's sight, so "nothing receives from the field" cannot be said.
func aliasedStore(st *ssa.Store) bool {
	if _, isChan := st.Val.Type().Underlying().(*types.Chan); !isChan {
		return false
	}
	var user ssa.Instruction = st // the one use a channel made for the field has
	v := st.Val
	for {
		if !onlyUse(v, user) {
			return true
		}
		switch x := v.(type) {
		case *ssa.Const:
			return false // nil
		case *ssa.MakeChan:
			return false
		case *ssa.ChangeType: // a direction conversion
			v, user = x.X, x
			continue
		}
		return true
	}
}

// onlyUse reports whether user is v's only use (debug references aside).
func onlyUse(v ssa.Value, user ssa.Instruction) bool {
	refs := v.Referrers()
	if refs == nil {
		return true // a constant
	}
	for _, r := range *refs {
		if _, dbg := r.(*ssa.DebugRef); !dbg && r != user {
			return false
		}
	}
	return true
}

func exportedName(s string) bool { return s != "" && s[0] >= 'A' && s[0] <= 'Z' }

// goroutineName names the function of a goroutine s that counts down the
// WaitGroup k: where its Done is, or, for WaitGroup.Go, the function the go
// call starts.
func (fa *fnAnalysis) goroutineName(s *Spawn, k string) string {
	if dones := opsOn(s.Ops, k, OpWGDone); len(dones) > 0 {
		return lastFunc(dones[0].Chain)
	}
	return s.fn
}

// ownersApart reports whether the channel field ch and the held lock l are
// fields of two objects reached from one root, one through the other's
// fields (n.next.in while holding n.mu) or the elements of one of them
// (n.children[i].in): a chain or tree of one type whose every node serves
// its own channel and guards itself with its own lock. The channel may be
// any element (whichever it is, it is another node's); the lock must be
// the one object.
func ownersApart(ch, l Ref) bool {
	if len(ch.Path) == 0 || len(l.Path) == 0 || ch.Inexact || !l.exact() {
		return false
	}
	owned := Ref{Base: ch.Base, Index: ch.Index, Path: append(slices.Clone(ch.Path[:len(ch.Path)-1]), l.Path[len(l.Path)-1])}
	return nestedInstance(owned, l)
}

// servesOwnNode reports whether the function of summary sum does its
// operations want on the channel field k on the channels of objects whose
// lock of l's class is the only one of that class it takes, in its own
// frame: a goroutine that serves a node's channel and takes that node's
// lock, which is not the lock its sender holds when the sender holds
// another node's (ownersApart), unless the data loops back, which nothing
// in the code shows.
func servesOwnNode(sum *Summary, want OpKind, k string, l Ref) bool {
	var owner *Ref
	for _, c := range sum.Chans {
		if c.Kind != want || c.Ref.Class.Key != k {
			continue
		}
		if len(c.Ref.Path) == 0 || !c.Ref.exact() || owner != nil && !sameOwner(*owner, c.Ref) {
			return false
		}
		owner = &c.Ref
	}
	if owner == nil {
		return false
	}
	seen := false
	for _, a := range sum.Acquires {
		if a.Ref.Class.Key != l.Class.Key {
			continue
		}
		if !a.Ref.exact() || len(a.Ref.Path) == 0 || !sameOwner(*owner, a.Ref) {
			return false
		}
		seen = true
	}
	return seen
}

// sameOwner reports whether two field refs are fields of one object: the
// same root and the same path up to their last field.
func sameOwner(a, b Ref) bool {
	return a.Base == b.Base && a.Index == b.Index && slices.Equal(a.Path[:len(a.Path)-1], b.Path[:len(b.Path)-1])
}
