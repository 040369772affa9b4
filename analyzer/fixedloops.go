package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"

	"golang.org/x/tools/go/types/typeutil"
)

// A fixedWait is a Cond.Wait that, once reached, is reached again after
// every wakeup, forever: it is a statement of the body of a for loop whose
// condition reads only local variables (and constants) that nothing changes
// after their declaration, and whose body has no way out (no break, return,
// goto or labelled continue, no panic and no call that never returns).
//
// The condition was true when the loop was entered, or the Wait would not
// have been reached; nothing can make it false: no statement of the
// function assigns, increments or takes the address of one of its
// variables, no closure does either, and another goroutine cannot reach a
// local whose address is never taken. So no Signal or Broadcast lets the
// waiter go on — the loop was written to end when a condition changes, and
// the condition it tests is not the one anybody changes. A condition that
// is only a constant (`for true`) is an infinite loop on purpose and is not
// one of these.
type fixedWait struct {
	wait *ast.CallExpr // the Cond.Wait call
	loop *ast.ForStmt
	vars []*types.Var // the condition's variables, by position
}

// fixedWaits finds the package's fixed waits, in source order.
func (ps *passState) fixedWaits() []fixedWait {
	info := ps.pass.TypesInfo
	var out []fixedWait
	for _, f := range sourceFiles(ps.pass) {
		ast.Inspect(f, func(n ast.Node) bool {
			loop, ok := n.(*ast.ForStmt)
			if !ok || loop.Cond == nil {
				return true
			}
			var waits []*ast.CallExpr
			for _, s := range loop.Body.List {
				if call, ok := exprStmtCall(s); ok && isCondWaitCall(info, call) {
					waits = append(waits, call)
				}
			}
			if len(waits) == 0 {
				return true
			}
			vars, ok := invariantOperands(info, loop.Cond)
			if !ok || len(vars) == 0 || !ps.unchangedVars(vars) || ps.loopExits(loop.Body) {
				return true
			}
			for _, w := range waits {
				out = append(out, fixedWait{wait: w, loop: loop, vars: vars})
			}
			return true
		})
	}
	return out
}

func exprStmtCall(s ast.Stmt) (*ast.CallExpr, bool) {
	es, ok := s.(*ast.ExprStmt)
	if !ok {
		return nil, false
	}
	call, ok := ast.Unparen(es.X).(*ast.CallExpr)
	return call, ok
}

// isCondWaitCall reports whether call is a call of (*sync.Cond).Wait.
func isCondWaitCall(info *types.Info, call *ast.CallExpr) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	fn, ok := info.Uses[sel.Sel].(*types.Func)
	return ok && syncAPI[fn.FullName()].op == OpCondWait
}

// invariantOperands returns the variables of a condition made only of local
// variables, constants and operators (no call, no field, element or pointer
// load: those may change under it), and false for any other condition.
func invariantOperands(info *types.Info, cond ast.Expr) ([]*types.Var, bool) {
	seen := make(map[*types.Var]bool)
	var vars []*types.Var
	ok := true
	ast.Inspect(cond, func(n ast.Node) bool {
		if !ok || n == nil {
			return false
		}
		switch n := n.(type) {
		case *ast.ParenExpr, *ast.BinaryExpr, *ast.BasicLit:
		case *ast.UnaryExpr:
			ok = n.Op != token.AND && n.Op != token.ARROW
		case *ast.Ident:
			if tv, found := info.Types[n]; found && tv.Value != nil {
				return false // a constant
			}
			v, isVar := info.Uses[n].(*types.Var)
			if !isVar || v.IsField() || v.Parent() == nil || v.Parent() == v.Pkg().Scope() {
				ok = false // a package-level variable, or not a variable at all
			} else if !seen[v] {
				seen[v] = true
				vars = append(vars, v)
			}
		default:
			ok = false
		}
		return ok
	})
	sort.Slice(vars, func(i, j int) bool { return vars[i].Pos() < vars[j].Pos() })
	return vars, ok
}

// unchangedVars reports whether no statement of the function that declares
// each of vars (its closures included) changes it after its declaration:
// no assignment, increment, range assignment, address taken, or method
// selected on it (a pointer method takes its address).
func (ps *passState) unchangedVars(vars []*types.Var) bool {
	info := ps.pass.TypesInfo
	for _, v := range vars {
		decl, _ := enclosing(ps, v.Pos(), func(*ast.FuncDecl) bool { return true })
		if decl == nil {
			return false // a function literal of a package-level variable, say
		}
		is := func(e ast.Expr) bool {
			id, ok := ast.Unparen(e).(*ast.Ident)
			return ok && info.Uses[id] == v
		}
		changed := false
		ast.Inspect(decl, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				for _, l := range n.Lhs {
					changed = changed || is(l)
				}
			case *ast.IncDecStmt:
				changed = changed || is(n.X)
			case *ast.RangeStmt:
				changed = changed || n.Tok == token.ASSIGN && (n.Key != nil && is(n.Key) || n.Value != nil && is(n.Value))
			case *ast.UnaryExpr:
				changed = changed || n.Op == token.AND && is(n.X)
			case *ast.SelectorExpr:
				changed = changed || is(n.X)
			}
			return !changed
		})
		if changed {
			return false
		}
	}
	return true
}

// loopExits reports whether a loop body can leave the loop or the
// function: a break or continue that is not the body's own inner loop's,
// switch's or select's, a goto, a return, a panic, or a call to a function
// that never returns. Function literals are not followed: their returns
// leave them, not the loop.
func (ps *passState) loopExits(body *ast.BlockStmt) bool {
	info := ps.pass.TypesInfo
	exits := false
	var walk func(n ast.Node, nested bool)
	walk = func(n ast.Node, nested bool) {
		ast.Inspect(n, func(m ast.Node) bool {
			if exits || m == nil {
				return false
			}
			if m == n {
				return true
			}
			switch m := m.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				walk(m, true)
				return false
			case *ast.ReturnStmt:
				exits = true
			case *ast.BranchStmt:
				switch {
				case m.Tok == token.GOTO, m.Label != nil && m.Tok != token.FALLTHROUGH:
					exits = true
				case m.Tok == token.BREAK:
					exits = !nested
				}
			case *ast.CallExpr:
				if id, ok := ast.Unparen(m.Fun).(*ast.Ident); ok && info.Uses[id] == panicBuiltin {
					exits = true
				} else if fn := typeutil.StaticCallee(info, m); fn != nil && ps.noReturns.NoReturn(fn) {
					exits = true
				}
			}
			return !exits
		})
	}
	walk(body, false)
	return exits
}
