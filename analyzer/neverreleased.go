package analyzer

import (
	"go/types"
	"slices"

	"github.com/awaitvet/awaitvet/callgraph"
	"golang.org/x/tools/go/ssa"
)

// Locks that nothing releases.
//
// A helper that returns with a lock held on every path ("returns locked")
// is no finding of its own: its callers release the lock. When no code in
// the package releases it at all, the helper and every caller that forgot
// are one bug, and the next acquisition blocks forever. The claim rests on
// what the package can do with the lock, not on the paths of one function:
//
//   - the lock is an unexported field of a value type (sync.Mutex,
//     sync.RWMutex) of a named struct of this package, or an unexported
//     package-level variable: no other package can reach it but through
//     this package's code;
//   - every use of its address in the package is the receiver of a Lock,
//     RLock, Unlock or RUnlock call: it is never handed to other code
//     (a sync.Locker, NewCond, RLocker, a method value, a store, an
//     argument), never copied or reset with its struct (no value of the
//     struct type is made, loaded or stored whole), never TryLocked (a
//     TryLock that is never undone is a one-shot guard);
//   - some call locks it and none unlocks it, deferred or not;
//   - it is acquired on two occasions: two Lock sites, or one in a
//     function called from two places in the package.
//
// The finding is at the first acquisition, with the second occasion as its
// witness.

// neverReleased reports the locks of the package that are acquired and
// never released (see above).
func (ps *passState) neverReleased() {
	type lockUse struct {
		sites    []*ssa.CallCommon
		at       []ssa.Instruction
		released bool
		escapes  bool
		owner    types.Type // the struct type holding the field; nil for a global
		class    Class
	}
	uses := make(map[string]*lockUse)
	get := func(k string) *lockUse {
		if uses[k] == nil {
			uses[k] = &lockUse{}
		}
		return uses[k]
	}
	funcs := ps.graph.Funcs()
	callers := make(map[*ssa.Function][]ssa.Instruction)
	// Pass 1: the lock operations, by class.
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				ci, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				c := ci.Common()
				if callee := c.StaticCallee(); callee != nil {
					callers[callee] = append(callers[callee], instr)
				}
				name, _ := calleeName(c)
				op := syncAPI[name].op
				if c.IsInvoke() || len(c.Args) == 0 {
					continue
				}
				cls, owner, ok := ps.lockOperand(c.Args[0])
				if !ok {
					continue
				}
				u := get(cls.Key)
				u.class = cls
				if owner != nil {
					u.owner = owner
				}
				switch op {
				case OpLock, OpRLock:
					if _, isCall := instr.(*ssa.Call); isCall {
						u.sites = append(u.sites, c)
						u.at = append(u.at, instr)
					}
				case OpUnlock, OpRUnlock:
					u.released = true
				default:
					u.escapes = true // TryLock, RLocker, anything else
				}
			}
		}
	}
	if len(uses) == 0 {
		return
	}
	// Pass 2: any other use of a candidate's address, or of its struct by value.
	var owned []*lockUse // the candidates that are fields of a struct
	for _, k := range sortedUseKeys(uses) {
		if uses[k].owner != nil {
			owned = append(owned, uses[k])
		}
	}
	checked := make(map[types.Type]bool) // types already compared with every owner
	byValue := func(t types.Type) {
		if len(owned) == 0 || checked[t] {
			return
		}
		checked[t] = true
		switch t.Underlying().(type) {
		case *types.Struct, *types.Array, *types.Tuple:
		default:
			return // a pointer, a map, a basic value: no struct by value
		}
		for _, u := range owned {
			if holds(t, u.owner, 0) {
				u.escapes = true
			}
		}
	}
	for _, fn := range funcs {
		for _, p := range fn.Params {
			byValue(p.Type())
		}
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if v, ok := instr.(ssa.Value); ok {
					byValue(v.Type())
				}
				if st, ok := instr.(*ssa.Store); ok {
					byValue(st.Val.Type())
				}
				for i, opnd := range instr.Operands(nil) {
					if *opnd == nil {
						continue
					}
					cls, _, ok := ps.lockOperand(*opnd)
					if !ok || uses[cls.Key] == nil {
						continue
					}
					if !isLockReceiver(instr, i) {
						uses[cls.Key].escapes = true
					}
				}
			}
		}
	}
	for _, k := range sortedUseKeys(uses) {
		u := uses[k]
		if u.released || u.escapes || len(u.sites) == 0 {
			continue
		}
		slices.SortFunc(u.at, func(a, b ssa.Instruction) int { return callgraph.ComparePos(ps.pass.Fset, a.Pos(), b.Pos()) })
		at := u.at[0]
		lock := Hop{Pos: ps.position(at.Pos()), Func: ps.name(at.Parent()), What: "locks " + u.class.show(ps.pkgPath)}
		var again Chain
		switch calls := callers[at.Parent()]; {
		case len(u.at) > 1:
			again = Chain{{Pos: ps.position(u.at[1].Pos()), Func: ps.name(u.at[1].Parent()), What: "locks it again"}}
		case len(calls) >= 2:
			slices.SortFunc(calls, func(a, b ssa.Instruction) int { return callgraph.ComparePos(ps.pass.Fset, a.Pos(), b.Pos()) })
			again = Chain{
				{Pos: ps.position(calls[0].Pos()), Func: ps.name(calls[0].Parent()), What: "calls " + ps.name(at.Parent())},
				{Pos: ps.position(calls[1].Pos()), Func: ps.name(calls[1].Parent()), What: "calls it again"},
			}
		default:
			continue
		}
		ps.reportNeverReleased(at.Pos(), u.class.show(ps.pkgPath), Chain{lock}, again)
	}
}

func sortedUseKeys[T any](m map[string]T) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// lockOperand returns the class of the lock v addresses, and the struct
// type holding it, when it is one the rule above can vouch for: an
// unexported value-typed field of a named struct, or an unexported
// package-level variable, of this package.
func (ps *passState) lockOperand(v ssa.Value) (Class, types.Type, bool) {
	switch v := v.(type) {
	case *ssa.FieldAddr:
		n, ok := types.Unalias(deref(v.X.Type())).(*types.Named)
		if !ok || n.Obj().Pkg() != ps.pass.Pkg {
			return Class{}, nil, false
		}
		st, ok := n.Underlying().(*types.Struct)
		if !ok || v.Field >= st.NumFields() {
			return Class{}, nil, false
		}
		f := st.Field(v.Field)
		if !ps.sealed(f) || f.Embedded() || !isSyncType(f.Type(), "Mutex") && !isSyncType(f.Type(), "RWMutex") {
			return Class{}, nil, false
		}
		if _, ptr := f.Type().(*types.Pointer); ptr {
			return Class{}, nil, false
		}
		return fieldClass(n, f.Name(), Class{}), n, true
	case *ssa.Global:
		if v.Object() == nil || !ps.sealed(v.Object()) {
			return Class{}, nil, false
		}
		t := deref(v.Type())
		if !isSyncType(t, "Mutex") && !isSyncType(t, "RWMutex") {
			return Class{}, nil, false
		}
		if _, ptr := t.(*types.Pointer); ptr {
			return Class{}, nil, false
		}
		return Class{Key: ps.pkgPath + "." + v.Name(), Pkg: ps.pkgPath, Text: v.Name()}, nil, true
	}
	return Class{}, nil, false
}

// isLockReceiver reports whether operand i of instr is the receiver of a
// call of Lock, RLock, Unlock or RUnlock.
func isLockReceiver(instr ssa.Instruction, i int) bool {
	ci, ok := instr.(ssa.CallInstruction)
	if !ok {
		return false
	}
	c := ci.Common()
	if c.IsInvoke() || len(c.Args) == 0 {
		return false
	}
	name, _ := calleeName(c)
	switch syncAPI[name].op {
	case OpLock, OpRLock, OpUnlock, OpRUnlock:
	default:
		return false
	}
	// Operands of a static call: the callee value, then the arguments.
	return i == 1
}

// holds reports whether a value of type t contains a value of type owner
// (itself, or a field or element of a struct or array, by value).
func holds(t, owner types.Type, depth int) bool {
	if types.Identical(t, owner) {
		return true
	}
	if depth > 4 {
		return false
	}
	switch u := t.Underlying().(type) {
	case *types.Struct:
		for i := 0; i < u.NumFields(); i++ {
			if holds(u.Field(i).Type(), owner, depth+1) {
				return true
			}
		}
	case *types.Array:
		return holds(u.Elem(), owner, depth+1)
	case *types.Tuple:
		for i := 0; i < u.Len(); i++ {
			if holds(u.At(i).Type(), owner, depth+1) {
				return true
			}
		}
	}
	return false
}
