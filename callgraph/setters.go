package callgraph

import (
	"go/types"
	"iter"

	"golang.org/x/tools/go/ssa"
)

// A setterStore is a function-typed parameter that a function stores into
// a field (SetOnEvent(h) { c.onEvent = h }): whatever its callers pass for
// the parameter lands in the field.
type setterStore struct {
	key string // the field, by fieldKey
	obj int    // the parameter whose field it is, or -1
}

// setters maps a setter to its stores, by the index of the parameter stored.
type setters map[*ssa.Function]map[int][]setterStore

// funcStores walks every store of a function value in funcs: a store of a
// parameter into a field is recorded as a setter store; any other store is
// handed to other (a parameter stored elsewhere is neither).
func funcStores(funcs []*ssa.Function, other func(st *ssa.Store)) setters {
	out := make(setters)
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				st, ok := instr.(*ssa.Store)
				if !ok {
					continue
				}
				if _, isFunc := st.Val.Type().Underlying().(*types.Signature); !isFunc {
					continue
				}
				p, ok := st.Val.(*ssa.Parameter)
				if !ok {
					other(st)
					continue
				}
				addr, ok := st.Addr.(*ssa.FieldAddr)
				if !ok {
					continue
				}
				obj := -1
				if q, ok := addr.X.(*ssa.Parameter); ok {
					obj = paramIndex(fn, q)
				}
				if out[fn] == nil {
					out[fn] = make(map[int][]setterStore)
				}
				i := paramIndex(fn, p)
				out[fn][i] = append(out[fn][i], setterStore{fieldKey(addr.X.Type(), addr.Field), obj})
			}
		}
	}
	return out
}

// calls calls visit for each argument of a call in funcs that a setter
// stores, with the call's arguments and the store, in the order of the
// parameters: static calls, and interface calls impls resolves (none when it
// is nil).
func (s setters) calls(funcs []*ssa.Function, impls resolver, visit func(args []ssa.Value, i int, st setterStore)) {
	if len(s) == 0 {
		return
	}
	for _, call := range callsIn(funcs) {
		targets, off := callTargets(call.Common(), impls)
		args := call.Common().Args
		for _, t := range targets {
			set := s[t]
			for i := range args {
				for _, st := range set[i+off] {
					visit(args, i, st)
				}
			}
		}
	}
}

// callsIn yields the functions' call instructions (calls, go and defer
// statements), with their function, in order.
func callsIn(funcs []*ssa.Function) iter.Seq2[*ssa.Function, ssa.CallInstruction] {
	return func(yield func(*ssa.Function, ssa.CallInstruction) bool) {
		for fn, instr := range instrsIn(funcs) {
			if call, ok := instr.(ssa.CallInstruction); ok && !yield(fn, call) {
				return
			}
		}
	}
}

// instrsIn yields the functions' instructions, with their function, in
// order.
func instrsIn(funcs []*ssa.Function) iter.Seq2[*ssa.Function, ssa.Instruction] {
	return func(yield func(*ssa.Function, ssa.Instruction) bool) {
		for _, fn := range funcs {
			for _, b := range fn.Blocks {
				for _, instr := range b.Instrs {
					if !yield(fn, instr) {
						return
					}
				}
			}
		}
	}
}
