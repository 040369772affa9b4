package analyzer

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// pkgIndex is one walk over the package's code (packageFuncs: the call
// graph's functions, the package initializer and its closures) that the
// questions about what the package alone decides share: what it stores in
// its variables (exits.go: func fields and variables that end the process;
// dispatch.go: the types an interface field holds) and how it calls its
// functions (dispatch.go: parameters whose every argument is in sight).
type pkgIndex struct {
	// stores maps each variable the package addresses, a struct field (by
	// its origin) or a package-level variable, to the values stored there;
	// a nil entry says its address escapes (passed on, stored, converted),
	// so what it holds is unknown.
	stores map[types.Object][]ssa.Value
	calls  map[*ssa.Function][]*ssa.CallCommon // static calls (and go, defer), by callee
	taken  map[*ssa.Function]bool              // functions used as values, not only called
}

// index returns the package's pkgIndex, built on first use.
func (ps *passState) index() *pkgIndex {
	if ps.pkgIdx != nil {
		return ps.pkgIdx
	}
	ix := &pkgIndex{
		stores: make(map[types.Object][]ssa.Value),
		calls:  make(map[*ssa.Function][]*ssa.CallCommon),
		taken:  make(map[*ssa.Function]bool),
	}
	var ops []*ssa.Value
	for _, fn := range ps.packageFuncs() {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				var callee *ssa.Function
				if c, ok := instr.(ssa.CallInstruction); ok {
					if callee = c.Common().StaticCallee(); callee != nil {
						ix.calls[callee] = append(ix.calls[callee], c.Common())
					}
				}
				ops = instr.Operands(ops[:0])
				for _, op := range ops {
					var obj types.Object
					switch v := (*op).(type) {
					case *ssa.Function:
						if c, ok := instr.(ssa.CallInstruction); !ok || c.Common().Value != v || callee != v {
							ix.taken[v] = true
						}
						continue
					case *ssa.FieldAddr:
						if f := fieldVar(v); f != nil {
							obj = f
						}
					case *ssa.Global:
						obj = v.Object()
					}
					if obj == nil {
						continue
					}
					switch val, ok := storedThrough(instr, *op); {
					case !ok:
						ix.stores[obj] = append(ix.stores[obj], nil)
					case val != nil:
						ix.stores[obj] = append(ix.stores[obj], val)
					}
				}
			}
		}
	}
	ps.pkgIdx = ix
	return ix
}

// storedThrough tells what instr does with addr, the address of a variable
// and one of its operands: stores val there (val, true), only loads from
// it or names it for debugging (nil, true), or lets it escape, passed on,
// stored or converted (nil, false).
func storedThrough(instr ssa.Instruction, addr ssa.Value) (val ssa.Value, ok bool) {
	switch r := instr.(type) {
	case *ssa.Store:
		if r.Addr == addr && r.Val != addr {
			return r.Val, true
		}
	case *ssa.UnOp:
		if r.Op == token.MUL {
			return nil, true
		}
	case *ssa.DebugRef:
		return nil, true
	}
	return nil, false
}
