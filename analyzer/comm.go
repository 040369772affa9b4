package analyzer

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/awaitvet/awaitvet/callgraph"
	"golang.org/x/tools/go/ssa"
)

// A ChanOp is a channel operation a goroutine performs, in the frame of the
// function being summarised: directly, or in a function it calls. The flags
// say how it can be counted on: the checks compare what senders may send
// with what receivers certainly receive.
type ChanOp struct {
	Kind        OpKind // OpSend, OpRecv, OpClose, or OpSelect for a select with no cases
	Ref         Ref
	Chain       Chain
	Always      bool  // runs on every path of its goroutine that returns
	Loop        bool  // may run many times
	Alt         bool  // a case of a select with other cases: the goroutine may leave by another
	NonBlocking bool  // a case of a select with a default: never waits
	Drain       bool  // a receive loop that runs until the channel is closed (range)
	EarlyExit   bool  // in a loop that can be left before the channel is drained (break, return)
	Delta       int   // for WaitGroup.Add: the constant added, -1 when not a constant
	Held        []Ref // locks certainly held at the operation
	Shared      []Ref // of Held, those held for reading only (RLock)
	Deferred    bool  // in a deferred call: happens only when the goroutine returns
	// Once, for an operation of the function a Once.Do runs: that Once,
	// when this frame can name it (at most one: the innermost). Every
	// goroutine that reaches the operation through the same Once runs it
	// at most once in all.
	Once []Ref
	// Select identifies the select statement of a case (selectID: its line
	// and column; 0 for no select): with the chain's hops before the last,
	// it tells the cases of one select run apart from others'. Not its byte
	// offset: summaries travel in facts, and an edit that keeps the lines
	// (a longer comment) must leave the facts, and so the importers' cached
	// results, unchanged.
	// Cases is how many cases it has (some may be on channels no summary
	// keeps, such as a callee's ctx.Done()).
	Select, Cases int
	// NilIf, for a send that is a case of a select: the function returns a
	// nil error as result NilIf-1 only on paths through this case (an
	// Acquire(ctx) that returns ctx.Err() when the other case wins), or,
	// when negative, true as boolean result -NilIf-1 (a TryAcquire that
	// returns false when the other case wins, or its select's default
	// runs). A caller that goes on only
	// when that result is nil (true) has sent. 0: no such result.
	NilIf int
	// UntilClosed, for a receive that is a case of a select in a loop: the
	// loop sets the case's channel variable to nil when the receive
	// reports the channel closed (`case v, ok := <-a: if !ok { a = nil;
	// continue }`, see untilClosed), or it is left only when the receive
	// reports it closed, the other cases going round again (a ticker) or
	// never ready (leavesOnlyFrom): the case receives every value until
	// the close, as a range would.
	UntilClosed bool
	// OnlyWayOut, for a receive that is a case of a select in a loop:
	// every way from the select to a return of the function passes
	// through this case's body (or there is none), so the other cases
	// only go round again and the receive happens before the function
	// leaves (see creditExitCases, which counts it so in the function's
	// own paths).
	OnlyWayOut bool
	// CountedExit, for a receive that is a case of a select in a loop:
	// the loop is left only by its header's test of how many values this
	// case received (countedexit.go), a counted receive loop written as a
	// select.
	CountedExit bool
	// Bounded, for an operation in a loop: the loop is the only one that
	// holds it, and a test of a counter against a bound the function does
	// not fix (for i := 0; i < n; i++, a range over a slice of any length)
	// ends it. How many turns it runs is the caller's business: not "as
	// many as it takes".
	Bounded bool

	// Where the operation happens in this function, for ordering it against
	// the goroutines it starts (not stored in facts).
	block *ssa.BasicBlock
	seq   int
	// call is the call that brought a callee's NilIf case into this frame.
	call ssa.CallInstruction
	// checked, for a Cond.Wait of this function's own: it runs only under
	// a branch whose condition was read with a lock held, and kept, until
	// the Wait (see checkedUnderLock).
	checked bool
	// onExit, for a callee's operation brought in by a deferred call this
	// function registered on every path to the return it runs at: the
	// callee does it on every path, once (defer func() { close(ch) }()).
	onExit bool
}

// A ChanCount bounds how often a goroutine sends on and receives from one
// channel over its paths that return: the fewest it certainly does and the
// most it may do. Operations in loops count as unbounded (inf); select cases
// with alternatives and non-blocking cases are not counted (the goroutine
// can always leave by another case).
type ChanCount struct {
	Ref                                Ref
	MinSend, MaxSend, MinRecv, MaxRecv int
	MinClose                           int // closes certain to happen
	MinAdd, MaxAdd, MinDone, MaxDone   int // WaitGroup counts (MaxAdd inf when an Add is not constant)
	// MaxNet bounds, over the paths, the Dones beyond the goroutine's own
	// Adds on the same path (Dones minus Adds; inf for a Done in a loop).
	// A goroutine that adds for itself before its Done (Add(1); defer
	// Done()) has MaxNet 0 even when an early return does neither: it is
	// not counted by anyone else's Add.
	MaxNet int
}

// A Spawn is a goroutine a function starts, directly or through calls, with
// the goroutine's channel operations in the spawner's frame.
type Spawn struct {
	Chain  Chain // to the go statement
	Ops    []ChanOp
	Counts []ChanCount
	// OneSend: pairs of channels over which the goroutine sends at most
	// once in all (Summary.OneSend), in the starter's terms.
	OneSend [][2]Ref
	// Forwards: pairs of channels over which the goroutine sends on the
	// first at most once per value it receives from the second
	// (Summary.Forwards), in the starter's terms.
	Forwards [][2]Ref
	Loop     bool // started in a loop: any number of goroutines
	Trips    int  // when started in a counted loop, how many (0: unknown)
	Always   bool // started on every path
	// Excl groups goroutines started on exclusive paths: of the spawns of
	// one summary with the same nonzero Excl, at most one starts per call
	// (a handler that starts one replier or another, by its argument).
	Excl int
	// CountedBy holds the WaitGroups that count the goroutine implicitly
	// (WaitGroup.Go).
	CountedBy []Ref
	Locks     []string // classes of the locks the goroutine acquires

	fn string // the function started, when started here (not in facts)
	// afterDone are the classes of Locks the goroutine takes only after a
	// WaitGroup.Done of its own that runs first on every path to each
	// acquisition: a Wait on that group does not wait for them. Known only
	// when started here (not in facts).
	afterDone []string
	// body, bound and acqs, for this function's own checks (dropped when
	// they are done, never in facts): the function started here, its
	// binding to this frame (correlated.go), and its acquisitions in this
	// frame's terms (partnerlocks.go; nil when not recorded). All nil for a
	// goroutine a callee starts.
	body  *ssa.Function
	bound *binding
	acqs  []partnerAcq
}

// dropChecking forgets what the spawns kept for this function's own checks,
// so that the summary other functions read does not hold on to them.
func (s *Summary) dropChecking() {
	for i := range s.Spawns {
		s.Spawns[i].body, s.Spawns[i].bound, s.Spawns[i].acqs = nil, nil, nil
	}
}

const (
	maxChanOps = 48
	maxCounts  = 64
	maxSpawns  = 16
)

// recordChan records one of this function's own channel operations.
func (fa *fnAnalysis) recordChan(st *lockState, o *op) {
	b := fa.block
	base := ChanOp{Always: fa.blocks.always[b], Loop: fa.blocks.loop[b], EarlyExit: fa.blocks.earlyExit[b]}
	base.Bounded = fa.blocks.over[b] != nil && onlyLoop(b, fa.blocks.bodies) != nil
	base.Held, base.Shared = fa.heldAtOp(st)
	switch o.kind {
	case OpWGAdd, OpWGDone, OpWGWait, OpCondWait, OpCondSignal, OpCondBroadcast:
		c := base
		c.Kind, c.Ref = o.kind, fa.r.resolve(o.recv)
		c.Delta = 1
		if o.kind == OpWGAdd {
			c.Delta = -1
			if args := o.instr.(ssa.CallInstruction).Common().Args; len(args) > 1 {
				if k, ok := args[1].(*ssa.Const); ok && k.Value != nil {
					if n, ok := constant.Int64Val(k.Value); ok && n >= 0 && n < inf {
						c.Delta = int(n)
					}
				}
			}
		}
		c.Chain = Chain{fa.hop(o.pos(), "calls "+c.Ref.show("")+"."+o.kind.String()[strings.Index(o.kind.String(), ".")+1:])}
		if o.kind == OpCondWait {
			c.checked = fa.checkedUnderLock(st, o)
		}
		fa.addOp(c)
	case OpSend:
		c := base
		c.Kind, c.Ref = OpSend, fa.chanRef(o.recv)
		c.Chain = Chain{fa.hop(o.pos(), "sends on "+c.Ref.show(""))}
		fa.addOp(c)
		fa.checkNil(o, c)
	case OpRecv:
		c := base
		c.Kind, c.Ref = OpRecv, fa.chanRef(o.recv)
		u := o.instr.(*ssa.UnOp)
		c.Drain = u.CommaOk && c.Loop
		if c.Drain && c.EarlyExit && countedRange(b) {
			c.EarlyExit = false // left only on a count of what it took (rangeexit.go)
		}
		verb := "receives from "
		switch {
		case c.Drain && u.Block().Comment == "rangechan.loop":
			verb = "ranges over "
		case c.Drain:
			// v, ok := <-ch in a loop: a range written out, which the
			// chain should not call one
			verb = "receives in a loop from "
		}
		c.Chain = Chain{fa.hop(o.pos(), verb+c.Ref.show(""))}
		fa.addOp(c)
		fa.checkNil(o, c)
	case OpClose:
		c := base
		c.Kind, c.Ref = OpClose, fa.chanRef(nonNilSource(o.recv))
		c.Chain = Chain{fa.hop(o.pos(), "closes "+c.Ref.show(""))}
		fa.addOp(c)
		// A close of one of several channels (phi(a, b)) may close each:
		// no claim that nothing closes a or b rests on it, and no count
		// takes it as certain (an Alt op adds no weight).
		if srcs := phiSources(o.recv); len(srcs) > 1 {
			for _, src := range srcs {
				m := base
				m.Kind, m.Ref, m.Alt = OpClose, fa.chanRef(src), true
				m.Chain = Chain{fa.hop(o.pos(), "may close "+m.Ref.show(""))}
				fa.addOp(m)
			}
		}
	case OpSelect:
		sel := o.instr.(*ssa.Select)
		if len(sel.States) == 0 && sel.Blocking {
			c := base
			c.Kind = OpSelect
			c.Chain = Chain{fa.hop(o.pos(), "blocks in select {}")}
			fa.sum.Chans = append(fa.sum.Chans, c)
			return
		}
		cases, skip := fa.liveCases(sel) // ctxorigin.go
		for i, state := range sel.States {
			if skip[i] {
				continue
			}
			c := base
			c.Ref = fa.chanRef(state.Chan)
			c.Alt = cases > 1
			c.NonBlocking = !sel.Blocking
			c.Select, c.Cases = selectID(fa.ps.position(sel.Pos())), cases
			pos := state.Pos
			if !pos.IsValid() {
				pos = sel.Pos()
			}
			if state.Dir == types.SendOnly {
				c.Kind = OpSend
				if c.Alt && sel.Blocking || !sel.Blocking && cases == 1 {
					// (a select of one case and a default sends only
					// through that case: TryAcquire's true)
					c.NilIf = fa.nilOnlyThrough(sel, i)
				}
				c.Chain = Chain{fa.hop(pos, "sends on "+c.Ref.show("")+" in a select")}
			} else {
				c.Kind = OpRecv
				closed := closedBranch(sel, i)
				c.UntilClosed = c.Loop && untilClosed(sel, i, closed)
				// (the one case that can be chosen, its other cases never
				// ready, and a test of whether it reported the channel
				// closed: a range over the channel, as a plain receive's)
				if sel.Blocking && c.Loop && closed != nil {
					var dead []*ssa.BasicBlock // the bodies of the cases never ready
					for j := range sel.States {
						if iff := caseBranch(sel, j); skip[j] && iff != nil {
							dead = append(dead, iff.Block().Succs[0])
						}
					}
					if fa.leavesOnlyFrom(sel.Block(), append(dead, closed)) {
						// the loop is left only once the channel is closed (the
						// other cases, if any can be chosen, go round again): it
						// receives every value sent before the close
						c.EarlyExit, c.UntilClosed = false, true
						c.Drain = !c.Alt // the one case: a range, as a plain receive's
					}
				}
				c.OnlyWayOut = c.Loop && fa.onlyWayOut(sel, i)
				c.CountedExit = c.Loop && !c.EarlyExit && fa.countedExit(sel, i)
				c.Chain = Chain{fa.hop(pos, "receives from "+c.Ref.show("")+" in a select")}
			}
			fa.addOp(c)
		}
	}
}

// chanRef names a channel value; the read/write views of a channel
// (conversions to <-chan T) name the same channel.
func (fa *fnAnalysis) chanRef(v ssa.Value) Ref {
	return fa.r.resolve(chanOperand(v))
}

// heldAtOp lists the locks an operation made in state st is recorded as
// holding (ChanOp.Held), and of those the ones held for reading only
// (ChanOp.Shared): the locks certainly held, but not a Once's, and not one
// no other goroutine can reach yet, which makes no one wait (owner.go).
func (fa *fnAnalysis) heldAtOp(st *lockState) (held, shared []Ref) {
	for _, h := range st.sortedHeld() {
		if h.must && h.mode != Once && !fa.owned(h.ref) {
			held = append(held, h.ref)
			if h.mode == Read {
				shared = append(shared, h.ref)
			}
		}
	}
	return held, shared
}

// applyChans brings a synchronously called callee's channel operations and
// the goroutines it starts into this frame.
func (fa *fnAnalysis) applyChans(st *lockState, sum *Summary, b *binding, hop Hop) {
	always, loop := fa.blocks.always[fa.block], fa.blocks.loop[fa.block]
	held, shared := fa.heldAtOp(st)
	for _, c := range sum.Chans {
		if !c.Ref.rewritable() && c.Kind != OpSelect {
			continue // the callee's own or a global channel: not this frame's business
		}
		if r, ok := b.ref(c.Ref); ok && !r.Inexact || c.Kind == OpSelect {
			c.Ref = r
			c.Chain = c.Chain.prefixed(hop)
			c.onExit = fa.deferring && !fa.maybeRun && c.Always && !c.Loop && !fa.inOnce
			c.Always = c.Always && always && !fa.inOnce
			c.Loop = c.Loop || loop
			c.Held = append(b.refs(c.Held), held...)
			c.Shared = append(b.refs(c.Shared), shared...)
			c.Once = b.refs(c.Once)
			if fa.inOnce && len(c.Once) == 0 {
				c.Once = []Ref{fa.onceRef}
			}
			c.Deferred = c.Deferred || fa.deferring // a deferred callee's: on the way out (as addOp)
			c.block, c.seq = fa.block, fa.nextSeq()
			fa.sum.Chans = append(fa.sum.Chans, c)
		}
	}
	counts := fa.countsAt(sum, b, st)
	if fa.inOnce {
		// Once.Do runs its function on the first call only: none of what
		// it does is certain at this one.
		counts = slices.Clone(counts)
		for i := range counts {
			n := &counts[i]
			n.MinSend, n.MinRecv, n.MinClose, n.MinAdd, n.MinDone = 0, 0, 0, 0, 0
		}
	}
	if edges := fa.resultSides(sum, b, st, counts, loop); edges != nil {
		for i, side := range edges {
			for _, n := range rewriteCounts(side, b) {
				fa.addEdgeWeight(n, fa.block, fa.block.Succs[i])
			}
		}
	} else {
		for _, n := range rewriteCounts(counts, b) {
			fa.addWeight(n, loop)
		}
	}
	fa.calls++
	for _, s := range sum.Spawns {
		fa.startedHere(s.Loop)
		fa.spawnFrom[len(fa.spawnFrom)-1] = spawnOrigin{call: fa.calls, excl: s.Excl}
		fa.sum.Spawns = append(fa.sum.Spawns, Spawn{Chain: s.Chain.prefixed(hop), Ops: rewriteOps(s.Ops, b),
			Counts: rewriteCounts(s.Counts, b), OneSend: rewritePairs(s.OneSend, b), Forwards: rewritePairs(s.Forwards, b), Loop: s.Loop || loop, Always: s.Always && always})
	}
}

// spawnChans records a goroutine started here: its operations (and those of
// goroutines it starts in turn) become a Spawn in this frame.
func (fa *fnAnalysis) spawnChans(site *callgraph.Site, callee *ssa.Function, sum *Summary, b *binding) {
	hop := fa.spawnHop(site, callee)
	always, loop := fa.blocks.always[fa.block], fa.blocks.loop[fa.block]
	ops := rewriteOps(sum.Chans, b)
	for i := range ops {
		ops[i].Chain = ops[i].Chain.prefixed(hop)
	}
	var locks []string
	for _, a := range sum.Acquires {
		// A lock inside an object the goroutine allocates itself (a Ref
		// based at an allocation of its own frames) is a new lock, not
		// one its starter already holds: of the same class, never the
		// same instance (ownership, owner.go). Nor is a lock of a value
		// the goroutine's object wraps behind an interface (wraps.go).
		if a.Ref.Base == BaseAlloc || throughWrapped(callee, a.Ref) {
			continue
		}
		if r, ok := b.ref(a.Ref); ok && r.Class.known() {
			locks = append(locks, r.Class.Key)
		}
	}
	fa.noteGoroutineLocks(sum, b)
	fa.startedHere(false)
	fa.sum.Spawns = append(fa.sum.Spawns, Spawn{Chain: Chain{hop}, Ops: ops, Counts: rewriteCounts(fa.countsAt(sum, b, nil), b),
		OneSend: rewritePairs(sum.OneSend, b), Forwards: rewritePairs(sum.Forwards, b), Loop: loop,
		Trips: fa.blocks.trips[fa.block], Always: always, Locks: locks, fn: fa.ps.name(callee), afterDone: fa.ps.locksAfterDone(callee, sum, b),
		body: callee, bound: b, acqs: fa.partnerAcqs(callee, sum, b)})
	fa.calls++
	for _, s := range sum.Spawns {
		fa.startedHere(s.Loop)
		fa.spawnFrom[len(fa.spawnFrom)-1] = spawnOrigin{call: fa.calls, excl: s.Excl}
		fa.sum.Spawns = append(fa.sum.Spawns, Spawn{Chain: s.Chain.prefixed(hop), Ops: rewriteOps(s.Ops, b),
			Counts: rewriteCounts(s.Counts, b), OneSend: rewritePairs(s.OneSend, b), Forwards: rewritePairs(s.Forwards, b), Loop: s.Loop || loop, Always: s.Always && always})
	}
}

// startedHere records where the next of sum.Spawns is started: in the
// current block, after what was recorded so far; many when the callee
// that starts it may start any number of them per call.
func (fa *fnAnalysis) startedHere(many bool) {
	fa.spawnAt, fa.spawnSeq = append(fa.spawnAt, fa.block), append(fa.spawnSeq, fa.nextSeq())
	fa.spawnMany = append(fa.spawnMany, many)
	fa.spawnFrom = append(fa.spawnFrom, spawnOrigin{})
}

// rewritePairs rewrites pairs of channel Refs into the caller's frame,
// dropping those it cannot name.
func rewritePairs(pairs [][2]Ref, b *binding) [][2]Ref {
	var out [][2]Ref
	for _, p := range pairs {
		x, ok1 := b.ref(p[0])
		y, ok2 := b.ref(p[1])
		if ok1 && ok2 && !x.Inexact && !y.Inexact && x.key() != y.key() {
			out = append(out, [2]Ref{x, y})
		}
	}
	return out
}

func rewriteCounts(counts []ChanCount, b *binding) []ChanCount {
	var out []ChanCount
	for _, n := range counts {
		if !n.Ref.rewritable() {
			continue
		}
		if r, ok := b.ref(n.Ref); ok && !r.Inexact {
			n.Ref = r
			out = append(out, n)
		}
	}
	return out
}

func rewriteOps(ops []ChanOp, b *binding) []ChanOp {
	var out []ChanOp
	for _, c := range ops {
		if !c.Ref.rewritable() && c.Ref.Base != BaseAlloc && c.Kind != OpSelect {
			continue // a global channel the goroutine uses: not this frame's business
		}
		if r, ok := b.ref(c.Ref); ok && !r.Inexact || c.Kind == OpSelect {
			c.Ref = r
			c.Held, c.Shared, c.Once = b.refs(c.Held), b.refs(c.Shared), b.refs(c.Once)
			out = append(out, c)
		}
	}
	return out
}

// normalizeChans bounds the channel part of a summary. Operations on a
// channel only this function can name (made here, never passed out) are
// kept for this function's own checks and dropped before export.
func normalizeChans(s *Summary) {
	// The function's own operations first: limits drop inherited ones.
	sort.SliceStable(s.Chans, func(i, j int) bool { return len(s.Chans[i].Chain) == 1 && len(s.Chans[j].Chain) != 1 })
	sort.SliceStable(s.Spawns, func(i, j int) bool { return len(s.Spawns[i].Chain) == 1 && len(s.Spawns[j].Chain) != 1 })
	s.Chans = capOps(s, s.Chans, maxChanOps)
	s.Counts = capCounts(s, s.Counts, maxCounts)
	if len(s.Spawns) > maxSpawns {
		for _, sp := range s.Spawns[maxSpawns:] {
			capOps(s, sp.Ops, 0)
			capCounts(s, sp.Counts, 0)
		}
		s.Spawns = s.Spawns[:maxSpawns]
	}
	for i := range s.Spawns {
		s.Spawns[i].Ops = capOps(s, s.Spawns[i].Ops, maxChanOps)
		s.Spawns[i].Counts = capCounts(s, s.Spawns[i].Counts, maxCounts)
	}
}

// capOps and capCounts keep at most n entries. What they drop on a caller's
// channel would make the caller believe nobody sends or receives there, so
// the parameters and captured variables those entries name are marked as
// escaping instead: out of the caller's sight, never reported on.
func capOps(s *Summary, ops []ChanOp, n int) []ChanOp {
	return capEscaping(s, ops, n, func(c ChanOp) Ref { return c.Ref })
}

func capCounts(s *Summary, counts []ChanCount, n int) []ChanCount {
	return capEscaping(s, counts, n, func(c ChanCount) Ref { return c.Ref })
}

func capEscaping[T any](s *Summary, xs []T, n int, ref func(T) Ref) []T {
	if len(xs) <= n {
		return xs
	}
	for _, x := range xs[n:] {
		s.escape(ref(x))
	}
	return xs[:n]
}

func (s *Summary) escape(r Ref) {
	switch {
	case r.Base == BaseParam && !slices.Contains(s.ParamEscapes, r.Index):
		s.ParamEscapes = append(s.ParamEscapes, r.Index)
		slices.Sort(s.ParamEscapes)
	case r.Base == BaseFree && !slices.Contains(s.FreeEscapes, r.Index):
		s.FreeEscapes = append(s.FreeEscapes, r.Index)
		slices.Sort(s.FreeEscapes)
	}
}

// exportable reports whether a channel operation means something to a caller.
func (c ChanOp) exportable() bool {
	return c.Kind == OpSelect || c.Ref.rewritable() || c.Ref.Base == BaseGlobal
}

// posOf is the position of a chain's last hop, if it is in this package, else
// of its first: where to report an operation.
func (ps *passState) posOf(ch Chain) token.Pos {
	if len(ch) == 0 {
		return token.NoPos
	}
	if p, ok := ps.tokenPos(ch[len(ch)-1].Pos); ok {
		return p
	}
	p, _ := ps.tokenPos(ch[0].Pos)
	return p
}

// addOp records one of this function's own channel operations and its
// weight in the block it is in.
func (fa *fnAnalysis) addOp(c ChanOp) {
	c.block, c.seq = fa.block, fa.nextSeq()
	c.Deferred = c.Deferred || fa.deferring
	fa.sum.Chans = append(fa.sum.Chans, c)
	if c.Alt || c.NonBlocking {
		return
	}
	n := ChanCount{Ref: c.Ref}
	switch c.Kind {
	case OpClose:
		n.MinClose = 1
		fa.addWeight(n, false)
		return
	case OpWGAdd:
		if c.Delta < 0 {
			n.MaxAdd = inf
		} else {
			n.MinAdd, n.MaxAdd = pick(c.Loop, inf, c.Delta), pick(c.Loop, inf, c.Delta)
			n.MaxNet = -c.Delta // (in a loop, at least once on a path through it)
		}
		fa.addWeight(n, false)
		return
	case OpWGDone:
		n.MinDone, n.MaxDone = pick(c.Loop, inf, 1), pick(c.Loop, inf, 1)
		n.MaxNet = 1 // (per turn, in a loop: pathCounts weighs the turns)
		fa.addWeight(n, false)
		return
	case OpSend, OpRecv:
	default:
		return
	}
	one := pick(c.Loop || c.Drain, inf, 1)
	if c.Kind == OpSend {
		if t := fa.countedTrips(); t > 0 && c.Loop {
			one = t
		}
		n.MinSend, n.MaxSend = one, one
	} else {
		n.MinRecv, n.MaxRecv = pick(c.EarlyExit, 0, one), one
	}
	fa.addWeight(n, false)
}

// countedTrips is how many times the current block runs per run of the
// function, when its one loop is a counted one (for i := 0; i < N; i++,
// for range N, N a constant): at most N. 0 when not known.
func (fa *fnAnalysis) countedTrips() int {
	b := fa.block
	if b == nil || onlyLoop(b, fa.blocks.bodies) == nil {
		return 0
	}
	return fa.blocks.trips[b]
}

// addWeight adds counts to the current block; in a loop, anything that
// happens happens any number of times.
func (fa *fnAnalysis) addWeight(n ChanCount, loop bool) {
	if loop {
		n.MinSend, n.MaxSend = pick(n.MinSend > 0, inf, 0), pick(n.MaxSend > 0, inf, 0)
		n.MinRecv, n.MaxRecv = pick(n.MinRecv > 0, inf, 0), pick(n.MaxRecv > 0, inf, 0)
		n.MaxNet = pick(n.MaxNet > 0, inf, n.MaxNet)
	}
	k := fa.weighChannel(n.Ref)
	w := fa.weights[k][fa.block]
	if w == nil {
		w = &ChanCount{}
		fa.weights[k][fa.block] = w
	}
	w.MinSend, w.MaxSend = add(w.MinSend, n.MinSend), add(w.MaxSend, n.MaxSend)
	w.MinRecv, w.MaxRecv = add(w.MinRecv, n.MinRecv), add(w.MaxRecv, n.MaxRecv)
	w.MinClose = add(w.MinClose, n.MinClose)
	w.MinAdd, w.MaxAdd = add(w.MinAdd, n.MinAdd), add(w.MaxAdd, n.MaxAdd)
	w.MinDone, w.MaxDone = add(w.MinDone, n.MinDone), add(w.MaxDone, n.MaxDone)
	w.MaxNet = addNet(w.MaxNet, n.MaxNet)
}

// weighChannel makes ref one of the channels pathCounts counts and returns
// its key.
func (fa *fnAnalysis) weighChannel(ref Ref) string {
	k := ref.key()
	if fa.weights == nil {
		fa.weights = make(map[string]map[*ssa.BasicBlock]*ChanCount)
		fa.weightRefs = make(map[string]Ref)
	}
	if fa.weights[k] == nil {
		fa.weights[k] = make(map[*ssa.BasicBlock]*ChanCount)
		fa.weightRefs[k] = ref
	}
	return k
}

// addNet adds two bounds on Dones minus Adds, which may be negative: inf
// stays inf.
func addNet(a, b int) int {
	if a >= inf || b >= inf {
		return inf
	}
	return max(a+b, -inf)
}

// finishCounts turns the per-block weights into per-channel counts over the
// function's paths: shortest and longest paths over the CFG without its
// back edges (loops already count as unbounded).
func (fa *fnAnalysis) finishCounts() {
	fa.creditExitCases()
	if len(fa.weights) == 0 {
		return
	}
	keys := make([]string, 0, len(fa.weights))
	for k := range fa.weights {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fa.sum.Counts = append(fa.sum.Counts, fa.pathCounts(fa.fn.Blocks[0], k))
	}
	fa.oneSends(keys)
	fa.forwards()
	fa.guardCounts(keys)
	fa.resultCounts(keys)
	fa.settleSpawns(keys)
}

// settleSpawns takes out of the summary the sends a goroutine this function
// starts makes on a channel of its caller's (a parameter or captured
// variable), when the function itself receives at least as many values
// from it on every path from the go statement to a return, and sends none
// there: the helper that starts a worker and waits for its result (while
// serving other channels) leaves nothing pending, and a caller that counts
// the worker's send without the helper's receive would see a sender with no
// receiver. The same number of the function's receives are taken out with
// them.
func (fa *fnAnalysis) settleSpawns(keys []string) {
	for _, k := range keys {
		if !fa.weightRefs[k].rewritable() {
			continue
		}
		total := 0
		for i := range fa.sum.Spawns {
			s := &fa.sum.Spawns[i]
			if i >= len(fa.spawnAt) || s.Loop || fa.spawnMany[i] {
				continue
			}
			n := countFor(s.Counts, k)
			if n.MaxSend == 0 || n.MaxSend >= inf || n.MaxRecv > 0 || n.MinClose > 0 {
				continue
			}
			if fa.recvBefore(i, k) {
				continue
			}
			after := fa.pathCounts(fa.spawnAt[i], k)
			if after.MaxSend > 0 || after.MinRecv < add(total, n.MaxSend) {
				continue
			}
			total = add(total, n.MaxSend)
			s.Ops = slices.DeleteFunc(slices.Clone(s.Ops), func(c ChanOp) bool { return c.Kind == OpSend && c.Ref.key() == k })
			s.Counts = slices.Clone(s.Counts)
			for j := range s.Counts {
				if s.Counts[j].Ref.key() == k {
					s.Counts[j].MinSend, s.Counts[j].MaxSend = 0, 0
				}
			}
		}
		if total == 0 {
			continue
		}
		for j := range fa.sum.Counts {
			if n := &fa.sum.Counts[j]; n.Ref.key() == k {
				n.MinRecv = max(n.MinRecv-total, 0)
				if n.MaxRecv < inf {
					n.MaxRecv = max(n.MaxRecv-total, 0)
				}
			}
		}
	}
}

// recvBefore reports whether the function receives from channel k in the
// block that starts its i-th goroutine, before the go statement: a receive
// pathCounts from that block would count although it comes first.
func (fa *fnAnalysis) recvBefore(i int, k string) bool {
	for _, c := range fa.sum.Chans {
		if c.Kind == OpRecv && c.block == fa.spawnAt[i] && c.seq < fa.spawnSeq[i] && c.Ref.key() == k {
			return true
		}
	}
	return false
}

// creditExitCases weighs a receive case of a blocking select as a plain
// receive in the case's body, which runs only after it received: outside
// a loop, unless a way from the select ends in a panic (a callee that
// waits for an answer in a select, and on its timeout case waits again,
// receives on every path, and its callers see it); in a loop, when every way from the select to a return runs
// through that case's body: the other cases only go round again, so the
// function returns only after it received (a fetch loop that serves other
// requests while it waits for its result). A body that can go round again
// may receive more than once.
func (fa *fnAnalysis) creditExitCases() {
	at := fa.block
	defer func() { fa.block = at }()
	for _, b := range fa.fn.Blocks {
		for _, instr := range b.Instrs {
			sel, ok := instr.(*ssa.Select)
			if !ok || !sel.Blocking || len(sel.States) < 2 {
				continue
			}
			loop := fa.blocks.loop[b]
			if !loop && fa.panicsAfter(b) {
				continue // a way out by a panic leaves too (a caller may recover): no receive is certain
			}
			for i, st := range sel.States {
				if st.Dir != types.RecvOnly {
					continue
				}
				iff := caseBranch(sel, i)
				if iff == nil {
					continue
				}
				body := iff.Block().Succs[0]
				if len(body.Preds) != 1 || loop && !fa.onEveryPath(b, body) {
					continue
				}
				fa.block = body
				fa.addWeight(ChanCount{Ref: fa.chanRef(st.Chan), MinRecv: 1, MaxRecv: pick(reachesBlock(body, b), inf, 1)}, false)
			}
		}
	}
}

// onlyWayOut reports whether every way from the select sel, in a loop, to
// a return passes through the body of its case i.
func (fa *fnAnalysis) onlyWayOut(sel *ssa.Select, i int) bool {
	iff := caseBranch(sel, i)
	if iff == nil || fa.blocks == nil {
		return false
	}
	body := iff.Block().Succs[0]
	return len(body.Preds) == 1 && fa.onEveryPath(sel.Block(), body)
}

// panicsAfter reports whether some path from block b ends in a panic
// (not the one after a blocking select's last case, which no run reaches).
func (fa *fnAnalysis) panicsAfter(b *ssa.BasicBlock) bool {
	noCase := fa.noCase()
	seen := make(map[*ssa.BasicBlock]bool)
	stack := []*ssa.BasicBlock{b}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[x] || noCase[x] {
			continue
		}
		if fa.blocks.doomed[x] {
			return true
		}
		seen[x] = true
		stack = append(stack, x.Succs...)
	}
	return false
}

// maxGuardCounts bounds the parameter tests a summary keeps counts under.
const maxGuardCounts = 2

// guardCounts records, for the first tracked tests of a parameter, the
// counts over the paths on which the parameter has each value, where they
// differ from the counts over all paths: `if c == nil { return };
// c.wg.Done()` certainly calls Done when c is not nil. Callers pick the
// counts their argument decides (see countsAt).
func (fa *fnAnalysis) guardCounts(keys []string) {
	for _, side := range fa.paramSides() {
		fa.cut = side.cut
		gc := GuardCount{Guard: *side.guard, Counts: fa.differingCounts(keys)}
		fa.cut = nil
		if len(gc.Counts) > 0 {
			fa.sum.GuardCounts = append(fa.sum.GuardCounts, gc)
		}
	}
	fa.eqGuardCounts(keys)
}

// maxEqConsts bounds the constants one parameter is compared with for
// eqGuardCounts to keep counts under each.
const maxEqConsts = 4

// eqGuardCounts records, for the first parameters the function compares
// with constants (p == "out" || p == "err", a switch on p), the counts
// over the paths on which the parameter equals each of those constants,
// and over those on which it equals none, where they differ from the
// counts over all paths. Each is a conjunction of comparisons, every
// branch on the parameter decided by it: a disjunction of two tests is
// decided only by both. A function started as goroutines with different
// constant arguments (go cp("in"), go cp("out")) then sends, for each, on
// the side its argument takes (see countsAt).
func (fa *fnAnalysis) eqGuardCounts(keys []string) {
	var params []*ssa.Parameter
	consts := make(map[*ssa.Parameter][]string)
	for _, b := range fa.fn.Blocks {
		ifi, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		p, is, _, ok := eqTest(ifi.Cond)
		if !ok || paramIndex(fa.fn, p) < 0 || slices.Contains(consts[p], is) {
			continue
		}
		if _, seen := consts[p]; !seen {
			params = append(params, p)
		}
		consts[p] = append(consts[p], is)
	}
	n := 0
	for _, p := range params {
		if n == maxGuardCounts {
			break
		}
		if len(consts[p]) > maxEqConsts {
			continue
		}
		n++
		// eq is the constant the parameter equals ("" for none of them).
		for _, eq := range append(slices.Clone(consts[p]), "") {
			fa.cut = func(from, to *ssa.BasicBlock) bool {
				ifi, ok := from.Instrs[len(from.Instrs)-1].(*ssa.If)
				if !ok || len(from.Succs) != 2 {
					return false
				}
				q, is, whenEq, ok := eqTest(ifi.Cond)
				if !ok || q != p {
					return false
				}
				taken := from.Succs[0]
				if (is == eq) != whenEq {
					taken = from.Succs[1]
				}
				return to != taken
			}
			at := paramIndex(fa.fn, p)
			gc := GuardCount{Guard: Guard{Param: at, Is: eq, Val: true}}
			if eq == "" {
				for i, is := range consts[p] {
					g := Guard{Param: at, Is: is, Val: false}
					if i == 0 {
						gc.Guard = g
					} else {
						gc.Also = append(gc.Also, g)
					}
				}
			}
			gc.Counts = fa.differingCounts(keys)
			fa.cut = nil
			if len(gc.Counts) > 0 {
				fa.sum.GuardCounts = append(fa.sum.GuardCounts, gc)
			}
		}
	}
}

// A paramSide is one value of a tracked test of a parameter or of a
// captured variable: the guard a caller decides (for a captured variable,
// from the cell the closure captured: its one value, or, when the closure
// runs deferred, the value stored last before the return; see
// cellAtExit), and the cut that keeps the paths on which it holds.
type paramSide struct {
	guard *Guard
	cut   func(from, to *ssa.BasicBlock) bool
}

// paramSides lists both values of the first maxGuardCounts tracked tests
// of a parameter or a captured variable: the sides a summary keeps counts for (guardCounts,
// resultCounts).
func (fa *fnAnalysis) paramSides() []paramSide {
	var sides []paramSide
	n := 0
	for i, ck := range fa.conds.keys {
		g, ok := guardOf(fa.fn, ck, true)
		if !ok || n == maxGuardCounts {
			continue
		}
		n++
		for _, val := range []bool{true, false} {
			side := g
			side.Val = val
			sides = append(sides, paramSide{&side, fa.paramCut(uint8(i), val)})
		}
	}
	return sides
}

// differingCounts counts each channel of keys over the paths fa.cut leaves
// in, and returns the counts that differ from those over all paths: what a
// caller that decides the cut's guard learns. Channels a caller cannot name
// are left out.
func (fa *fnAnalysis) differingCounts(keys []string) []ChanCount {
	var out []ChanCount
	for j, k := range keys {
		base := fa.sum.Counts[j]
		if !base.Ref.rewritable() {
			continue
		}
		if c := fa.pathCounts(fa.fn.Blocks[0], k); !sameCounts(c, base) {
			out = append(out, c)
		}
	}
	return out
}

func sameCounts(a, b ChanCount) bool {
	a.Ref, b.Ref = Ref{}, Ref{}
	return a.MinSend == b.MinSend && a.MaxSend == b.MaxSend && a.MinRecv == b.MinRecv && a.MaxRecv == b.MaxRecv &&
		a.MinClose == b.MinClose && a.MinAdd == b.MinAdd && a.MaxAdd == b.MaxAdd && a.MinDone == b.MinDone &&
		a.MaxDone == b.MaxDone && a.MaxNet == b.MaxNet
}

// A GuardCount holds the counts of a function's goroutine over the paths
// on which Guard (and every guard of Also) holds, for the channels where
// they differ from Counts.
type GuardCount struct {
	Guard  Guard
	Also   []Guard
	Counts []ChanCount
}

// countsAt returns a callee's counts as seen from this call: where the
// argument decides a guard, the Dones certainly done are those of the
// decided side (a nil-safe Done called on a non-nil value), and the sends
// and receives that may happen are at most the decided side's (a copier
// started with an argument its send's guard rejects sends nothing). Only
// the certain Dones and sends are raised: the first can only silence a
// "Done not reached" claim, the second only a "no sender" one, or back the
// claim that more sends are certain than receives can happen (oversend),
// which counts every receive a partner may make whatever its own guards.
// Raising the certain Adds would strengthen a claim against partners whose
// own guards this call may not decide (a Done passed on to a goroutine
// under the same parameter). The most possible stay those of all paths. Where
// the argument does not decide the guard, the certain Dones are those of
// the side that does most: unknown is not "Done missed".
func (fa *fnAnalysis) countsAt(sum *Summary, b *binding, st *lockState) []ChanCount {
	if len(sum.GuardCounts) == 0 {
		return sum.Counts
	}
	out := append([]ChanCount(nil), sum.Counts...)
	byKey := func(r Ref) int {
		for i := range out {
			if out[i].Ref.key() == r.key() {
				return i
			}
		}
		return -1
	}
	for _, gc := range sum.GuardCounts {
		happens, known, _ := fa.decideGuards(append([]Guard{gc.Guard}, gc.Also...), b, st)
		if known && !happens || !known && gc.Guard.Is != "" {
			// Some guard is decided false; or a comparison with a constant
			// is not decided: which value an argument has is no more
			// likely one than another (unlike a nil-safe Done below).
			continue
		}
		for _, c := range gc.Counts {
			i := byKey(c.Ref)
			if i < 0 {
				continue
			}
			if known {
				// Every path the callee takes from here is one on which
				// the guards hold: the most it can do are at most those.
				// So are the sends certain on every such path (an error
				// send behind err != nil, given errors.New(...)).
				out[i].MinDone = max(out[i].MinDone, c.MinDone)
				out[i].MinSend = max(out[i].MinSend, c.MinSend)
				out[i].MaxSend, out[i].MaxRecv = min(out[i].MaxSend, c.MaxSend), min(out[i].MaxRecv, c.MaxRecv)
			} else {
				// The argument does not decide the guard: the callee may
				// well take the side on which it calls Done (a nil-safe
				// Done is called on a non-nil value far more often than
				// not), and a claim that Done is not reached must not rest
				// on a guard nobody knows.
				out[i].MinDone = max(out[i].MinDone, c.MinDone)
			}
		}
	}
	return out
}

// pathCounts counts the operations on channel k along the paths from start
// to the function's returns. From a channel's make, rather than from the
// entry, it leaves out the paths on which the channel does not exist. The
// paths are told apart by the branch conditions they have tested, and the
// certain Dones are those whatever the fields tested hold (countpaths.go).
func (fa *fnAnalysis) pathCounts(start *ssa.BasicBlock, k string) ChanCount {
	w := fa.weights[k]
	out := ChanCount{Ref: fa.weightRefs[k]}
	if w == nil {
		return out
	}
	// Sends in counted loops (see countedTrips) weigh their trips; their
	// blocks come back round to the loop, off the acyclic paths walked, so
	// they are added once, whatever the path.
	extra, orig := 0, w
	for b, x := range orig {
		if fa.blocks.loop[b] && x.MaxSend > 0 && x.MaxSend < inf {
			if extra == 0 {
				w = fa.weightsCopy(k)
			}
			extra = add(extra, x.MaxSend)
			w[b].MinSend, w[b].MaxSend = 0, 0
		}
	}
	t := fa.countTable()
	ew := fa.edgeW[k]
	for i, p := range fa.walkCounts(start, w, ew, t, t.sound) {
		if i == 0 {
			out = p.n
			continue
		}
		out = out.merge(p.n)
	}
	if t.field != 0 && out.MinDone < out.MaxDone {
		out.MinDone = max(out.MinDone, bestDones(fa.walkCounts(start, w, ew, t, t.sound|t.field), t.field))
	}
	out.Ref = fa.weightRefs[k]
	out.MaxSend = add(out.MaxSend, extra)
	// A loop body is off the acyclic paths; what it may do, it may do any
	// number of times.
	for b, x := range w {
		if fa.blocks.loop[b] {
			out.MaxSend = pick(x.MaxSend > 0, inf, out.MaxSend)
			out.MaxRecv = pick(x.MaxRecv > 0, inf, out.MaxRecv)
			out.MaxAdd = pick(x.MaxAdd > 0, inf, out.MaxAdd)
			out.MaxDone = pick(x.MaxDone > 0, inf, out.MaxDone)
			if x.MaxNet > 0 && !fa.turnsBalanced(b, w, ew) {
				out.MaxNet = inf
			}
		}
	}
	return out
}

// turnsBalanced reports whether no turn of the one loop that holds b counts
// down more than it adds: on every path of a turn, from the loop's header
// round to a back edge into it, the Dones (the goroutine's own, not those
// of goroutines it starts) are at most the Adds. A loop that adds for each
// item and counts the item down itself when it does the work inline, or
// starts a goroutine that does, leaves the goroutine's own count where it
// was, however many turns it runs; the paths that leave the loop part-way
// are walked as acyclic paths. Nested loops are not weighed so.
func (fa *fnAnalysis) turnsBalanced(b *ssa.BasicBlock, w blockWeights, ew map[[2]*ssa.BasicBlock]*ChanCount) bool {
	h := onlyLoop(b, fa.blocks.bodies)
	if h == nil {
		return false
	}
	body := fa.blocks.bodies[h]
	for x := range body {
		if onlyLoop(x, fa.blocks.bodies) != h {
			return false // a nested loop turns any number of times per turn
		}
	}
	net := func(x ChanCount) (int, bool) { return x.MaxNet, x.MaxNet < inf }
	best := map[*ssa.BasicBlock]int{}
	order := reversePostorderFrom(h)
	worst := -inf
	for _, x := range order {
		if !body[x] {
			continue
		}
		here := 0
		if c := w[x]; c != nil {
			v, ok := net(*c)
			if !ok {
				return false
			}
			here = v
		}
		in, reached := 0, x == h
		if !reached {
			for _, p := range x.Preds {
				v, ok := best[p]
				if !ok || !body[p] {
					continue
				}
				if c := ew[[2]*ssa.BasicBlock{p, x}]; c != nil {
					e, ok := net(*c)
					if !ok {
						return false
					}
					v = addNet(v, e)
				}
				if !reached || v > in {
					in, reached = v, true
				}
			}
		}
		if !reached {
			continue
		}
		best[x] = addNet(in, here)
		if slices.Contains(x.Succs, h) {
			v := best[x]
			if c := ew[[2]*ssa.BasicBlock{x, h}]; c != nil {
				e, ok := net(*c)
				if !ok {
					return false
				}
				v = addNet(v, e)
			}
			worst = max(worst, v)
		}
	}
	return worst <= 0
}

// merge joins the counts of two paths: the fewest certain, the most possible.
func (a ChanCount) merge(b ChanCount) ChanCount {
	a.MinSend, a.MinRecv, a.MinClose = min(a.MinSend, b.MinSend), min(a.MinRecv, b.MinRecv), min(a.MinClose, b.MinClose)
	a.MinAdd, a.MinDone = min(a.MinAdd, b.MinAdd), min(a.MinDone, b.MinDone)
	a.MaxSend, a.MaxRecv = max(a.MaxSend, b.MaxSend), max(a.MaxRecv, b.MaxRecv)
	a.MaxAdd, a.MaxDone = max(a.MaxAdd, b.MaxAdd), max(a.MaxDone, b.MaxDone)
	a.MaxNet = max(a.MaxNet, b.MaxNet)
	return a
}

// plus adds the counts of one block to a path's.
func (a ChanCount) plus(b ChanCount) ChanCount {
	a.MinSend, a.MaxSend = add(a.MinSend, b.MinSend), add(a.MaxSend, b.MaxSend)
	a.MinRecv, a.MaxRecv = add(a.MinRecv, b.MinRecv), add(a.MaxRecv, b.MaxRecv)
	a.MinClose = add(a.MinClose, b.MinClose)
	a.MinAdd, a.MaxAdd = add(a.MinAdd, b.MinAdd), add(a.MaxAdd, b.MaxAdd)
	a.MinDone, a.MaxDone = add(a.MinDone, b.MinDone), add(a.MaxDone, b.MaxDone)
	a.MaxNet = addNet(a.MaxNet, b.MaxNet)
	return a
}

func reversePostorderFrom(start *ssa.BasicBlock) []*ssa.BasicBlock {
	seen := make([]bool, len(start.Parent().Blocks)) // by block index
	var post []*ssa.BasicBlock
	var visit func(b *ssa.BasicBlock)
	visit = func(b *ssa.BasicBlock) {
		seen[b.Index] = true
		for _, s := range b.Succs {
			if !seen[s.Index] {
				visit(s)
			}
		}
		post = append(post, b)
	}
	visit(start)
	for i, j := 0, len(post)-1; i < j; i, j = i+1, j-1 {
		post[i], post[j] = post[j], post[i]
	}
	return post
}

// checkNil reports a plain send or receive on a channel that is certainly
// nil: a variable never assigned, an unexported field this package never
// assigns, or the Done channel of context.Background() or TODO(). (In a
// select, a nil channel is the idiom for disabling a case: not reported.)
func (fa *fnAnalysis) checkNil(o *op, c ChanOp) {
	if !fa.final {
		return
	}
	v := o.recv
	if call, ok := v.(*ssa.Call); ok && call.Call.IsInvoke() && call.Call.Method.Name() == "Done" {
		if ctx, ok := call.Call.Value.(*ssa.Call); ok {
			if fn := ctx.Call.StaticCallee(); fn != nil && (fn.String() == "context.Background" || fn.String() == "context.TODO") {
				fa.ps.reportNeverDone(o.pos(), fn.String(), c)
				return
			}
		}
		if fa.checkCtxNeverFires(o, call, c) {
			return
		}
	}
	name := ""
	var field token.Pos // the field's declaration, for a field of an anonymous struct type
	switch x := v.(type) {
	case *ssa.Const:
		if x.Value == nil {
			name = exprNameAt(fa.fn.Syntax(), o.pos())
		}
	case *ssa.UnOp:
		if f, ok := x.X.(*ssa.FieldAddr); ok && x.Op == token.MUL && fa.ps.neverAssigned(f) && !fa.testedNonNil(o.instr.Block(), v) {
			name = c.Ref.show(fa.ps.pkgPath)
			if _, named := types.Unalias(deref(f.X.Type())).(*types.Named); !named {
				if st, ok := deref(f.X.Type()).Underlying().(*types.Struct); ok {
					field = st.Field(f.Field).Pos()
				}
			}
		}
	}
	if name != "" {
		decl := fa.ps.localDecl(o.pos(), name)
		if !decl.IsValid() {
			decl = field
		}
		fa.ps.reportNilChannel(o.pos(), name, c, decl)
	}
}

// neverAssigned reports whether f is an unexported field of a type of this
// package that no function of this package (its initializer, which sets
// package-level variables' fields, included) ever stores into, nor lets its
// address out, nor fills by converting another struct type to its own: it
// is the zero value (nil) wherever it is read.
//
// Fields are compared by their origin, so that a field stored through one
// instance of a generic type (a constructor's EventQueue[T]) is the field
// read through another (a method's). And the claim needs the struct to be
// allocated somewhere in the code analysed: a type that only test files
// create (their fixtures set the field) has no value in production code,
// and its operations never run there.
func (ps *passState) neverAssigned(f *ssa.FieldAddr) bool {
	st, ok := deref(f.X.Type()).Underlying().(*types.Struct)
	if !ok {
		return false
	}
	field := st.Field(f.Field).Origin()
	if field.Exported() || field.Pkg() != ps.pass.Pkg {
		return false
	}
	if ps.assigned == nil {
		ps.assigned = make(map[*types.Var]bool)
		ps.allocated = make(map[*types.Var]bool)
		ps.assignedAnon = make(map[string]bool)
		assign := func(t types.Type, st *types.Struct, i int) {
			ps.assigned[st.Field(i).Origin()] = true
			if _, named := types.Unalias(deref(t)).(*types.Named); !named {
				ps.assignedAnon[anonField(st, i)] = true
			}
		}
		for _, fn := range ps.packageFuncs() {
			for _, b := range fn.Blocks {
				for _, instr := range b.Instrs {
					switch instr := instr.(type) {
					case *ssa.Store:
						if fa, ok := instr.Addr.(*ssa.FieldAddr); ok {
							if st, ok := deref(fa.X.Type()).Underlying().(*types.Struct); ok {
								assign(fa.X.Type(), st, fa.Field)
							}
						}
					case *ssa.FieldAddr:
						// A field whose address is taken (passed to a
						// function, stored, captured) may be stored into
						// through it: setup(&x.stop).
						if addressTaken(instr) {
							if st, ok := deref(instr.X.Type()).Underlying().(*types.Struct); ok {
								assign(instr.X.Type(), st, instr.Field)
							}
						}
					case *ssa.Alloc:
						markAllocated(ps.allocated, deref(instr.Type()))
					case *ssa.ChangeType:
						// T(u) for a struct type U declared with the same
						// fields: T's fields hold what U's were given.
						if st, ok := deref(instr.Type()).Underlying().(*types.Struct); ok {
							for i := range st.NumFields() {
								assign(instr.Type(), st, i)
							}
						}
					}
				}
			}
		}
	}
	// An anonymous struct type written out twice is one type with two sets
	// of fields: a value made with one (a literal) is read with the other
	// (a parameter, a type assertion). Its fields are compared by the
	// type's text and the field's index.
	if _, named := types.Unalias(deref(f.X.Type())).(*types.Named); !named && ps.assignedAnon[anonField(st, f.Field)] {
		return false
	}
	// (The files the build leaves out are read last: most fields are
	// assigned, and reading them costs a parse.)
	return ps.allocated[field] && !ps.assigned[field] && !ps.namedOffBuild(field.Name())
}

// anonField keys field i of the struct type st by the type's text: the
// same for every writing of an anonymous struct type.
func anonField(st *types.Struct, i int) string {
	return types.TypeString(st, nil) + "#" + strconv.Itoa(i)
}

// markAllocated marks the fields of the struct type t as allocated, and
// those of the structs it holds by value (a field of struct type, an array
// of structs): they are made with it.
func markAllocated(allocated map[*types.Var]bool, t types.Type) {
	switch u := t.Underlying().(type) {
	case *types.Struct:
		for i := range u.NumFields() {
			f := u.Field(i).Origin()
			if allocated[f] {
				continue
			}
			allocated[f] = true
			markAllocated(allocated, f.Type())
		}
	case *types.Array:
		markAllocated(allocated, u.Elem())
	}
}

// addressTaken reports whether the address f computes is used other than
// to load from it or store into it.
func addressTaken(f *ssa.FieldAddr) bool {
	for _, r := range *f.Referrers() {
		switch r := r.(type) {
		case *ssa.UnOp:
			if r.Op == token.MUL && r.X == f {
				continue
			}
		case *ssa.Store:
			if r.Addr == f && r.Val != f {
				continue
			}
		case *ssa.DebugRef:
			continue
		}
		return true
	}
	return false
}

// exprNameAt names the channel operand of the send or receive at pos.
func exprNameAt(syntax ast.Node, pos token.Pos) string {
	name := ""
	if syntax == nil {
		return name
	}
	ast.Inspect(syntax, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SendStmt:
			if n.Arrow == pos {
				name = types.ExprString(n.Chan)
			}
		case *ast.UnaryExpr:
			if n.OpPos == pos && n.Op == token.ARROW {
				name = types.ExprString(n.X)
			}
		}
		return name == ""
	})
	return name
}

// nextSeq numbers the operations and spawns of the recording pass in the
// order they happen within a block.
func (fa *fnAnalysis) nextSeq() int {
	fa.seq++
	return fa.seq
}

// selectID numbers a select statement by its line and column (never 0).
func selectID(p token.Position) int { return p.Line<<16 | p.Column&0xffff }

// locksAfterDone returns the lock classes (rewritten by b) that callee, a
// function of this package, acquires only after a WaitGroup.Done of its
// own frame: every acquisition of the class is preceded, on every path to
// it, by such a Done.
func (ps *passState) locksAfterDone(callee *ssa.Function, sum *Summary, b *binding) []string {
	if !ps.graph.Contains(callee) {
		return nil
	}
	dones, deferred := ps.doneInstrs(callee, sum)
	if len(dones) == 0 && len(deferred) == 0 {
		return nil
	}
	late := make(map[string]bool)
	for _, a := range sum.Acquires {
		r, ok := b.ref(a.Ref)
		if !ok || !r.Class.known() {
			continue
		}
		k := r.Class.Key
		after := ps.acquiredAfterDone(callee, a, dones, deferred)
		if v, seen := late[k]; !seen || v {
			late[k] = after
		}
	}
	var out []string
	for k, v := range late {
		if v {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// doneInstrs returns the WaitGroup Dones fn's own frame calls (dones) and
// defers (deferred: they run after its body and before every call
// deferred earlier).
func (ps *passState) doneInstrs(fn *ssa.Function, sum *Summary) (dones, deferred []ssa.Instruction) {
	return ps.opInstrs(fn, sum, func(o ChanOp) bool { return o.Kind == OpWGDone })
}

// opInstrs returns the instructions of fn's own operations that match:
// those it makes (calls) and those it defers.
func (ps *passState) opInstrs(fn *ssa.Function, sum *Summary, match func(ChanOp) bool) (calls, deferred []ssa.Instruction) {
	name := ps.name(fn)
	for _, o := range sum.Chans {
		if match(o) && len(o.Chain) > 0 && o.Chain[0].Func == name {
			for _, instr := range ps.instrsAt(fn, o.Chain[0].Pos) {
				switch instr.(type) {
				case *ssa.Call:
					calls = append(calls, instr)
				case *ssa.Defer:
					deferred = append(deferred, instr)
				}
			}
		}
	}
	return calls, deferred
}

// acquiredAfterDone reports whether fn's acquisition a (its own Lock or a
// call of its own frame) runs only after one of the operations
// doneInstrs (or opInstrs) returns: after one it calls, or in a call
// deferred before one it defers (defers run last in, first out).
func (ps *passState) acquiredAfterDone(fn *ssa.Function, a Acquire, dones, deferred []ssa.Instruction) bool {
	if len(a.Chain) == 0 || a.Chain[0].Func != ps.name(fn) {
		return false
	}
	at := ps.instrsAt(fn, a.Chain[0].Pos)
	return len(at) > 0 && !slices.ContainsFunc(at, func(x ssa.Instruction) bool {
		return !runsAfterDone(x, dones, deferred)
	})
}

// runsAfterDone reports whether the goroutine's instruction x runs after one
// of its Dones: a Done that precedes x on every path, or, when x defers a
// call, a deferred Done registered after x on every path (deferred calls
// run last registered first).
func runsAfterDone(x ssa.Instruction, dones, deferred []ssa.Instruction) bool {
	if slices.ContainsFunc(dones, func(d ssa.Instruction) bool { return instrBefore(d, x) }) {
		return true
	}
	if _, ok := x.(*ssa.Defer); !ok {
		return false
	}
	return slices.ContainsFunc(deferred, func(d ssa.Instruction) bool { return instrBefore(x, d) })
}

// phiSources lists the values other than nil that v, a web of phis, merges
// (in edge order, each once); nil when v is no phi or merges more than
// maxPhiSources.
func phiSources(v ssa.Value) []ssa.Value {
	phi, ok := v.(*ssa.Phi)
	if !ok {
		return nil
	}
	var srcs []ssa.Value
	seen := map[*ssa.Phi]bool{}
	var walk func(ssa.Value) bool
	walk = func(v ssa.Value) bool {
		switch v := v.(type) {
		case *ssa.Phi:
			if seen[v] {
				return true
			}
			seen[v] = true
			for _, e := range v.Edges {
				if !walk(e) {
					return false
				}
			}
			return true
		case *ssa.Const:
			if v.IsNil() {
				return true
			}
		}
		if !slices.Contains(srcs, v) {
			srcs = append(srcs, v)
		}
		return len(srcs) <= maxPhiSources
	}
	if !walk(phi) {
		return nil
	}
	return srcs
}

// maxPhiSources bounds the channels a merged value is taken to be one of.
const maxPhiSources = 4

// nonNilSource is the one channel a close of v can close when v merges only
// that channel and nil: the close-once idiom `if r != nil { close(r); r = nil
// }` closes through phi(r, nil), and a close that does not panic closed the
// channel, not nil. Otherwise v itself.
func nonNilSource(v ssa.Value) ssa.Value {
	if srcs := phiSources(v); len(srcs) == 1 {
		return srcs[0]
	}
	return v
}
