package analyzer

import (
	"go/constant"
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// Branches on a boolean that holds one constant on every path.
//
// `held := true; for ... { mu.Unlock(); held = false; sleep(); mu.Lock();
// held = true }; if held { mu.Unlock() }`: the flag is false only between
// two statements of the loop body, and every definition that reaches the
// test stores true; SSA gives the test a phi of true and true. Its false
// edge is never taken, and a lock "kept" along it is kept on no path. The
// rule is constant propagation through phis alone: a value is a constant
// when it is one, or the negation of one, or a phi whose every operand
// (phis followed, cycles ignored) is the same constant.

const maxConstPhis = 8

// constBool reports the value v has on every path, if it is one boolean
// constant.
func constBool(v ssa.Value) (val, ok bool) {
	return constBoolIn(v, make(map[*ssa.Phi]bool))
}

// constBoolIn is constBool; open holds the phis being walked. A phi met
// again through a negation (`on = !on` in a loop) toggles: it is no
// constant, and walking it again would not end. Negations nested deeper
// than maxConstPhis phis are left unknown.
func constBoolIn(v ssa.Value, open map[*ssa.Phi]bool) (val, ok bool) {
	switch v := v.(type) {
	case *ssa.Const:
		if v.Value == nil || v.Value.Kind() != constant.Bool {
			return false, false
		}
		return constant.BoolVal(v.Value), true
	case *ssa.UnOp:
		if v.Op != token.NOT {
			return false, false
		}
		val, ok := constBoolIn(v.X, open)
		return !val, ok
	case *ssa.Phi:
		if open[v] || len(open) >= maxConstPhis {
			return false, false
		}
		open[v] = true
		defer delete(open, v)
		set := false
		all := phiEdges(v, func(_ *ssa.Phi, _ int, e ssa.Value) bool {
			x, ok := constBoolIn(e, open)
			if !ok || set && x != val {
				return false
			}
			val, set = x, true
			return true
		})
		return val, all && set
	}
	return false, false
}

// constEdge is the successor a branch on a constant condition never takes.
func constEdge(cond ssa.Value) (int, bool) {
	val, ok := constBool(cond)
	if !ok {
		return 0, false
	}
	if val {
		return 1, true
	}
	return 0, true
}

// Blocks no path reaches: every edge into them is never taken (constEdge,
// nilCellEdge) or leaves a block no path reaches. A call there is no call:
// in a program, a function only such code calls never runs (mayRun).
//
// `func Dial(ctx context.Context) (conn *Conn) { defer func() { if conn !=
// nil { conn.Close() } }(); ...; return conn }`: the named result is never
// assigned anything but itself, so it is nil wherever it is read, and the
// Close behind the test never runs.

// liveBlocks returns the blocks of fn some path from its entry (or its
// recover block) reaches.
func liveBlocks(fn *ssa.Function) map[*ssa.BasicBlock]bool {
	live := make(map[*ssa.BasicBlock]bool)
	var work []*ssa.BasicBlock
	visit := func(b *ssa.BasicBlock) {
		if b != nil && !live[b] {
			live[b] = true
			work = append(work, b)
		}
	}
	if len(fn.Blocks) > 0 {
		visit(fn.Blocks[0])
	}
	visit(fn.Recover)
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		never := -1
		if ifi, ok := lastInstr(b).(*ssa.If); ok {
			if e, ok := constEdge(ifi.Cond); ok {
				never = e
			} else if e, ok := nilCellEdge(ifi.Cond); ok {
				never = e
			}
		}
		for i, s := range b.Succs {
			if i != never {
				visit(s)
			}
		}
	}
	return live
}

func lastInstr(b *ssa.BasicBlock) ssa.Instruction {
	if len(b.Instrs) == 0 {
		return nil
	}
	return b.Instrs[len(b.Instrs)-1]
}

// nilCellEdge is the successor a test `x != nil` (or `x == nil`) never
// takes when x is loaded from a local variable that only ever holds nil:
// nothing but nil, or its own value, is stored into it, here or in the
// closures that capture it, and its address goes nowhere else.
func nilCellEdge(cond ssa.Value) (int, bool) {
	op, ok := cond.(*ssa.BinOp)
	if !ok || op.Op != token.EQL && op.Op != token.NEQ {
		return 0, false
	}
	x := op.X
	if isNilConst(x) {
		x = op.Y
	} else if !isNilConst(op.Y) {
		return 0, false
	}
	ld, ok := x.(*ssa.UnOp)
	if !ok || ld.Op != token.MUL {
		return 0, false
	}
	var cells []*ssa.Alloc
	switch c := ld.X.(type) {
	case *ssa.Alloc:
		cells = append(cells, c)
	case *ssa.FreeVar:
		cells, ok = boundCells(c)
		if !ok {
			return 0, false
		}
	default:
		return 0, false
	}
	for _, a := range cells {
		if !onlyNil(a, 0) {
			return 0, false
		}
	}
	return nilEdge(op.Op), true
}

// boundCells returns the local variables of the enclosing function that
// its closures bind to free variable fv; not ok when one is bound to
// something else, or the enclosing function makes no such closure.
func boundCells(fv *ssa.FreeVar) ([]*ssa.Alloc, bool) {
	fn := fv.Parent()
	i := freeIndex(fn, fv)
	parent := fn.Parent()
	if i < 0 || parent == nil {
		return nil, false
	}
	var out []*ssa.Alloc
	for _, b := range parent.Blocks {
		for _, instr := range b.Instrs {
			mc, ok := instr.(*ssa.MakeClosure)
			if !ok || mc.Fn != fn {
				continue
			}
			a, ok := mc.Bindings[i].(*ssa.Alloc)
			if !ok {
				return nil, false
			}
			out = append(out, a)
		}
	}
	return out, len(out) > 0
}

// onlyNil reports whether the cell v (a local variable, or a closure's
// free variable bound to one) is only loaded, stored nil or its own value,
// and captured by closures that do the same.
func onlyNil(v ssa.Value, depth int) bool {
	if depth > 3 {
		return false
	}
	for _, use := range *v.Referrers() {
		switch u := use.(type) {
		case *ssa.UnOp:
			if u.Op != token.MUL {
				return false
			}
		case *ssa.DebugRef:
		case *ssa.Store:
			if u.Addr != v {
				return false
			}
			if ld, ok := u.Val.(*ssa.UnOp); !isNilConst(u.Val) && !(ok && ld.Op == token.MUL && ld.X == v) {
				return false
			}
		case *ssa.MakeClosure:
			c, ok := u.Fn.(*ssa.Function)
			if !ok {
				return false
			}
			for i, b := range u.Bindings {
				if b == v && !onlyNil(c.FreeVars[i], depth+1) {
					return false
				}
			}
		default:
			return false
		}
	}
	return true
}
