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
	// rewritten holds the struct fields (by origin) some function stores
	// into other than at the birth of their object, or whose address
	// escapes (see setAtBirth).
	rewritten map[types.Object]bool
}

// index returns the package's pkgIndex, built on first use.
func (ps *passState) index() *pkgIndex {
	if ps.pkgIdx != nil {
		return ps.pkgIdx
	}
	ix := &pkgIndex{
		stores:    make(map[types.Object][]ssa.Value),
		calls:     make(map[*ssa.Function][]*ssa.CallCommon),
		taken:     make(map[*ssa.Function]bool),
		rewritten: make(map[types.Object]bool),
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
					val, ok := storedThrough(instr, *op)
					switch {
					case !ok:
						ix.stores[obj] = append(ix.stores[obj], nil)
					case val != nil:
						ix.stores[obj] = append(ix.stores[obj], val)
					}
					if fa, isField := (*op).(*ssa.FieldAddr); isField && (!ok || val != nil && !atBirth(fa, instr)) {
						ix.rewritten[obj] = true
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

// setAtBirth reports whether the field fa addresses, of a named struct
// type of this package, is stored into only as its object is made: every store of the
// package into it follows, in the block that allocates the object, the
// allocation with nothing between that uses the object but the addresses
// of its fields (`&T{f: v}`, `t := &T{}; t.f = v`), and its address never
// escapes. Such a field holds, for the object's whole life, the value it
// was made with: two reads of it through one pointer read one value. (A
// field of another package's type is stored by code out of sight; an
// anonymous struct type written out twice has two sets of fields.)
func (ps *passState) setAtBirth(fa *ssa.FieldAddr) bool {
	if _, named := types.Unalias(deref(fa.X.Type())).(*types.Named); !named {
		return false
	}
	f := fieldVar(fa)
	return f != nil && f.Pkg() == ps.pass.Pkg && !ps.index().rewritten[f]
}

// atBirth reports whether the store st into field address fa is part of
// making fa's object (see setAtBirth).
func atBirth(fa *ssa.FieldAddr, st ssa.Instruction) bool {
	alloc, ok := fa.X.(*ssa.Alloc)
	if !ok || alloc.Block() != st.Block() {
		return false
	}
	var ops []*ssa.Value
	seen := false
	for _, instr := range st.Block().Instrs {
		switch {
		case instr == ssa.Instruction(alloc):
			seen = true
			continue
		case instr == st:
			return seen
		case !seen:
			continue
		}
		if _, field := instr.(*ssa.FieldAddr); field {
			continue
		}
		if _, dbg := instr.(*ssa.DebugRef); dbg {
			continue
		}
		for _, op := range instr.Operands(ops[:0]) {
			if *op == ssa.Value(alloc) {
				return false // the object is used (passed on, stored) before this store
			}
		}
	}
	return false
}
