package analyzer

import "golang.org/x/tools/go/ssa"

// recoversPanics reports whether fn defers a call of a function that calls
// the builtin recover (defer func() { _ = recover() }()): a panic in fn,
// or in anything it calls, then ends fn's goroutine quietly instead of the
// program. Only deferred functions whose body this package has are
// looked into.
func recoversPanics(fn *ssa.Function) bool {
	if fn == nil {
		return false
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			d, ok := instr.(*ssa.Defer)
			if !ok {
				continue
			}
			var callee *ssa.Function
			switch v := d.Call.Value.(type) {
			case *ssa.Function:
				callee = v
			case *ssa.MakeClosure:
				callee, _ = v.Fn.(*ssa.Function)
			}
			if callee != nil && callsRecover(callee) {
				return true
			}
		}
	}
	return false
}

// callsRecover reports whether fn's own body calls recover.
func callsRecover(fn *ssa.Function) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if v, ok := instr.(ssa.Value); ok && isRecoverCall(v) {
				return true
			}
		}
	}
	return false
}
