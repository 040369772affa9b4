package analyzer

import (
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// Separate objects: no witness of a lock-order cycle.
//
// A concurrency witness (concurrent.go) shows that two functions run at
// once; a lock-order cycle between them is a deadlock only if they take
// the same locks. When the later side is a call on objects its caller has
// just made and shown to nobody else (owner.go: allocated here or returned
// fresh by a constructor, not yet published), the locks of one class that
// the call takes are inside those objects, which the goroutine started
// before cannot reach: `a := NewStore(); b := NewStore(); go a.fill();
// b.compact()` runs the two orders of Store's locks at once, but on two
// stores. The cycle between the classes stays a claim of lockorder (two
// callers elsewhere may run both orders on one object); it is just not
// witnessed here.
//
// The final pass records, per instruction, whether every lock of a class
// taken there (by the instruction itself, or by the static callee it
// calls) is inside such an object. An instruction whose callee starts
// goroutines, calls through an interface or a function value, or takes a
// lock the caller cannot name, tells nothing.

// privateAt is what the final pass learned of the locks one instruction
// takes (by itself, or through the callee it calls).
type privateAt struct {
	unknown bool             // some lock taken there is not accounted for
	classes map[string]bool  // class key -> every lock of it taken there is owned
	byClass map[string][]Ref // the locks of each known class taken there
	nested  bool             // one of them is taken while the function holds another
}

// alone reports whether the instruction takes one lock, known, while its
// function holds none: it cannot hold one lock and wait for another.
func (p *privateAt) alone() bool {
	if p == nil || p.unknown || p.nested || len(p.byClass) != 1 {
		return false
	}
	for _, refs := range p.byClass { // (known: every lock is in byClass)
		for _, r := range refs[1:] {
			if r.key() != refs[0].key() {
				return false
			}
		}
	}
	return true
}

// notePrivate records, of the lock a acquired at the instruction being
// transferred with held held (less those in skip, released for the call),
// whether it is inside an object this goroutine alone can reach, and
// whether it nests in another.
func (fa *fnAnalysis) notePrivate(a *acquisition, held []heldLock, skip map[string]bool) {
	p := fa.privateHere()
	if p == nil || a.try {
		return
	}
	key := a.ref.key()
	for _, h := range held {
		p.nested = p.nested || h.ref.key() != key && !skip[h.ref.key()] && !h.untold
	}
	if !a.ref.Class.known() {
		p.unknown = true
		return
	}
	p.byClass[a.ref.Class.Key] = append(p.byClass[a.ref.Class.Key], a.ref)
	owned := fa.owned(a.ref)
	if prev, seen := p.classes[a.ref.Class.Key]; !seen || prev {
		p.classes[a.ref.Class.Key] = owned
	}
}

// notePrivateCall marks the call at fa.at as telling nothing when its
// callee's locks are not all applied here with their objects.
func (fa *fnAnalysis) notePrivateCall(sum *Summary, b *binding) {
	if !b.static || sum.callsOut() {
		fa.noteUnbound()
	}
}

// callsOut reports whether a function of summary sum takes locks where its
// callers cannot name them: in goroutines it starts, or through functions
// passed in or interface calls.
func (sum *Summary) callsOut() bool {
	return len(sum.Spawns) > 0 || len(sum.ParamCalls) > 0 || len(sum.IfaceCalls) > 0
}

// noteUnbound marks the instruction being transferred as telling nothing:
// a lock its callee takes could not be named in this frame.
func (fa *fnAnalysis) noteUnbound() {
	if p := fa.privateHere(); p != nil {
		p.unknown = true
	}
}

// privateHere returns the record of the instruction being transferred in
// the final pass, nil when there is none to keep (only the checks read the
// records: a pass for facts alone keeps none).
func (fa *fnAnalysis) privateHere() *privateAt {
	if !fa.final || fa.ps.factsOnly || fa.at == nil || outOfReach(fa.at) {
		return nil
	}
	return fa.ps.privateAt(fa.at)
}

func (ps *passState) privateAt(instr ssa.Instruction) *privateAt {
	if ps.privates == nil {
		ps.privates = make(map[ssa.Instruction]*privateAt)
	}
	p := ps.privates[instr]
	if p == nil {
		p = &privateAt{classes: make(map[string]bool), byClass: make(map[string][]Ref)}
		ps.privates[instr] = p
	}
	return p
}

// separateObjects reports whether the witness's later side takes every
// lock of one of the classes on objects only it can reach (see above).
func (ps *passState) separateObjects(w spawnWitness, classes []string) bool {
	if w.then != nil && !w.spawn && !w.passed && ownsAt(ps.privates[w.then], classes) != "" {
		return true
	}
	return ps.goroutineOwns(w, classes)
}

// ownsAt returns one of classes whose every lock p's instruction takes is
// inside an object only its function can reach, or "".
func ownsAt(p *privateAt, classes []string) string {
	if p == nil || p.unknown {
		return ""
	}
	for _, c := range classes {
		if p.classes[c] {
			return c
		}
	}
	return ""
}

// goroutineOwns is separateObjects for the goroutine the witness starts:
// every lock of one of the classes that its body takes (itself or through
// the calls it makes, as the final pass recorded them) is inside objects
// the body made and has shown to nobody: a table it builds for itself
// while its starter writes the shared one.
func (ps *passState) goroutineOwns(w spawnWitness, classes []string) bool {
	body := goBody(w.start)
	if body == nil || !ps.graph.Contains(body) {
		return false
	}
	for _, c := range classes {
		taken, shared := false, false
		for _, b := range body.Blocks {
			for _, instr := range b.Instrs {
				p := ps.privates[instr]
				if p == nil {
					continue
				}
				if p.unknown {
					return false
				}
				if len(p.byClass[c]) > 0 {
					taken = true
					shared = shared || !p.classes[c]
				}
			}
		}
		if taken && !shared {
			return true
		}
	}
	return false
}

// acquisitionsIn returns the instructions of fn at which it takes a lock;
// with nestingOnly, only those at which it may hold one lock and wait for
// another (not alone, see privateAt.alone). ok is false when fn takes a
// lock where the record cannot tell which instruction takes it (a
// deferred call), or when fn was not analysed in this pass.
func (ps *passState) acquisitionsIn(fn *ssa.Function, nestingOnly bool) (out []ssa.Instruction, ok bool) {
	if !ps.graph.Contains(fn) {
		return nil, false // not analysed in this pass: nothing was recorded
	}
	recorded := false
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			p := ps.privates[instr]
			if p == nil {
				continue
			}
			switch instr.(type) {
			case *ssa.Defer, *ssa.RunDefers:
				return nil, false
			}
			recorded = true
			if !nestingOnly || !p.alone() {
				out = append(out, instr)
			}
		}
	}
	// A body whose summary has acquisitions none of which was recorded
	// here (all in calls out of reach, say) tells nothing either.
	sum := ps.sums[fn]
	return out, recorded || sum == nil || len(sum.Acquires)+len(sum.Overflow) == 0
}

// outOfReach reports whether instr calls a function of another package
// with nothing but values of basic types (or nothing): the locks that
// callee takes are its own package's, which it cannot have been handed,
// never one of this package's objects (time.NewTicker's internal Once).
func outOfReach(instr ssa.Instruction) bool {
	call, ok := instr.(ssa.CallInstruction)
	if !ok {
		return false
	}
	c := call.Common()

	callee := c.StaticCallee()
	if callee == nil || c.IsInvoke() || callee.Object() == nil || instr.Parent().Pkg == nil ||
		callee.Object().Pkg() == instr.Parent().Pkg.Pkg {
		return false
	}
	for _, a := range c.Args {
		if _, basic := a.Type().Underlying().(*types.Basic); !basic {
			return false
		}
	}
	return true
}

// Two fields of one object.
//
// A class names a lock by the field of the type that holds it, so the locks
// of two fields of one struct type are one class: s.in.mu and s.out.mu, in
// and out being counters held by value. A goroutine that takes s.in.mu and
// then s.mu, started beside a call that takes s.mu and then s.out.mu, draws
// the two edges of a cycle between the classes, yet the two never wait for
// the same counter: in and out are different memory inside one object.
// The witness is no witness when, for one class of the cycle, every lock of
// it the goroutine takes and every one the later side takes are named from
// one root by two different paths that stay inside the root's own memory
// (struct fields and array elements by value, owner.go's inside).

// noteGoroutineLocks records the locks of the goroutine the go statement
// being transferred starts, in this frame's terms, when all of them can be
// named here (none through an interface call, a callback, a goroutine of
// its own or an unbound parameter).
func (fa *fnAnalysis) noteGoroutineLocks(sum *Summary, b *binding) {
	if !fa.final || fa.at == nil || fa.ps.factsOnly {
		return
	}
	call, isCall := fa.at.(ssa.CallInstruction)
	if !isCall {
		return
	}
	site := fa.ps.graph.Site(call)
	if site == nil || site.Dynamic || len(site.Callees) != 1 || sum.callsOut() || len(sum.Overflow) > 0 {
		return
	}
	refs := []Ref{}
	for _, a := range sum.Acquires {
		if a.Ref.Base == BaseAlloc {
			continue // an object the goroutine makes: never the starter's
		}
		r, ok := b.ref(a.Ref)
		if !ok || !r.Class.known() {
			return
		}
		refs = append(refs, r)
	}
	if fa.ps.goLocks == nil {
		fa.ps.goLocks = make(map[ssa.Instruction][]Ref)
	}
	fa.ps.goLocks[fa.at] = refs
}

// distinctFields reports whether, for one of classes, the goroutine the
// witness starts and its later side take the class's locks only in
// different fields of one object (see above).
func (ps *passState) distinctFields(w spawnWitness, classes []string) bool {
	if w.then == nil || w.spawn || w.passed || w.within {
		return false
	}
	first, ok := ps.goLocks[w.start]
	later := ps.privates[w.then]

	if !ok || later == nil || later.unknown {
		return false
	}
	for _, c := range classes {
		var a []Ref
		for _, r := range first {
			if r.Class.Key == c {
				a = append(a, r)
			}
		}
		b := later.byClass[c]
		if len(a) == 0 || len(b) == 0 {
			continue
		}
		apart := true
		for _, x := range a {
			for _, y := range b {
				apart = apart && ps.apartInside(w.fn, x, y)
			}
		}
		if apart {
			return true
		}
	}
	return false
}

// apartInside reports whether x and y, Refs of fn's frame, name two
// different locks inside the memory of one parameter or captured
// variable of fn.
func (ps *passState) apartInside(fn *ssa.Function, x, y Ref) bool {
	if x.Base != y.Base || x.Index != y.Index || !x.exact() || !y.exact() || slices.Equal(x.Path, y.Path) {
		return false
	}
	var root ssa.Value
	switch x.Base {
	case BaseParam:
		if x.Index < len(fn.Params) {
			root = fn.Params[x.Index]
		}
	case BaseFree:
		if x.Index < len(fn.FreeVars) {
			root = fn.FreeVars[x.Index]
		}
	}
	if root == nil {
		return false
	}
	t := deref(root.Type())
	return inside(t, x.Path) && inside(t, y.Path)
}
