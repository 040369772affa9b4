package analyzer

import (
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"

	"github.com/awaitvet/awaitvet/callgraph"
	"golang.org/x/tools/go/ssa"
)

// fnAnalysis runs the lockset dataflow over one function's CFG to a fixpoint
// and, from the fixed point, builds the function's summary and (in the final
// pass) its findings and lock-order edges. The dataflow is forward over
// blocks; it never enumerates paths, so loops and branches cost one more
// visit of a block, not a doubling.
type fnAnalysis struct {
	// unknownReleases is set when some call of the function may release
	// locks the lockset cannot see (see noteUnknownReleases).
	unknownReleases bool

	ps    *passState
	fn    *ssa.Function
	name  string // qualified display name: "pkg.(*T).M"
	r     *resolver
	ops   map[*ssa.BasicBlock][]*op
	final bool // report findings and record edges (the last pass over the function)
	// recording is false while the fixpoint runs: only the lockset matters
	// then. The pass over the fixed point records the summary (and, if final,
	// reports), so witness chains are built once per operation, not once per
	// visit.
	recording bool
	own       *ownership
	inst      instanceCtx // see instances.go
	// blockTests memoises fieldTests: the tests that dominate a block
	// depend on the block alone, and the fixpoint asks for them at every
	// visit of a Lock and of a call that acquires.
	blockTests map[*ssa.BasicBlock][]FieldTest
	blockAlts  map[*ssa.BasicBlock][][]FieldTest // memoises altTests
	localObjs  map[*ssa.Alloc]bool               // memoises staysLocal

	flow     // the dataflow: its fixpoint and the transfer in progress
	recorder // the summary the pass over the fixed point records
	exitSide // what that pass saw at the returns, for the checks of them
}

// flow is the lockset dataflow's state: what the fixpoint computed, and
// where the transfer of a block stands. Nothing here outlives the
// function's analysis.
type flow struct {
	outs       map[*ssa.BasicBlock][]*lockState // last out-states of the fixpoint, per successor
	backs      []backEdge                       // states flowing along loop back edges
	conds      *condTable                       // the branch conditions the lockset tracks (see trackConds)
	block      *ssa.BasicBlock                  // the block being transferred
	at         ssa.Instruction                  // the instruction being transferred (see owned)
	deferring  bool                             // running deferred calls: what they do happens only on return
	inOnce     bool                             // applying the function a Once.Do runs: only the first Do of the Once runs it
	onceRef    Ref                              // the Once, while inOnce
	panicking  bool                             // running them for a panic a deferred call recovers
	maybeRun   bool                             // running a deferred call registered on some paths only
	rangeCalls map[ssa.Value]*rangeCall         // iterator calls by the jump cell they share with the body
	// yieldDeferOps holds the releases range-over-func bodies defer onto
	// this function's stack, by body and exit code (see yieldDefers).
	yieldDeferOps map[yieldDeferKey][]*op
}

// recorder is the summary being recorded by the pass over the fixed point,
// and what it keeps beside the summary to count channel operations and
// order the goroutines the function starts. It is reset before that pass,
// so the fixpoint's visits leave nothing in it.
type recorder struct {
	sum        Summary
	acqIdx     map[string]int                            // index in sum.Acquires by lock and mode
	mustAt     map[string][]*ssa.BasicBlock              // blocks that take a lock for certain, by lock and mode (see noteMust)
	seq        int                                       // the order of operations, for spawnSeq and ChanOp.seq
	spawnAt    []*ssa.BasicBlock                         // the block each of sum.Spawns was started in
	spawnSeq   []int                                     // and its place in the order of operations
	spawnMany  []bool                                    // and whether the callee that starts it may start many per call
	spawnFrom  []spawnOrigin                             // and the call that brought it here, with its group there (exclspawns.go)
	calls      int                                       // calls whose spawns were brought here so far
	weights    map[string]map[*ssa.BasicBlock]*ChanCount // channel operations per block, by channel
	weightRefs map[string]Ref
	// edgeW holds, per channel, counts taken on a CFG edge rather than in
	// a block: a callee's counts on the side its tested result took (see
	// resultSides).
	edgeW      map[string]map[[2]*ssa.BasicBlock]*ChanCount
	blocks     *blockInfo                                      // control-flow facts per block, for the recording pass
	cut        func(from, to *ssa.BasicBlock) bool             // edges pathCounts leaves out (see guardCounts)
	nilSides   map[*ssa.BasicBlock]map[[2]*ssa.BasicBlock]bool // per start block, the edges nilAfter leaves out
	exitOK     func(*ssa.BasicBlock) bool                      // when set, the only returns pathCounts counts to (see resultCounts)
	turnEnds   map[*ssa.BasicBlock]bool                        // when set, blocks whose paths end there too (see recvEachTurn)
	untaken    map[[2]*ssa.BasicBlock]bool                     // branch edges never taken (see neverTaken), on first use
	countConds *countConds                                     // the branch conditions pathCounts follows
	pathSlab   []pathCount                                     // walkCountsTo's buffer, reused from walk to walk
}

// exitSide is what the recording pass saw at the function's returns, which
// the checks of locks left held read (see checkUnreleased).
type exitSide struct {
	exits   []exitState
	unlocks map[string]*ssa.BasicBlock // where this function releases a lock it took, by lock
}

// backEdge is the state at the end of a loop iteration, flowing back to the
// loop's header.
type backEdge struct {
	header *ssa.BasicBlock
	st     *lockState
	path   []*ssa.BasicBlock // the blocks the state leaves, in order, before header
}

type exitState struct {
	ret *ssa.Return
	st  *lockState
}

// backsThrough returns, for a back edge from p to header where p makes no
// call (a for loop's post statement, i++, that both a continue and the end
// of the body go through), the state each of p's predecessors hands it: p
// changes no lock, so each of them comes round to header as it is, and a
// lock the continue path keeps is held on that path even where the end of
// the body released it and the join at p says only "maybe".
func (fa *fnAnalysis) backsThrough(p, header *ssa.BasicBlock) []backEdge {
	if len(p.Preds) < 2 {
		return nil
	}
	for _, instr := range p.Instrs {
		if _, ok := instr.(ssa.CallInstruction); ok {
			return nil
		}
	}
	var out []backEdge
	for _, q := range p.Preds {
		for i, succ := range q.Succs {
			if succ == p && i < len(fa.outs[q]) && fa.outs[q][i] != nil {
				out = append(out, backEdge{header: header, st: fa.outs[q][i], path: []*ssa.BasicBlock{q, p}})
			}
		}
	}
	return out
}

// maxVisits bounds the fixpoint per block; the lattice is finite so this is
// a guard against bugs, not a limit hit in practice.
const maxVisits = 64

func (fa *fnAnalysis) run() {
	in := make(map[*ssa.BasicBlock]*lockState, len(fa.fn.Blocks))
	entry := fa.fn.Blocks[0]
	in[entry] = newLockState()
	fa.conds = trackConds(fa.fn)
	visits := make(map[*ssa.BasicBlock]int)
	work := []*ssa.BasicBlock{entry}
	queued := map[*ssa.BasicBlock]bool{entry: true}
	// Fixpoint without side effects.
	saveFinal := fa.final
	fa.final = false
	fa.outs = make(map[*ssa.BasicBlock][]*lockState, len(fa.fn.Blocks))
	splits := make(map[*ssa.BasicBlock][]*ssa.Phi)
	for _, b := range fa.fn.Blocks {
		if phis := fa.splitPhis(b); phis != nil { // phisplit.go
			splits[b] = phis
		}
	}
	for len(work) > 0 {
		b := work[0]
		work = work[1:]
		queued[b] = false
		visits[b]++
		if visits[b] > maxVisits {
			continue
		}
		var outs []*lockState
		if phis := splits[b]; phis != nil {
			outs = fa.transferSplit(b, phis, in[b])
		} else {
			outs = fa.transfer(b, in[b].copy())
		}
		fa.outs[b] = outs
		for i, succ := range b.Succs {
			next := join(in[succ], outs[i])
			if in[succ] == nil || !next.equal(in[succ]) {
				in[succ] = next
				if !queued[succ] {
					queued[succ] = true
					work = append(work, succ)
				}
			}
		}
	}
	for _, p := range fa.fn.Blocks {
		for i, succ := range p.Succs {
			if succ.Dominates(p) && i < len(fa.outs[p]) {
				fa.backs = append(fa.backs, backEdge{header: succ, st: fa.outs[p][i], path: []*ssa.BasicBlock{p}})
				fa.backs = append(fa.backs, fa.backsThrough(p, succ)...)
			}
		}
	}
	fa.blocks = newBlockInfo(fa.fn, fa.ops, fa.deadCaseEdges())
	// One pass over the fixed point, in block order, with side effects.
	fa.final = saveFinal
	fa.recording = true
	fa.sum = Summary{}
	fa.weights, fa.weightRefs, fa.edgeW, fa.spawnAt, fa.spawnSeq, fa.spawnMany, fa.seq = nil, nil, nil, nil, nil, nil, 0
	fa.spawnFrom, fa.calls = nil, 0
	fa.untaken = nil
	fa.acqIdx, fa.mustAt = nil, nil
	fa.exits = nil
	for _, b := range fa.fn.Blocks {
		if st := in[b]; st != nil && !st.dead {
			if phis := splits[b]; phis != nil {
				fa.transferSplit(b, phis, st)
			} else {
				fa.transfer(b, st.copy())
			}
		}
	}
	fa.markMust(in)
	fa.finishSummary()
	fa.recordYieldExits()
	fa.finishCounts()
	fa.groupSpawns()
	if fa.final && !fa.ps.factsOnly {
		fa.checkChannels()
	}
	fa.freshResults()
	fa.sum.ParamEscapes = fa.paramEscapes()
	fa.sum.ParamPublishes, fa.sum.ParamReturned = fa.paramPublishes()
	fa.sum.ParamHandedOn = fa.paramsHandedOn()
	fa.sum.FreshObjs = fa.freshObjs()
	fa.sum.ParamStores = fa.paramStores()
}

// transfer applies a block's ops to st and returns the state on each
// successor edge (they differ only after a TryLock branch).
func (fa *fnAnalysis) transfer(b *ssa.BasicBlock, st *lockState) []*lockState {
	fa.block = b
	st.forget(fa.conds.defs[b])
	var tries map[ssa.Value]*op
	for _, o := range fa.ops[b] {
		if st.dead {
			break
		}
		fa.at = o.instr
		switch o.kind {
		case OpTryLock, OpTryRLock:
			if tries == nil {
				tries = make(map[ssa.Value]*op)
			}
			tries[o.instr.(*ssa.Call)] = o
		default:
			fa.step(st, o)
		}
	}
	outs := make([]*lockState, len(b.Succs))
	for i := range outs {
		outs[i] = st
	}
	if len(b.Succs) == 2 && !st.dead {
		if ifi, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If); ok {
			if taken := fa.rangeExit(ifi.Cond, st); taken != nil {
				outs[0] = taken
			}
			cond, negate := ifi.Cond, false
			if u, ok := cond.(*ssa.UnOp); ok && u.Op == token.NOT {
				cond, negate = u.X, true
			}
			if o := tries[cond]; o != nil {
				locked := st.copy()
				mode := Write
				if o.kind == OpTryRLock {
					mode = Read
				}
				fa.acquireOp(locked, o, mode, true)
				if negate {
					outs[0], outs[1] = st, locked
				} else {
					outs[0], outs[1] = locked, st.copy()
				}
			} else {
				if idx, val, ok := fa.conds.of(ifi.Cond); ok {
					// A tracked condition: each edge learns its value, and an
					// edge the path's earlier tests rule out carries nothing.
					if known, yes := st.holds(condGuard{set: true, idx: idx, val: val}); known {
						dead := newLockState()
						dead.dead = true
						if yes {
							outs[1] = dead
						} else {
							outs[0] = dead
						}
					} else {
						if outs[0] == outs[1] {
							outs[1] = outs[1].copy()
						}
						outs[0].assume(idx, val)
						outs[1].assume(idx, !val)
					}
				}
				// A branch on a lock helper's result (see handoff.go).
				fa.refineCond(ifi.Cond, outs)
				for i, succ := range b.Succs {
					if fa.neverTaken(b, succ) {
						outs[i] = newLockState()
						outs[i].dead = true
					}
				}
			}
		}
	}
	return outs
}

// recoversHere reports whether one of the deferred calls is of a function
// (a closure, most often) that calls recover itself.
func recoversHere(defers []*op) bool {
	for _, d := range defers {
		if d.deferred == nil || d.deferred.site == nil {
			continue
		}
		var fn *ssa.Function
		switch v := d.deferred.site.Instr.Common().Value.(type) {
		case *ssa.Function:
			fn = v
		case *ssa.MakeClosure:
			fn, _ = v.Fn.(*ssa.Function)
		}
		if fn == nil {
			continue
		}
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if c, ok := instr.(*ssa.Call); ok {
					if bi, ok := c.Call.Value.(*ssa.Builtin); ok && bi.Name() == "recover" {
						return true
					}
				}
			}
		}
	}
	return false
}

// runDefers runs the calls deferred on this path, last first.
func (fa *fnAnalysis) runDefers(st *lockState) {
	fa.deferring = true
	defers, guards := st.defers, st.dguards
	for i := len(defers) - 1; i >= 0; i-- {
		if g := guards[i]; g.set {
			// Registered on some paths only: where this path's
			// conditions say it was not, it does not run; where they
			// do not know, it may run, and releases no lock of the
			// caller's on that account.
			known, yes := st.holds(g)
			if known && !yes {
				continue
			}
			fa.maybeRun = !known
		}
		fa.runDeferred(st, defers[i].deferred)
		fa.maybeRun = false
	}
	fa.deferring = false
}

// step applies one op to the state.
func (fa *fnAnalysis) step(st *lockState, o *op) {
	switch o.kind {
	case OpLock:
		fa.acquireOp(st, o, Write, false)
	case OpRLock:
		fa.acquireOp(st, o, Read, false)
	case OpUnlock, OpRUnlock:
		fa.unlockOp(st, o)
	case OpOnceDo:
		fa.onceDo(st, o)
	case OpCall:
		once, isOnce := onceFuncRef(o.site) // oncedone.go
		if isOnce && st.isDone(once) {
			break // the function sync.OnceFunc wraps ran on the first call
		}
		fa.releaseHandedBack(st, o.site) // unlocker.go
		fa.call(st, o.site, o.site.Callees, nil)
		fa.rangeBodies(st, o.site)
		if isOnce {
			markDone(st, once)
		}
	case OpDefer:
		st.defers = append(st.defers, o)
		st.dguards = append(st.dguards, condGuard{})
	case OpRunDefers:
		fa.runDefers(st)
	case OpGo:
		fa.handBackToGoroutine(st, o.site) // unlocker.go
		fa.spawn(st, o.site, o.site.Callees, nil)
	case OpSpawn, OpWGGo:
		if args := o.site.Args(); len(args) > 1 {
			n := len(fa.sum.Spawns)
			fa.spawn(st, o.site, o.site.FuncArgs[1], args[1])
			if fa.recording { // WaitGroup.Go and errgroup.Go count the goroutine
				wg := fa.r.resolve(args[0])
				for i := n; i < len(fa.sum.Spawns); i++ {
					fa.sum.Spawns[i].CountedBy = append(fa.sum.Spawns[i].CountedBy, wg)
				}
			}
		}
	case OpReturn:
		fa.runYieldDefers(st, o.instr.Block()) // rangefunc.go
		// The recording pass keeps each return, the final one of a
		// recursive component's fixed point as much as the others: what
		// the summary says about the returns (CondHeld) rests on where
		// they are.
		if fa.recording {
			fa.exits = append(fa.exits, exitState{ret: o.instr.(*ssa.Return), st: st.copy()})
		} else {
			fa.exits = append(fa.exits, exitState{st: st.copy()})
		}
	case OpSend, OpRecv, OpClose, OpSelect, OpWGAdd, OpWGDone, OpWGWait, OpCondWait, OpCondSignal, OpCondBroadcast:
		if fa.recording {
			fa.recordChan(st, o)
		}
		if send, ok := o.instr.(*ssa.Send); ok {
			fa.doubtStoredRelease(st, send.X)
			fa.doubtSent(st, send.X)
		}
	case OpPanic:
		// A panic that a deferred call of this function recovers runs the
		// deferred calls on its way out, and the goroutine goes on: their
		// channel operations happen (the recover may send the value it
		// got). An unrecovered panic ends the program; the path ends here.
		if fa.recording && recoversHere(st.defers) {
			fa.panicking = true
			fa.runDefers(st)
			fa.panicking = false
		}
		st.dead = true
	case OpNoReturn:
		st.dead = true
	case OpStore:
		if repoints(o.instr.(*ssa.Store)) {
			fa.repoint(st, o)
		}
		fa.doubtStoredRelease(st, o.instr.(*ssa.Store).Val)
	}
}

func (fa *fnAnalysis) runDeferred(st *lockState, d *op) {
	switch d.kind {
	case OpUnlock, OpRUnlock:
		if d.released != nil { // a range-over-func body's (rangefunc.go)
			fa.release(st, *d.released, d.kind == OpRUnlock)
			break
		}
		fa.unlockOp(st, d)
	case OpCall:
		fa.call(st, d.site, d.site.Callees, nil)
	case OpLock:
		fa.acquireOp(st, d, Write, false)
	case OpRLock:
		fa.acquireOp(st, d, Read, false)
	case OpOnceDo:
		fa.onceDo(st, d)
	case OpSend, OpRecv, OpClose, OpWGAdd, OpWGDone, OpWGWait, OpCondSignal, OpCondBroadcast:
		if fa.recording {
			fa.recordChan(st, d)
		}
	}
}

// acquireOp handles a direct Lock/RLock, or a TryLock that succeeded (try).
func (fa *fnAnalysis) acquireOp(st *lockState, o *op, mode Mode, try bool) {
	ref, view := fa.r.resolve(o.recv).readView()
	if view {
		mode = Read
	}
	verb := "locks "
	if mode == Read {
		verb = "read-locks "
	}
	chain := Chain{fa.hop(o.pos(), verb+ref.show(""))}
	own := ownLock(o.instr)
	if fa.final && !try {
		fa.checkLoopCarried(st, o, acquisition{ref: ref, mode: mode, chain: chain, pos: o.pos(), own: own})
		if mode == Write {
			fa.ps.written[fa.lockClass(ref).Key] = true
			fa.noteGuardedWrite(fa.lockClass(ref).Key, st.sortedHeld())
		}
	}
	fa.acquire(st, acquisition{ref: ref, mode: mode, chain: chain, pos: o.pos(), keep: true, try: try, only: fa.fieldTests(o.instr.Block()), alts: fa.altTests(o.instr.Block()), own: own, must: !try})
}

// checkLoopCarried reports a Lock inside a loop that finds, on the path
// coming round the loop, the lock it took itself on the previous iteration
// still held (typically a Lock with a deferred Unlock in the loop body). At
// the loop header that state is joined with the loop's entry, so the lockset
// alone only says "may be held"; the back edge says "certainly, by this very
// Lock".
func (fa *fnAnalysis) checkLoopCarried(st *lockState, o *op, a acquisition) {
	ref := a.ref
	key := ref.key()
	if h, ok := st.held[key]; !ok || h.must || h.doubtful || !ref.exact() {
		return
	}
	// Only a lock that is the same object on every iteration: not one
	// reached through a value the loop recomputes (hand-over-hand locking
	// of a list), nor a fresh allocation.
	if ref.Base == BaseOpaque || ref.Base == BaseAlloc {
		return
	}
	for _, be := range fa.backs {
		if h, ok := be.st.held[key]; ok && h.must && !h.doubtful && h.pos == o.pos() && be.header.Dominates(o.instr.Block()) && !flagForbids(be, o.instr.Block()) && !stateForbids(be, o.instr.Block()) {
			h.chain = Chain{fa.hop(o.pos(), "acquires it on one loop iteration and keeps it to the next")}
			if loop, ok := fa.ps.loopAround(o.pos()); ok {
				h.chain = append(h.chain, fa.hop(loop, "comes round the loop here with it still held"))
			}
			fa.conflict(h, &a, true, be.st.sortedHeld())
			return
		}
	}
}

// acquisition is one acquisition being applied in this function's frame.
// Its witness chain is built lazily: a callee's chain prefixed with the call
// hop is allocated only if the acquisition is kept, recorded or reported.
type acquisition struct {
	ref   Ref
	mode  Mode
	chain Chain
	via   *Hop      // when set, the full chain is via followed by chain
	after []Ref     // caller-held locks released before it (see Acquire.After)
	pos   token.Pos // the Lock, or the call that leads to it
	keep  bool      // the lock stays held afterwards (not released inside a callee)
	try   bool      // a TryLock: it never waits, so it neither conflicts nor orders
	own   string    // the lock's name when a Lock call of this function takes it (see ownLock)
	// overflow: a callee's acquisition past its summary's budget
	// (Summary.Overflow): checked for double locks, ordering nothing.
	overflow bool
	// guard and maybe are recorded with it in the summary (see Acquire);
	// unsure says this frame cannot tell whether it happens (a callee's
	// guard the call site does not decide): it orders locks but is not
	// claimed to conflict.
	guards []Guard
	maybe  bool
	unsure bool
	guess  bool          // see Acquire.Guess
	only   []FieldTest   // see Acquire.Only
	alts   [][]FieldTest // see Acquire.Alts
	once   []Ref         // see Acquire.Once
	// must: once reached here, the lock is taken on this function's path
	// for certain: a Lock call, or a call of one callee alone (a static
	// call) whose summary takes it on every path it returns by
	// (Acquire.Must), with no guard, field test or earlier release.
	must bool
}

// fullChain returns the acquisition's witness chain, building it once.
func (a *acquisition) fullChain() Chain {
	if a.via != nil {
		a.chain, a.via = a.chain.prefixed(*a.via), nil
	}
	return a.chain
}

func (a *acquisition) chainLen() int {
	if a.via != nil {
		return min(len(a.chain)+1, maxChain)
	}
	return len(a.chain)
}

// acquire checks an acquisition against the lockset (double locks, upgrades,
// re-entered Onces), records lock-order edges from every held lock, and
// records it in the summary.
func (fa *fnAnalysis) acquire(st *lockState, a acquisition) {
	key := a.ref.key()
	if !fa.recording {
		fa.hold(st, &a)
		return
	}
	skip := make(map[string]bool, len(a.after))
	for _, r := range a.after {
		skip[r.key()] = true
	}
	held := st.sortedHeld()
	fa.notePrivate(&a, held, skip)
	for _, h := range held {
		if skip[h.ref.key()] || h.untold {
			continue
		}
		if a.try {
			continue
		}
		if h.ref.key() == key && a.ref.exact() || h.ref.key() != key && fa.final && fa.sameByDetour(h.ref, a.ref) {
			if h.must && !h.doubtful && fa.final && !a.unsure {
				a.fullChain()
				fa.conflict(h, &a, false, held)
			}
			continue
		}
		if a.overflow {
			continue
		}
		if h.ref.key() == key {
			fa.stripeEdge(h, &a, held) // two elements of one collection (stripes.go)
			continue
		}
		fa.edge(h, &a, held)
	}
	if !a.try {
		// A TryLock never waits, in this frame or in a caller's: under a
		// caller that holds the lock it fails rather than blocks, so it
		// is no acquisition a caller could conflict with or order by.
		fa.recordAcquire(st, &a)
	}
	fa.hold(st, &a)
}

// hold puts an acquired lock in the lockset. After the acquisition the lock
// is certainly held; a lock that was certainly held already keeps its first
// witness. Re-acquiring a lock the caller held and this function released
// (RUnlock; defer RLock) restores the caller's lock: it is not this
// function's to release.
func (fa *fnAnalysis) hold(st *lockState, a *acquisition) {
	key := a.ref.key()
	if old, ok := st.held[key]; !a.keep || ok && old.must && !old.doubtful {
		return
	}
	r, restored := st.released[key]
	restored = restored && r.read == (a.mode == Read)
	if restored {
		delete(st.released, key)
	}
	h := heldLock{ref: a.ref, mode: a.mode, must: true, local: !restored, chain: a.fullChain(), pos: a.pos, own: a.own, guess: a.guess}
	if !fa.deferring && !restored {
		h.since = fa.at
	}
	st.held[key] = h
}

// recordAcquire adds the acquisition to the summary, keeping the shortest
// witness per lock and mode as it goes (most calls repeat what an earlier
// call of the same callee already recorded).
//
// The lock of an object this function owns (owner.go) is left out: no other
// goroutine can hold it while this function takes it, so it orders nothing
// for a caller either, whatever the caller holds.
func (fa *fnAnalysis) recordAcquire(st *lockState, a *acquisition) {
	if fa.owned(a.ref) {
		return
	}
	fa.noteMust(a)
	if a.guards == nil && !a.unsure && st != nil {
		a.guards = fa.paramGuards(st)
	}
	if a.overflow {
		fa.sum.Overflow = append(fa.sum.Overflow, a.record(st))
		return
	}
	k := lockModeKey(a.ref, a.mode)
	i, seen := fa.acqIdx[k]
	if seen {
		old := fa.sum.Acquires[i]
		certain := len(a.guards) == 0 && !a.maybe
		if certainAcquire(old) == certain && slices.Equal(old.Guards, a.guards) && old.Maybe == a.maybe && equalTests(old.Only, a.only) && equalAlts(old.Alts, a.alts) && sameRefs(old.Once, a.once) &&
			len(old.Chain) <= a.chainLen() && (!old.Guess || a.guess) || certainAcquire(old) && !certain {
			return
		}
	}
	rec := a.record(st)
	if seen {
		old := fa.sum.Acquires[i]
		if certainAcquire(old) == certainAcquire(rec) {
			rec = mergeAcquire(old, rec)
		}
		fa.sum.Acquires[i] = rec
		return
	}
	if fa.acqIdx == nil {
		fa.acqIdx = make(map[string]int)
	}
	fa.acqIdx[k] = len(fa.sum.Acquires)
	fa.sum.Acquires = append(fa.sum.Acquires, rec)
}

// record is the acquisition as its summary keeps it.
func (a *acquisition) record(st *lockState) Acquire {
	return Acquire{Ref: a.ref, Mode: a.mode, Chain: a.fullChain(), After: append(st.releasedRefs(), a.after...), Guards: a.guards, Maybe: a.maybe, Only: a.only, Alts: a.alts, Guess: a.guess, Once: a.once}
}

// unlockOp handles a direct Unlock or RUnlock.
func (fa *fnAnalysis) unlockOp(st *lockState, o *op) {
	ref, view := fa.r.resolve(o.recv).readView()
	if _, ok := st.held[ref.key()]; !ok {
		// An Unlock of a lock not held under that name may be one of the
		// held ones under another (t.mu, with t == s): relock's claim ends,
		// and a held lock of its class (of any class, when the unlocked
		// one has none) may no longer be held: it is one of them, or a lock
		// another goroutine took, and the lockset cannot tell which.
		unname(st)
		fa.doubt(st, func(h heldLock) bool { return ref.Class.mayAlias(h.ref.Class) })
		if fa.recording && (ref.Base == BaseOpaque || ref.element()) {
			fa.sum.UnnamedRelease = true
		}
	}
	fa.release(st, ref, view || o.kind == OpRUnlock)
}

// release removes a lock from the lockset; a lock this function does not
// hold, or holds only because it took the caller's back, is the caller's,
// and is remembered as released (with its mode).
func (fa *fnAnalysis) release(st *lockState, ref Ref, read bool) {
	k := ref.key()
	if _, ok := st.held[k]; !ok {
		if h, ok := st.unsureOfClass(ref); ok {
			k = h.ref.key()
		}
	}
	if h, ok := st.held[k]; ok {
		if h.condOf != nil {
			fa.ps.unlockAfter(h.condOf)
		}
		if h.local && fa.recording && fa.unlocks[k] == nil {
			if fa.unlocks == nil {
				fa.unlocks = make(map[string]*ssa.BasicBlock)
			}
			fa.unlocks[k] = fa.block
		}
		delete(st.held, k)
		if h.local && (h.must || !h.g.set) {
			return
		}
		// Held on some paths only, where this function took it back (a
		// loop of Unlock; wait; Lock): on the others the release is of
		// the caller's lock, which a later Lock here restores. And a lock
		// that is held because this function took the caller's back
		// (Unlock; rpc(); Lock) is the caller's again when released a
		// second time: a later Lock restores it too.
	}
	if fa.maybeRun {
		return
	}
	st.released[k] = releasedLock{ref: ref, read: read}
}

// edge records that a was acquired while h was held.
func (fa *fnAnalysis) edge(h heldLock, a *acquisition, held []heldLock) {
	if h.mode == Once || a.mode == Once {
		return // a Once blocks others only during its first run; not a lock order
	}
	if fa.blocks.doomed[fa.block] {
		return // on the way to a panic: an order taken only there is not worth a report
	}
	if fa.owned(h.ref) || fa.owned(a.ref) {
		return // no other goroutine can reach one of them yet (see owner.go)
	}
	if fa.publishedUnder(h, a.ref) {
		return // others reach a's object only under h (see owner.go)
	}
	e := Edge{From: h.ref, To: a.ref, FromMode: h.mode, ToMode: a.mode, FromChain: h.chain, ToChain: a.fullChain(),
		Func: fa.name, Pos: fa.ps.position(a.pos), Guess: h.guess || a.guess}
	e.Gates, e.GateRefs = fa.edgeGates(held, h.ref.key())
	fa.addEdge(e)
}

// addEdge files an edge: between classes when both are known (a package
// edge, recorded in the final pass), otherwise pending in the summary if a
// caller can still name the unknown end.
func (fa *fnAnalysis) addEdge(e Edge) {
	if fa.nestedInstances(e) {
		return // two instances of one class (instances.go)
	}
	if fa.comparesInstances(e) {
		// Two objects of different types nested in the order a comparison
		// of their keys picks (if h.id < d.id { h first } else { d first }):
		// a total order over both, as for two instances of one class.
		return
	}
	e.Wraps = e.Wraps || fa.wraps(e.From, e.To)
	switch {
	case e.From.Class.known() && e.To.Class.known():
		if fa.final && e.From.Class.Key != e.To.Class.Key {
			e.fn = fa.fn
			fa.ps.edges = append(fa.ps.edges, e)
			fa.noteEdgeParams(e) // ownedcalls.go
		}
	case (e.From.Class.known() || e.From.rewritable()) && (e.To.Class.known() || e.To.rewritable()):
		fa.sum.Pending = append(fa.sum.Pending, e)
	}
}

// onceDo models once.Do(f) as holding the Once's mutex while f runs.
func (fa *fnAnalysis) onceDo(st *lockState, o *op) {
	ref := fa.r.resolve(o.recv)
	if st.isDone(ref) {
		return // its function ran on the first Do; this one returns at once
	}
	defer markDone(st, ref)
	chain := Chain{fa.hop(o.pos(), "enters "+ref.show("")+".Do")}
	fa.acquire(st, acquisition{ref: ref, mode: Once, chain: chain, pos: o.pos(), keep: true, only: fa.fieldTests(o.instr.Block()), alts: fa.altTests(o.instr.Block())})
	if args := o.site.Args(); len(args) > 1 {
		saved, savedRef := fa.inOnce, fa.onceRef
		fa.inOnce, fa.onceRef = true, ref
		fa.call(st, o.site, o.site.FuncArgs[1], args[1])
		fa.inOnce, fa.onceRef = saved, savedRef
	}
	if h, ok := st.held[ref.key()]; ok && h.mode == Once {
		delete(st.held, ref.key())
	}
}

// callHop is the hop for a call. A synthetic wrapper (a method value's bound
// function, a promoted method) is not a step a reader wrote: the hop names
// the method it wraps.
func (fa *fnAnalysis) callHop(site *callgraph.Site, callee *ssa.Function) Hop {
	target := callee
	if callee.Synthetic != "" {
		if obj, ok := callee.Object().(*types.Func); ok {
			if m := fa.fn.Prog.FuncValue(obj); m != nil {
				target = m
			}
		}
	}
	return fa.hop(site.Instr.Pos(), "calls "+fa.ps.name(target))
}

// spawnWhat begins the text of a hop that starts a goroutine.
const spawnWhat = "starts goroutine "

// spawnHop is the hop for a go statement (or a spawner call) starting callee.
func (fa *fnAnalysis) spawnHop(site *callgraph.Site, callee *ssa.Function) Hop {
	hop := fa.callHop(site, callee)
	hop.What = spawnWhat + strings.TrimPrefix(hop.What, "calls ")
	return hop
}

// hop makes a hop at pos in this function. Hops inside synthetic wrappers
// have no Func: the caller's hop replaces them (see Chain.prefixed).
func (fa *fnAnalysis) hop(pos token.Pos, what string) Hop {
	if fa.fn.Synthetic != "" {
		return Hop{Pos: fa.ps.position(pos), What: what}
	}
	return Hop{Pos: fa.ps.position(pos), Func: fa.name, What: what}
}

// callees' summaries ---------------------------------------------------------

// call applies the summaries of a site's candidate callees. fnValue is set
// when the callees are the function value passed as an argument (Once.Do's
// argument): their closure bindings come from that value.
func (fa *fnAnalysis) call(st *lockState, site *callgraph.Site, callees []*ssa.Function, fnValue ssa.Value) {
	fa.recordCallHeld(st, site, callees)
	fa.noteUnknownReleases(st, site, callees)    // mergeheld.go
	fa.doubtHeld(st, site, callees)              // doubt.go
	fa.doubtHandedOn(st, site, callees, fnValue) // doubt.go
	var every map[string]bool
	if len(callees) > 1 && fa.recording {
		every = fa.acquiredByEvery(site, callees, fnValue)
	}
	released := candidateReleases{every: len(callees) > 1}
	for _, callee := range callees {
		if fnValue == nil {
			fa.noteOwnedArgs(site, callee) // ownedcalls.go
		}
		sum := fa.ps.summary(callee)
		b := fa.bind(site, callee, fnValue)
		b.static = fnValue == nil && len(callees) == 1 && site.Instr.Common().StaticCallee() == callee
		b.guess = fnValue == nil && site.Instr.Common().IsInvoke() && sum != nil &&
			len(sum.Acquires)+len(sum.Pending)+len(sum.HeldAtExit)+len(sum.CondHeld)+len(sum.ParamCalls) > 0 &&
			!fa.ps.provenCallee(site.Instr.Common(), callee)
		released.add(sum, b)
		if sum != nil {
			hop := fa.callHop(site, callee) // (the name and position cost: only when a summary uses them)
			for _, r := range sum.Repoints {
				if ref, ok := b.ref(r); ok {
					fa.repointed(st, ref)
				}
			}
			fa.apply(st, sum, b, hop, len(callees) == 1, callee, every)
			fa.paramCalls(st, site, callee, sum, b, hop)
			fa.applyIfaceCalls(st, site, callee, sum, b, hop)
			if fa.recording {
				from := len(fa.sum.Chans)
				fa.applyChans(st, sum, b, hop)
				for i := from; i < len(fa.sum.Chans); i++ {
					if len(callees) == 1 && fa.sum.Chans[i].NilIf != 0 && len(fa.sum.Chans[i].Chain) == 2 {
						fa.sum.Chans[i].call = site.Instr
					}
				}
				fa.applyFuncUses(st, site, sum, b, false)
			}
		}
	}
	for _, ref := range released.refs {
		ref, view := ref.readView()
		fa.release(st, ref, view)
	}
	fa.doubtSpawners(st, site, callees) // doubt.go
	if fnValue == nil {
		fa.recordFuncUse(site, false)
		fa.recordIfaceCall(st, site)
		fa.fmtCalls(st, site)
	}
	// Direct calls of a function-typed parameter: callers know what it is.
	if c := site.Instr.Common(); fa.recording && !c.IsInvoke() && fnValue == nil {
		if p, ok := c.Value.(*ssa.Parameter); ok {
			fa.sum.ParamCalls = append(fa.sum.ParamCalls, ParamCall{Index: paramIndex(fa.fn, p),
				Held: heldAcquires(st), After: st.releasedRefs(), Chain: Chain{fa.hop(site.Instr.Pos(), "calls "+p.Name())}})
		}
	}
}

// apply brings a callee's summary into this function's frame at one call.
// State effects (releases, locks left held) are applied only when the callee
// is certain; for a dynamic call with several candidates only acquisitions,
// which can deadlock whichever candidate runs, are checked.
//
// every, for a call with several candidates, holds the locks each of them
// acquires for certain: the others are acquired only if that candidate is
// the one that runs, which nothing here witnesses, so they order locks but
// conflict with none (the acquisition is unsure).
func (fa *fnAnalysis) apply(st *lockState, sum *Summary, b *binding, hop Hop, certain bool, callee *ssa.Function, every map[string]bool) {
	if fa.recording {
		fa.applyAcquires(st, sum, b, hop, every)
	}
	if !certain {
		return
	}
	for _, r := range sum.Releases {
		if ref, ok := b.ref(r); ok {
			ref, view := ref.readView()
			fa.release(st, ref, view)
		}
	}
	for _, a := range sum.CondHeld {
		if ref, mode, ok := b.acquire(a); ok {
			if _, already := st.held[ref.key()]; !already {
				var tests []condTest
				for _, t := range a.Tests {
					if t.Index < len(b.results) && b.results[t.Index] != nil {
						tests = append(tests, condTest{b.results[t.Index], t.Kind})
					}
				}
				st.held[ref.key()] = heldLock{ref: ref, mode: mode, local: true, chain: a.Chain.prefixed(hop), pos: b.pos, condOf: callee, tests: tests, untold: len(a.Tests) == 0,
					guess: a.Guess || b.guess}
			}
		}
	}
	for _, r := range sum.OncesDone {
		if ref, ok := b.ref(r); ok {
			markDone(st, ref)
		}
	}
	for _, a := range sum.HeldAtExit {
		if len(a.Guards) > 0 { // held for the callers that ask (keeplocked.go)
			if happens, known, _ := fa.decideGuards(a.Guards, b, st); !known || !happens {
				continue
			}
		}
		if ref, mode, ok := b.acquire(a); ok {
			if _, already := st.held[ref.key()]; !already {
				h := heldLock{ref: ref, mode: mode, must: true, local: true, chain: a.Chain.prefixed(hop), pos: b.pos, guess: a.Guess || b.guess}
				if b.static {
					h.own = heldName(ref)
				}
				st.held[ref.key()] = h
			}
		}
	}
}

// applyAcquires checks a callee's acquisitions against the lockset and files
// its pending lock-order edges, in this frame.
func (fa *fnAnalysis) applyAcquires(st *lockState, sum *Summary, b *binding, hop Hop, every map[string]bool) {
	// The tests that dominate the call dominate what the callee acquires
	// there (fieldTests), as they do a Lock of this function's own.
	var siteTests []FieldTest
	var siteAlts [][]FieldTest
	if b.call != nil && len(sum.Acquires)+len(sum.Overflow) > 0 {
		siteTests, siteAlts = fa.fieldTests(b.call.Block()), fa.altTests(b.call.Block())
	}
	fa.notePrivateCall(sum, b)
	apply := func(a Acquire, overflow bool) {
		happens, known, pass := fa.decideGuards(a.Guards, b, st)
		if known && !happens || fa.ruledOut(a.Only, b) || fa.allRuledOut(a.Alts, b) {
			return // the call site's argument, or its store into a tested field, rules it out
		}
		once, done := fa.onceOf(st, a.Once, b)
		if done {
			return // inside a Do of a Once already done: its function does not run again
		}
		if ref, mode, ok := b.acquire(a); ok {
			acq := acquisition{ref: ref, mode: mode, chain: a.Chain, via: &hop, after: b.refs(a.After), pos: b.pos,
				maybe: a.Maybe, unsure: a.Maybe || !known, overflow: overflow, guess: a.Guess || b.guess, once: once}
			if every != nil && !every[ref.key()] {
				acq.maybe, acq.unsure = true, true
			}
			acq.must = b.static && every == nil && !overflow && a.Must && unconditional(a)
			acq.only = append(forwardTests(a.Only, b, fa.fn), siteTests...)
			if acq.alts = forwardAlts(a.Alts, b, fa.fn); acq.alts == nil {
				acq.alts = siteAlts
			}
			switch {
			case pass != nil:
				acq.guards = pass
			case !known:
				acq.guards, acq.maybe = fa.paramGuards(st), true
			default:
				acq.guards = fa.paramGuards(st)
			}
			fa.acquire(st, acq)
		} else {
			fa.noteUnbound()
		}
	}
	for _, a := range sum.Acquires {
		apply(a, false)
	}
	for _, a := range sum.Overflow {
		apply(a, true)
	}
	for _, e := range sum.Pending {
		from, ok1 := b.ref(e.From)
		to, ok2 := b.ref(e.To)
		if !ok1 || !ok2 || fa.owned(from) || fa.owned(to) {
			continue
		}
		e.From, e.To = from, to
		e.Guess = e.Guess || b.guess
		e.FromChain, e.ToChain = e.FromChain.prefixed(hop), e.ToChain.prefixed(hop)
		e.Func, e.Pos = fa.name, fa.ps.position(b.pos)
		fa.rewriteGates(b, &e)
		keys, refs := fa.edgeGates(st.sortedHeld(), "")
		e.Gates, e.GateRefs = append(e.Gates, keys...), append(e.GateRefs, refs...)
		fa.addEdge(e)
	}
}

// acquiredByEvery returns the locks that every candidate of a dynamic call
// acquires for certain (no guard, not maybe), as the call site names them.
func (fa *fnAnalysis) acquiredByEvery(site *callgraph.Site, callees []*ssa.Function, fnValue ssa.Value) map[string]bool {
	var every map[string]bool
	for _, callee := range callees {
		sum := fa.ps.summary(callee)
		if sum == nil {
			return map[string]bool{}
		}
		b := fa.bind(site, callee, fnValue)
		mine := make(map[string]bool)
		for _, a := range sum.Acquires {
			if a.Maybe || len(a.Guards) > 0 {
				continue
			}
			if ref, _, ok := b.acquire(a); ok && (every == nil || every[ref.key()]) {
				mine[ref.key()] = true
			}
		}
		every = mine
	}
	return every
}

// candidateReleases gathers, at a call of a captured function value with
// several candidates, the releases of each candidate as a release of that
// candidate's own captured variables (`unlock := mu.RUnlock; defer func()
// { unlock() }(); ...; mu.Lock(); unlock = mu.Unlock`: the deferred
// closure releases the receiver of RUnlock's method value, or that of
// Unlock's). Where the closure is made, each names the variable of the one
// function value stored in the cell under that name (resolveCalleePath),
// and a name no value stored there has is dropped: so mu is released
// whichever of the two the cell holds, where apply, which leaves the
// releases of several candidates out, would keep it held past the call.
// Every candidate must release: one that does not may be the value the
// cell holds on the way out (`unlock = func() {}` keeps the lock). The
// releases are applied after every candidate's acquisitions are.
type candidateReleases struct {
	every bool  // still true: every candidate so far releases, by its own variables
	refs  []Ref // their releases, as the call site names them
}

// add takes one candidate's summary and binding.
func (c *candidateReleases) add(sum *Summary, b *binding) {
	if !c.every {
		return
	}
	if sum == nil || len(sum.Releases) == 0 || b.fnRef == nil {
		c.every, c.refs = false, nil // one that releases nothing, or variables not told apart
		return
	}
	for _, r := range sum.Releases {
		if ref, ok := b.ref(r); ok {
			c.refs = append(c.refs, ref)
		}
	}
}

// paramCalls applies, for each function-typed parameter the callee calls
// with locks held, the acquisitions of the functions this site passes there.
func (fa *fnAnalysis) paramCalls(st *lockState, site *callgraph.Site, callee *ssa.Function, sum *Summary, b *binding, hop Hop) {
	if !fa.recording {
		return
	}
	args := site.Args()
	for _, pc := range sum.ParamCalls {
		if pc.Index >= len(args) {
			continue
		}
		inner := st.copy()
		for _, r := range b.refs(pc.After) {
			delete(inner.held, r.key())
		}
		for _, h := range pc.Held {
			if ref, ok := b.ref(h.Ref); ok {
				inner.held[ref.key()] = heldLock{ref: ref, mode: h.Mode, must: true, chain: h.Chain.prefixed(hop), pos: b.pos, guess: h.Guess || b.guess}
			}
		}
		arg := args[pc.Index]
		if p, ok := arg.(*ssa.Parameter); ok {
			// Passed through: our own caller decides what runs.
			fa.sum.ParamCalls = append(fa.sum.ParamCalls, ParamCall{Index: paramIndex(fa.fn, p),
				Held: heldAcquires(inner), After: inner.releasedRefs(), Chain: pc.Chain.prefixed(hop)})
			continue
		}
		for _, fn := range site.FuncArgs[pc.Index] {
			fsum := fa.ps.summary(fn)
			if fsum == nil {
				continue
			}
			fb := fa.bind(site, fn, arg)
			fb.guess = b.guess // run by a callee that may not be the one called
			fhop := fa.hop(site.Instr.Pos(), "passes "+funcName(fn)+", which "+funcName(callee)+" calls")
			fa.apply(inner, &Summary{Acquires: fsum.Acquires, Overflow: fsum.Overflow, Pending: fsum.Pending}, fb, fhop, false, fn, nil)
			fa.applyChans(inner, fsum, fb, fhop) // the callee runs it here, in this goroutine
		}
	}
}

// spawn handles a go statement (or a library spawner): the new goroutine's
// acquisitions do not happen under this goroutine's locks, but edges inside it
// that were waiting for a class may be resolved with this frame's values.
func (fa *fnAnalysis) spawn(st *lockState, site *callgraph.Site, callees []*ssa.Function, fnValue ssa.Value) {
	if fnValue == nil {
		fa.recordFuncUse(site, true)
	}
	for _, callee := range callees {
		sum := fa.ps.summary(callee)
		if sum == nil {
			continue
		}
		b := fa.bind(site, callee, fnValue)
		// A goroutine that unlocks a lock this one holds is a hand-off (a
		// mutex used as a signal): from here on the lock may be released.
		for _, r := range sum.Releases {
			if ref, ok := b.ref(r); ok {
				ref, _ = ref.readView()
				if k, held := fa.heldAs(st, ref); held {
					h := st.held[k]
					h.must = false
					st.held[k] = h
				}
			}
		}
		if !fa.recording {
			continue
		}
		fa.spawnChans(site, callee, sum, b)
		fa.applyFuncUses(st, site, sum, b, true)
		if len(sum.Pending) == 0 {
			continue
		}
		fa.inst.spawning = true
		fa.apply(newLockState(), &Summary{Pending: sum.Pending}, b, fa.spawnHop(site, callee), false, callee, nil)
		fa.inst.spawning = false
	}
}

// heldAs returns the key of the held lock a callee's lock ref is, in this
// frame: the lock of that key, or one this function locked through a field
// of an object it made, whose only store is the mutex ref names (`t :=
// &T{mu: new(sync.Mutex)}; t.mu.Lock()` is held as t.mu, and a binding of
// the field, t captured or not, reads through to the new(sync.Mutex)).
func (fa *fnAnalysis) heldAs(st *lockState, ref Ref) (string, bool) {
	if _, ok := st.held[ref.key()]; ok {
		return ref.key(), true
	}
	for _, h := range st.sortedHeld() {
		o := fa.lockOpAt(h.pos)
		if o == nil {
			continue
		}
		load, ok := o.recv.(*ssa.UnOp)
		if !ok || load.Op != token.MUL {
			continue
		}
		addr, ok := load.X.(*ssa.FieldAddr)
		if !ok {
			continue
		}
		v, path := addr.X, []string{fieldName(addr.X.Type(), addr.Field)}
		if cell, ok := v.(*ssa.UnOp); ok && cell.Op == token.MUL {
			if a, ok := cell.X.(*ssa.Alloc); ok { // a variable a closure captures
				v, path = a, []string{"*", path[0]}
			}
		}
		if fa.r.resolvePath(v, path).key() == ref.key() {
			return h.ref.key(), true
		}
	}
	return "", false
}

func heldAcquires(st *lockState) []Acquire {
	var out []Acquire
	for _, h := range st.sortedHeld() {
		if h.must {
			out = append(out, Acquire{Ref: h.ref, Mode: h.mode, Chain: h.chain, Guess: h.guess})
		}
	}
	return out
}

func paramIndex(fn *ssa.Function, p *ssa.Parameter) int {
	for i, q := range fn.Params {
		if q == p {
			return i
		}
	}
	return -1
}

// ownLock returns, for a method call of a lock's own Lock or RLock (sync's,
// the hook's) written in this function, the name the call gives the lock:
// its receiver as a chain of fields and loads from a parameter, a captured
// variable, a global or a local allocation (s.mu, s.inner.mu, mu). It
// returns "" for anything else: a call of a function value, a bound method
// value or a factory's locker the model resolves to a Lock, a sync.Locker
// interface, a receiver computed by a call or chosen by a branch. Two
// acquisitions with the same non-empty name are the same lock by the
// function's own code, with no alias or summary in between.
func ownLock(instr ssa.Instruction) string {
	call, ok := instr.(*ssa.Call)
	if !ok || call.Common().IsInvoke() || len(call.Common().Args) == 0 {
		return ""
	}
	name, _ := calleeName(call.Common())
	if op := syncAPI[name].op; op != OpLock && op != OpRLock {
		return ""
	}
	return receiverName(call.Common().Args[0])
}

// receiverName is ownLock's name of a receiver.
func receiverName(v ssa.Value) string {
	switch v := v.(type) {
	case *ssa.Parameter, *ssa.FreeVar, *ssa.Alloc:
		return v.Name()
	case *ssa.Global:
		return v.String()
	case *ssa.FieldAddr:
		if x := receiverName(v.X); x != "" {
			return x + "." + strconv.Itoa(v.Field)
		}
	case *ssa.UnOp:
		if x := receiverName(v.X); x != "" && v.Op == token.MUL {
			return x + "*"
		}
	}
	return ""
}
