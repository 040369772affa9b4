package analyzer

import (
	"fmt"
	"go/token"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// Limits that keep summaries, and so facts, small however large the program.
const (
	maxChain      = 8  // hops kept in a witness chain
	maxAcquires   = 48 // acquisitions kept per summary
	maxPending    = 32 // unresolved lock-order edges kept per summary
	maxParamCalls = 8  // function-parameter calls kept per summary
)

// Mode is how a lock is held.
type Mode uint8

const (
	Write Mode = iota // Lock
	Read              // RLock
	Once              // inside sync.Once.Do: the Once's own mutex
)

// A Hop is one step of a witness chain: a position and what happens there.
// Positions are stored as file:line:col, not token.Pos, so hops survive the
// trip through facts into other packages' passes.
type Hop struct {
	Pos  token.Position
	Func string // the function the position is in, as the user would name it
	What string // "locks (*Server).mu", "calls (*Server).flush"
	// Elided, when not zero, makes the hop a mark standing for that many
	// steps a long chain left out (see prefixed): "… 12 steps …".
	Elided int
}

func (h Hop) String() string { return h.Func + " " + h.What }

// Chain is a witness: hops in program order from a function's entry to the operation.
type Chain []Hop

// prefixed returns hop followed by c, truncated to maxChain hops: the first
// hops and the final operation, which are the ones a reader needs, with a
// mark between them that says how many steps were left out, so that a
// reader never sees f7 followed by f20 as if one called the other.
func (c Chain) prefixed(hop Hop) Chain {
	if len(c) > 0 && c[0].Func == "" && c[0].Elided == 0 {
		c = c[1:] // a hop inside a synthetic wrapper: the caller's hop replaces it
	}
	if len(c)+1 <= maxChain {
		out := make(Chain, 0, len(c)+1)
		out = append(out, hop)
		return append(out, c...)
	}
	// Too long: hop, the first of c, the mark for the steps left out and
	// the last of c, made in one allocation (most chains that cross a few
	// calls end up here, at every call).
	out := make(Chain, maxChain)
	out[0] = hop
	copy(out[1:maxChain-2], c)
	n := 0
	for _, h := range c[maxChain-3 : len(c)-1] {
		n += max(h.Elided, 1)
	}
	out[maxChain-2], out[maxChain-1] = elision(n), c[len(c)-1]
	return out
}

// elision is the mark for n steps left out of a chain.
func elision(n int) Hop {
	if n < len(elisions) {
		return elisions[n]
	}
	return Hop{Func: "…", What: fmt.Sprintf("%d steps …", n), Elided: n}
}

// elisions are the marks of the counts chains usually leave out, made once.
var elisions = func() []Hop {
	hops := make([]Hop, 64)
	for n := range hops {
		hops[n] = Hop{Func: "…", What: fmt.Sprintf("%d steps …", n), Elided: n}
	}
	return hops
}()

// An Acquire is a lock acquisition a function performs, directly or through
// the functions it calls, in the terms of its own frame.
type Acquire struct {
	Ref   Ref
	Mode  Mode
	Chain Chain
	// After lists the locks the function's caller held that the function
	// released before this acquisition (the unlock-call-relock pattern): such
	// an acquisition does not conflict with them.
	After []Ref
	// Guards, when set, say the acquisition happens only when parameters
	// have values (hasLock bool, p != nil), all of them: the tests that
	// dominate it, so a nil check before a hasLock test keeps both. Callers
	// decide them. Maybe says
	// it may not happen at all for reasons callers cannot decide (a guard
	// its own call site could not): it still orders locks, but it is not
	// claimed to conflict with a lock certainly held.
	Guards []Guard
	Maybe  bool
	// Guess says the acquisition was reached through an interface call
	// that class-hierarchy analysis resolved (see binding.guess): the
	// types this pass sees are not all a value of the interface can be,
	// so nothing witnesses that this implementation is the one called.
	Guess bool
	// Only, when set, says it happens only when bool fields of parameters
	// have these values at entry (see fieldtests.go): a caller that has
	// just stored the other value there rules it out.
	Only []FieldTest
	// Alts, when set, says it happens only when one of these conjunctions
	// of tests held at entry: the ways into a block that a disjunction
	// (`if o == nil || !o.locked { mu.Lock() }`) reaches by more than one
	// edge (see altTests). A caller rules it out by ruling out each.
	Alts [][]FieldTest
	// Once, when set, says it happens inside the function a Do of these
	// Onces runs: only on that Once's first Do (see oncedone.go).
	Once []Ref
	// Tests, for a conditional helper's lock (Summary.CondHeld), are the
	// results that tell the caller it is held (see handoff.go).
	Tests []ResultTest
	// Must says every path by which the function returns takes the lock
	// (a panic's path aside): a caller that holds it and calls the
	// function blocks for certain, whatever the function's branches decide
	// (see mustacquire.go).
	Must bool
}

// An Edge is a lock-order edge: To was acquired while From was held. Edges
// are stored between classes once both are known; until then they travel up
// in summaries ("pending") with frame-relative Refs.
type Edge struct {
	From, To  Ref
	FromMode  Mode
	ToMode    Mode
	FromChain Chain    // how From came to be held
	ToChain   Chain    // how To is acquired, from the same function
	Gates     []string // class keys of other locks held at the time
	// GateRefs: other locks held for certain at the time that the frame
	// drawing a pending edge names only by a parameter or a captured
	// variable (a helper given the outer lock: move(&outer, a, b)). They
	// are rewritten with the edge at each call, and become Gates where a
	// caller names their class (see edgeGates).
	GateRefs []Ref
	Func     string // the function in which both are in scope
	// Wraps: To lives in a value From's object holds in an interface
	// field (see wraps). In a package fact, where one edge stands for its
	// pair of classes: every edge of the pair found there does.
	Wraps bool
	// Guess: one of the two acquisitions was reached through an interface
	// call resolved by class-hierarchy analysis (see Acquire.Guess).
	Guess bool
	Pos   token.Position

	fn *ssa.Function // the function that drew it, in this package's pass only (see inheritGates)
}

// A ParamCall records that a function calls one of its function-typed
// parameters while holding locks: callers that pass a closure apply the
// closure's acquisitions under those locks.
type ParamCall struct {
	Index int
	Held  []Acquire // locks held at the call, in the callee's frame
	// After lists the caller's locks the function released before the
	// call (unlock, run the callback, lock again): the callback runs
	// without them.
	After []Ref
	Chain Chain
}

// A Summary is what callers need to know about a function: it is computed
// bottom-up, applied at every call site, and exported as a FuncFact.
type Summary struct {
	Acquires   []Acquire // every acquisition, direct or through calls
	Releases   []Ref     // caller-held locks it releases and leaves released
	HeldAtExit []Acquire // locks it acquires and still holds on every return
	OncesDone  []Ref     // caller-reachable Onces whose Do it calls on every return (oncedone.go)
	CondHeld   []Acquire // locks it holds on the returns that report success
	// Overflow holds acquisitions past the budget of Acquires (maxAcquires)
	// whose lock a caller can name (see splitAcquires): a caller checks them
	// for double locks only. They order nothing and no other check reads
	// them, so the budget's cut decides no other finding than before.
	Overflow   []Acquire
	Pending    []Edge      // lock-order edges awaiting classes from callers
	ParamCalls []ParamCall // function parameters called with locks held
	Chans      []ChanOp    // channel operations of its own goroutine
	Spawns     []Spawn     // goroutines it starts, directly or through calls
	Counts     []ChanCount // how often its goroutine sends and receives, per channel
	// OneSend lists pairs of channels over which every path sends at most
	// once in all (one result, by one of two channels): see oneSends.
	OneSend [][2]Ref
	// Forwards lists pairs (out, in) of channels over which the function
	// sends on out at most once per value it receives from in (a loop over
	// in that forwards what it takes): see forwards.
	Forwards [][2]Ref
	// GuardCounts holds its counts under a parameter's value, where they
	// differ from Counts (see guardCounts).
	GuardCounts []GuardCount
	// ResultCounts holds its counts over the paths that return a constant
	// bool, where they differ from Counts (see resultCounts).
	ResultCounts []ResultCount
	Fresh        []FreshChan // channels it makes and returns (generators)
	// ParamEscapes lists the parameters (channels, pointers) it stores or
	// hands to code no summary covers: a caller's channel passed there is
	// out of the caller's sight.
	ParamEscapes []int
	// FreeEscapes lists the captured variables of a closure whose
	// operations its summary's limits dropped: the function that made the
	// closure cannot see what it does with them (see capOps).
	FreeEscapes []int
	// ParamPublishes lists the pointer parameters whose object it lets
	// other goroutines reach, ParamReturned those of them it lets out only
	// by returning them (see paramPublishes): ownership's view, where
	// ParamEscapes is the channels'.
	ParamPublishes []int
	ParamReturned  []int
	// ParamHandedOn lists the pointer parameters it certainly hands on:
	// to another goroutine, or into memory others reach (see
	// paramsHandedOn): the evidence that a lock reachable from the
	// argument may be released by whoever takes it from there. Like
	// FreshObjs, it alone does not make a summary non-empty (a setter is
	// no node of the wait graph) but is exported all the same.
	ParamHandedOn []int
	FuncUses      []FuncUse // function values it was given or captured that it calls or starts
	// Returns names what a getter returns: a field of a parameter or a
	// global (return s.stop), by result index, so that callers see the
	// channel or lock itself rather than an opaque call result.
	Returns []ReturnRef
	// FreshObjs lists the results that are objects the function allocated
	// (or got fresh from a constructor of its own) and published only by
	// returning them: the caller owns them (see owner.go). It alone does
	// not make a summary non-empty (a constructor is no node of the wait
	// graph) but is exported all the same.
	FreshObjs []int
	// IfaceCalls lists the calls of interfaces its package declares, with
	// the locks held, for the packages that know their implementations
	// (see ifacecalls.go).
	IfaceCalls []IfaceCall
	// NilResults lists the results that are the constant nil on every
	// return (an error a stub never returns): a caller's branch on such a
	// result being non-nil is never taken (see nilResultEdge).
	NilResults []int
	// NonNilResults lists the results of interface type that are non-nil
	// on every return (an error wrapper): a caller in the package that
	// passes such a result decides a callee's test of that parameter
	// against nil (see resultNonNil). It is not exported in facts.
	NonNilResults []int
	// ParamStores lists the parameters it stores in fields or
	// package-level variables of interface type, for the packages that
	// resolve interface calls on values loaded from there (ifaceflow.go).
	// Like FreshObjs it alone does not make a summary non-empty.
	ParamStores []ParamStore
	// Repoints lists the fields (of its parameters, captured variables or
	// package variables) it stores another lock-holding pointer into,
	// itself or through calls: after a call, a lock the caller holds
	// through such a field and the lock the field names are two objects
	// (see fnAnalysis.repoint).
	Repoints []Ref
	// UnnamedRelease says that it may release, itself or through calls, a
	// lock it held no name for and cannot name to its callers one by one
	// (an element of a slice it was given, `for _, m := range ms {
	// m.Unlock() }`): any lock a caller holds may be that one.
	UnnamedRelease bool
}

// A ReturnRef says that result Index is always Ref; with Field set, that
// field of result Index (a fresh object) is always Ref (see fieldbind.go).
type ReturnRef struct {
	Index int
	Ref   Ref
	Field string
}

func (s *Summary) empty() bool {
	return s == nil || len(s.Acquires)+len(s.Releases)+len(s.HeldAtExit)+len(s.CondHeld)+len(s.Pending)+len(s.ParamCalls)+len(s.Chans)+len(s.Spawns)+len(s.Counts)+len(s.GuardCounts)+len(s.Fresh)+len(s.ParamEscapes)+len(s.FuncUses)+len(s.Returns)+len(s.IfaceCalls)+len(s.NilResults) == 0 && !s.UnnamedRelease
}

// size is a cheap measure used to detect that a recursive component's
// summaries have stopped growing.
func (s *Summary) size() int {
	if s == nil {
		return 0
	}
	return len(s.Acquires)*1000000 + len(s.Releases)*10000 + len(s.HeldAtExit)*1000 + len(s.Pending)*10 + len(s.ParamCalls) +
		len(s.Chans)*100 + len(s.Spawns)*100000 + len(s.Returns)*7 + len(s.FreshObjs)*3 + len(s.Repoints)*11 + len(s.CondHeld)*13 + len(s.ParamHandedOn)*17
}

// normalize sorts and deduplicates a summary, keeps the shortest witness for
// each acquisition, and applies the size limits. Deterministic output matters:
// facts are compared byte for byte by the build cache.
func (s *Summary) normalize() {
	var over []Acquire
	s.Acquires, over = splitAcquires(s.Acquires, maxAcquires)
	s.Overflow = overflowAcquires(append(over, s.Overflow...), s.Acquires)
	s.HeldAtExit = dedupAcquires(s.HeldAtExit, maxAcquires)
	s.CondHeld = dedupAcquires(s.CondHeld, maxAcquires)
	rel := make(map[string]Ref, len(s.Releases))
	for _, r := range s.Releases {
		rel[r.key()] = r
	}
	s.Releases = sortedValues(rel, maxAcquires)
	rep := make(map[string]Ref, len(s.Repoints))
	for _, r := range s.Repoints {
		rep[r.key()] = r
	}
	s.Repoints = sortedValues(rep, maxAcquires)
	s.Pending = dedupEdges(s.Pending, maxPending)
	s.ParamCalls = dedupParamCalls(s.ParamCalls, maxParamCalls)
	s.IfaceCalls = dedupIfaceCalls(s.IfaceCalls, maxIfaceCalls, false)
	normalizeChans(s)
	if len(s.FuncUses) > maxParamCalls {
		s.FuncUses = s.FuncUses[:maxParamCalls]
	}
}

// dedupParamCalls keeps one record per parameter and set of held locks.
func dedupParamCalls(in []ParamCall, limit int) []ParamCall {
	if len(in) == 0 {
		return nil
	}
	best := make(map[string]ParamCall, len(in))
	for _, pc := range in {
		k := strconv.Itoa(pc.Index)
		for _, h := range pc.Held {
			k += "," + acquireKey(h)
		}
		for _, r := range pc.After {
			k += ",-" + r.key()
		}
		if b, ok := best[k]; !ok || betterChain(pc.Chain, b.Chain) {
			best[k] = pc
		}
	}
	return sortedValues(best, limit)
}

func acquireKey(a Acquire) string { return lockModeKey(a.Ref, a.Mode) }

// lockModeKey names a lock taken in a mode: acquisitions are kept apart
// by both.
func lockModeKey(ref Ref, m Mode) string {
	var buf [128]byte // (on the stack: the string is the one allocation)
	return string(appendLockModeKey(buf[:0], ref, m))
}

// appendLockModeKey appends lockModeKey(ref, m) to dst.
func appendLockModeKey(dst []byte, ref Ref, m Mode) []byte {
	dst = ref.appendKey(dst)
	dst = append(dst, '/')
	return strconv.AppendInt(dst, int64(m), 10)
}

// splitAcquires is dedupAcquires that also returns, of the acquisitions the
// budget cuts, those of locks a caller can name: reached from a parameter,
// a captured variable or a package variable, which a caller may hold when
// it calls (the others, inside values only the callee reaches, cannot be
// the caller's lock).
func splitAcquires(in []Acquire, limit int) (kept, nameable []Acquire) {
	all := dedupAcquires(in, len(in))
	if len(all) <= limit {
		return all, nil
	}
	for _, a := range all[limit:] {
		if nameableRef(a.Ref) {
			nameable = append(nameable, a)
		}
	}
	return all[:limit], nameable
}

func nameableRef(r Ref) bool {
	switch r.Base {
	case BaseParam, BaseFree, BaseGlobal:
		return true
	}
	return false
}

// overflowAcquires dedups the overflow acquisitions, leaving out the locks
// and modes Acquires already has, within its own budget.
func overflowAcquires(over, acquires []Acquire) []Acquire {
	if len(over) == 0 {
		return nil
	}
	in := make(map[string]bool, len(acquires))
	for _, a := range acquires {
		in[acquireKey(a)] = true
	}
	over = slices.DeleteFunc(over, func(a Acquire) bool { return in[acquireKey(a)] || !nameableRef(a.Ref) })
	return dedupAcquires(over, maxAcquires)
}

func dedupAcquires(in []Acquire, limit int) []Acquire {
	if len(in) == 0 {
		return nil
	}
	best := make(map[string]Acquire, len(in))
	for _, a := range in {
		k := acquireKey(a)
		b, ok := best[k]
		switch {
		case !ok:
			best[k] = a
		case certainAcquire(a) != certainAcquire(b):
			// One witness happens whatever the caller passes: keep it.
			if certainAcquire(a) {
				best[k] = a
			}
		default:
			best[k] = mergeAcquire(b, a)
		}
	}
	return sortedValues(best, limit)
}

// mergeAcquire merges two witnesses of one acquisition, neither more
// certain than the other: the better chain, and a guard only if both have it.
func mergeAcquire(b, a Acquire) Acquire {
	g, maybe := b.Guards, b.Maybe || a.Maybe
	if !slices.Equal(a.Guards, b.Guards) {
		// Under two different guards (or complementary ones): it may
		// happen whatever one argument says, but not surely.
		g, maybe = nil, true
	}
	only, alts := b.Only, b.Alts
	if !equalTests(a.Only, b.Only) {
		only = nil // one witness needs no field: it happens whatever they hold
	}
	if !equalAlts(a.Alts, b.Alts) {
		alts = nil
	}
	once := commonRefs(a.Once, b.Once) // one witness outside a Once happens on every Do
	guess := a.Guess && b.Guess        // one witness that needs no guess is enough
	if betterChain(a.Chain, b.Chain) && (!a.Guess || b.Guess) || b.Guess && !a.Guess {
		b = a
	}
	b.Guards, b.Maybe, b.Only, b.Alts, b.Guess, b.Once = g, maybe, only, alts, guess, once
	return b
}

func certainAcquire(a Acquire) bool { return len(a.Guards) == 0 && !a.Maybe }

// unconditional reports whether the acquisition is certain once its
// function runs, under no field test and after no release of the
// caller's (Acquire.Only, Acquire.After): what Acquire.Must needs besides
// every path.
func unconditional(a Acquire) bool {
	return certainAcquire(a) && len(a.Only) == 0 && len(a.Alts) == 0 && len(a.After) == 0
}

// sortedValues returns a map's values in key order, at most limit of them.
func sortedValues[T any](m map[string]T, limit int) []T {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if len(keys) > limit {
		keys = keys[:limit]
	}
	out := make([]T, len(keys))
	for i, k := range keys {
		out[i] = m[k]
	}
	return out
}

func edgeKey(e Edge) string {
	return e.From.key() + ">" + e.To.key() + "|" + e.From.Class.Key + ">" + e.To.Class.Key
}

func dedupEdges(in []Edge, limit int) []Edge {
	if len(in) == 0 {
		return nil
	}
	best := make(map[string]Edge, len(in))
	for _, e := range in {
		k := edgeKey(e)
		if b, ok := best[k]; !ok || betterEdge(e, b) {
			best[k] = e
		}
	}
	return sortedValues(best, limit)
}

// betterEdge prefers the witness with the fewest gate locks (the one most
// likely to deadlock), then the shortest chains, then the earliest position.
func betterEdge(a, b Edge) bool {
	if a.Guess != b.Guess {
		return !a.Guess // a witness that needs no guess (see Acquire.Guess)
	}
	if ga, gb := len(a.Gates)+len(a.GateRefs), len(b.Gates)+len(b.GateRefs); ga != gb {
		return ga < gb
	}
	la, lb := len(a.FromChain)+len(a.ToChain), len(b.FromChain)+len(b.ToChain)
	if la != lb {
		return la < lb
	}
	if a.Pos != b.Pos {
		return posLess(a.Pos, b.Pos)
	}
	// A total order on what is left, so that the edge kept for a pair of
	// classes never depends on the order edges arrive in (the order of
	// another package's facts is a map's).
	return a.tieKey() < b.tieKey()
}

// tieKey renders everything an edge shows or decides with (the SSA
// function it was drawn in aside), for breaking ties in betterEdge.
func (e Edge) tieKey() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s|%v|%d|%d|%s|%v|%v", strings.Join(e.Gates, ","), e.GateRefs, e.FromMode, e.ToMode, e.Func, e.From, e.To)
	for _, c := range []Chain{e.FromChain, e.ToChain} {
		b.WriteString("|")
		for _, h := range c {
			fmt.Fprintf(&b, "%s:%d:%d %s %s;", h.Pos.Filename, h.Pos.Line, h.Pos.Column, h.Func, h.What)
		}
	}
	return b.String()
}

// betterChain prefers shorter witnesses, then earlier ones: govulncheck's rule.
func betterChain(a, b Chain) bool {
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	for i := range a {
		if a[i].Pos != b[i].Pos {
			return posLess(a[i].Pos, b[i].Pos)
		}
	}
	return false
}

func posLess(a, b token.Position) bool {
	if a.Filename != b.Filename {
		return a.Filename < b.Filename
	}
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	return a.Column < b.Column
}

// posString shows a position of another package: by the import path of
// its package and its base name where the fact says ("net/http/server.go:3111"),
// which names it the same on every machine; a file of this package by its
// base name.
func posString(p token.Position) string {
	file := p.Filename
	if filepath.IsAbs(file) {
		file = filepath.Base(file)
	}
	return file + ":" + strconv.Itoa(p.Line)
}
