package analyzer

import (
	"go/token"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// A goroutine's locking finished before it opens a gate.
//
// A goroutine that takes and releases mu, then closes ready, then sends,
// and a starter that receives from ready before it takes mu and receives
// under it: the goroutine's acquisition is over before the starter's
// begins, so it cannot wait for the lock the starter holds across its
// receive. The gate is a channel the starter makes and hands the
// goroutine alone, which the starter only receives from and the goroutine
// closes once (nothing else can open it early); the close lies on every
// path of the goroutine to its operations on the shared channel, and the
// acquisition never comes after the close. The starter's acquisitions of
// the lock that may be held at its operation each follow a receive from
// the gate, made after the go statement, on every path. A WaitGroup the
// starter declares serves as well: added to once, by one, before the go
// statement, waited on by the starter alone and counted down once by the
// goroutine (`started.Done()` after the Unlock, `started.Wait()` before
// the Lock).

// gatedAcqs drops from acqs, the acquisitions of the goroutine s, those
// of lock l's class that a gate orders before every acquisition of l by
// the starter that may be held at its operation held (see above); ops are
// the goroutine's operations that partner held.
func (fa *fnAnalysis) gatedAcqs(s *Spawn, acqs []partnerAcq, l Ref, held ChanOp, ops []ChanOp) []partnerAcq {
	if s.bound == nil || s.body == nil || len(held.Chain) == 0 || held.Chain[0].Func != fa.ps.name(fa.fn) {
		return acqs
	}
	gates := fa.starterGates(s, l, fa.ps.instrsAt(fa.fn, held.Chain[0].Pos))
	for _, g := range gates {
		c := gateClose(s, fa.fn, g)
		if c == nil || !closeBeforeOps(fa.ps, s, c, ops) {
			continue
		}
		var out []partnerAcq
		for _, a := range acqs {
			if a.ref.Class.Key != l.Class.Key || !neverAfter(c, deferredRuns(fa.ps.instrsAt(s.body, a.pos))) {
				out = append(out, a)
			}
		}
		if out == nil {
			out = []partnerAcq{} // (recorded: none left)
		}
		return out
	}
	return acqs
}

// starterGates returns the gates of the starter (the channels it makes,
// the WaitGroups it declares) whose receive or Wait, after the go
// statement that starts s, comes before each of its acquisitions of l's
// class that may precede one of at (none when there is no such
// acquisition in sight).
func (fa *fnAnalysis) starterGates(s *Spawn, l Ref, at []ssa.Instruction) []ssa.Value {
	var gates []ssa.Value
	first := true
	for _, a := range fa.partnerAcqs(fa.fn, &fa.sum, nil) {
		if a.ref.Class.Key != l.Class.Key {
			continue
		}
		for _, x := range fa.ps.instrsAt(fa.fn, a.pos) {
			if !precedesAny(x, at) {
				continue
			}
			var mine []ssa.Value
			for _, b := range fa.fn.Blocks {
				for _, instr := range b.Instrs {
					g := gateWait(instr)
					if g != nil && instrBefore(instr, x) && mayPrecede(s.bound.call, instr) && (first || slices.Contains(gates, g)) {
						mine = append(mine, g)
					}
				}
			}
			gates, first = mine, false
			if len(gates) == 0 {
				return nil
			}
		}
	}
	return gates
}

// gateWait returns the gate instr waits on: the channel a receive reads
// (one the function makes), the WaitGroup a Wait waits on (one it
// declares).
func gateWait(instr ssa.Instruction) ssa.Value {
	switch x := instr.(type) {
	case *ssa.UnOp:
		if m, ok := stableLoad(x.X).(*ssa.MakeChan); ok && x.Op == token.ARROW {
			return m
		}
	case *ssa.Call:
		if wgMethod(&x.Call, "Wait") {
			if a, ok := x.Call.Args[0].(*ssa.Alloc); ok {
				return a
			}
		}
	}
	return nil
}

// gateClose returns the goroutine's one opening of the gate g (the close
// of a channel, the Done of a WaitGroup), when the starter fn and the
// goroutine s use g only to wait on it (the starter; and to add one to
// the WaitGroup once, before the go statement) and to open it once (the
// goroutine).
func gateClose(s *Spawn, fn *ssa.Function, g ssa.Value) ssa.Instruction {
	var opens, adds []ssa.Instruction
	ok := usedOnly(s, fn, g, func(instr ssa.Instruction, v ssa.Value) bool {
		switch x := instr.(type) {
		case *ssa.UnOp:
			return x.Op == token.ARROW && instr.Parent() == fn
		case *ssa.Store:
			return capturedStore(x, v)
		case *ssa.DebugRef:
			return true
		case *ssa.Call:
			ch, isClose := closeOf(x)
			switch {
			case instr.Parent() == s.body && (isClose && ch == v || wgMethod(&x.Call, "Done") && x.Call.Args[0] == v):
				opens = append(opens, x)
				return true
			case instr.Parent() == fn && wgMethod(&x.Call, "Wait"):
				return true
			case instr.Parent() == fn && wgMethod(&x.Call, "Add") && addsOne(x.Call.Args[1]) && instrBefore(x, s.bound.call):
				adds = append(adds, x)
				return true
			}
		}
		return false
	})
	if _, wg := g.(*ssa.Alloc); !ok || len(opens) != 1 || wg != (len(adds) == 1) {
		return nil
	}
	return opens[0]
}

// closeBeforeOps reports whether the close c comes, in the goroutine s,
// before each of its operations ops on every path (each made in its own
// frame).
func closeBeforeOps(ps *passState, s *Spawn, c ssa.Instruction, ops []ChanOp) bool {
	name := ps.name(s.body)
	for _, op := range ops {
		if len(op.Chain) < 2 || op.Chain[1].Func != name {
			return false
		}
		at := ps.instrsAt(s.body, op.Chain[1].Pos)
		if len(at) == 0 {
			return false
		}
		for _, x := range at {
			if !instrBefore(c, x) {
				return false
			}
		}
	}
	return len(ops) > 0
}

// neverAfter reports whether none of xs can come after c (and there is
// one at least).
func neverAfter(c ssa.Instruction, xs []ssa.Instruction) bool {
	for _, x := range xs {
		if mayPrecede(c, x) {
			return false
		}
	}
	return len(xs) > 0
}

// precedesAny reports whether x may precede one of at.
func precedesAny(x ssa.Instruction, at []ssa.Instruction) bool {
	for _, y := range at {
		if mayPrecede(x, y) {
			return true
		}
	}
	return false
}

// addsOne reports whether an Add's delta is the constant 1.
func addsOne(v ssa.Value) bool {
	n, ok := intConst(v)
	return ok && n == 1
}
