package analyzer

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// A flag read through a pointer on both sides.
//
// A goroutine that sends only `if req.sync`, on a request its starter
// holds by pointer, and a starter that receives only `if req.sync`: the
// two reads are one value when the field keeps the value its object was
// made with (setAtBirth: no function of the package stores it once the
// object is made) and neither side hands the pointer to code that might
// (pointerOnlyRead). A store by code of another package would need the
// pointer from elsewhere, and, unsynchronised with both reads, would be a
// data race.

// boundPointerField returns, for x, the goroutine's load of a field
// through a pointer the go statement hands it, the starter's one load of
// that field through that pointer, when the field is set at birth.
func (fa *fnAnalysis) boundPointerField(s *Spawn, x ssa.Value) ssa.Value {
	ld, ok := x.(*ssa.UnOp)
	if !ok || ld.Op != token.MUL {
		return nil
	}
	field, ok := ld.X.(*ssa.FieldAddr)
	if !ok || !fa.ps.setAtBirth(field) {
		return nil
	}
	ptr := boundValue(s, field.X)
	if _, cell := ptr.(*ssa.Alloc); ptr == nil || cell || !fa.pointerOnlyRead(s, ptr) {
		return nil
	}
	var load ssa.Value
	for _, b := range fa.fn.Blocks {
		for _, instr := range b.Instrs {
			f, ok := instr.(*ssa.FieldAddr)
			if !ok || stableLoad(f.X) != ptr || f.Field != field.Field {
				continue
			}
			for _, r := range *f.Referrers() {
				if u, ok := r.(*ssa.UnOp); ok && u.Op == token.MUL {
					if load != nil {
						return nil // two reads: two values to the lockset
					}
					load = u
				}
			}
		}
	}
	return load
}

// pointerOnlyRead reports whether the starter and the goroutine s use ptr,
// a pointer the go statement hands the goroutine, only to read fields of
// what it points to, to compare it, to call pure functions with it (see
// purecall.go) and to start s: no code they call receives it, and nothing
// stores it where other code could find it.
func (fa *fnAnalysis) pointerOnlyRead(s *Spawn, ptr ssa.Value) bool {
	return usedOnly(s, fa.fn, ptr, fa.readUse)
}

// usedOnly reports whether every use of v, a value of the starter fn that
// the go statement hands the goroutine s, in fn and in s, passes use
// (given the instruction and the operand naming v there), apart from the
// loads and stores of a captured variable's cell holding it and the
// making and starting of s. A closure other than s that captures that
// cell fails.
func usedOnly(s *Spawn, fn *ssa.Function, v ssa.Value, use func(ssa.Instruction, ssa.Value) bool) bool {
	var ops []*ssa.Value
	for _, f := range []*ssa.Function{fn, s.body} {
		names := func(x ssa.Value) bool {
			if f == s.body {
				fv, free := x.(*ssa.FreeVar)
				return boundValue(s, x) == v || free && s.boundFree(fv) == v // (a variable the goroutine shares: a WaitGroup)
			}
			return x == v || stableLoad(x) == v
		}
		for _, b := range f.Blocks {
			for _, instr := range b.Instrs {
				for _, op := range instr.Operands(ops[:0]) {
					switch {
					case *op == nil:
					case names(*op):
						if !use(instr, *op) && !startsSpawn(s, instr) {
							return false
						}
					case held(s, f, *op, v):
						if !heldUse(s, instr, *op) {
							return false // the cell holding v, captured by other code
						}
					}
				}
			}
		}
	}
	return true
}

// readUse reports whether instr, which has v (naming the pointer of
// pointerOnlyRead) as an operand, only reads through it.
func (fa *fnAnalysis) readUse(instr ssa.Instruction, v ssa.Value) bool {
	switch x := instr.(type) {
	case *ssa.FieldAddr:
		return readOnly(x)
	case *ssa.Store:
		return capturedStore(x, v)
	case *ssa.BinOp:
		return x.Op == token.EQL || x.Op == token.NEQ
	case *ssa.DebugRef:
		return true
	case *ssa.UnOp:
		return x.Op == token.MUL
	case ssa.CallInstruction:
		callee := x.Common().StaticCallee()
		return x.Common().Value != v && callee != nil && pureFunc(callee, 0, fa.ps)
	}
	return false
}

// capturedStore reports whether st stores v into a captured variable's
// cell (whose other uses usedOnly checks).
func capturedStore(st *ssa.Store, v ssa.Value) bool {
	_, cell := st.Addr.(*ssa.Alloc)
	return cell && st.Val == v
}

// held reports whether v, an operand in fn, is a captured variable's cell
// (or the goroutine's free variable bound to one) whose one value is ptr.
func held(s *Spawn, fn *ssa.Function, v, ptr ssa.Value) bool {
	if fv, ok := v.(*ssa.FreeVar); ok && fn == s.body {
		v = s.boundFree(fv)
	}
	cell, ok := v.(*ssa.Alloc)
	if !ok {
		return false
	}
	st, ok := lastStore(cell)
	return ok && st.Val == ptr
}

// heldUse reports whether instr, which has cell, a captured variable's
// cell, as an operand, only loads it, stores into it or makes s with it.
func heldUse(s *Spawn, instr ssa.Instruction, cell ssa.Value) bool {
	switch x := instr.(type) {
	case *ssa.UnOp:
		return x.Op == token.MUL
	case *ssa.Store:
		return x.Addr == cell
	case *ssa.DebugRef:
		return true
	}
	return startsSpawn(s, instr)
}

// startsSpawn reports whether instr makes or starts the goroutine s.
func startsSpawn(s *Spawn, instr ssa.Instruction) bool {
	if instr == s.bound.call {
		return true
	}
	mc, ok := instr.(*ssa.MakeClosure)
	return ok && mc.Fn == s.body
}
