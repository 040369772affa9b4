package analyzer

import (
	"go/types"
	"iter"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/awaitvet/awaitvet/callgraph"
)

// Doubtful locks.
//
// A double lock is a claim that the second Lock finds the lock held: the
// lockset must know that nothing between the two acquisitions released it
// or made the name point at another object. Where a call or a store may
// have done either out of its sight, the lock is marked doubtful (see
// heldLock.doubtful): it still orders the locks taken after it, but no
// later acquisition is claimed to conflict with it.

// calleeReleases yields the releases of the callees' summaries as the call
// site names them (read views as the lock), and false for one it cannot
// bind.
func (fa *fnAnalysis) calleeReleases(site *callgraph.Site, callees []*ssa.Function) iter.Seq2[Ref, bool] {
	return func(yield func(Ref, bool) bool) {
		for _, callee := range callees {
			sum := fa.ps.summary(callee)
			if sum == nil || len(sum.Releases) == 0 {
				continue
			}
			b := fa.bind(site, callee, nil)
			for _, r := range sum.Releases {
				ref, ok := b.ref(r)
				ref, _ = ref.readView()
				if !yield(ref, ok) {
					return
				}
			}
		}
	}
}

// doubtHeld marks the locks held at a call that the call may release in a
// way the lockset cannot apply, so that no later acquisition is claimed to
// find them held (a double lock needs a witness that nothing released the
// lock in between):
//
//   - a call handed a function that releases the lock (time.AfterFunc(d,
//     s.mu.Unlock), sync.OnceFunc(s.mu.Unlock), a closure that unlocks):
//     whoever gets it may run it, now or from another goroutine;
//   - a call nothing resolves (a function value of unknown origin, an
//     interface method with no implementation in view) that is handed the
//     lock, its owner or any object on the way to it (release(&s.mu),
//     done(s), or t.done() for a function kept in the owner's field):
//     what it does with them is unknown;
//   - a call nothing resolves of the function value a call returned with
//     a lock it acquired (defer km.WithLock(k)()): the helper's unlocker;
//   - a call of s.mu.Unlock kept as a value elsewhere (a field): which
//     lock it releases, the call site cannot name;
//   - a dynamic call with several candidates, one of which releases the
//     lock (the lockset applies no candidate's releases);
//   - a callee whose release the call site cannot bind, or binds to the
//     class of a held lock under another name (the same object reached
//     through the callee's own captured variables, maybe).
func (fa *fnAnalysis) doubtHeld(st *lockState, site *callgraph.Site, callees []*ssa.Function) {
	// Also while the fixpoint runs, not only in the final pass: the states
	// it leaves at loop headers and on back edges are what a lock kept to
	// the next iteration, or past a loop, is judged by.
	if len(callees) == 0 {
		unname(st) // what it does is out of the function's sight
		if from := resultOf(site.Instr.Common().Value); from != nil {
			// The function a lock helper handed back with the lock
			// (defer km.WithLock(k)(), another package's factory): its
			// unlocker, for all the lockset can tell.
			fa.doubt(st, func(h heldLock) bool { return h.pos == from.Pos() })
		}
	}
	if len(st.held) == 0 {
		return
	}
	c := site.Instr.Common()
	for _, a := range c.Args {
		if mc, ok := closureStored(a); ok { // (through its conversions: UnlockFunc(mu.Unlock) as a Releaser)
			for _, r := range fa.closureReleases(mc) {
				fa.doubt(st, func(h heldLock) bool { return h.ref.key() == r.key() })
			}
		}
	}
	if len(callees) == 0 {
		args := fa.handed(c)
		if f := fa.r.resolve(c.Value); !c.IsInvoke() && f.Base != BaseOpaque && len(f.Path) > 0 {
			// A function kept in a field of the lock's owner (t.done,
			// set to t.mu.Unlock): the owner is handed over with it.
			f.Path = f.Path[:len(f.Path)-1]
			args = append(args, f)
		}
		fa.doubtHanded(st, args)
		return
	}
	certain := len(callees) == 1
	for _, callee := range callees {
		if sum := fa.ps.summary(callee); sum != nil && sum.UnnamedRelease {
			unname(st)
			fa.doubt(st, func(heldLock) bool { return true })
			if fa.recording {
				fa.sum.UnnamedRelease = true
			}
			return
		}
	}
	for _, callee := range callees {
		if _, direct := c.Value.(*ssa.MakeClosure); boundUnlock(callee) && !direct {
			fa.doubt(st, func(heldLock) bool { return true })
			return
		}
	}
	for ref, ok := range fa.calleeReleases(site, callees) {
		if !ok {
			fa.doubt(st, func(heldLock) bool { return true })
			return
		}
		fa.doubt(st, func(h heldLock) bool {
			same := h.ref.key() == ref.key()
			return !certain && same || !same && h.ref.Class.known() && ref.Class.mayAlias(h.ref.Class)
		})
	}
}

// doubtStoredRelease marks the held locks that a function v releases
// (server.OnStarted = mu.Unlock, or a closure that unlocks) when it is
// stored in a field, a package variable or an element (appended to a list
// of hooks), or sent on a channel (to a worker that runs it): whoever gets
// it there, another goroutine included, may run it, as when the function
// is handed to a call.
func (fa *fnAnalysis) doubtStoredRelease(st *lockState, v ssa.Value) {
	if len(st.held) == 0 {
		return
	}
	mc, ok := closureStored(v)
	if !ok {
		return
	}
	for _, r := range fa.closureReleases(mc) {
		fa.doubt(st, func(h heldLock) bool { return h.ref.key() == r.key() })
		unnameRef(st, r)
	}
}

// resultOf returns the call whose result v is, nil when it is none.
func resultOf(v ssa.Value) *ssa.Call {
	switch v := v.(type) {
	case *ssa.Call:
		return v
	case *ssa.Extract:
		c, _ := v.Tuple.(*ssa.Call)
		return c
	}
	return nil
}

// unname takes from every lock st holds the name relock's claim rests on
// (heldLock.own): a call nothing resolves, or an unlock of a lock the
// function cannot name, happened while they were held, so the function's
// own code no longer shows they are still held, even where doublelock's
// model still claims it.
func unname(st *lockState) {
	for k, h := range st.held {
		if h.own != "" {
			h.own = ""
			st.held[k] = h
		}
	}
}

// unnameRef takes relock's name from the held lock r (see unname).
func unnameRef(st *lockState, r Ref) {
	if h, ok := st.held[r.key()]; ok && h.own != "" {
		h.own = ""
		st.held[r.key()] = h
	}
}

// doubtSent marks the held locks a value sent on a channel can reach (see
// reached). The goroutine that receives it owns them now and may release
// the lock (a committer that runs tx.Commit()), as a callee handed them
// may.
func (fa *fnAnalysis) doubtSent(st *lockState, v ssa.Value) {
	if len(st.held) == 0 {
		return
	}
	fa.doubtHanded(st, fa.reached(v))
}

// reached names what a value handed to another goroutine lets it reach:
// the value itself (a lock, its owner or an object on the way to it) and,
// for a call's result, the objects its fields stand for (a transaction
// Begin returned, whose db field is the database whose lock Begin left
// held), also through the conversions that keep the object (a Tx passed
// as a Releaser; a pointer passed as a uintptr resolves to its object
// already, through the unsafe.Pointer conversions that make it).
func (fa *fnAnalysis) reached(v ssa.Value) []Ref {
	refs := []Ref{fa.r.resolve(v)}
	v = unwrapIface(v)
	if call := resultOf(v); call != nil {
		idx := 0
		if x, ok := v.(*ssa.Extract); ok {
			idx = x.Index
		}
		// (Summary.Returns names fields only of results that are objects
		// the callee allocated: pointers.)
		if t, ok := deref(v.Type()).Underlying().(*types.Struct); ok {
			for i := range t.NumFields() {
				if r, ok := fa.resultField(call, idx, t.Field(i).Name()); ok {
					refs = append(refs, r)
				}
			}
		}
	}
	return refs
}

// doubtSpawners marks, after the call has run, the locks held that the
// call hands (the lock, its owner or an object on the way to it) to a
// callee that starts goroutines: one of them may release it (go
// m.Unlock()), and a summary records what the callee itself releases, not
// what the goroutines it starts do. Applied after the callee's own
// acquisitions: those run before any goroutine it starts could release the
// lock.
func (fa *fnAnalysis) doubtSpawners(st *lockState, site *callgraph.Site, callees []*ssa.Function) {
	if len(st.held) == 0 {
		return
	}
	if slices.ContainsFunc(callees, fa.ps.startsGoroutines) {
		fa.doubtHanded(st, fa.handed(site.Instr.Common()))
	}
}

// doubtHandedOn marks, before the call runs, the held locks that an
// argument reaches (as a sent value does, see reached) when the callee
// hands that argument on (Summary.ParamHandedOn: queued inside a job for a
// worker, another package's Submit, kept in a map of pending requests):
// whoever takes it from there may release the lock (commit the
// transaction). Only the locks held before the call: a lock the callee
// takes is its own, whatever it hands on. fnValue: the callees are a
// function value passed to the call (Once.Do's argument), whose parameters
// are not the call's arguments.
func (fa *fnAnalysis) doubtHandedOn(st *lockState, site *callgraph.Site, callees []*ssa.Function, fnValue ssa.Value) {
	if len(st.held) == 0 || fnValue != nil {
		return
	}
	args := site.Args()
	for _, callee := range callees {
		sum := fa.ps.summary(callee)
		if sum == nil {
			continue
		}
		for _, i := range sum.ParamHandedOn {
			if i < len(args) {
				fa.doubtHanded(st, fa.reached(args[i]))
			}
		}
	}
}

// handed returns what a call hands its callee, as this frame names it: the
// receiver of an interface call and the arguments.
func (fa *fnAnalysis) handed(c *ssa.CallCommon) []Ref {
	var args []Ref
	if c.IsInvoke() {
		args = append(args, fa.r.resolve(c.Value))
	}
	for _, a := range c.Args {
		args = append(args, fa.r.resolve(a))
	}
	return args
}

// doubtHanded marks the held locks a callee handed args can reach (the
// lock, its owner or an object on the way to it).
func (fa *fnAnalysis) doubtHanded(st *lockState, args []Ref) {
	fa.doubt(st, func(h heldLock) bool {
		return slices.ContainsFunc(args, func(a Ref) bool { return onTheWay(a, h.ref) })
	})
}

// startsGoroutines reports whether fn starts goroutines: its summary has
// some (directly or through calls), or it has a go statement of its own
// (a goroutine whose function has no summary, go m.Unlock() without the
// standard library's facts, is none of Summary.Spawns). Memoized: it is
// asked at calls on the fixpoint's path.
func (ps *passState) startsGoroutines(fn *ssa.Function) bool {
	if sum := ps.summary(fn); sum != nil && len(sum.Spawns) > 0 {
		return true
	}
	if v, ok := ps.goStmts[fn]; ok {
		return v
	}
	has := false
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if _, ok := instr.(*ssa.Go); ok {
				has = true
			}
		}
	}
	if ps.goStmts == nil {
		ps.goStmts = make(map[*ssa.Function]bool)
	}
	ps.goStmts[fn] = has
	return has
}

// doubt marks the must-held locks of st that may says a call may release.
func (fa *fnAnalysis) doubt(st *lockState, may func(heldLock) bool) {
	for k, h := range st.held {
		if h.must && !h.doubtful && may(h) {
			h.doubtful = true
			st.held[k] = h
		}
	}
}

// onTheWay reports whether the object arg names is the lock r or an object
// on the way to it (r's base with a prefix of its path): a callee handed
// arg can reach r. An opaque value counts when it is named (a call's
// result, by its site): the same name is the same value.
func onTheWay(arg, r Ref) bool {
	if arg.Base == BaseOpaque && arg.Name == "" || arg.Base != r.Base || arg.Index != r.Index || arg.Name != r.Name || len(arg.Path) > len(r.Path) {
		return false
	}
	return slices.Equal(arg.Path, r.Path[:len(arg.Path)])
}

// repoint marks the locks held through the field (or package variable) a
// store changes: s.cur.mu before `s.cur = next` and s.cur.mu after it are
// two objects, so a Lock of the second finds nothing of the first held.
func (fa *fnAnalysis) repoint(st *lockState, o *op) {
	fa.repointed(st, fa.r.resolve(o.recv))
}

// repointed applies the store of a new pointer into field, made here or
// by a callee, and records it for callers.
func (fa *fnAnalysis) repointed(st *lockState, field Ref) {
	if fa.recording && (field.rewritable() || field.Base == BaseGlobal) && len(field.Path) > 0 {
		fa.sum.Repoints = append(fa.sum.Repoints, field)
	}
	if len(st.held) > 0 { // in the fixpoint too, as doubtHeld
		fa.doubt(st, func(h heldLock) bool { return onTheWay(field, h.ref) })
	}
}

// closureReleases returns the locks, named in this frame, that the function
// mc makes releases when it runs: the receiver of a bound Unlock or RUnlock
// (s.mu.Unlock as a value), or what a closure's summary releases of the
// variables it captures.
func (fa *fnAnalysis) closureReleases(mc *ssa.MakeClosure) []Ref {
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok {
		return nil
	}
	if boundUnlock(fn) && len(mc.Bindings) == 1 {
		r, _ := fa.r.resolve(mc.Bindings[0]).readView()
		return []Ref{r}
	}
	sum := fa.ps.summary(fn)
	if sum == nil {
		return fa.ownFreeUnlocks(mc, fn)
	}
	var out []Ref
	for _, r := range sum.Releases {
		if r.Base == BaseFree && r.Index < len(mc.Bindings) {
			ref, _ := fa.r.resolvePath(mc.Bindings[r.Index], r.Path).readView()
			out = append(out, ref)
		}
	}
	return out
}

// ownFreeUnlocks returns, named in this frame, the captured locks that a
// closure with no summary (nothing in the package calls it: it is only
// stored or handed on) unlocks in its own body, now or deferred.
func (fa *fnAnalysis) ownFreeUnlocks(mc *ssa.MakeClosure, fn *ssa.Function) []Ref {
	var out []Ref
	var r *resolver
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			c, ok := instr.(ssa.CallInstruction) // a call or a deferred one
			if !ok || c.Common().IsInvoke() || len(c.Common().Args) != 1 {
				continue
			}
			if _, spawn := instr.(*ssa.Go); spawn {
				continue
			}
			if op := syncOp(c.Common()); op != OpUnlock && op != OpRUnlock {
				continue
			}
			if r == nil {
				r = newResolver(fn, fa.ps.pass.Fset)
			}
			if x := r.resolve(c.Common().Args[0]); x.Base == BaseFree && x.Index < len(mc.Bindings) {
				ref, _ := fa.r.resolvePath(mc.Bindings[x.Index], x.Path).readView()
				out = append(out, ref)
			}
		}
	}
	return out
}

// boundUnlock reports whether fn is the bound method value of a sync
// Unlock or RUnlock (s.mu.Unlock taken as a function).
func boundUnlock(fn *ssa.Function) bool {
	m, ok := fn.Object().(*types.Func)
	if !ok || !strings.HasSuffix(fn.Name(), "$bound") {
		return false
	}
	op := syncAPI[m.FullName()].op
	return op == OpUnlock || op == OpRUnlock
}
