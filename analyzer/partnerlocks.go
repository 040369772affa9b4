package analyzer

import (
	"go/token"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// Partner locks.
//
// "The partner takes the lock first" is a claim about one acquisition: the
// goroutine that must do the other half of a channel operation (or the
// Done a WaitGroup.Wait waits for) acquires a lock the waiter holds, at a
// point from which its own half can still be reached. Knowing only that it takes a lock of that class somewhere says
// too little:
//
//   - an acquisition on a path that never reaches the partner's operation
//     (taken and released on a branch that returns without sending) does
//     not stand in the operation's way;
//   - a lock held for reading does not keep out a reader: two RLocks of one
//     RWMutex wait for each other only when a writer queues between them,
//     which is the recursive read lock's claim (concurrentrlock), not this
//     one;
//   - the same field of two different parameters or captured variables
//     (from.mu and to.mu) is the lock of one object only if the two are the
//     same object, which nothing here shows.
//
// A partner whose acquisitions were not recorded (a goroutine started by
// another goroutine, or whose body is in another package) keeps the claim
// on the class alone.

// partnerAcq is one acquisition of a partner's, in its starter's terms.
type partnerAcq struct {
	ref  Ref
	mode Mode
	pos  token.Position // where the partner's function takes it (its own call or Lock)
}

// partnerAcqs lists the acquisitions of fn (summary sum) in the terms of
// binding b (nil: fn is the function being analysed), with where fn makes
// them. Only the pass that runs the checks needs them.
func (fa *fnAnalysis) partnerAcqs(fn *ssa.Function, sum *Summary, b *binding) []partnerAcq {
	ps := fa.ps
	if !fa.final || ps.factsOnly || !ps.graph.Contains(fn) {
		return nil
	}
	name := ps.name(fn)
	out := []partnerAcq{} // (not nil: recorded, possibly none)
	for _, a := range sum.Acquires {
		if b != nil && a.Ref.Base == BaseAlloc {
			continue // a lock of an object the goroutine makes itself (as in Spawn.Locks)
		}
		if throughWrapped(fn, a.Ref) {
			continue // a lock of a value its object wraps (wraps.go), as in Spawn.Locks
		}
		r, ok := a.Ref, true
		if b != nil {
			r, ok = b.ref(a.Ref)
		}
		if !ok || !r.Class.known() || len(a.Chain) == 0 || a.Chain[0].Func != name {
			continue
		}
		out = append(out, partnerAcq{ref: r, mode: a.Mode, pos: a.Chain[0].Pos})
	}
	return out
}

// takesFirst reports whether a partner with acquisitions acqs, in function
// fn, takes lock l (held by the waiter; shared: for reading only) at a point
// from which one of its operations ops can follow. The hop of each op's
// chain in fn's frame is its hop-th (1 for a goroutine's, after the go
// statement).
func (ps *passState) takesFirst(fn *ssa.Function, acqs []partnerAcq, l Ref, shared bool, ops []ChanOp, hop int) bool {
	name := ps.name(fn)
	for _, a := range acqs {
		if !a.keepsOut(l, shared) {
			continue
		}
		takes := deferredRuns(ps.instrsAt(fn, a.pos))
		for _, op := range ops {
			if len(op.Chain) <= hop || op.Chain[hop].Func != name {
				return true // (not an operation of fn's own frame: no order known)
			}
			for _, at := range ps.instrsAt(fn, op.Chain[hop].Pos) {
				for _, x := range takes {
					if mayPrecede(x, at) {
						return true
					}
				}
			}
		}
	}
	return false
}

// mayTake reports whether goroutine s, whose acquisitions may be recorded,
// takes lock l (held by its waiter; shared: for reading only) in a way that
// keeps it out: the class alone when nothing was recorded, else one
// acquisition that is not a reader beside a reader and not the same field
// of another root. (Where in the goroutine is the caller's to decide: a
// WaitGroup's Done, a channel operation.)
func (s *Spawn) mayTake(l Ref, shared bool) bool {
	if s.acqs == nil {
		return true
	}
	return slices.ContainsFunc(s.acqs, func(a partnerAcq) bool { return a.keepsOut(l, shared) })
}

// keepsOut reports whether acquisition a waits for lock l held by another
// (shared: held for reading only): the same class, not a reader beside a
// reader, not the same field of another root, and not the same field of an
// object reached from the held one's (see nestedInstance).
func (a partnerAcq) keepsOut(l Ref, shared bool) bool {
	return a.ref.Class.Key == l.Class.Key && !(shared && a.mode != Write) && !twoRoots(a.ref, l) && !nestedInstance(a.ref, l) &&
		!elsewhere(a.ref, l)
}

// elsewhere reports whether the partner reaches the object whose lock a
// names from somewhere other than the waiter's held lock l: an element of
// a collection or a value another function computes (not one of the
// waiter's own names for it), while l is named by a parameter or captured
// variable of the waiter's. That the collection holds, or the function
// returns, the very object the waiter holds is nothing the code shows (a
// node among the packages it imports). A partner named by the same root is
// twoRoots' or nestedInstance's to decide.
func elsewhere(a, l Ref) bool {
	named := func(r Ref) bool { return (r.Base == BaseParam || r.Base == BaseFree) && r.exact() }
	return named(l) && !(a.Base == l.Base && a.Index == l.Index) && (a.Base == BaseOpaque || a.element())
}

// nestedInstance reports whether a and b name the same lock field of two
// objects of which one is reached from the other through fields or
// elements, from one root: n.mu and n.kids[i].mu. A goroutine that locks a
// child (or a parent) of the node its waiter holds waits for that lock
// only where the data loops back to the node (a node among its own
// descendants), which nothing in the code shows; the hand-over-hand
// locking of trees and DAGs is safe. Two fields side by side (n.a.mu and
// n.b.mu) may still hold one object, and stay a claim.
func nestedInstance(a, b Ref) bool {
	if a.Base != b.Base || a.Index != b.Index || len(a.Path) == 0 || len(b.Path) == 0 ||
		a.Path[len(a.Path)-1] != b.Path[len(b.Path)-1] || len(a.Path) == len(b.Path) {
		return false
	}
	short, long := b.Path[:len(b.Path)-1], a.Path[:len(a.Path)-1]
	if len(short) > len(long) {
		short, long = long, short
	}
	if !slices.Equal(short, long[:len(short)]) {
		return false
	}
	// The deeper object is another one when the extra steps leave the
	// object through a field or an element, not by dereferencing a cell
	// that holds the same pointer.
	return slices.ContainsFunc(long[len(short):], func(step string) bool { return step != "*" })
}

// twoRoots reports whether a and b are the same path from two different
// parameters or captured variables: the locks of two objects, unless the
// two are one.
func twoRoots(a, b Ref) bool {
	root := func(r Ref) bool { return r.Base == BaseParam || r.Base == BaseFree }
	return root(a) && root(b) && (a.Base != b.Base || a.Index != b.Index) &&
		a.exact() && b.exact() && slices.Equal(a.Path, b.Path)
}

// deferredRuns replaces each defer statement among instrs by the points
// where the deferred call runs: the function's RunDefers that the
// statement reaches (its returns). A lock taken in a deferred call is
// taken after everything on the way to the return, not where the defer
// is written.
func deferredRuns(instrs []ssa.Instruction) []ssa.Instruction {
	var out []ssa.Instruction
	for _, x := range instrs {
		d, ok := x.(*ssa.Defer)
		if !ok {
			out = append(out, x)
			continue
		}
		for _, b := range d.Parent().Blocks {
			for _, in := range b.Instrs {
				if rd, ok := in.(*ssa.RunDefers); ok && instrReaches(d, rd) {
					out = append(out, rd)
				}
			}
		}
	}
	return out
}

// mayPrecede reports whether some run reaches instruction y after x.
func mayPrecede(x, y ssa.Instruction) bool {
	bx, by := x.Block(), y.Block()
	if bx == nil || by == nil {
		return false
	}
	if bx == by {
		for _, instr := range bx.Instrs {
			switch instr {
			case x:
				return true
			case y:
				return reachesBlock(bx, bx) // y first: only around a loop
			}
		}
		return false
	}
	return reachesBlock(bx, by)
}

// reachesWithoutWait reports whether a path leads from x to y (x first, or
// around a loop, or x is y) through no other wait for a message: no receive and no
// blocking select between them. (A send between, a reply, waits for a
// receiver that is there or for room in a buffer, not for a new request.)
func reachesWithoutWait(x, y ssa.Instruction) bool {
	if x == y {
		return true // one call that takes the lock and, inside, waits
	}
	bx, by := x.Block(), y.Block()
	if bx == nil || by == nil {
		return false
	}
	start := slices.Index(bx.Instrs, x)
	if start < 0 {
		return false
	}
	for _, instr := range bx.Instrs[start+1:] { // the rest of x's block
		if instr == y {
			return true
		}
		if waits(instr) {
			return false
		}
	}
	// A block with a wait (before y, in y's block) is no way through.
	return reaches(bx.Succs, by, func(b *ssa.BasicBlock) bool {
		for _, instr := range b.Instrs {
			if instr == y {
				return false
			}
			if waits(instr) {
				return true
			}
		}
		return false
	})
}

// waits reports whether instr may wait for a message: a receive, or a
// select with no default.
func waits(instr ssa.Instruction) bool {
	switch instr := instr.(type) {
	case *ssa.UnOp:
		return instr.Op == token.ARROW
	case *ssa.Select:
		return instr.Blocking
	}
	return false
}
