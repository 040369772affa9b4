package analyzer

import (
	"go/types"

	"github.com/awaitvet/awaitvet/callgraph"
	"golang.org/x/tools/go/ssa"
)

// Getters: a method that returns one of its receiver's fields (return
// s.stop, return s.ctr) hands the caller that very channel or lock. Without
// this, the caller sees an opaque call result, and a goroutine started with
// `go monitor(h.StopChannel())` could not be matched with the code that
// sends on h.stop.

// returnRefs records, per result, the Ref every return of fn agrees on, when
// it is a field reached from a parameter or a global (what a caller can
// rewrite into its own terms) and of a type that can hold a resource, or a
// pointer parameter itself (a method that hands back its receiver, locked
// or not). A nil pointer returned on some paths names no object: the
// caller that goes on to use the result has tested it, and the other
// returns say which object it is.
func (fa *fnAnalysis) returnRefs() []ReturnRef {
	n := fa.fn.Signature.Results().Len()
	if n == 0 {
		return nil
	}
	refs := make([]*Ref, n)
	agree := make([]bool, n)
	for i := range agree {
		agree[i] = fa.fn.Signature.Results().At(i) != nil && canHoldResource(fa.fn.Signature.Results().At(i).Type())
	}
	seen := false
	for _, ret := range callgraph.Returns(fa.fn) {
		if len(ret.Results) != n {
			continue
		}
		seen = true
		for i, v := range ret.Results {
			if !agree[i] {
				continue
			}
			ptr := isPointer(v.Type())
			if ptr && isNilConst(v) {
				continue // (no object: a caller that uses the result has tested it)
			}
			r := fa.r.resolve(v)
			if r.Base != BaseParam && r.Base != BaseGlobal || r.Base == BaseParam && !hasField(r.Path) && !ptr || r.Inexact {
				agree[i] = false
				continue
			}
			if refs[i] == nil {
				refs[i] = &r
			} else if refs[i].key() != r.key() {
				agree[i] = false
			}
		}
	}
	if !seen {
		return nil
	}
	var out []ReturnRef
	for i := range refs {
		if agree[i] && refs[i] != nil {
			out = append(out, ReturnRef{Index: i, Ref: *refs[i]})
		}
	}
	return out
}

// canHoldResource reports whether a value of type t can be, or point to, a
// channel or a lock: channels and pointers (to structs, mostly).
func canHoldResource(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Chan, *types.Pointer:
		return true
	}
	return false
}

// getter resolves result i of call through the single callee's summary:
// the Summary.Returns entry for the result itself (no Field, see
// resultField).
func (fa *fnAnalysis) getter(call *ssa.Call, i int) (Ref, bool) {
	return fa.resultField(call, i, "")
}
