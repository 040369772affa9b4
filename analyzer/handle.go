package analyzer

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Locks that come with a handle.
//
//	s, err := sim.Get() // locks; s.Close unlocks
//	if err != nil { return nil, err }
//	w := &Wrapped{Sim: s}
//	if err := use(w); err != nil { return nil, err } // keeps the lock: s is dropped
//	return w, nil // hands the lock on, with s
//
// A call that leaves a lock held and returns a pointer (or an interface
// with methods, not an error) hands its caller the lock with that value,
// the handle its release is reached through. A return that gives the handle back to its own caller,
// itself or stored in an object it returns, passes the lock on with it:
// it keeps nothing. A return that drops the handle keeps the lock, and is
// reported as before when another path releases it.

// handsBackHandle splits the returns that hold the lock h into those that
// return the handle of the call that acquired it, and the others.
func handsBackHandle(fn *ssa.Function, h heldLock, held []exitState) (keeping []exitState) {
	handles := callHandles(fn, h.pos)
	if len(handles) == 0 {
		return held
	}
	for _, x := range held {
		if x.ret == nil || !returnsHandle(fn, x.ret, handles) {
			keeping = append(keeping, x)
		}
	}
	return keeping
}

var errorType = types.Universe.Lookup("error").Type()

// callHandles returns the results of the call at pos that can be handles:
// pointers, and interfaces with methods other than error.
func callHandles(fn *ssa.Function, pos token.Pos) map[ssa.Value]bool {
	if !pos.IsValid() {
		return nil
	}
	var call *ssa.Call
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if c, ok := instr.(*ssa.Call); ok && c.Pos() == pos {
				call = c
			}
		}
	}
	if call == nil {
		return nil
	}
	handles := make(map[ssa.Value]bool)
	add := func(v ssa.Value) {
		switch t := v.Type().Underlying().(type) {
		case *types.Pointer:
			handles[v] = true
		case *types.Interface:
			if t.NumMethods() > 0 && !types.Identical(v.Type(), errorType) {
				handles[v] = true // (an error reports, it hands over nothing)
			}
		}
	}
	if _, tuple := call.Type().(*types.Tuple); !tuple {
		add(call)
		return handles
	}
	for _, r := range *call.Referrers() {
		if e, ok := r.(*ssa.Extract); ok {
			add(e)
		}
	}
	return handles
}

// returnsHandle reports whether ret returns one of the handles, or an
// object the function made and stored one in (a field of a composite
// literal), through interface conversions.
func returnsHandle(fn *ssa.Function, ret *ssa.Return, handles map[ssa.Value]bool) bool {
	for _, r := range ret.Results {
		if carries(returnedValue(ret.Block(), r), handles, 3) {
			return true
		}
	}
	return false
}

func carries(v ssa.Value, handles map[ssa.Value]bool, depth int) bool {
	if handles[v] {
		return true
	}
	if depth == 0 {
		return false
	}
	switch x := v.(type) {
	case *ssa.MakeInterface:
		return carries(x.X, handles, depth-1)
	case *ssa.ChangeType:
		return carries(x.X, handles, depth-1)
	case *ssa.Alloc:
		for _, r := range *x.Referrers() {
			fa, ok := r.(*ssa.FieldAddr)
			if !ok {
				continue
			}
			for _, s := range *fa.Referrers() {
				if st, ok := s.(*ssa.Store); ok && st.Addr == fa && carries(st.Val, handles, depth-1) {
					return true
				}
			}
		}
	}
	return false
}
