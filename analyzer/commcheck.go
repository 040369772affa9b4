package analyzer

import (
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"github.com/awaitvet/awaitvet/callgraph"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// inf stands for "any number": an operation in a loop, goroutines started in
// a loop, a channel whose capacity is not a constant.
const inf = 1 << 20

func add(a, b int) int { return min(a+b, inf) }

// A participant is one goroutine's share of a channel: the function that
// owns the channel, or a goroutine it starts.
type participant struct {
	spawn *Spawn   // nil for the owner itself
	index int      // the spawn's index in the summary
	ops   []ChanOp // its operations on the channel
	every []ChanOp // all its operations (the other cases of its selects)
	n     ChanCount
	// each instance receives at most once, and a send of the owner's
	// precedes each start: it takes back a token put for it (F2)
	paired bool
	many   bool // started in a loop: its counts are multiplied
	each   int  // the most one instance sends
	// eachMin: the sends one instance, once started, makes on every path
	eachMin int
	// onTurns: started in a loop, its instances send only on turns a test
	// of the loop variable picks (i < 2), whoever runs first
	onTurns bool
	always  bool // started on every path on which the channel exists
	// leftEarly: started in a loop that has a way out besides its test
	// (a break once enough are started): how many start is not the
	// loop's count
	leftEarly bool
}

// chanUse is everything the owner of a channel can see being done with it.
type chanUse struct {
	ref     Ref
	cap     int       // inf when not a constant
	makePos token.Pos // the make(chan T) this function wrote, if it did
	self    participant
	goros   []participant
	pending int // the most values that can be left in it (inf: not bounded; see maxPending)
	served  int // the index in goros of the sender a leak names, -1 for none (see lastServedSender)
	// skips: from the start of a goroutine that sends on it, some path of
	// the owner's returns without passing one of its receives (a return
	// before any sender exists skips none; see receiveSkipped)
	skips bool
	// foreverRecv: the owner (or a goroutine it starts on every path)
	// receives in a select case inside a loop it never leaves (see
	// neverLeaves)
	foreverRecv bool
	// stays: once the channel exists, the owner never returns to its
	// caller (see ownerStays), so it never stops feeding it
	stays bool
	// taken: every value the goroutines send is received by a counted
	// select of the owner's (countedselect.go)
	taken bool
	// matched: the one sender sends only on the side of a test on which
	// the owner receives (correlated.go)
	matched bool
	// drained: the owner receives from it in a deferred call (see
	// drainsOnExit)
	drained bool
	// handedOff: the one sender sends only after a handoff on another
	// channel, after whose every receive the owner receives this one (see
	// sendsAfterHandoff)
	handedOff bool
	// answered: the one sender sends once over this channel and another,
	// and every path of the owner takes that answer (see answerTaken)
	answered bool
}

// drainsOnExit reports whether the owner receives from u in a call it
// defers: whatever that call's conditions (`if !got { <-ch }`), the owner
// may take on its way out the value it did not take before, so no path is
// shown to leave a sender without its receiver.
func (fa *fnAnalysis) drainsOnExit(u *chanUse) bool {
	for _, c := range u.self.ops {
		if c.Kind != OpRecv || len(c.Chain) == 0 {
			continue
		}
		if c.Deferred {
			return true
		}
		for _, instr := range fa.ps.instrsAt(fa.fn, c.Chain[0].Pos) {
			if _, ok := instr.(*ssa.Defer); ok {
				return true
			}
		}
	}
	return false
}

// drainsAfterLoop reports whether the owner, having selected on u in a
// loop, receives from u again on its own after that loop: a plain
// receive that the loop's select reaches and that does not reach it back.
// Whatever its conditions (`if busy { <-res }` after `break loop`), the
// owner may take on its way out the value its select gave up on, as a
// deferred receive does (drainsOnExit).
func drainsAfterLoop(u *chanUse) bool {
	for _, c := range u.self.ops {
		if c.Kind != OpRecv || len(c.Chain) != 1 || c.Alt || c.NonBlocking || c.Loop || c.block == nil {
			continue
		}
		for _, s := range u.self.ops {
			if s.Kind == OpRecv && s.Alt && s.Loop && len(s.Chain) == 1 && s.block != nil &&
				reachesBlock(s.block, c.block) && !reachesBlock(c.block, s.block) {
				return true
			}
		}
	}
	return false
}

// checkChannels runs the channel checks on the channels this function makes
// and never lets out of its sight: every partner of such a channel is in the
// summary, so counting sends against receives is sound.
func (fa *fnAnalysis) checkChannels() {
	var uses []*chanUse
	isMain := fa.fn.Name() == "main" && fa.fn.Pkg != nil && fa.fn.Pkg.Pkg.Name() == "main"
	defer func() {
		fa.checkRecvCycle(uses)
		fa.checkRecvRing(uses) // recvring.go
		fa.checkChanFutures(uses)
		fa.checkWaitGroups()
		fa.checkConds()
	}()
	for _, b := range fa.fn.Blocks {
		for _, instr := range b.Instrs {
			mc, ok := instr.(*ssa.MakeChan)
			if !ok || isMain && parksForever(mc) {
				continue
			}
			home, ok := fa.channelHome(mc)
			if !ok {
				fa.checkRecvOnlyOwnClose(mc) // commclose.go
				continue
			}
			u := fa.use(home, capacity(mc), mc.Block())
			u.makePos = mc.Pos()
			uses = append(uses, u)
		}
	}
	// Channels fresh from a generator this function calls are its own too.
	var fresh []*chanUse
	for _, site := range fa.ps.graph.Sites(fa.fn) {
		if len(site.Callees) != 1 || site.Kind != callgraph.Call {
			continue
		}
		sum := fa.ps.summary(site.Callees[0])
		if sum == nil || len(sum.Fresh) == 0 {
			continue
		}
		results := callResults(site.Instr)
		for _, f := range sum.Fresh {
			if f.Index >= len(results) || results[f.Index] == nil {
				continue
			}
			v := results[f.Index]
			e := &escape{fa: fa, seen: make(map[ssa.Value]bool)}
			if e.value(v) {
				continue
			}
			home := fa.r.resolve(v)
			if f.Field != "" {
				home = home.withPath(f.Field, fieldClass(v.Type(), f.Field, home.Class))
			}
			fresh = append(fresh, fa.use(home, f.Cap, site.Instr.Block()))
		}
	}
	owned := make(map[string]*chanUse)
	for _, u := range append(slices.Clip(uses), fresh...) {
		owned[u.ref.key()] = u
	}
	for _, u := range owned {
		u.taken = fa.takenEveryTurn(u, owned)
		u.drained = fa.drainsOnExit(u) || drainsAfterLoop(u)
		u.handedOff = fa.sendsAfterHandoff(u, owned)
		u.answered = fa.answerTaken(u, owned) // oneanswer.go
	}
	for _, u := range uses {
		if !fa.checkFilledFirst(u) {
			fa.ps.checkUse(u, owned)
		}
		fa.checkHeldAcross(u)
		fa.checkHeldAcrossClose(u, owned) // commclose.go
		fa.checkOwnDeferredClose(u)       // commclose.go
	}
	for _, u := range fresh {
		fa.ps.checkUse(u, owned)
	}
	fa.checkStaleDrains() // check_stoppedtimer.go
	for _, c := range fa.sum.Chans {
		// (a function whose return would end the process, called last by
		// main, parks the process as main's own select {} would)
		if c.Kind == OpSelect && len(c.Chain) == 1 && !isMain && !fa.ps.calledLastByMain(fa.fn) {
			fa.ps.reportEmptySelect(c)
		}
	}
}

// parksForever reports whether mc is made only to be received from, in
// the one expression `<-make(chan T)`: no code can name the channel, so
// the receive can only mean "block here forever", as `select {}` does. In
// a program's main (keeping the process alive for its goroutines) it is
// said on purpose, and not reported. A channel given a name first (`sig :=
// make(chan os.Signal); <-sig`) is the same SSA, but there a partner was
// meant (signal.Notify forgotten): the make must be inside the receive
// expression, after its arrow.
func parksForever(mc *ssa.MakeChan) bool {
	refs := *mc.Referrers()
	if len(refs) != 1 {
		return false
	}
	u, ok := refs[0].(*ssa.UnOp)
	return ok && u.Op == token.ARROW && !u.CommaOk && u.Pos().IsValid() && mc.Pos() > u.Pos()
}

// channelHome is the Ref under which the function and its goroutines reach
// a channel made here — the channel itself, or the field of a local struct
// it is stored in — if the channel never escapes.
func (fa *fnAnalysis) channelHome(mc *ssa.MakeChan) (Ref, bool) {
	if merged(mc) || copiedFromCell(mc) {
		return Ref{}, false
	}
	var home ssa.Value = mc
	for _, ref := range *mc.Referrers() {
		if st, ok := ref.(*ssa.Store); ok && st.Val == mc {
			if f, ok := st.Addr.(*ssa.FieldAddr); ok {
				if _, local := f.X.(*ssa.Alloc); local {
					home = f
				}
			}
		}
	}
	e := &escape{fa: fa, seen: make(map[ssa.Value]bool)}
	if f, ok := home.(*ssa.FieldAddr); ok {
		e.home = f.X
	}
	if e.value(mc) {
		return Ref{}, false
	}
	if f, ok := home.(*ssa.FieldAddr); ok && e.value(f.X) {
		return Ref{}, false
	}
	return fa.r.resolve(home), true
}

// copiedFromCell reports whether the variable that holds mc, a cell a
// closure captures, is read and stored into a field or element of a local
// object (rr := result{data: recs, err: errs}; select { case <-rr.data:
// ... }): operations through the object name the channel otherwise than
// the closure's through the variable, so the function does not see every
// operation on mc under one name, and makes no claim on it.
func copiedFromCell(mc *ssa.MakeChan) bool {
	return cellLoadUsed(mc, func(ld *ssa.UnOp, i ssa.Instruction) bool {
		st, ok := i.(*ssa.Store)
		if !ok || st.Val != ssa.Value(ld) {
			return false
		}
		switch st.Addr.(type) {
		case *ssa.FieldAddr, *ssa.IndexAddr:
			return true
		}
		return false
	})
}

// merged reports whether a variable holds the channel mc on some paths and
// another value on others: mc flows into a phi (in = out round a loop,
// first, second = cb, ca on one branch, a channel made on one path and nil
// on the other), or is stored into a variable that is assigned something
// else too. An operation through that variable may be one on mc, named
// otherwise: counted under mc's own name, a receive in a daisy chain
// (`in = out; ...; <-in`) would be nobody's. The function does not see
// every operation on mc under one name, so it makes no claim on it.
func merged(mc *ssa.MakeChan) bool {
	for _, r := range *mc.Referrers() {
		switch r := r.(type) {
		case *ssa.Phi:
			return true
		case *ssa.Store:
			if cell, ok := r.Addr.(*ssa.Alloc); ok && r.Val == ssa.Value(mc) {
				if stores, ok := cellStores(cell); ok && len(stores) > 1 {
					return true
				}
			}
		}
	}
	return cellLoadUsed(mc, func(_ *ssa.UnOp, i ssa.Instruction) bool { // the variable read into a phi
		_, phi := i.(*ssa.Phi)
		return phi
	})
}

// cellLoadUsed reports whether a read of a variable (a cell) that mc is
// stored into is used by an instruction for which used holds.
func cellLoadUsed(mc *ssa.MakeChan, used func(*ssa.UnOp, ssa.Instruction) bool) bool {
	for _, r := range *mc.Referrers() {
		st, ok := r.(*ssa.Store)
		if !ok || st.Val != ssa.Value(mc) {
			continue
		}
		cell, ok := st.Addr.(*ssa.Alloc)
		if !ok {
			continue
		}
		for _, l := range *cell.Referrers() {
			ld, ok := l.(*ssa.UnOp)
			if !ok || ld.Op != token.MUL {
				continue
			}
			if slices.ContainsFunc(*ld.Referrers(), func(i ssa.Instruction) bool { return used(ld, i) }) {
				return true
			}
		}
	}
	return false
}

func capacity(mc *ssa.MakeChan) int {
	if c, ok := mc.Size.(*ssa.Const); ok && c.Value != nil && c.Value.Kind() == constant.Int {
		if n, ok := constant.Int64Val(c.Value); ok && n < inf {
			return int(n)
		}
	}
	return inf
}

// use gathers what the function and its goroutines do with a channel,
// counted from start, the block that makes it.
func (fa *fnAnalysis) use(home Ref, capacity int, start *ssa.BasicBlock) *chanUse {
	k := home.key()
	u := &chanUse{ref: home, cap: capacity}
	u.self.every = fa.sum.Chans
	for _, c := range fa.sum.Chans {
		if c.Kind != OpSelect && c.Ref.key() == k {
			u.self.ops = append(u.self.ops, c)
		}
	}
	u.self.n = fa.pathCounts(start, k)
	if u.self.n.MinRecv == 0 && (fa.selectRecvOnEveryExit(start, k) || fa.recvEachTurn(start, k)) {
		u.self.n.MinRecv = 1
	}
	var sends map[*ssa.BasicBlock]opMark
	for i := range fa.sum.Spawns {
		s := &fa.sum.Spawns[i]
		p := participant{spawn: s, index: i, n: countFor(s.Counts, k), every: s.Ops}
		// Started on every path on which the channel exists?
		always := s.Always || i < len(fa.spawnAt) && fa.onEveryPath(start, fa.spawnAt[i])
		if p.n.MaxSend > 0 && p.n.MinRecv > 0 && p.n.MaxSend < inf {
			// A goroutine that takes a token before it puts one back (a
			// channel used as a mutex) adds no sends of its own.
			p.n.MaxSend = max(0, p.n.MaxSend-p.n.MinRecv)
		}
		for _, c := range s.Ops {
			if c.Kind != OpSelect && c.Ref.key() == k {
				p.ops = append(p.ops, c)
			}
		}
		if _, ok := sendsInOneOnce(p.ops); ok {
			// Every send is made by one Once's function, which runs once.
			p.n.MinSend, p.n.MaxSend = min(p.n.MinSend, 1), min(p.n.MaxSend, 1)
		}
		p.eachMin, p.always = p.n.MinSend, always
		if !always { // the goroutine may not be started at all
			p.n.MinSend, p.n.MinRecv = 0, 0
		}
		p.each = p.n.MaxSend
		// One instance each time the go statement (or the call that starts
		// it) runs, or any number per call?
		single := i < len(fa.spawnAt) && !fa.spawnMany[i]
		// Goroutines started in a loop are any number (or a known number),
		// unless the channel is made in the same loop iteration: each then
		// has a channel of its own.
		perIteration := single && madeEachTime(start, fa.spawnAt[i])
		if s.Loop && single && fa.oneShotCase(fa.spawnAt[i]) { // oneshot.go
			perIteration = true // started once at most, whatever the loop does
		}
		if s.Loop && !perIteration {
			p.many = true
			p.leftEarly = i < len(fa.spawnAt) && fa.blocks.earlyExit[fa.spawnAt[i]]
			times := func(n int) int {
				if s.Trips > 0 && n < inf {
					return min(n*s.Trips, inf)
				}
				return pick(n > 0, inf, 0)
			}
			if fa.sendsOnOneTurn(&p, k, fa.spawnAt[i]) { // onturn.go
				p.n.MinSend = 0
			} else {
				p.onTurns = p.eachMin == 0 && fa.sendsOnTurns(&p, k, fa.spawnAt[i], false)
				p.n.MinSend, p.n.MaxSend = times(p.n.MinSend), times(p.n.MaxSend)
			}
			if once, ok := sendsInOneOnce(p.ops); ok && !fa.madeInLoopOf(once, fa.spawnAt[i]) {
				p.n.MaxSend = min(p.n.MaxSend, 1)
			}
			p.n.MinRecv, p.n.MaxRecv = times(p.n.MinRecv), times(p.n.MaxRecv)
			if p.leftEarly {
				p.n.MinSend = 0 // the loop may stop before any is started
			}
		}
		if single && countFor(s.Counts, k).MaxRecv == 1 {
			if sends == nil {
				sends = fa.opBlocks(k, OpSend)
			}
			p.paired = doesBeforeEach(start, fa.spawnAt[i], fa.spawnSeq[i], sends)
		}
		if len(p.ops) > 0 {
			u.goros = append(u.goros, p)
		}
	}
	// Paired receivers get their tokens only if nothing else takes them.
	stolen := len(opsOn(u.self.ops, k, OpRecv)) > 0 && !fa.selfRecvsPaired(start, k, u)
	for _, g := range u.goros {
		stolen = stolen || !g.paired && len(opsOn(g.ops, k, OpRecv)) > 0
	}
	for i := range u.goros {
		u.goros[i].paired = u.goros[i].paired && !stolen
	}
	u.served = fa.lastServedSender(u)
	u.skips = fa.receiveSkipped(k, u)
	if u.served >= 0 && u.self.maxSends() == 0 && !slices.ContainsFunc(u.goros, func(g participant) bool {
		return g.index != u.goros[u.served].index && g.maxSends() > 0
	}) {
		u.matched = fa.sendsOnlyWhenTaken(u, &u.goros[u.served], start)
	}
	if _, ok := u.find(func(c ChanOp) bool { return c.Drain }); ok {
		u.stays = fa.ownerStays(start)
	}
	var noCase map[*ssa.BasicBlock]bool
	for _, c := range u.self.ops {
		if c.Kind == OpRecv && c.Alt && len(c.Chain) == 1 && c.block != nil {
			if noCase == nil {
				noCase = fa.noCase()
			}
			u.foreverRecv = u.foreverRecv || neverLeaves(c.block, noCase)
		}
	}
	// So does a goroutine, started on every path, that receives in a
	// select case of its own body inside a loop it never leaves (a
	// collector that flushes on a ticker between values).
	for _, g := range u.goros {
		if !g.always || g.spawn.body == nil {
			continue
		}
		for _, c := range g.ops {
			if c.Kind == OpRecv && c.Alt && !c.NonBlocking && ownOp(g, c) && c.block != nil && c.block.Parent() == g.spawn.body {
				u.foreverRecv = u.foreverRecv || neverLeaves(c.block, noCaseBlocks(g.spawn.body))
			}
		}
	}
	u.pending = inf
	if slices.ContainsFunc(u.self.ops, func(c ChanOp) bool { return c.Kind == OpRecv && c.Alt }) {
		u.pending = fa.maxPending(start, k, u)
	}
	if u.pending > u.cap && len(u.goros) > 0 {
		u.pending = min(u.pending, fa.pathPending(start, k, u))
	}
	if u.pending > u.cap && u.cap >= 1 && u.cap < inf && (fa.nilGated(k, u) || fa.flagGated(k, u)) {
		u.pending = 1 // one sender at a time (nilgate.go, flaggate.go)
	}
	return u
}

// sendsInOneOnce returns the Once in whose Do's function every send of
// ops runs, when there is one and the starter names it: unless the starter
// makes it anew for each goroutine (madeInLoopOf), the goroutines send at
// most once in all, however many there are.
func sendsInOneOnce(ops []ChanOp) (Ref, bool) {
	var once Ref
	sends := 0
	for _, c := range ops {
		if c.Kind != OpSend {
			continue
		}
		if len(c.Once) == 0 || c.Once[0].Inexact || sends > 0 && c.Once[0].key() != once.key() {
			return Ref{}, false
		}
		once = c.Once[0]
		sends++
	}
	return once, sends > 0
}

// madeInLoopOf reports whether r is based at an allocation of this
// function in the loop the block at goes round in: each turn makes its own.
func (fa *fnAnalysis) madeInLoopOf(r Ref, at *ssa.BasicBlock) bool {
	if r.Base != BaseAlloc {
		return false
	}
	for _, b := range fa.fn.Blocks {
		for _, instr := range b.Instrs {
			if a, ok := instr.(*ssa.Alloc); ok && inLoop(b) && sameLoop(b, at) && fa.r.resolve(a).Name == r.Name {
				return true
			}
		}
	}
	return false
}

// selfRecvsPaired reports whether the function's own receives on the
// channel k take only tokens of their own, so that they steal none from the
// paired goroutines: every taker (each of those receives, and each go
// statement of a paired goroutine) is preceded by a send with no other
// taker in between, on every path from start and from every taker. A
// function that sends a token, then gives it back itself on the path where
// it does not start the worker after all (`case sem <- x: if !ok { <-sem;
// return }; go worker()`), takes back the token it just sent. Receives that
// may run any number of times, deferred ones, and two takers in one block
// are taken to steal.
func (fa *fnAnalysis) selfRecvsPaired(start *ssa.BasicBlock, k string, u *chanUse) bool {
	type taker struct {
		at  *ssa.BasicBlock
		seq int
	}
	var takers []taker
	for _, c := range opsOn(u.self.ops, k, OpRecv) {
		if c.block == nil || c.Deferred || c.Loop {
			return false
		}
		takers = append(takers, taker{c.block, c.seq})
	}
	for _, g := range u.goros {
		if g.paired {
			takers = append(takers, taker{fa.spawnAt[g.index], fa.spawnSeq[g.index]})
		}
	}
	from := []*ssa.BasicBlock{start}
	in := make(map[*ssa.BasicBlock]bool)
	for _, t := range takers {
		if in[t.at] {
			return false
		}
		in[t.at] = true
		from = append(from, t.at.Succs...)
	}
	sends := fa.opBlocks(k, OpSend)
	for _, t := range takers {
		if reaches(from, t.at, func(b *ssa.BasicBlock) bool {
			m, done := sends[b]
			return done && (b != t.at || m.first < t.seq)
		}) {
			return false
		}
	}
	return true
}

// lastServedSender picks the sender a leak names, as an index in u.goros
// (-1: none sends). Goroutines started one after another, with a receive of
// the owner's between each start and the next, are served in that order:
// the receive after a sender's start can only take a value of a sender
// started already. So when the sends outnumber the receives, the one left
// blocked is a later sender, not the first: the last sender whose start
// follows such a receive after the start of the sender before it.
func (fa *fnAnalysis) lastServedSender(u *chanUse) int {
	at := slices.IndexFunc(u.goros, func(g participant) bool { return g.maxSends() > 0 })
	if at < 0 {
		return -1
	}
	// The owner's plain receives that certainly happen where they are.
	var recvs []ChanOp
	for _, c := range u.self.ops {
		if c.Kind == OpRecv && !c.Alt && !c.NonBlocking && !c.Deferred && c.block != nil && (len(c.Chain) == 1 || c.Always) {
			recvs = append(recvs, c)
		}
	}
	prev := u.goros[at]
	for i, g := range u.goros {
		if g.index <= prev.index || g.maxSends() == 0 || g.many || prev.many ||
			g.index >= len(fa.spawnAt) || prev.index >= len(fa.spawnAt) {
			continue
		}
		if fa.recvBetween(recvs, prev.index, g.index) {
			prev, at = g, i
		}
	}
	return at
}

// recvBetween reports whether every path from the go statement of spawn i
// to that of spawn j passes one of the receives recvs.
func (fa *fnAnalysis) recvBetween(recvs []ChanOp, i, j int) bool {
	from, fromSeq, to, toSeq := fa.spawnAt[i], fa.spawnSeq[i], fa.spawnAt[j], fa.spawnSeq[j]
	if from == to {
		return slices.ContainsFunc(recvs, func(c ChanOp) bool { return c.block == from && fromSeq < c.seq && c.seq < toSeq })
	}
	if !from.Dominates(to) {
		return false
	}
	between := make(map[*ssa.BasicBlock]bool)
	for _, c := range recvs {
		if c.block == from && c.seq > fromSeq || c.block == to && c.seq < toSeq {
			return true // after the first start in its block, or before the second in its block
		}
		if c.block != from && c.block != to {
			between[c.block] = true
		}
	}
	return !reaches(from.Succs, to, func(b *ssa.BasicBlock) bool { return between[b] })
}

// neverLeaves reports whether no path from block b returns: b is in a loop
// its function never leaves (a server's `for { select { ... } }`). A
// receive case of a select there is taken again each time its value is
// ready, since select picks among ready cases at random: the receiver
// does not leave by another case for good, so it abandons no sender. A
// path to a panic counts as a way out, except the one after a blocking
// select's last case, which no run reaches (noCase, or any block the
// caller rules out); a call of a function that only loops forever does
// not (exitsFrom).
func neverLeaves(b *ssa.BasicBlock, noCase map[*ssa.BasicBlock]bool) bool {
	seen := map[*ssa.BasicBlock]bool{b: true}
	stack := []*ssa.BasicBlock{b}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if len(x.Succs) == 0 && exitsFrom(x, 0) {
			return false
		}
		for _, s := range x.Succs {
			if !seen[s] && !noCase[s] {
				seen[s] = true
				stack = append(stack, s)
			}
		}
	}
	return true
}

// ownerStays reports whether the function, once at block start, never
// returns to its caller: every path from start loops forever or ends the
// process (a call that does, or a return that does: returnEnds). A range
// over a channel it made there then ends only with the program, and so does
// the function that would close it: the ranging goroutine serves for the
// program's life and is not left behind. A path to a panic leaves (a
// caller may recover), as in neverLeaves.
func (fa *fnAnalysis) ownerStays(start *ssa.BasicBlock) bool {
	skip := fa.goneBlocks()
	if fa.ps.returnEnds(fa.fn, 0) {
		for _, b := range returnBlocks(fa.fn) {
			skip[b] = true
		}
	}
	return skip[start] || neverLeaves(start, skip)
}

// exitsFrom reports whether block b, which has no successors, leaves the
// function: a return, a panic, or a call that never returns (noReturnCall)
// of a callee that may itself panic or leave its goroutine, looked at to a
// small depth, or whose body is not at hand. A call of a function that
// only loops forever leaves nothing.
func exitsFrom(b *ssa.BasicBlock, depth int) bool {
	call := noReturnCall(b)
	if call == nil {
		return true // a return, or a panic of the function's own
	}
	callee := call.Call.StaticCallee()
	if callee == nil || len(callee.Blocks) == 0 || depth > 2 {
		return true
	}
	for _, cb := range callee.Blocks {
		if len(cb.Succs) == 0 && exitsFrom(cb, depth+1) {
			return true
		}
	}
	return false
}

// noReturnCall returns the call that ends block b when the SSA builder
// ended b there because the callee never returns: it then follows the
// call with a panic of its own at the call's position.
func noReturnCall(b *ssa.BasicBlock) *ssa.Call {
	p, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Panic)
	if !ok {
		return nil
	}
	for i := len(b.Instrs) - 2; i >= 0; i-- {
		switch x := b.Instrs[i].(type) {
		case *ssa.MakeInterface:
			continue
		case *ssa.Call:
			if x.Pos() == p.Pos() {
				return x
			}
		}
		return nil
	}
	return nil
}

// madeEachTime reports whether every run of block at comes after a run of
// block start of its own: start dominates at, and no cycle leads from at
// back to at without passing through start (start is in every loop at is
// in). A channel made in start is then a new one at each run of at.
func madeEachTime(start, at *ssa.BasicBlock) bool {
	return start.Dominates(at) && !reaches(at.Succs, at, func(b *ssa.BasicBlock) bool { return b == start })
}

// onEveryPath reports whether every path from start to a return passes
// through b.
func (fa *fnAnalysis) onEveryPath(start, b *ssa.BasicBlock) bool {
	return fa.oneOnEveryPath(start, []*ssa.BasicBlock{b})
}

// oneOnEveryPath reports whether every path from start to a return
// passes one of bs (start itself included).
func (fa *fnAnalysis) oneOnEveryPath(start *ssa.BasicBlock, bs []*ssa.BasicBlock) bool {
	if slices.Contains(bs, start) {
		return true
	}
	seen := map[*ssa.BasicBlock]bool{start: true}
	stack := []*ssa.BasicBlock{start}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if len(x.Succs) == 0 && !fa.blocks.doomed[x] {
			return false // a return reached without passing b
		}
		for _, s := range x.Succs {
			if !slices.Contains(bs, s) && !seen[s] {
				seen[s] = true
				stack = append(stack, s)
			}
		}
	}
	return true
}

// receiveSkipped reports whether, from the start of some goroutine that
// sends on k, a path of the owner returns without passing one of its
// plain receives from k: the receiver may return before receiving. A return
// taken before the sender is started leaves nothing behind.
func (fa *fnAnalysis) receiveSkipped(k string, u *chanUse) bool {
	var recvs []*ssa.BasicBlock
	for _, c := range opsOn(u.self.ops, k, OpRecv) {
		if c.Alt || c.NonBlocking {
			continue // (a case that may lose receives nothing for sure)
		}
		if c.block == nil || c.EarlyExit {
			// (a receive of a callee's, where it runs is not known here; a
			// loop the receiver may leave by a return before the channel
			// is drained)
			return true
		}
		recvs = append(recvs, c.block)
	}
	for _, g := range u.goros {
		if g.maxSends() == 0 {
			continue
		}
		if g.index >= len(fa.spawnAt) || !fa.oneOnEveryPath(fa.spawnAt[g.index], recvs) {
			return true
		}
	}
	return false
}

func countFor(counts []ChanCount, key string) ChanCount {
	for _, n := range counts {
		if n.Ref.key() == key {
			return n
		}
	}
	return ChanCount{}
}

func (p participant) maxSends() int { return p.n.MaxSend }

// minRecvs counts the receives certain to happen; a receive loop is assumed
// to receive as often as needed.
func (p participant) minRecvs() int { return p.n.MinRecv }

func (p participant) minSends() int { return p.n.MinSend }

// blockingRecvs counts the plain receives a goroutine may need satisfied; a
// goroutine that ranges over the channel is the neverclosed check's, one
// that receives in a loop bounded by a count it is given needs as many as
// it is given (not known here), and one that receives only in select cases
// (some counted as certain, see creditExitCases) waits on its other cases
// too: not counted here.
func (p participant) blockingRecvs() int {
	plain := false
	for _, c := range p.ops {
		if c.Drain {
			return 0
		}
		if c.Kind == OpRecv && c.Loop && c.Bounded && !c.Alt {
			// (a loop of as many turns as its caller says: how many
			// values it waits for is not known here)
			return 0
		}
		plain = plain || c.Kind == OpRecv && !c.Alt && !c.NonBlocking
	}
	return pick(plain, p.n.MaxRecv, 0)
}

func pick(cond bool, a, b int) int {
	if cond {
		return a
	}
	return b
}

func (u *chanUse) all() []participant { return append([]participant{u.self}, u.goros...) }

func (u *chanUse) find(pred func(ChanOp) bool) (ChanOp, bool) {
	for _, p := range u.all() {
		for _, c := range p.ops {
			if pred(c) {
				return c, true
			}
		}
	}
	return ChanOp{}, false
}

// closed reports whether anything closes u's channel.
func (u *chanUse) closed() bool {
	_, ok := u.find(isKind(OpClose))
	return ok
}

func isKind(k OpKind) func(ChanOp) bool { return func(c ChanOp) bool { return c.Kind == k } }

// checkUse applies the channel checks to one channel; owned holds every
// channel the function owns, by key, for the other cases of a select.
func (ps *passState) checkUse(u *chanUse, owned map[string]*chanUse) {
	name := u.ref.show(ps.pkgPath)
	closed := u.closed()
	closedAlways := false
	for _, p := range u.all() {
		closedAlways = closedAlways || p.n.MinClose > 0
	}
	_, anyRecv := u.find(isKind(OpRecv))
	_, anySend := u.find(isKind(OpSend))

	if !closed {
		if c, ok := u.find(func(c ChanOp) bool { return c.Drain && !leftOnCount(c) }); ok {
			if u.stays {
				return // ranged over for as long as the owner lives
			}
			if tokensKept(u) {
				return // a queue of tokens its workers give back (requeue.go)
			}
			ps.reportNeverClosed(name, c)
			for _, g := range u.goros {
				for _, o := range g.ops {
					if o.Drain {
						ps.blocked[g.spawn] = blockedOn{blockedRanging(name), o.Chain, ps.lastID(), o.Always}
					}
				}
			}
			return
		}
	}
	// Senders in goroutines against the receives that are certain.
	recvs := u.self.minRecvs()
	sends := 0
	for _, g := range u.goros {
		recvs = add(recvs, g.minRecvs())
		sends = add(sends, g.maxSends())
	}
	if n, ok := forwardBound(u, owned); ok && n < sends {
		sends = n
	}
	var sender *participant
	if u.served >= 0 {
		sender = &u.goros[u.served]
	}
	loopRecv := false
	for _, p := range u.all() {
		for _, c := range p.ops {
			loopRecv = loopRecv || c.Kind == OpRecv && c.Loop && (!c.EarlyExit && (!c.Alt || c.CountedExit) || c.UntilClosed)
		}
	}
	loopRecv = loopRecv || u.foreverRecv
	if sender != nil && !loopRecv {
		// (a receiver in a loop is assumed to receive as often as the
		// senders send: the loops usually match, and counting their
		// iterations is beyond this model)
		if sends > add(recvs, u.cap) && u.pending > u.cap {
			if !anyRecv {
				c, _ := u.find(isKind(OpSend))
				ps.reportNoReceiver(name, c)
				for _, g := range u.goros {
					if g.maxSends() > 0 {
						first := g.ops[0]
						ps.blocked[g.spawn] = blockedOn{blockedUnreceived(name), first.Chain, ps.lastID(),
							u.cap == 0 && first.Kind == OpSend && first.Always && !first.Alt && !first.NonBlocking}
					}
				}
				return
			}
			if u.taken || u.matched || u.drained || u.handedOff || u.answered || ps.selectsWaitForSender(u, sender, owned) || gatedByOwner(u, sender, owned) {
				return
			}
			ps.reportLeakSend(u, sender, name, recvs, sends)
			var fixes []analysis.SuggestedFix
			for _, c := range opsOn(sender.ops, u.ref.key(), OpSend) {
				if pos, ok := ps.tokenPos(c.Chain[len(c.Chain)-1].Pos); ok {
					if escapes, ok := ps.escapes(u, sender); ok {
						fixes = ps.ctxSendFix(pos, escapes)
					}
				}
				break
			}
			if u.makePos.IsValid() && u.cap == 0 {
				need := sends - recvs
				if sends >= inf {
					need = -1 // senders started by a loop: one slot each
				}
				fixes = append(fixes, ps.bufferFix(u.makePos, ps.posOf(sender.spawn.Chain[:1]), need)...)
			}
			ps.withFixes(fixes)
			return
		}
	}
	// The owner's own sends with nobody to receive them.
	if !anyRecv && u.cap < inf {
		if n := u.self.minSends(); n > u.cap {
			c, _ := u.find(isKind(OpSend))
			ps.reportNoReceiver(name, c)
			return
		}
	}
	if closedAlways {
		return
	}
	// Receivers waiting for sends that may never come (or a close on some
	// path only).
	for i, g := range append([]participant{u.self}, u.goros...) {
		need := g.blockingRecvs()
		if need == 0 || g.paired || g.spawn != nil && len(opsOn(g.ops, u.ref.key(), OpSend)) > 0 {
			// (a goroutine that puts back what it takes is passing a token
			// among its instances: not counted here)
			continue
		}
		have, loopSend := 0, false
		for j, o := range u.all() {
			if j != i {
				have = add(have, o.minSends())
				loopSend = loopSend || o.n.MaxSend >= inf
			}
		}
		if need <= have || loopSend {
			continue
		}
		if !anySend && !closed {
			c, _ := u.find(func(c ChanOp) bool { return c.Kind == OpRecv && !c.Alt })
			ps.reportNoSender(name, c)
			return
		}
		if g.spawn != nil {
			ps.reportLeakRecv(u, &g, name, closed)
			return
		}
	}
	// A goroutine whose select waits on a channel nothing sends on or closes,
	// and can be left by no other case either.
	if !anySend && !closed {
		for i := range u.goros {
			for _, c := range u.goros[i].ops {
				if c.Kind == OpRecv && c.Alt && !c.NonBlocking && otherCasesBlock(c, u.goros[i].spawn.Ops, owned) {
					ps.reportOwnUnfed(u, &u.goros[i], name)
					return
				}
			}
		}
	}
}

// otherCasesBlock reports whether every other case of the select that c is
// a case of (found among ops) blocks forever too: a receive from a channel
// the function owns that nothing sends on or closes, or a send on an
// unbuffered one nothing receives from. A case on any other channel (a
// parameter, ctx.Done(), time.After), or missing from ops, may proceed.
func otherCasesBlock(c ChanOp, ops []ChanOp, owned map[string]*chanUse) bool {
	found := 0
	for _, o := range ops {
		if !sameSelect(o, c) {
			continue
		}
		found++
		u := owned[o.Ref.key()]
		if u == nil {
			return false
		}
		_, sent := u.find(isKind(OpSend))
		closed := u.closed()
		_, received := u.find(isKind(OpRecv))
		switch {
		case o.Kind == OpRecv && closed:
			return false
		case o.Kind == OpSend && rangedOver(u):
			// a receiver ranging over it until it is closed takes every
			// send, however many turns the select makes
			return false
		case c.Loop:
			// A select run in a loop comes back to its cases: the sends
			// (or receives, or buffer slots) on its other channels run
			// out, and then it waits for the one nothing sends on.
		case o.Kind == OpRecv && sent, o.Kind == OpSend && (received || u.cap > 0):
			return false
		}
	}
	return found == c.Cases
}

// rangedOver reports whether a participant of u ranges over its channel
// with no way out of the loop but the channel's close.
func rangedOver(u *chanUse) bool {
	_, ok := u.find(func(c ChanOp) bool { return c.Kind == OpRecv && c.Drain && !c.EarlyExit })
	return ok
}

// gatedByOwner reports whether the sending goroutine waits for the owner
// of the channel first, on some paths only: it receives (or selects) on
// another channel the function owns, which the function itself sends on
// or closes, but not on every path:
//
//	go func() { v := <-req; resp <- v }()
//	if quick { return }  // the goroutine waits on req, never sends on resp
//	req <- 1
//	return <-resp
//
// On the paths on which the owner leaves without receiving, the goroutine
// may never reach its send: it is left waiting on the gate, or leaves by
// another case of its select (ctx.Done()), and a claim that the send
// blocks names the wrong wait. A gate the owner opens on every path
// protects nothing, and the claim stands.
func gatedByOwner(u *chanUse, sender *participant, owned map[string]*chanUse) bool {
	k := u.ref.key()
	for _, c := range sender.every {
		if c.Kind != OpRecv || c.NonBlocking || c.Ref.key() == k {
			continue
		}
		g := owned[c.Ref.key()]
		if g == nil || g.self.n.MinSend > 0 || g.self.n.MinClose > 0 {
			continue
		}
		if slices.ContainsFunc(g.self.ops, func(o ChanOp) bool { return o.Kind == OpSend || o.Kind == OpClose }) {
			return true
		}
	}
	return false
}

// selectsWaitForSender reports whether every receive that could be left by
// another case of its select waits, in each other case, only for what the
// sending goroutine does when it returns, or on a path that does not send
// first:
//
//	go func() { defer close(done); ch <- v }()
//	select { case <-ch: ...; case <-done: ... }
//
//	go func() { if err != nil { errc <- err; return }; res <- v }()
//	select { case v := <-res: ...; case err := <-errc: ... }
//
// Such a case becomes ready only once the send has been taken, or on a path
// of the goroutine that never sends: while the sender waits in its send,
// nothing can make the other case ready, so the receiver cannot leave the
// sender blocked. One instance of one sending goroutine, sending once.
func (ps *passState) selectsWaitForSender(u *chanUse, sender *participant, owned map[string]*chanUse) bool {
	if sender.spawn == nil || u.self.maxSends() > 0 {
		return false
	}
	// One send: the select takes it or leaves by a case that fires only
	// after it. More (senders started in a loop, each sending once, or one
	// sender sending in a loop): the select must come back for the next
	// value after each (its case goes round), and its other cases fire only
	// once all of them are done.
	switch {
	case !sender.many && sender.maxSends() == 1:
	case (!sender.many || sender.each == 1) && ps.casesGoRound(u):
	default:
		return false
	}
	for _, g := range u.goros {
		if g.maxSends() > 0 && g.spawn != sender.spawn {
			return false
		}
	}
	waits := false
	sends := opsOn(sender.ops, u.ref.key(), OpSend)
	for _, p := range u.all() {
		if p.spawn == sender.spawn && p.spawn != nil {
			continue
		}
		for _, c := range p.ops {
			if c.Kind != OpRecv || !c.Alt {
				continue
			}
			if !ps.otherCasesAfterSend(c, p.every, sender, sends, owned, p.spawn == nil) {
				return false
			}
			waits = true
		}
	}
	return waits
}

// casesGoRound reports whether every receive of the owner's on u is a
// select case whose body goes back to the select (caseLeaves), and there
// is one at least.
func (ps *passState) casesGoRound(u *chanUse) bool {
	n := 0
	for _, c := range u.self.ops {
		if c.Kind != OpRecv {
			continue
		}
		if !c.Alt || !ps.goesRoundTillClosed(c) {
			return false
		}
		n++
	}
	return n > 0
}

// goesRound reports whether c is a select case whose body goes back to the
// select on every path some run takes that returns (with panics: or
// panics), see returnsFrom: a receiver taking it does not leave, it waits
// in the select again.
func (ps *passState) goesRound(c ChanOp, panics bool) bool {
	return ps.goesRoundBut(c, panics, false)
}

// goesRoundTillClosed is goesRound but for the branch the case takes when
// the receive reports its channel closed (if !ok { return }): once the
// channel is closed, no send on it can be left waiting (it panics), so
// leaving then abandons no sender.
func (ps *passState) goesRoundTillClosed(c ChanOp) bool {
	return ps.goesRoundBut(c, false, true)
}

func (ps *passState) goesRoundBut(c ChanOp, panics, tillClosed bool) bool {
	if len(c.Chain) == 0 {
		return false
	}
	// (in the owner's frame or a callee's: the case's own function)
	last := c.Chain[len(c.Chain)-1:]
	fn := ps.funcNamed(last[0].Func)
	own := c
	own.Chain = last
	return fn != nil && !ps.caseLeaves(fn, own, panics, tillClosed)
}

// otherCasesAfterSend reports whether each other case of c's select (found
// among ops) receives from a channel of this function that only the sender
// goroutine makes ready, by sends or closes that are deferred or that no
// path leads from to one of its sends (see feedsOnlyAfter).
func (ps *passState) otherCasesAfterSend(c ChanOp, ops []ChanOp, sender *participant, sends []ChanOp, owned map[string]*chanUse, byOwner bool) bool {
	found := 1
	for _, o := range ops {
		if o.Ref.key() == c.Ref.key() || !sameSelect(o, c) {
			continue
		}
		found++
		v := owned[o.Ref.key()]
		if o.Kind == OpRecv && v == nil && ps.cancelledOnlyAfter(o, sender, sends) { // ctxafter.go
			continue
		}
		if o.Kind == OpRecv && ps.goesRound(o, true) {
			continue // whatever fires it, the receiver is back in the select
		}
		if o.Kind != OpRecv || v == nil {
			return false
		}
		for _, q := range v.all() {
			for _, op := range q.ops {
				if op.Kind != OpSend && op.Kind != OpClose {
					continue
				}
				// (one of many senders closing after its own send says
				// nothing of the others' sends)
				if q.spawn == sender.spawn && !sender.many && (op.Deferred || ps.feedsOnlyAfter(op, sends)) {
					continue
				}
				if op.Kind == OpClose && ps.closedAfterJoin(q, op, sender) {
					continue
				}
				if byOwner && q.spawn == nil && ps.ownerFeedsAfter(op, c) {
					continue
				}
				return false
			}
		}
	}
	return found == c.Cases
}

// ownerFeedsAfter reports whether the owner's own send or close feed, on
// the channel of another case of the owner's own select c, comes only
// after that select is done: deferred by the owner itself, or made (by
// the owner or a callee it calls) at a point of the owner's no path leads
// from to the call or statement that runs c. While the owner waits in c,
// nothing has fed that case, and only the owner could:
//
//	s := &Server{stop: make(chan struct{})}
//	go func() { reqs <- 3; close(reqs) }()
//	s.Serve(reqs) // select { case <-s.stop: ...; case <-reqs: ... }
//	s.Close()     // close(s.stop)
func (ps *passState) ownerFeedsAfter(feed, c ChanOp) bool {
	if len(feed.Chain) == 0 || len(c.Chain) == 0 || c.Deferred {
		return false // (a select run on the way out comes after everything)
	}
	at := ps.chainSide(feed.Chain[:1])
	if at.fn == nil {
		return false
	}
	for _, instr := range ps.instrsAt(at.fn, at.pos) {
		if _, ok := instr.(*ssa.Defer); ok {
			return true // deferred by the owner: runs as it returns
		}
	}
	if feed.Deferred && len(feed.Chain) == 1 {
		return true
	}
	if feed.Deferred {
		return false // at a callee's return, which may come first
	}
	return ps.feedsOnlyAfter(ChanOp{Chain: feed.Chain[:1]}, []ChanOp{{Chain: c.Chain[:1]}})
}

// closedAfterJoin reports whether the goroutine q closes the channel (op)
// only after waiting, on every path, on a WaitGroup that counts the sending
// goroutine as WaitGroup.Go does (Spawn.CountedBy), and q is started after
// the sender (so after the sender was counted):
//
//	wg.Go(func() { res <- v })
//	go func() { wg.Wait(); close(ended) }()
//	select { case v := <-res: ...; case <-ended: ... }
//
// The close then follows the sender's return, which follows its send.
func (ps *passState) closedAfterJoin(q participant, op ChanOp, sender *participant) bool {
	if q.spawn == nil || q.many || sender.spawn == nil || op.Deferred {
		return false
	}
	counts := func(w Ref) bool { // WaitGroup.Go, or a deferred Done of the sender's own
		return slices.ContainsFunc(sender.spawn.CountedBy, func(r Ref) bool { return r.key() == w.key() }) ||
			slices.ContainsFunc(sender.every, func(d ChanOp) bool { return d.Kind == OpWGDone && d.Deferred && d.Ref.key() == w.key() })
	}
	at := ps.chainSide(op.Chain)
	closes := ps.instrsAt(at.fn, at.pos)
	if at.fn == nil || len(closes) == 0 {
		return false
	}
	joined := false
	for _, w := range q.every {
		if w.Kind != OpWGWait || w.Alt || !counts(w.Ref) {
			continue
		}
		wat := ps.chainSide(w.Chain)
		if wat.fn != at.fn {
			continue
		}
		for _, wi := range ps.instrsAt(wat.fn, wat.pos) {
			if !slices.ContainsFunc(closes, func(c ssa.Instruction) bool { return !instrBefore(wi, c) }) {
				joined = true
			}
		}
	}
	if !joined {
		return false
	}
	start, qstart := ps.chainSide(sender.spawn.Chain[:1]), ps.chainSide(q.spawn.Chain[:1])
	if start.fn == nil || start.fn != qstart.fn {
		return false
	}
	for _, a := range ps.instrsAt(start.fn, start.pos) {
		for _, b := range ps.instrsAt(qstart.fn, qstart.pos) {
			// (senders started in a loop: every start comes before the
			// closer's, none after it)
			if instrBefore(a, b) || sender.many && instrReaches(a, b) && !instrReaches(b, a) {
				return true
			}
		}
	}
	return false
}

// feedsOnlyAfter reports whether no path of a goroutine leads from feed, its
// send or close on one channel, to one of sends, its sends on another: in
// the goroutine's own body, where each runs (or the call in it that makes
// it), feed runs after every send or on paths without one. Both must be
// placed, and apart (one callee doing both orders nothing, unless it is
// called once, outside any loop: then the callee's own order decides, see
// apart); a deferred send runs after everything else.
func (ps *passState) feedsOnlyAfter(feed ChanOp, sends []ChanOp) bool {
	if len(sends) == 0 {
		return false
	}
	for _, s := range sends {
		if s.Deferred {
			return false // it runs on the way out, after feed wherever feed is
		}
		fc, sc := ps.apart(feed.Chain, s.Chain)
		at, sat := ps.chainSide(fc), ps.chainSide(sc)
		if at.fn == nil || sat.fn != at.fn {
			return false
		}
		fi, si := ps.instrsAt(at.fn, at.pos), ps.instrsAt(sat.fn, sat.pos)
		if len(fi) == 0 || len(si) == 0 {
			return false
		}
		for _, f := range fi {
			for _, x := range si {
				if f == x || instrReaches(f, x) {
					return false
				}
			}
		}
	}
	return true
}

// apart drops the calls two chains of one goroutine share from their
// start (after the go statement), while each such call runs at most once
// (in no loop of its function): the two operations then happen inside
// that one call, in the order of the function where the chains part
// (go Work(done, errs) where Work calls work, which sends on errs or
// closes done).
func (ps *passState) apart(a, b Chain) (Chain, Chain) {
	a, b = afterSpawn(a), afterSpawn(b)
	for len(a) > 1 && len(b) > 1 && a[0].Pos == b[0].Pos && a[0].Func == b[0].Func {
		fn := ps.funcNamed(a[0].Func)
		if fn == nil {
			break
		}
		calls := ps.instrsAt(fn, a[0].Pos)
		if len(calls) == 0 || slices.ContainsFunc(calls, func(c ssa.Instruction) bool { return inLoop(c.Block()) }) {
			break
		}
		a, b = a[1:], b[1:]
	}
	return a, b
}

// sameSelect reports whether two operations are cases of one select run:
// the same select statement reached by the same chain of calls.
func sameSelect(a, b ChanOp) bool {
	n := len(a.Chain)
	if a.Select == 0 || a.Select != b.Select || n == 0 || n != len(b.Chain) {
		return false
	}
	for i := 0; i < n-1; i++ {
		if a.Chain[i] != b.Chain[i] {
			return false
		}
	}
	return a.Chain[n-1].Func == b.Chain[n-1].Func && a.Chain[n-1].Pos.Filename == b.Chain[n-1].Pos.Filename
}

// escapes returns the positions of the receives on the channel, by every
// participant but the sender, that are cases of a select (the receiver may
// leave by another case). ok is false when a receive is not in this
// package, or is a plain receive that may not run (the receiver may return
// before it for reasons a context does not tell the sender).
func (ps *passState) escapes(u *chanUse, sender *participant) (pos []token.Pos, ok bool) {
	for _, p := range u.all() {
		if p.spawn != nil && p.spawn == sender.spawn {
			continue
		}
		for _, c := range p.ops {
			if c.Kind != OpRecv || c.Ref.key() != u.ref.key() {
				continue
			}
			if !c.Alt {
				if !c.Always {
					return nil, false
				}
				continue
			}
			if len(c.Chain) == 0 {
				return nil, false
			}
			at, in := ps.tokenPos(c.Chain[len(c.Chain)-1].Pos)
			if !in {
				return nil, false
			}
			pos = append(pos, at)
		}
	}
	return pos, true
}

// lastID is the id of the finding reported last.
func (ps *passState) lastID() int {
	if len(ps.findings) == 0 {
		return 0
	}
	return ps.findings[len(ps.findings)-1].id
}

// blockedOn records why a goroutine never finishes, for the checks of those
// who wait for it (see checkFutures).
type blockedOn struct {
	why   string
	chain Chain
	// root is the id of the finding that shows the goroutine blocked: a
	// Wait for it follows from that finding (see emit)
	root int
	// every instance of the goroutine that gets there blocks, and it gets
	// there on every path: what it would do after, or in its defers, never
	// happens
	certain bool
}

// escape decides whether a channel (or the local struct holding it) can be
// reached from outside the function and the goroutines it starts.
type escape struct {
	fa          *fnAnalysis
	seen        map[ssa.Value]bool
	allowReturn bool // returning it is not escaping (the generator's own view)
	returned    bool // with allowReturn: a return of it was met
	// addr asks whether an object's address gets out (see paramPublishes)
	// rather than the channels it holds: loads of what it holds are other
	// objects, stores into its own memory publish nothing, and a goroutine
	// given it (or a closure capturing it) does reach it. root is the
	// object, for the stores.
	addr bool
	root ssa.Value
	// contained: the walk went on from a channel to a local struct it was
	// stored in. A callee given that struct names the channel by the
	// struct's field (param.f), which the caller binds to its own local
	// struct, not to the channel: its summary does not speak for the
	// channel, so passing the struct on lets it out.
	contained bool
	// home is the local struct whose field names the channel (channelHome):
	// passing it on is passing the channel under its own name.
	home ssa.Value
	// holders (with addr) are the local variables and fields of local
	// structs the object's address was stored in: a load from one is the
	// address again (a job struct built around it and sent), not what the
	// object holds.
	holders holders
}

// A holder is a local variable (field -1) or a field of a local struct
// that a value was stored in.
type holder struct {
	alloc ssa.Value
	field int
}

type holders map[holder]bool

// holds reports whether a load from v gives the stored value back: v is a
// holder, or a struct with a field that holds it (loaded whole, as a
// composite literal is before it is sent).
func (hs holders) holds(v ssa.Value) bool {
	if f, ok := v.(*ssa.FieldAddr); ok {
		return hs[holder{f.X, f.Field}]
	}
	for h := range hs {
		if h.alloc == v {
			return true
		}
	}
	return false
}

func (e *escape) value(v ssa.Value) bool {
	if e.seen[v] {
		return false
	}
	e.seen[v] = true
	refs := v.Referrers()
	if refs == nil {
		return false
	}
	for _, r := range *refs {
		if e.use(v, r) {
			return true
		}
	}
	return false
}

func (e *escape) use(v ssa.Value, r ssa.Instruction) bool {
	switch r := r.(type) {
	case *ssa.Send:
		return r.X == v
	case *ssa.UnOp:
		if e.addr && !e.holders.holds(v) {
			return false // a load: what the object holds, not the object
		}
		return r.Op == token.MUL && e.value(r)
	case *ssa.MakeInterface:
		if e.addr {
			return e.value(r)
		}
		return true
	case *ssa.Select:
		for _, st := range r.States {
			if st.Send == v {
				return true
			}
		}
		return false
	case ssa.CallInstruction:
		return e.call(v, r)
	case *ssa.MakeClosure:
		return e.closure(r) || e.captured(v, r)
	case *ssa.Store:
		if r.Addr == v {
			return false
		}
		if e.addr && e.root != nil && addrRoot(r.Addr) == e.root {
			return false // into the object's own memory
		}
		switch a := r.Addr.(type) {
		case *ssa.Alloc:
			e.hold(holder{a, -1})
			return e.value(a)
		case *ssa.FieldAddr:
			if _, ok := a.X.(*ssa.Alloc); ok {
				e.hold(holder{a.X, a.Field})
				saved := e.contained
				e.contained = !e.addr && a.X != e.home
				esc := e.value(a.X)
				e.contained = saved
				return esc
			}
		}
		return true
	case *ssa.FieldAddr:
		return e.value(r)
	case *ssa.Field, *ssa.ChangeType, *ssa.Convert, *ssa.Phi:
		return e.value(r.(ssa.Value))
	case *ssa.DebugRef, *ssa.If, *ssa.BinOp:
		return false
	case *ssa.Return:
		e.returned = true
		return !e.allowReturn
	}
	return true
}

// isChanVar reports whether a is a variable of channel type (its address
// is a *chan).
func isChanVar(a *ssa.Alloc) bool {
	_, ok := deref(a.Type()).Underlying().(*types.Chan)
	return ok
}

// hold records (with addr) that the object's address was stored in h.
func (e *escape) hold(h holder) {
	if !e.addr {
		return
	}
	if e.holders == nil {
		e.holders = make(holders)
	}
	e.holders[h] = true
}

// A FreshChan is a channel a function makes and returns, and nothing else
// can reach: the caller owns it, with the goroutines the function started
// on it (a generator).
type FreshChan struct {
	Index int    // result index
	Field string // when the result is a fresh struct holding the channel, its field
	Cap   int
}

// freshResults finds the channels this function makes and returns, and
// rewrites the summary's operations on them in terms of the result, so a
// caller sees the generator's goroutines working on the channel it holds.
// A channel returned twice (as a result and in a field of another, as
// newT() (*T, <-chan int) does) is known to the caller under two names,
// and operations under one would go unseen under the other: it is not
// fresh.
func (fa *fnAnalysis) freshResults() {
	rets := callgraph.Returns(fa.fn)
	var found []freshCandidate
	n := fa.fn.Signature.Results().Len()
	for i := 0; i < n && len(rets) > 0; i++ {
		var mc *ssa.MakeChan
		for _, r := range rets {
			v := returnedRoot(r.Results[i])
			if a, ok := v.(*ssa.Alloc); ok && (mc == nil || len(rets) == 1) {
				// A struct is the caller's alone only if it is what every
				// return hands back (or nil): another return may hand back
				// an object others already reach.
				if everyReturns(rets, i, a) {
					found = append(found, fa.freshStruct(i, a)...)
				}
				mc = nil
				break
			}
			m, ok := v.(*ssa.MakeChan)
			if !ok || mc != nil && m != mc {
				mc = nil
				break
			}
			mc = m
		}
		if mc == nil {
			continue
		}
		e := &escape{fa: fa, seen: make(map[ssa.Value]bool), allowReturn: true}
		if e.value(mc) {
			continue
		}
		found = append(found, freshCandidate{FreshChan{Index: i, Cap: capacity(mc)}, mc, fa.r.resolve(mc).key(), Ref{Base: BaseResult, Index: i}})
	}
	times := make(map[*ssa.MakeChan]int)
	for _, c := range found {
		times[c.mc]++
	}
	for _, c := range found {
		if times[c.mc] == 1 {
			fa.sum.Fresh = append(fa.sum.Fresh, c.fresh)
			fa.renameRef(c.from, c.to)
		}
	}
}

// returnedRoot looks through the conversions of a returned value and the
// slot a function with defers returns it through.
func returnedRoot(v ssa.Value) ssa.Value {
	v = callgraph.Unconverted(v)
	if ld, ok := v.(*ssa.UnOp); ok && ld.Op == token.MUL {
		if a, ok := ld.X.(*ssa.Alloc); ok {
			v = uniqueStore(a)
		}
	}
	return v
}

// everyReturns reports whether every return hands back root as result i,
// or nil.
func everyReturns(rets []*ssa.Return, i int, root ssa.Value) bool {
	for _, r := range rets {
		if returnedRoot(r.Results[i]) != root && !isNilConst(r.Results[i]) {
			return false
		}
	}
	return true
}

// A freshCandidate is a channel freshResults may hand to the caller: the
// channel made, the key of its Ref here and the Ref it becomes.
type freshCandidate struct {
	fresh FreshChan
	mc    *ssa.MakeChan
	from  string
	to    Ref
}

// freshStruct handles a constructor: it returns a struct it allocated, whose
// channel fields it made; the caller owns those channels.
func (fa *fnAnalysis) freshStruct(i int, a *ssa.Alloc) []freshCandidate {
	e := &escape{fa: fa, seen: make(map[ssa.Value]bool), allowReturn: true}
	if e.value(a) {
		return nil
	}
	var out []freshCandidate
	base := fa.r.resolve(a)
	for _, r := range *a.Referrers() {
		f, ok := r.(*ssa.FieldAddr)
		if !ok {
			continue
		}
		for _, fr := range *f.Referrers() {
			st, ok := fr.(*ssa.Store)
			if !ok || st.Addr != f {
				continue
			}
			// (through a conversion: a send-only field given the
			// channel the function also returns for receiving)
			if mc, ok := callgraph.Unconverted(st.Val).(*ssa.MakeChan); ok {
				name := fieldName(a.Type(), f.Field)
				out = append(out, freshCandidate{FreshChan{Index: i, Field: name, Cap: capacity(mc)}, mc,
					base.withPath(name, Class{}).key(), Ref{Base: BaseResult, Index: i, Path: []string{name}}})
			}
		}
	}
	return out
}

// renameRef rewrites every reference to the channel with key k as to.
func (fa *fnAnalysis) renameRef(k string, to Ref) {
	rename := func(r *Ref) {
		if r.key() == k {
			to.Class = r.Class
			*r = to
		}
	}
	for i := range fa.sum.Chans {
		rename(&fa.sum.Chans[i].Ref)
	}
	for i := range fa.sum.Counts {
		rename(&fa.sum.Counts[i].Ref)
	}
	for i := range fa.sum.Spawns {
		for j := range fa.sum.Spawns[i].Ops {
			rename(&fa.sum.Spawns[i].Ops[j].Ref)
		}
		for j := range fa.sum.Spawns[i].Counts {
			rename(&fa.sum.Spawns[i].Counts[j].Ref)
		}
	}
}

// closure: a closure capturing the channel keeps it in sight only while it
// is called, deferred or started as a goroutine right here; stored or passed
// to another function, it may run anywhere, and its operations are in no
// summary this function sees.
func (e *escape) closure(mc *ssa.MakeClosure) bool {
	for _, r := range *mc.Referrers() {
		if _, isGo := r.(*ssa.Go); isGo && e.addr {
			return true // another goroutine reaches what it captures
		}
		ci, ok := r.(ssa.CallInstruction)
		if !ok {
			if _, dbg := r.(*ssa.DebugRef); dbg {
				continue
			}
			if a, ok := e.storedInStableField(mc, r); ok && !e.addr {
				// Kept in a field of a local object, set once where it is
				// made: whoever calls it through the field reaches the
				// object, and the callers' summaries name the closure's
				// variables through it (boundClosure). It stays in sight
				// as long as the object does.
				if e.value(a) {
					return true
				}
				continue
			}
			return true
		}
		c := ci.Common()
		if c.Value == mc {
			continue
		}
		if name, _ := calleeName(c); spawners[name] {
			if e.addr {
				return true
			}
			continue
		}
		if e.calledBack(ci, mc) || syncOp(c) == OpOnceDo && len(c.Args) > 1 && c.Args[1] == mc {
			// (Once.Do calls its function and keeps nothing: the model
			// applies the function at the Do, with or without a summary
			// of sync.)
			continue
		}
		if obj, ok := e.registeredOn(ci, mc); ok && !e.addr {
			// Registered on a local object (a handler its methods keep
			// and call later): in sight as long as the object is, as
			// for a closure stored in its field above.
			if e.value(obj) {
				return true
			}
			continue
		}
		return true
	}
	return false
}

// storedInStableField reports whether r stores the closure mc into a stable
// field (fieldbind.go) of an allocation of this function, and returns the
// allocation.
func (e *escape) storedInStableField(mc *ssa.MakeClosure, r ssa.Instruction) (*ssa.Alloc, bool) {
	st, ok := r.(*ssa.Store)
	if !ok || st.Val != mc {
		return nil, false
	}
	fa, ok := st.Addr.(*ssa.FieldAddr)
	if !ok {
		return nil, false
	}
	a, ok := fa.X.(*ssa.Alloc)
	if !ok || e.fa.r.boundClosure(a, fieldName(a.Type(), fa.Field)) != mc {
		return nil, false
	}
	return a, true
}

// staysLocal reports whether the allocation a stays in this function and
// the goroutines and callees it hands it to (memoised per function).
func (fa *fnAnalysis) staysLocal(a *ssa.Alloc) bool {
	if v, ok := fa.localObjs[a]; ok {
		return v
	}
	if fa.localObjs == nil {
		fa.localObjs = make(map[*ssa.Alloc]bool)
	}
	fa.localObjs[a] = false // (while it is asked: a cycle escapes)
	e := &escape{fa: fa, seen: make(map[ssa.Value]bool)}
	stays := !e.value(a)
	fa.localObjs[a] = stays
	return stays
}

// registeredOn reports whether ci hands the closure mc to a method of a
// local object (an allocation of this function) that keeps it in a field
// or container (callgraph's setters), and returns the object.
func (e *escape) registeredOn(ci ssa.CallInstruction, mc *ssa.MakeClosure) (*ssa.Alloc, bool) {
	site := e.fa.ps.graph.Site(ci)
	if site == nil || len(site.Callees) == 0 {
		return nil, false
	}
	args := site.Args()
	if len(args) < 2 {
		return nil, false
	}
	obj, ok := unwrapIface(args[0]).(*ssa.Alloc)
	if !ok {
		return nil, false
	}
	for i, a := range args[1:] {
		if a == ssa.Value(mc) && e.fa.ps.graph.StoresArg(site, i+1) {
			return obj, true
		}
	}
	return nil, false
}

// captured: the closure that captures the channel may let it escape in
// turn, from its own body: a closure of its own handed to unknown code (a
// callback queue), a store, a send. Returned from the closure, it reaches
// whoever calls the closure under a name of its own: that escapes too. So
// does what the closure's summary dropped at its limits (FreeEscapes).
func (e *escape) captured(v ssa.Value, mc *ssa.MakeClosure) bool {
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok {
		return true
	}
	// (A struct that holds the channel stays one inside the closure:
	// handing it to a callee there lets the channel out as it would here.)
	inner := &escape{fa: e.fa, seen: e.seen, contained: e.contained}
	sum := e.fa.ps.summary(fn)
	for i, b := range mc.Bindings {
		if b != v || i >= len(fn.FreeVars) {
			continue
		}
		if inner.value(fn.FreeVars[i]) || sum != nil && slices.Contains(sum.FreeEscapes, i) {
			return true
		}
	}
	return false
}

// calledBack reports whether the callee of ci calls the closure passed to it
// (its summary records calling that parameter): the closure's operations
// are then applied at this call.
func (e *escape) calledBack(ci ssa.CallInstruction, mc *ssa.MakeClosure) bool {
	site := e.fa.ps.graph.Site(ci)
	if site == nil || len(site.Callees) != 1 {
		return false
	}
	sum := e.fa.ps.summary(site.Callees[0])
	if sum == nil {
		return false
	}
	for i, a := range site.Args() {
		if a == mc && usesFunc(sum, i) {
			return true
		}
	}
	return false
}

// call: passing a channel to a function whose summary the analysis has is
// fine (its operations are in the summary); to anything else, it escapes.
func (e *escape) call(v ssa.Value, r ssa.CallInstruction) bool {
	if _, isGo := r.(*ssa.Go); isGo && e.addr {
		return true // handed to another goroutine
	}
	c := r.Common()
	if e.addr && isAtomicOp(c) {
		// The memory operand lets nothing out; a value stored there is
		// stored into that memory, which may be the object's own.
		// (A method's receiver is its first argument too.)
		args := c.Args
		return len(args) > 1 && slices.Contains(args[1:], v) && addrRoot(args[0]) != e.root
	}
	if b, ok := c.Value.(*ssa.Builtin); ok {
		switch b.Name() {
		case "close", "len", "cap":
			return false
		}
		return true
	}
	if c.Value == v {
		return false // calling the closure that captured it
	}
	if e.contained {
		return true // see escape.contained
	}
	if _, isGo := r.(*ssa.Go); isGo && !e.addr {
		if a, ok := v.(*ssa.Alloc); ok && a != e.home && isChanVar(a) {
			// The address of the variable that holds the channel, given
			// to a goroutine: it sends on or closes *p, which its summary
			// names by the parameter, not by this function's name for
			// the channel.
			return true
		}
	}
	if name, _ := calleeName(c); spawners[name] {
		return !e.addr // the closure runs as a goroutine: its summary is a Spawn
	} else if _, ok := syncAPI[name]; ok {
		return false // a sync method on it (wg.Add, c.Wait)
	}
	site := e.fa.ps.graph.Site(r)
	if site == nil || len(site.Callees) != 1 {
		return true
	}
	sum := e.fa.ps.summary(site.Callees[0])
	if sum == nil {
		return true
	}
	// The callee's summary speaks for what it does with the channel, unless
	// the callee lets it escape in turn (signal.Notify, a registry).
	for i, a := range site.Args() {
		if a != v {
			continue
		}
		if !e.addr {
			if slices.Contains(sum.ParamEscapes, i) {
				return true
			}
			continue
		}
		if slices.Contains(sum.ParamPublishes, i) {
			if !slices.Contains(sum.ParamReturned, i) {
				return true
			}
			if call, ok := r.(*ssa.Call); !ok || e.value(call) {
				return true // returned (sync.NewCond(&c.mu)): where the result goes
			}
		}
	}
	return false
}

// isAtomicOp reports whether a call is a function or method of
// sync/atomic: an atomic load, store, swap or add on the memory its first
// operand points to.
func isAtomicOp(c *ssa.CallCommon) bool {
	fn := c.StaticCallee()
	return fn != nil && fn.Pkg != nil && fn.Pkg.Pkg.Path() == "sync/atomic"
}

// addrRoot follows an address back through field and array-element
// addresses to the object it lies in.
func addrRoot(v ssa.Value) ssa.Value {
	for {
		switch x := v.(type) {
		case *ssa.FieldAddr:
			v = x.X
		case *ssa.IndexAddr:
			if _, isArray := deref(x.X.Type()).Underlying().(*types.Array); !isArray {
				return v
			}
			v = x.X
		default:
			return v
		}
	}
}

// paramPublishes lists the pointer parameters whose object the function
// lets other goroutines reach (see escape.addr), and of those the ones it
// lets out only by returning them, alone or inside a fresh object: a
// caller's object is then out where the call's result goes.
func (fa *fnAnalysis) paramPublishes() (publishes, returned []int) {
	for i, p := range fa.fn.Params {
		switch p.Type().Underlying().(type) {
		case *types.Pointer, *types.Interface: // an interface may hold the caller's pointer
		default:
			continue
		}
		// One walk that lets returns pass: it stops only at another way
		// out, and when there is none it has met every return there is.
		e := &escape{fa: fa, seen: make(map[ssa.Value]bool), addr: true, root: p, allowReturn: true}
		switch {
		case e.value(p):
			publishes = append(publishes, i)
		case e.returned:
			publishes, returned = append(publishes, i), append(returned, i)
		}
	}
	return publishes, returned
}

// paramEscapes lists the channel (and WaitGroup, Cond) parameters this
// function lets escape: stores, passes on to unknown code, returns. A
// parameter of interface or type-parameter type may carry a channel too
// (input[T any](ch *chan T, event T) sending a reply channel on), and so
// may a struct or array passed by value that holds a channel (a request
// with its reply channel, sent on by the callee).
func (fa *fnAnalysis) paramEscapes() []int {
	var out []int
	for i, p := range fa.fn.Params {
		switch p.Type().Underlying().(type) {
		case *types.Chan, *types.Pointer, *types.Interface:
		case *types.Struct, *types.Array:
			if !holdsChan(p.Type(), 3) {
				continue
			}
		default:
			continue
		}
		e := &escape{fa: fa, seen: make(map[ssa.Value]bool)}
		if e.value(p) {
			out = append(out, i)
		}
	}
	return out
}

// holdsChan reports whether a value of type t holds a channel inline (a
// field or element, within depth levels of structs and arrays).
func holdsChan(t types.Type, depth int) bool {
	switch u := t.Underlying().(type) {
	case *types.Chan:
		return true
	case *types.Struct:
		for i := range u.NumFields() {
			if depth > 0 && holdsChan(u.Field(i).Type(), depth-1) {
				return true
			}
		}
	case *types.Array:
		return depth > 0 && holdsChan(u.Elem(), depth-1)
	}
	return false
}

// checkFilledFirst reports the function itself blocking on a send before it
// starts the only goroutine that receives: the sends that certainly come
// first (earlier in the block, or in blocks that dominate the go statement)
// exceed the buffer, and nothing else receives.
func (fa *fnAnalysis) checkFilledFirst(u *chanUse) bool {
	if u.cap >= inf {
		return false
	}
	var recv *participant
	for i := range u.goros {
		if len(opsOn(u.goros[i].ops, u.ref.key(), OpRecv)) > 0 {
			if recv != nil {
				return false
			}
			recv = &u.goros[i]
		}
	}
	if recv == nil || recv.index >= len(fa.spawnAt) || len(opsOn(u.self.ops, u.ref.key(), OpRecv)) > 0 {
		return false
	}
	at, seq := fa.spawnAt[recv.index], fa.spawnSeq[recv.index]
	var first []ChanOp
	for _, c := range u.self.ops {
		if c.Kind != OpSend || c.Alt || c.NonBlocking || c.Loop || c.block == nil {
			continue
		}
		if c.block == at && c.seq < seq || c.block != at && c.block.Dominates(at) {
			first = append(first, c)
		}
	}
	if len(first) <= u.cap {
		return false
	}
	fa.ps.reportFilledFirst(u.ref.show(fa.ps.pkgPath), u.cap, first[len(first)-1], recv.spawn.Chain[:1])
	return true
}
