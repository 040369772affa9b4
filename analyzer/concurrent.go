package analyzer

import (
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/awaitvet/awaitvet/callgraph"
	"golang.org/x/tools/go/ssa"
)

// Concurrency witnesses.
//
// Most cross-goroutine claims (a lock-order cycle, a wait whose partner
// needs a lock the waiter holds, a read lock taken twice while a writer
// waits) assume that two functions may run at the same time. In a library
// that assumption is about callers nobody has seen, and it is the one most
// often wrong: the two functions run one after the other, or in one
// goroutine, or never both. A witness replaces the assumption with code of
// the package: one function that starts a goroutine reaching one side and,
// after the go statement on every path to it, reaches the other side in
// another goroutine it starts or in its own; or one go statement inside a
// loop whose goroutines reach both sides (two iterations, two goroutines).
//
// Reaching follows what the package's own code calls for certain: static
// calls, go statements, closures passed to the function called, function
// values whose flow is known, and interface calls that the package's types
// implement once. Interface calls with several implementations (any of
// them, by class hierarchy) and dependencies' bodies are not followed: a
// witness through them would again be a guess.

// A side is one half of a claim: the function of this package in which it
// happens and, when known, the position there where it starts (the call or
// the acquisition in fn's own frame).
type side struct {
	fn  *ssa.Function
	pos token.Position
}

// A spawnWitness shows two sides running at once.
type spawnWitness struct {
	fn    *ssa.Function       // the function that starts them
	start ssa.CallInstruction // the go statement that starts the first side
	first *ssa.Function       // the side start reaches
	then  ssa.Instruction     // where fn reaches the second side afterwards; nil: start again, in a loop
	other *ssa.Function       // the side then reaches
	spawn bool                // then starts a goroutine too
	// within: start is a call whose callee starts the goroutine (and
	// returns while it runs), not a go statement of fn's own
	within bool
	// passed: then passes other, a function value, to the call it makes
	passed bool
}

// chain renders the witness as hops in the function that starts the sides.
func (w spawnWitness) chain(ps *passState) Chain {
	name := ps.name(w.fn)
	what := "starts " + ps.name(w.first) + " in a goroutine"
	if w.within {
		what = "calls " + ps.name(w.first) + ", which starts a goroutine that runs one side"
	}
	c := Chain{{Pos: ps.position(w.start.Pos()), Func: name, What: what}}
	switch {
	case w.then == nil:
		c = append(c, Hop{Pos: ps.position(w.start.Pos()), Func: name, What: "starts it again in the next iteration, while the first may run"})
	case w.spawn:
		c = append(c, Hop{Pos: ps.position(w.then.Pos()), Func: name, What: "then starts " + ps.name(w.other) + " in another goroutine"})
	case w.other == w.fn:
		c = append(c, Hop{Pos: ps.position(w.then.Pos()), Func: name, What: "then runs the other side itself"})
	case w.passed:
		c = append(c, Hop{Pos: ps.position(w.then.Pos()), Func: name, What: "then passes " + ps.name(w.other) + " to a call that runs it, while the goroutine may run"})
	default:
		c = append(c, Hop{Pos: ps.position(w.then.Pos()), Func: name, What: "then calls " + ps.name(w.other) + " while the goroutine may run"})
	}
	return c
}

// after returns hops followed by the witness's hops, leaving out a
// witness hop at a statement hops already show (the go statement a
// partner's chain starts with): one line per step of the chain. The hop
// of a loop witness that says the statement runs again is always kept.
func (w spawnWitness) after(ps *passState, hops []Hop) []Hop {
	out := hops
	for i, h := range w.chain(ps) {
		dup := false
		for _, o := range hops {
			dup = dup || o.Pos == h.Pos && o.Func == h.Func
		}
		if !dup || w.then == nil && i == 1 {
			out = append(out, h)
		}
	}
	return out
}

// concurrency is the per-pass state of witnesses: the package's call graph
// reversed (certain edges only, see above) and, per function, the
// functions that reach it.
type concurrency struct {
	callers map[*ssa.Function][]*ssa.Function
	anc     map[*ssa.Function]map[*ssa.Function]bool
	// spawnAnc: per function, those that start a goroutine reaching it (spawners)
	spawnAnc map[*ssa.Function]map[*ssa.Function]bool
	byName   map[string]*ssa.Function            // functions by the name hops give them
	targets  map[*callgraph.Site][]*ssa.Function // certainTargets, per site
}

// certainTargets returns the functions a site certainly runs (see above).
func certainTargets(site *callgraph.Site) []*ssa.Function {
	c := site.Instr.Common()
	if c.IsInvoke() && len(site.Callees) != 1 {
		return nil // one of several implementations: a guess
	}
	if site.Kind != callgraph.Go && spawnerSite(site) {
		return site.FuncArgs[1]
	}
	out := append([]*ssa.Function(nil), site.Callees...)
	if c.StaticCallee() != nil {
		idx := make([]int, 0, len(site.FuncArgs))
		for i := range site.FuncArgs {
			idx = append(idx, i)
		}
		slices.Sort(idx) // a map: the order of targets picks the witness shown
		for _, i := range idx {
			out = append(out, site.FuncArgs[i]...)
		}
	}
	return out
}

// spawns reports whether a site starts its targets in a new goroutine.
func spawns(site *callgraph.Site) bool {
	return site.Kind == callgraph.Go || spawnerSite(site)
}

func (ps *passState) concurrencyState() *concurrency {
	if ps.conc != nil {
		return ps.conc
	}
	cs := &concurrency{callers: make(map[*ssa.Function][]*ssa.Function), anc: make(map[*ssa.Function]map[*ssa.Function]bool),
		spawnAnc: make(map[*ssa.Function]map[*ssa.Function]bool),
		targets:  make(map[*callgraph.Site][]*ssa.Function)}
	for _, fn := range ps.graph.Funcs() {
		for _, site := range ps.graph.Sites(fn) {
			cs.targets[site] = certainTargets(site)
			for _, t := range cs.targets[site] {
				cs.callers[t] = append(cs.callers[t], fn)
			}
		}
	}
	ps.conc = cs
	return cs
}

// reachers returns the functions of this package from which fn is
// certainly reached, fn included.
func (cs *concurrency) reachers(fn *ssa.Function) map[*ssa.Function]bool {
	if r, ok := cs.anc[fn]; ok {
		return r
	}
	r := map[*ssa.Function]bool{fn: true}
	work := []*ssa.Function{fn}
	for len(work) > 0 {
		f := work[len(work)-1]
		work = work[:len(work)-1]
		for _, c := range cs.callers[f] {
			if !r[c] {
				r[c] = true
				work = append(work, c)
			}
		}
	}
	cs.anc[fn] = r
	return r
}

// reachesAny returns the first of targets from which fn is reached, or nil.
func reachesAny(targets []*ssa.Function, reach map[*ssa.Function]bool) *ssa.Function {
	for _, t := range targets {
		if reach[t] {
			return t
		}
	}
	return nil
}

// concurrently looks for a witness that a and b run at once, in the
// package's functions in their fixed order: the first found is the one
// shown, so the output does not depend on map order.
func (ps *passState) concurrently(a, b side) (spawnWitness, bool) {
	return ps.concurrentlyUnless(a, b, nil)
}

// concurrentlyUnless is concurrently, passing over the witnesses of two
// sites that not(w) rejects.
func (ps *passState) concurrentlyUnless(a, b side, not func(spawnWitness) bool) (spawnWitness, bool) {
	if a.fn == nil || b.fn == nil {
		return spawnWitness{}, false
	}
	cs := ps.concurrencyState()
	ra, rb := cs.reachers(a.fn), cs.reachers(b.fn)
	if w, ok := ps.twoSites(a, b, ra, rb, not); ok {
		return w, true
	}
	var loops []spawnWitness
	for _, s := range ps.graph.Funcs() {
		if !ra[s] || !rb[s] {
			continue
		}
		for _, g := range ps.graph.Sites(s) {
			if !spawns(g) {
				continue
			}
			tg := cs.targets[g]
			ta, tb := reachesAny(tg, ra), reachesAny(tg, rb)
			if ta != nil && tb != nil && inLoop(g.Instr.Block()) && sharedAcrossIterations(g.Instr) && !ps.loopGated(g, ra, rb) {
				loops = append(loops, spawnWitness{fn: s, start: g.Instr, first: ta, other: tb})
			}
		}
	}
	// The innermost loop: one whose goroutines start no other loop that
	// also reaches both. An outer loop's iterations may each make the
	// objects the inner goroutines share.
	for _, w := range loops {
		inner := false
		for _, o := range loops {
			if o.fn != w.fn && cs.reachers(o.fn)[w.first] {
				inner = true
				break
			}
		}
		if !inner {
			return w, true
		}
	}
	return spawnWitness{}, false
}

// loopGated reports whether the goroutines one go statement g starts
// reach both sides only under one lock class held at every call of their
// body that reaches either (a token of a semaphore made outside the loop,
// say): two iterations take their orders one at a time.
func (ps *passState) loopGated(g *callgraph.Site, ra, rb map[*ssa.Function]bool) bool {
	ha, ok := ps.bodiesHeld(g, ra)
	if !ok {
		return false
	}
	hb, ok := ps.bodiesHeld(g, rb)
	return ok && slices.ContainsFunc(ha, func(k string) bool { return slices.Contains(hb, k) })
}

// twoSites looks for the first kind of witness: a go statement, then
// another site (or the side's own code) after it. It is preferred to one
// go statement in a loop, whose iterations may each work on objects of
// their own.
func (ps *passState) twoSites(a, b side, ra, rb map[*ssa.Function]bool, not func(spawnWitness) bool) (spawnWitness, bool) {
	cs := ps.concurrencyState()
	sa, sb := cs.spawners(ps, a.fn), cs.spawners(ps, b.fn)
	for _, s := range ps.graph.Funcs() {
		if !ra[s] || !rb[s] {
			continue
		}
		sites := ps.graph.Sites(s)
		for _, g := range sites {
			tg := cs.targets[g]
			var ta, tb *ssa.Function
			if spawns(g) {
				ta, tb = reachesAny(tg, ra), reachesAny(tg, rb)
			} else {
				ta, tb = reachesAny(tg, sa), reachesAny(tg, sb)
			}
			for _, o := range [2]struct {
				t      *ssa.Function
				other  side
				ro, rt map[*ssa.Function]bool
			}{{ta, b, rb, ra}, {tb, a, ra, rb}} {
				if o.t == nil {
					continue
				}
				if w, ok := ps.after(s, g, sites, o.other, o.ro); ok {
					w.first, w.within = o.t, !spawns(g)
					ts := siteAt(sites, w.then, w.spawn)
					if spawns(g) && (ps.gated(g, w.then, o.rt, ts, o.ro) || ps.handedOffEither(g, o.rt, ts, o.ro)) || not != nil && not(w) {
						continue
					}
					return w, true
				}
			}
		}
	}
	return spawnWitness{}, false
}

// gated reports whether the goroutine started at g and the point then,
// after it, reach their sides only under one lock class held at both: in
// the goroutine's body, every call that reaches its side (reach) holds it,
// and so does then (or, a call, every call of its callee that reaches the
// other side), or, when then starts a goroutine too (thenSite), every
// call of that goroutine's body that reaches the other side (reachThen).
// The two sides are then serialised by that outer lock (a gate), which the
// class-level cycle cannot see when the functions of the sides are called
// elsewhere without it. A body that takes its side's locks itself, and
// calls whose locks are not recorded (dynamic calls), are no witness of a
// gate.
func (ps *passState) gated(g *callgraph.Site, then ssa.Instruction, reach map[*ssa.Function]bool, thenSite *callgraph.Site, reachThen map[*ssa.Function]bool) bool {
	if then == nil {
		return false
	}
	var common []string
	var ok bool
	if thenSite != nil {
		common, ok = ps.bodiesHeld(thenSite, reachThen)
	} else {
		common, ok = ps.heldAtSite(then)
		if ci, isCall := then.(ssa.CallInstruction); ok && isCall {
			if site := ps.graph.Site(ci); site != nil {
				common = append(common, ps.heldByCallee(site, reachThen)...)
				// a callee that reaches the side only under its own lock
				// (Cluster.Stop: rw.Lock(); c.p.Stop(c.r))
				if inner, ok := ps.bodiesHeld(site, reachThen); ok {
					common = append(common, inner...)
				}
			}
		}
	}
	if !ok {
		return false
	}
	held, ok := ps.bodiesHeld(g, reach)
	if !ok {
		return false
	}
	common = slices.DeleteFunc(common, func(k string) bool { return !slices.Contains(held, k) })
	return len(common) > 0
}

// heldByCallee returns the lock classes that the one static callee of
// site holds at every call it makes of the function the site passes it
// that reaches a function of reach (a helper that runs what it is given
// under its own lock: c.Exclusive(s.compact), or holding a semaphore's
// token: paramCallSems), when that argument is the
// only way the site reaches it and the callee does nothing with the
// parameter but call it: whatever the side does, it does under those
// locks.
func (ps *passState) heldByCallee(site *callgraph.Site, reach map[*ssa.Function]bool) []string {
	if len(site.Callees) != 1 || reach[site.Callees[0]] || site.Kind != callgraph.Call {
		return nil
	}
	callee := site.Callees[0]
	sum := ps.summary(callee)
	if sum == nil {
		return nil
	}
	var common []string
	seen := false
	for i := range len(site.Args()) {
		if reachesAny(site.FuncArgs[i], reach) == nil {
			continue
		}
		if i >= len(callee.Params) || !paramOnlyCalled(callee.Params[i]) {
			return nil
		}
		calls := 0
		sems := ps.paramCallSems(callee, i)
		for _, pc := range sum.ParamCalls {
			if pc.Index != i {
				continue
			}
			calls++
			keys := slices.Clone(sems)
			for _, h := range pc.Held {
				if h.Ref.Class.known() && h.Mode != Once {
					keys = append(keys, h.Ref.Class.Key)
				}
			}
			if !seen {
				common, seen = keys, true
				continue
			}
			common = slices.DeleteFunc(common, func(k string) bool { return !slices.Contains(keys, k) })
		}
		if calls == 0 {
			return nil
		}
	}
	return common
}

// paramCallSems returns the semaphores (semaphores.go) that fn holds at
// every call of its parameter i: a helper that takes a token around what
// it is given (c.token <- struct{}{}; defer func() { <-c.token }(); fn()).
func (ps *passState) paramCallSems(fn *ssa.Function, i int) []string {
	if i >= len(fn.Params) {
		return nil
	}
	var common []string
	seen := false
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			c, ok := instr.(*ssa.Call)
			if !ok || c.Call.Value != fn.Params[i] {
				continue
			}
			held := ps.gatesHeldAt(fn, c)
			if !seen {
				common, seen = held, true
				continue
			}
			common = slices.DeleteFunc(common, func(k string) bool { return !slices.Contains(held, k) })
		}
	}
	return common
}

// paramOnlyCalled reports whether the function-typed parameter p is only
// called, in its function's own goroutine: never stored, passed on, nor
// started or deferred.
func paramOnlyCalled(p *ssa.Parameter) bool {
	for _, r := range *p.Referrers() {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case *ssa.Call:
			if r.Call.Value != p || slices.Contains(r.Call.Args, ssa.Value(p)) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// handedOffEither reports whether one of the goroutines started at g and
// at then (another go statement; nil when then starts none) waits, before
// its work, for the other to feed it after reaching its side (handedOff,
// or wgHandedOff with a WaitGroup for the channel).
func (ps *passState) handedOffEither(g *callgraph.Site, reach map[*ssa.Function]bool, then *callgraph.Site, reachThen map[*ssa.Function]bool) bool {
	if then == nil {
		return false
	}
	gs, ts := ps.sidesOf(g, reach), ps.sidesOf(then, reachThen)
	return handedOff(g.Instr, then.Instr, gs) || handedOff(then.Instr, g.Instr, ts) || onceFirst(g.Instr, then.Instr, gs) || onceFirst(then.Instr, g.Instr, ts) ||
		wgHandedOff(g.Instr, then.Instr, gs) || wgHandedOff(then.Instr, g.Instr, ts)
}

// sidesOf returns where the one body the go statement g starts reaches
// its side: its calls that reach a function of reach, or, when the body is
// itself the side, its own acquisitions (none deferred, none in a goroutine
// it starts). nil when g starts no single body of reach.
func (ps *passState) sidesOf(g *callgraph.Site, reach map[*ssa.Function]bool) []ssa.Instruction {
	targets := ps.conc.targets[g]
	if len(targets) != 1 || !reach[targets[0]] {
		return nil
	}
	var sides []ssa.Instruction
	for _, site := range ps.graph.Sites(targets[0]) {
		if reachesAny(ps.conc.targets[site], reach) != nil {
			sides = append(sides, site.Instr)
		}
	}
	if sides != nil {
		return sides
	}
	acqs, _ := ps.bodyAcquisitions(targets[0], false)
	return acqs
}

// bodiesHeld returns the lock classes held at every call, in the bodies
// the go statement g starts, that reaches a function of reach; not ok when
// a body is itself the side (no such call), or one of those calls starts a
// goroutine or has no record.
func (ps *passState) bodiesHeld(g *callgraph.Site, reach map[*ssa.Function]bool) ([]string, bool) {
	var common []string
	bodies, seen := 0, false
	for _, t := range ps.conc.targets[g] {
		if !reach[t] {
			continue
		}
		bodies++
		calls := 0
		for _, site := range ps.graph.Sites(t) {
			if reachesAny(ps.conc.targets[site], reach) == nil {
				continue
			}
			held, ok := ps.heldAtSite(site.Instr)
			if !ok || spawns(site) {
				return nil, false
			}
			held = append(held, ps.freeHeldAtSite(site.Instr, g)...)
			held = append(held, ps.heldByCallee(site, reach)...)
			calls++
			if !seen {
				common, seen = held, true
				continue
			}
			common = slices.DeleteFunc(common, func(k string) bool { return !slices.Contains(held, k) })
		}
		if calls == 0 {
			return nil, false // the body itself is the side
		}
	}
	return common, bodies > 0
}

// siteAt returns the go statement of sites at instr, when spawn says
// instr starts a goroutine.
func siteAt(sites []*callgraph.Site, instr ssa.Instruction, spawn bool) *callgraph.Site {
	if !spawn {
		return nil
	}
	for _, s := range sites {
		if s.Instr == instr {
			return s
		}
	}
	return nil
}

// freeHeldAtSite returns the classes of the locks held at the call instr,
// in the body of a closure that the go statement g starts, that are
// variables the closure captures: the class of what g's closure binds to
// each (a local mutex of the starter: `var outer sync.Mutex`), on every
// record of instr.
func (ps *passState) freeHeldAtSite(instr ssa.Instruction, g *callgraph.Site) []string {
	mc, ok := g.Instr.Common().Value.(*ssa.MakeClosure)
	if !ok || instr.Parent() != mc.Fn {
		return nil
	}
	r := newResolver(g.Instr.Parent(), ps.pass.Fset)
	var out []string
	seen := false
	for _, c := range ps.callHeld {
		if c.site != instr {
			continue
		}
		var here []string
		for _, i := range c.heldFree {
			if i < len(mc.Bindings) {
				if ref := r.resolve(mc.Bindings[i]); ref.Class.known() {
					here = append(here, ref.Class.Key)
				}
			}
		}
		if !seen {
			out, seen = here, true
			continue
		}
		out = slices.DeleteFunc(out, func(k string) bool { return !slices.Contains(here, k) })
	}
	return out
}

// heldAtSite returns the lock classes held on every path to the direct
// call instr, when the final pass recorded them (see recordCallHeld).
func (ps *passState) heldAtSite(instr ssa.Instruction) ([]string, bool) {
	var out []string
	seen := false
	for _, c := range ps.callHeld {
		if c.site != instr {
			continue
		}
		if !seen {
			out, seen = slices.Clone(c.held), true
			continue
		}
		out = slices.DeleteFunc(out, func(k string) bool { return !slices.Contains(c.held, k) })
	}
	return out, seen
}

// spawners returns the functions of this package that, called, start a
// goroutine reaching fn and return while it runs: their own go statement
// does it and runs on every path to their returns (a constructor that
// starts its loop), and they do not wait for it to end before returning. A go statement deeper down, or under a condition, is
// no witness that the call starts anything.
func (cs *concurrency) spawners(ps *passState, fn *ssa.Function) map[*ssa.Function]bool {
	if r, ok := cs.spawnAnc[fn]; ok {
		return r
	}
	reach := cs.reachers(fn)
	r := make(map[*ssa.Function]bool)
	for _, s := range ps.graph.Funcs() {
		for _, g := range ps.graph.Sites(s) {
			if spawns(g) && reachesAny(cs.targets[g], reach) != nil && beforeEveryReturn(g.Instr) && !ps.joinedBeforeReturns(s, g.Instr) {
				r[s] = true
				break
			}
		}
	}
	cs.spawnAnc[fn] = r
	return r
}

// joinedBeforeReturns reports whether s waits for the goroutine its go
// statement g starts to end before each of its returns (joinedBefore): a
// call of s returns with no goroutine of g's running.
func (ps *passState) joinedBeforeReturns(s *ssa.Function, g ssa.Instruction) bool {
	n := 0
	for _, b := range s.Blocks {
		if len(b.Instrs) == 0 {
			continue
		}
		if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
			n++
			if !ps.joinedBefore(s, g, ret) {
				return false
			}
		}
	}
	return n > 0
}

// beforeEveryReturn reports whether instr runs on every path to its
// function's returns.
func beforeEveryReturn(instr ssa.Instruction) bool {
	n := 0
	for _, b := range instr.Parent().Blocks {
		if len(b.Instrs) == 0 {
			continue
		}
		if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
			n++
			if !instrBefore(instr, ret) {
				return false
			}
		}
	}
	return n > 0
}

// after looks in s for a point after the go statement g, on every path to
// it, where s reaches the side o: another site whose targets reach it, or
// o's own position when s is o's function.
func (ps *passState) after(s *ssa.Function, g *callgraph.Site, sites []*callgraph.Site, o side, reach map[*ssa.Function]bool) (spawnWitness, bool) {
	for _, s2 := range sites {
		if s2 == g || !instrBefore(g.Instr, s2.Instr) || ps.serialised(s, g.Instr, s2.Instr, spawns(s2)) {
			continue
		}
		if t := reachesAny(ps.conc.targets[s2], reach); t != nil {
			return spawnWitness{fn: s, start: g.Instr, then: s2.Instr, other: t, spawn: spawns(s2),
				passed: !spawns(s2) && !slices.Contains(s2.Callees, t)}, true
		}
	}
	if s != o.fn {
		return spawnWitness{}, false
	}
	for _, instr := range ps.instrsAt(s, o.pos) {
		if instrBefore(g.Instr, instr) && !ps.serialised(s, g.Instr, instr, false) {
			return spawnWitness{fn: s, start: g.Instr, then: instr, other: s}, true
		}
	}
	return spawnWitness{}, false
}

// instrsAt returns fn's instructions at the position p (a hop of fn).
func (ps *passState) instrsAt(fn *ssa.Function, p token.Position) []ssa.Instruction {
	if p.Line == 0 {
		return nil
	}
	var out []ssa.Instruction
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if q := ps.position(instr.Pos()); q.Line == p.Line && q.Column == p.Column && q.Filename == p.Filename {
				out = append(out, instr)
			}
		}
	}
	return out
}

// selectsAt returns fn's select statements with a case at p.
func (ps *passState) selectsAt(fn *ssa.Function, p token.Position) []ssa.Instruction {
	var out []ssa.Instruction
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			sel, ok := instr.(*ssa.Select)
			if !ok {
				continue
			}
			for _, st := range sel.States {
				if q := ps.position(st.Pos); q.Line == p.Line && q.Column == p.Column && q.Filename == p.Filename {
					out = append(out, sel)
					break
				}
			}
		}
	}
	return out
}

// sharedAcrossIterations reports whether the goroutines a go statement in
// a loop starts are given something made before the loop (an argument, a
// receiver or a captured variable that may reference an object): without
// it, each iteration's goroutine works on objects of its own (or on
// package-level ones, which the class-level claim cannot tell apart), and
// two iterations are no witness of a shared lock.
func sharedAcrossIterations(instr ssa.CallInstruction) bool {
	c := instr.Common()
	vals := append([]ssa.Value(nil), c.Args...)
	if mc, ok := c.Value.(*ssa.MakeClosure); ok {
		vals = append(vals, mc.Bindings...)
	} else if c.IsInvoke() {
		vals = append(vals, c.Value)
	}
	at := instr.Block()
	for _, v := range vals {
		if !mayReachLock(v.Type(), make(map[types.Type]bool)) {
			continue // a WaitGroup, a chan struct{}: no lock of a cycle
		}
		switch v := v.(type) {
		case *ssa.Const:
			continue
		case *ssa.Parameter, *ssa.FreeVar, *ssa.Global:
			return true
		case ssa.Instruction:
			if b := v.Block(); b != nil && !sameLoop(b, at) {
				return true
			}
		}
	}
	return false
}

// mayReachLock reports whether a value of type t may lead to a lock: a
// sync.Mutex or RWMutex among its fields, or behind its pointers, slices,
// maps and channels, or a value the types do not bound (an interface, a
// func, an unsafe.Pointer). A *sync.WaitGroup or a chan struct{} shared by
// the goroutines of a loop gives them no lock in common.
func mayReachLock(t types.Type, seen map[types.Type]bool) bool {
	if seen[t] {
		return false
	}
	seen[t] = true
	if n, ok := t.(*types.Named); ok {
		if obj := n.Obj(); obj.Pkg() != nil && obj.Pkg().Path() == "sync" && (obj.Name() == "Mutex" || obj.Name() == "RWMutex") {
			return true
		}
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Kind() == types.UnsafePointer
	case *types.Pointer:
		return mayReachLock(u.Elem(), seen)
	case *types.Slice:
		return mayReachLock(u.Elem(), seen)
	case *types.Array:
		return mayReachLock(u.Elem(), seen)
	case *types.Chan:
		return mayReachLock(u.Elem(), seen)
	case *types.Map:
		return mayReachLock(u.Key(), seen) || mayReachLock(u.Elem(), seen)
	case *types.Struct:
		for i := range u.NumFields() {
			if mayReachLock(u.Field(i).Type(), seen) {
				return true
			}
		}
		return false
	case *types.Tuple:
		for i := range u.Len() {
			if mayReachLock(u.At(i).Type(), seen) {
				return true
			}
		}
		return false
	}
	return true // interfaces, funcs, type parameters
}

// sameLoop reports whether blocks a and b lie on one cycle: each reaches
// the other.
func sameLoop(a, b *ssa.BasicBlock) bool {
	return a == b || reachesBlock(a, b) && reachesBlock(b, a)
}

// reachesBlock reports whether a path of one or more edges leads from a to b.
func reachesBlock(a, b *ssa.BasicBlock) bool {
	return reaches(a.Succs, b, func(*ssa.BasicBlock) bool { return false })
}

// inLoop reports whether b can run again after itself.
func inLoop(b *ssa.BasicBlock) bool {
	return b != nil && reachesBlock(b, b)
}

// chainSide is the side a witness chain runs in: the function of this
// package its first hop names, at that hop; or, when the chain starts a
// goroutine on its way, the goroutine's: the hop after the last go
// statement, since only that part runs in the goroutine that waits.
func (ps *passState) chainSide(c Chain) side {
	c = afterSpawn(c)
	if len(c) == 0 || c[0].Func == "" {
		return side{}
	}
	return side{fn: ps.funcNamed(c[0].Func), pos: c[0].Pos}
}

// afterSpawn is the part of c after its last go statement (the hops in
// the goroutine it starts), or all of c.
func afterSpawn(c Chain) Chain {
	for i := len(c) - 2; i >= 0; i-- {
		if strings.HasPrefix(c[i].What, spawnWhat) {
			return c[i+1:]
		}
	}
	return c
}

// spawnSide is the side of a goroutine started here: the function it runs
// when known, or where its chain leads.
func (ps *passState) spawnSide(s *Spawn) side {
	if fn := ps.funcNamed(s.fn); fn != nil {
		return side{fn: fn}
	}
	return ps.chainSide(s.Chain)
}

// funcNamed is the function of this package hops call name, or nil.
func (ps *passState) funcNamed(name string) *ssa.Function {
	if name == "" {
		return nil
	}
	cs := ps.concurrencyState()
	if cs.byName == nil {
		cs.byName = make(map[string]*ssa.Function)
		for _, fn := range ps.graph.Funcs() {
			if n := ps.name(fn); cs.byName[n] == nil {
				cs.byName[n] = fn
			}
		}
	}
	return cs.byName[name]
}

// joinedBefore reports whether s, after starting a goroutine at g, waits
// for it to end before it reaches then, on every path: a plain receive
// from a channel the goroutine closes (or sends on) in a deferred call, or
// a Wait on a WaitGroup it counts down in one, runs after g and before
// then, in s or in a callee that does it on every path (in s, a select
// case too, when then comes after that case's body on every path); or a Cond loop
// (or a spin on an atomic flag) waits for a flag the goroutine sets as its
// last signal (condJoined), a receive from ctx.Done() for the cancel it
// calls as one (ctxJoined), or a Lock for a local mutex the goroutine
// unlocks as one (latchJoined), or a Do of the Once inside whose Do alone
// the goroutine takes its locks (onceJoined).
// The goroutine has then returned, or takes no lock any more, and what it
// did does not run at once with what s does from then on.
func (ps *passState) joinedBefore(s *ssa.Function, g, then ssa.Instruction) bool {
	return ps.joinedBeforeOf(s, g, then, false)
}

// joinedBeforeOf is joinedBefore; nestingOnly counts as the goroutine's
// last signal one after which it may still take locks, but only one at a
// time, holding no other (lastSignals): what a lock-order cycle needs of
// it is over.
func (ps *passState) joinedBeforeOf(s *ssa.Function, g, then ssa.Instruction, nestingOnly bool) bool {
	sum := ps.sums[s]
	if sum == nil {
		return false
	}
	if ps.condJoined(s, g, then, nestingOnly) || ps.ctxJoined(s, g, then, nestingOnly) || ps.latchJoined(s, g, then, nestingOnly) || ps.onceJoined(s, g, then) || ps.stopJoined(s, g, then) || ps.calleeJoined(g, then, nestingOnly) {
		return true
	}
	at := ps.position(g.Pos())
	ends := make(map[string]OpKind) // what the goroutine does last, by channel or WaitGroup
	for _, sp := range sum.Spawns {
		if len(sp.Chain) == 0 || sp.Chain[0].Pos != at {
			continue
		}
		for _, c := range sp.Ops {
			if c.Deferred && !c.Alt && !c.NonBlocking && (c.Kind == OpClose || c.Kind == OpSend || c.Kind == OpWGDone) {
				ends[c.Ref.key()] = c.Kind
			}
		}
		for _, wg := range sp.CountedBy { // WaitGroup.Go: Done once the function returns
			ends[wg.key()] = OpWGDone
		}
	}
	for k, kind := range ps.lastSignals(sum, g, nestingOnly) {
		ends[k] = kind
	}

	if len(ends) == 0 {
		return false
	}
	for _, c := range sum.Chans {
		// (a callee's wait counts when it waits on every path of the
		// callee: a halt() that closes the stop channel and waits)
		if len(c.Chain) != 1 && !c.Always || c.Alt && len(c.Chain) != 1 || c.NonBlocking || c.Deferred {
			continue
		}
		end, ok := ends[c.Ref.key()]
		if !ok || (c.Kind == OpWGWait) != (end == OpWGDone) || c.Kind != OpRecv && c.Kind != OpWGWait {
			continue
		}
		if sel, j := ps.selectCaseAt(s, c.Chain[0].Pos); sel != nil && len(c.Chain) == 1 {
			// A select case: then must come after the case's body on
			// every path (the other cases return, or go elsewhere),
			// unless the other cases can never be chosen (not Alt).
			if !instrBefore(g, sel) || sel == then {
				continue
			}
			if (!c.Alt || ps.everyCaseEnds(sum, sel, ends)) && instrBefore(sel, then) {
				return true
			}
			if iff := caseBranch(sel, j); iff != nil {
				if body := iff.Block().Succs[0]; len(body.Preds) == 1 && body.Dominates(then.Block()) {
					return true
				}
			}
			continue
		}
		for _, instr := range ps.instrsAt(s, c.Chain[0].Pos) {
			if instr != then && instrBefore(g, instr) && instrBefore(instr, then) {
				return true
			}
			if instr == then && instrBefore(g, then) && ps.waitsFirst(then, c) {
				return true
			}
		}
	}
	return false
}

// everyCaseEnds reports whether every case of the select sel of s (one
// that waits: no default) receives the goroutine's last signal: a channel
// it sends on or closes as its end on one path, another on another path
// (close(granted) once done, close(failed) when it gives up). Whichever
// case wins, the goroutine is done with its locks.
func (ps *passState) everyCaseEnds(sum *Summary, sel *ssa.Select, ends map[string]OpKind) bool {
	if !sel.Blocking || len(sel.States) < 2 {
		return false
	}
	ended := make(map[token.Position]bool, len(sel.States)) // the cases' positions, true once one takes a last signal
	for _, st := range sel.States {
		ended[ps.position(st.Pos)] = false
	}
	for _, c := range sum.Chans {
		if c.Kind != OpRecv || !c.Alt || len(c.Chain) != 1 {
			continue
		}
		if _, here := ended[c.Chain[0].Pos]; !here {
			continue
		}
		if end, ok := ends[c.Ref.key()]; ok && end != OpWGDone {
			ended[c.Chain[0].Pos] = true
		}
	}
	for _, ok := range ended {
		if !ok {
			return false
		}
	}
	return len(ended) == len(sel.States)
}

// waitsFirst reports whether the call then, whose callee waits (c, a wait
// of the callee's own frame, on every path) for the goroutine to end, takes
// every lock only after that wait: a Stop that closes quit, waits for the
// loop's WaitGroup and then flushes. The callee reaches its side after the
// goroutine has ended.
func (ps *passState) waitsFirst(then ssa.Instruction, c ChanOp) bool {
	call, ok := then.(*ssa.Call)
	if !ok || len(c.Chain) != 2 {
		return false
	}
	callee := call.Call.StaticCallee()
	if callee == nil || c.Chain[1].Func != ps.name(callee) {
		return false
	}
	acqs, ok := ps.bodyAcquisitions(callee, false)
	if !ok || len(acqs) == 0 {
		return false
	}
	for _, w := range ps.instrsAt(callee, c.Chain[1].Pos) {
		if !slices.ContainsFunc(acqs, func(a ssa.Instruction) bool { return !instrBefore(w, a) || instrReaches(a, w) }) {
			return true
		}
	}
	return false
}

// lastSignals are the channels and WaitGroups on which the goroutine that
// the go statement g starts signals, in its own body and not deferred, that
// it will take no lock any more: a send or close that is not a select case,
// or a Done, from which no acquisition of the goroutine is reachable (none
// deferred, none on a later turn of a loop), in a body that starts no
// goroutine of its own. A starter that takes that signal and then locks no
// longer runs at once with the goroutine's locking: the goroutine may still
// hold locks, but it will never wait for one. A send or close counts only
// when the goroutine is the channel's one feeder (started once, and neither
// the starter nor another goroutine it starts feeds it) and each of its
// feeds is such a signal (an error sent on one path, nil on another): a
// receive could otherwise take another's value.
//
// With nestingOnly, the acquisitions that count are those of the
// instructions of the body that take a lock while it holds another, or
// take more than one (a call whose callee may nest them), as the final
// pass recorded them (separate.go): a goroutine that after its signal
// takes one lock at a time, holding none, may make the starter wait but
// never waits while holding a lock the starter wants, so it closes no
// lock-order cycle.
func (ps *passState) lastSignals(sum *Summary, g ssa.Instruction, nestingOnly bool) map[string]OpKind {
	out := make(map[string]OpKind)
	for k, sig := range ps.lastSignalsAt(sum, g, nestingOnly) {
		out[k] = sig.kind
	}
	return out
}

// lastSignal is one of lastSignals: its kind and the goroutine body's
// instructions that give it.
type lastSignal struct {
	kind   OpKind
	instrs []ssa.Instruction
}

// lastSignalsAt is lastSignals with the instructions of each.
func (ps *passState) lastSignalsAt(sum *Summary, g ssa.Instruction, nestingOnly bool) map[string]lastSignal {
	at := ps.position(g.Pos())
	var sp *Spawn
	for i := range sum.Spawns {
		if s := &sum.Spawns[i]; len(s.Chain) == 1 && s.Chain[0].Pos == at {
			sp = s
		}
	}
	body := goBody(g)
	if sp == nil || body == nil {
		return nil
	}
	acqs, ok := ps.bodyAcquisitions(body, nestingOnly)
	if !ok {
		return nil
	}
	name := ps.name(body)
	fed := make(map[string]int) // sends and closes by channel, over the starter and all its goroutines
	feeds := func(ops []ChanOp) {
		for _, c := range ops {
			if c.Kind == OpSend || c.Kind == OpClose {
				fed[c.Ref.key()]++
			}
		}
	}
	feeds(sum.Chans)
	for _, s := range sum.Spawns {
		feeds(s.Ops)
	}
	out := make(map[string]lastSignal)
	lastFeeds := make(map[string]int) // the body's sends and closes that are last, by channel
	for _, c := range sp.Ops {
		if len(c.Chain) != 2 || c.Chain[1].Func != name || c.Deferred || c.Alt || c.NonBlocking {
			continue
		}
		switch c.Kind {
		case OpWGDone:
		case OpSend, OpClose:
			if sp.Loop {
				continue
			}
		default:
			continue
		}
		signals := ps.instrsAt(body, c.Chain[1].Pos)
		if len(signals) == 0 {
			continue
		}
		last := true
		for _, e := range signals {
			for _, x := range acqs {
				if instrReaches(e, x) {
					last = false
				}
			}
		}
		k := c.Ref.key()
		if last {
			sig := out[k]
			sig.kind = c.Kind
			sig.instrs = append(sig.instrs, signals...)
			out[k] = sig
			if c.Kind != OpWGDone {
				lastFeeds[k]++
			}
		}
	}
	// A send or close is the goroutine's last signal only when every feed
	// of its channel is one (the starter and its other goroutines feed it
	// nowhere): a receive could otherwise take another's value. Several,
	// on different paths of the body (an error sent on one, nil on the
	// other), each say the locking is over.
	for k, sig := range out {
		if sig.kind != OpWGDone && fed[k] != lastFeeds[k] {
			delete(out, k)
		}
	}
	return out
}

// bodyAcquisitions returns every instruction at which the goroutine body
// takes a lock, as the final pass recorded them (the summary keeps one
// witness per lock, which may be an earlier acquisition than the last);
// not ok when the body starts goroutines or takes locks in frames the
// record does not place.
func (ps *passState) bodyAcquisitions(body *ssa.Function, nestingOnly bool) ([]ssa.Instruction, bool) {
	bsum := ps.sums[body]
	if bsum == nil || len(bsum.Spawns) > 0 {
		return nil, false
	}
	name := ps.name(body)
	for _, a := range bsum.Acquires {
		if len(a.Chain) == 0 || a.Chain[0].Func != name {
			return nil, false
		}
	}
	return ps.acquisitionsIn(body, nestingOnly)
}

// goBody is the function a go statement starts, when it names one: a
// function or a closure, not a dynamic call.
func goBody(g ssa.Instruction) *ssa.Function {
	gi, ok := g.(*ssa.Go)
	if !ok {
		return nil
	}
	switch fv := gi.Call.Value.(type) {
	case *ssa.MakeClosure:
		fn, _ := fv.Fn.(*ssa.Function)
		return fn
	case *ssa.Function:
		return fv
	}
	return nil
}

// serialised reports whether s, after starting a goroutine at g, reaches
// then only at a point where that goroutine cannot run at once with it:
// s has waited for the goroutine to end (joinedBefore), or the goroutine
// waits, before doing anything, for a channel s feeds only after then
// returns (gatedAfter), for a Cond or atomic flag s sets only after it
// (condGatedAfter), for a local mutex s holds until after it
// (mutexGatedAfter) or for a context s cancels only after it
// (ctxGatedAfter), also in a select whose other cases only leave
// (selectGatedAfter), or for a channel field s closes only after it
// (fieldGatedAfter) or a flag field it sets only after it
// (flagFieldGatedAfter, gatecases.go). thenSpawns says then starts a goroutine itself,
// which a gate opened after it does not order.
func (ps *passState) serialised(s *ssa.Function, g, then ssa.Instruction, thenSpawns bool) bool {
	return ps.joinedBefore(s, g, then) || !thenSpawns && (ps.gatedAfter(g, then) || ps.objectGatedAfter(g, then) || condGatedAfter(g, then) || mutexGatedAfter(g, then) || ps.ctxGatedAfter(g, then) ||
		ps.selectGatedAfter(g, then) || ps.fieldGatedAfter(g, then) || ps.flagFieldGatedAfter(g, then) || ps.unpublishedGatedAfter(g, then))
}

// gatedAfter reports whether the goroutine that the go statement g starts
// begins by receiving from a channel made in g's function, which that
// function hands to nothing but the goroutine and feeds (sends on or
// closes) only after then, on every path, and never before then again (a
// loop), or by waiting on a WaitGroup that function counts down only after
// then (countedDownOnlyAfter): the goroutine's work starts after then has
// returned.
func (ps *passState) gatedAfter(g, then ssa.Instruction) bool {
	gi, ok := g.(*ssa.Go)
	if !ok {
		return false
	}
	body, bound := goBinding(gi)
	switch x := firstWait(body).(type) {
	case *ssa.UnOp:
		answered := func(feed *ssa.Send) bool {
			rep, ok := ps.replyTo(body, bound, x, 0)
			return ok && answeredBefore(feed, feed.X, rep, then)
		}
		return gateMadeBy(x.X, bound, gi, then, func(v ssa.Value, g *ssa.Go, then ssa.Instruction) bool {
			return fedOnlyAfter(v, g, then, answered)
		})
	case *ssa.Call:
		if wgMethod(x.Common(), "Wait") {
			return gateMadeBy(x.Common().Args[0], bound, gi, then, countedDownOnlyAfter)
		}
	}
	return false
}

// goBinding returns the function the go statement (or WaitGroup.Go call)
// gi runs and the values it gives the function's parameters and free
// variables.
func goBinding(gi ssa.CallInstruction) (*ssa.Function, map[ssa.Value]ssa.Value) {
	fv, args := started(gi)
	var body *ssa.Function
	bound := make(map[ssa.Value]ssa.Value)
	switch fv := fv.(type) {
	case *ssa.MakeClosure:
		body, _ = fv.Fn.(*ssa.Function)
		if body != nil {
			for i, b := range fv.Bindings {
				if i < len(body.FreeVars) {
					bound[body.FreeVars[i]] = b
				}
			}
		}
	case *ssa.Function:
		body = fv
	}
	if body == nil {
		return nil, nil
	}
	for i, a := range args {
		if i < len(body.Params) {
			bound[body.Params[i]] = a
		}
	}
	return body, bound
}

// started returns the function value a go statement starts and the
// arguments it passes, or the function a WaitGroup.Go call starts (with
// none); nil for any other call.
func started(ci ssa.CallInstruction) (ssa.Value, []ssa.Value) {
	c := ci.Common()
	if _, ok := ci.(*ssa.Go); ok {
		return c.Value, c.Args
	}
	if wgMethod(c, "Go") && len(c.Args) == 2 {
		return c.Args[1], nil
	}
	return nil, nil
}

// firstWait returns the first action of body (see firstAction), following
// the blocks that only jump on; nil when there is none.
func firstWait(body *ssa.Function) ssa.Instruction {
	if body == nil || len(body.Blocks) == 0 {
		return nil
	}
	seen := make(map[*ssa.BasicBlock]bool)
	for b := body.Blocks[0]; !seen[b]; {
		seen[b] = true
		next, first := firstAction(b)
		if first != nil || next == nil {
			return first
		}
		b = next
	}
	return nil
}

// firstAction scans block b for the goroutine's first action: a receive, a
// call or anything else that acts (first), or, when b only jumps on, the
// block it jumps to (next: `for range ch` begins at the loop's head).
func firstAction(b *ssa.BasicBlock) (next *ssa.BasicBlock, first ssa.Instruction) {
	return firstActionIn(b, b.Instrs)
}

// firstActionIn is firstAction over instrs, the rest of block b.
func firstActionIn(b *ssa.BasicBlock, instrs []ssa.Instruction) (next *ssa.BasicBlock, first ssa.Instruction) {
	for _, instr := range instrs {
		switch x := instr.(type) {
		case *ssa.UnOp:
			if x.Op == token.ARROW {
				return nil, x
			}
		case *ssa.Jump:
			return b.Succs[0], nil
		case *ssa.Call, *ssa.Go, *ssa.Send, *ssa.Select, *ssa.Panic, *ssa.Return, *ssa.If, *ssa.Store, *ssa.MapUpdate:
			return nil, x
		}
	}
	return nil, nil
}

// actionAfter returns the next action (see firstAction) after x in its
// block; nil when the block ends first.
func actionAfter(x ssa.Instruction) ssa.Instruction {
	b := x.Block()
	for i, instr := range b.Instrs {
		if instr == x {
			_, first := firstActionIn(b, b.Instrs[i+1:])
			return first
		}
	}
	return nil
}

// gateMadeBy reports whether the goroutine's gate v (the channel it first
// receives from, or the WaitGroup it first waits on) is one that the
// function of the go statement gi made, and opens only after then (opened);
// bound maps the body's parameters and free variables to the values gi
// gives them.
func gateMadeBy(v ssa.Value, bound map[ssa.Value]ssa.Value, gi *ssa.Go, then ssa.Instruction, opened func(ssa.Value, *ssa.Go, ssa.Instruction) bool) bool {
	v = boundOutside(v, bound)
	if v == nil {
		return false
	}
	if ct, ok := v.(*ssa.ChangeType); ok { // (a chan T given as a <-chan T parameter)
		v = ct.X
	}
	if p := v.Parent(); p != gi.Parent() {
		return false
	}
	return opened(v, gi, then)
}

// boundOutside is the value the starter gives a goroutine body's v (a
// parameter or free variable, or the load of a captured variable's cell,
// through bound: see goBinding); nil when it gives none.
func boundOutside(v ssa.Value, bound map[ssa.Value]ssa.Value) ssa.Value {
	if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL { // a captured variable's cell
		if a, ok := bound[load.X].(*ssa.Alloc); ok {
			return uniqueStore(a)
		}
		return nil
	}
	return bound[v]
}

// wgMethod reports whether c calls the method name of *sync.WaitGroup.
func wgMethod(c *ssa.CallCommon, name string) bool {
	f := c.StaticCallee()
	return f != nil && f.Name() == name && f.Signature.Recv() != nil && isWaitGroup(f.Signature.Recv().Type()) && len(c.Args) > 0
}

// countedDownOnlyAfter reports whether v is a WaitGroup the function
// allocated whose every use is the go statement g (through its closure),
// an Add before g, a Wait, or a Done from which no path leads to then
// (after it, or on a path without it: a loop of thens, then the Done); at
// least one Done. A goroutine that first waits on it starts its work
// after every then has returned.
func countedDownOnlyAfter(v ssa.Value, g *ssa.Go, then ssa.Instruction) bool {
	a, ok := v.(*ssa.Alloc)
	if !ok {
		return false
	}
	dones := 0
	for _, r := range *a.Referrers() {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case *ssa.MakeClosure:
			if g.Call.Value != r {
				return false
			}
		case *ssa.Call:
			c := r.Common()
			switch {
			case len(c.Args) == 0 || c.Args[0] != a:
				return false
			case wgMethod(c, "Add"):
				if !instrBefore(r, g) {
					return false
				}
			case wgMethod(c, "Wait"):
			case wgMethod(c, "Done"):
				if instrReaches(r, then) {
					return false
				}
				dones++
			default:
				return false
			}
		default:
			return false
		}
	}
	return dones > 0
}

// fedOnlyAfter reports whether every use of the channel mc is the go
// statement g, a receive, a deferred close, or a send or close from which
// no path leads to then, or a send that answered (when set) accepts as a request the
// goroutine answers before then (requestreply.go); at least one feeds it.
// A variable that holds mc and is stored once (a closure captures it) is
// seen through.
func fedOnlyAfter(v ssa.Value, g *ssa.Go, then ssa.Instruction, answered func(*ssa.Send) bool) bool {
	mc, ok := v.(*ssa.MakeChan)
	if !ok {
		return false
	}
	fed := 0
	var use func(v ssa.Value, ref ssa.Instruction) bool
	use = func(v ssa.Value, ref ssa.Instruction) bool {
		switch r := ref.(type) {
		case *ssa.DebugRef:
		case *ssa.Store:
			a, ok := r.Addr.(*ssa.Alloc)
			if !ok || r.Val != v || uniqueStore(a) != v {
				return false
			}
			for _, ar := range *a.Referrers() {
				if ar == r {
					continue
				}
				if !use(a, ar) {
					return false
				}
			}
		case *ssa.UnOp:
			switch r.Op {
			case token.ARROW:
			case token.MUL: // the load of the variable that holds mc
				if _, ok := v.(*ssa.Alloc); !ok {
					return false
				}
				for _, lr := range *r.Referrers() {
					if !use(r, lr) {
						return false
					}
				}
			default:
				return false
			}
		case *ssa.MakeClosure:
			if g.Call.Value != r {
				return false
			}
		case *ssa.Go:
			if r != g {
				return false
			}
		case *ssa.ChangeType: // its receive-only view, given to the goroutine only
			for _, cr := range *r.Referrers() {
				if cr != ssa.Instruction(g) {
					if _, dbg := cr.(*ssa.DebugRef); !dbg {
						return false
					}
				}
			}
		case *ssa.Defer: // a deferred close: it runs when the function returns, after then
			if !feeds(r, v) {
				return false
			}
			fed++
		case *ssa.Send, *ssa.Call:
			if !feeds(r, v) {
				return false
			}
			if instrReaches(r, then) {
				if send, ok := r.(*ssa.Send); !ok || answered == nil || !answered(send) {
					return false
				}
			}
			fed++
		default:
			return false
		}
		return true
	}
	for _, ref := range *mc.Referrers() {
		if !use(mc, ref) {
			return false
		}
	}
	return fed > 0
}

// feeds reports whether instr sends on the channel v (not v itself, as a
// value) or closes it.
func feeds(instr ssa.Instruction, v ssa.Value) bool {
	switch r := instr.(type) {
	case *ssa.Send:
		return r.Chan == v && r.X != v
	case ssa.CallInstruction: // a call, or a deferred close
		c := r.Common()
		b, ok := c.Value.(*ssa.Builtin)
		return ok && b.Name() == "close" && len(c.Args) == 1 && c.Args[0] == v
	}
	return false
}
