package analyzer

import "golang.org/x/tools/go/ssa"

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

// privateAt is what the final pass learned of one instruction.
type privateAt struct {
	unknown bool            // some lock taken there is not accounted for
	classes map[string]bool // class key -> every lock of it taken there is owned
}

// notePrivate records whether the lock a, acquired at the instruction
// being transferred, is inside an object this goroutine alone can reach.
func (fa *fnAnalysis) notePrivate(a *acquisition) {
	if !fa.final || fa.at == nil || a.try {
		return
	}
	p := fa.ps.privateAt(fa.at)
	if !a.ref.Class.known() {
		p.unknown = true
		return
	}
	owned := fa.owned(a.ref)
	if prev, seen := p.classes[a.ref.Class.Key]; !seen || prev {
		p.classes[a.ref.Class.Key] = owned
	}
}

// notePrivateCall marks the call at fa.at as telling nothing when its
// callee's locks are not all applied here with their objects.
func (fa *fnAnalysis) notePrivateCall(sum *Summary, b *binding) {
	if !fa.final || fa.at == nil {
		return
	}
	if !b.static || len(sum.Spawns) > 0 || len(sum.ParamCalls) > 0 || len(sum.IfaceCalls) > 0 {
		fa.ps.privateAt(fa.at).unknown = true
	}
}

// noteUnbound marks the instruction being transferred as telling nothing:
// a lock its callee takes could not be named in this frame.
func (fa *fnAnalysis) noteUnbound() {
	if fa.final && fa.at != nil {
		fa.ps.privateAt(fa.at).unknown = true
	}
}

func (ps *passState) privateAt(instr ssa.Instruction) *privateAt {
	if ps.privates == nil {
		ps.privates = make(map[ssa.Instruction]*privateAt)
	}
	p := ps.privates[instr]
	if p == nil {
		p = &privateAt{classes: make(map[string]bool)}
		ps.privates[instr] = p
	}
	return p
}

// separateObjects reports whether the witness's later side takes every
// lock of one of the classes on objects only it can reach (see above).
func (ps *passState) separateObjects(w spawnWitness, classes []string) bool {
	if w.then == nil || w.spawn || w.passed {
		return false
	}
	p := ps.privates[w.then]
	if p == nil || p.unknown {
		return false
	}
	for _, c := range classes {
		if p.classes[c] {
			return true
		}
	}
	return false
}
