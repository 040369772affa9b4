package analyzer

import (
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// WaitGroups across the methods of their type.
//
// A server keeps its WaitGroup in a field: one method adds per connection
// and starts the handler, the handler calls Done, and another method
// (Shutdown, Close) waits. The spawning function alone never waits, so the
// Done check of checkWaitGroups, which needs a Wait to make a missing Done
// matter, would stay silent. waitedAcrossMethods supplies that Wait: the
// same field of the same named type, waited on by a function of the
// package. The WaitGroup is one object per instance of the type, and every
// instance that served a connection whose handler returned without its
// Done is one whose Wait can no longer return.
//
// The rule asks for every step to be witnessed, and declines otherwise:
//   - the WaitGroup is a value field (sync.WaitGroup, not a pointer that
//     could be shared with other objects) of a named struct type declared
//     in this package, reached by a field path the resolver names by class;
//   - the spawning function itself adds to it (its Add is the count the
//     goroutine owes a Done for), not an element of a slice or map;
//   - some function of the package calls Wait on that field directly
//     (through a helper taking *sync.WaitGroup, the model does not know
//     which WaitGroup is waited on, and stays silent).
//
// What the goroutine owes is decided as for a Wait in the same function
// (counted per goroutine, some path without Done): Done deferred at the
// top, Done on every path through a helper, and handlers that add and
// finish for themselves are not findings there, and are not here.

// waitedAcrossMethods reports whether the WaitGroup wg, which the function
// adds to and whose Wait is not in the function or its goroutines, is
// waited on by another function of the package through the same field.
func (fa *fnAnalysis) waitedAcrossMethods(wg Ref) bool {
	if wg.element() || len(opsOn(fa.sum.Chans, wg.key(), OpWGAdd)) == 0 {
		return false
	}
	return fa.ps.fieldWaited(wg)
}

// fieldWaited reports whether some function of the package calls Wait
// directly on the value WaitGroup field that wg names by class.
func (ps *passState) fieldWaited(wg Ref) bool {
	if !wg.Class.known() || wg.Class.Pkg != ps.pkgPath || len(wg.Path) == 0 {
		return false
	}
	field := wg.Path[len(wg.Path)-1]
	if field == "" || strings.ContainsAny(field, "*[]#$") {
		return false
	}
	for _, fn := range ps.graph.Funcs() {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				if _, isGo := instr.(*ssa.Go); isGo {
					continue // a Wait run as a goroutine waits for no one here
				}
				if waitOnField(call.Common(), wg.Class.Key) {
					return true
				}
			}
		}
	}
	return false
}

// waitOnField reports whether c is a static call of WaitGroup.Wait whose
// receiver is the address of a sync.WaitGroup value field of class key.
func waitOnField(c *ssa.CallCommon, key string) bool {
	callee := c.StaticCallee()
	if callee == nil || len(c.Args) == 0 {
		return false
	}
	if e, ok := syncAPI[callee.String()]; !ok || e.op != OpWGWait || e.res != ResWaitGroup {
		return false
	}
	fa, ok := c.Args[0].(*ssa.FieldAddr)
	if !ok {
		return false
	}
	st, ok := deref(fa.X.Type()).Underlying().(*types.Struct)
	if !ok {
		return false
	}
	f := st.Field(fa.Field)
	if !isWaitGroupValue(f.Type()) {
		return false
	}
	return fieldClass(fa.X.Type(), f.Name(), Class{}).Key == key
}

// isWaitGroupValue reports whether t is sync.WaitGroup itself (not a pointer).
func isWaitGroupValue(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "sync" && n.Obj().Name() == "WaitGroup"
}
