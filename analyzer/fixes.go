package analyzer

import (
	"bytes"
	"go/ast"
	"go/format"
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
)

// Suggested fixes, offered only where the change is mechanical and cannot
// make things worse: giving a channel room for the sends nobody will
// receive, and making a counted goroutine's Done unconditional. (Moving an
// Unlock into a defer is not offered: it holds the lock longer, which can
// itself deadlock.)

// enclosing returns the innermost node of type T in the package's files
// that contains pos and satisfies ok.
func enclosing[T ast.Node](ps *passState, pos token.Pos, ok func(T) bool) (T, *ast.File) {
	var zero T
	f := ps.fileOf(pos)
	if f == nil {
		return zero, nil
	}
	path := pathAt(f, pos)
	for i := len(path) - 1; i >= 0; i-- {
		if t, is := path[i].(T); is && ok(t) {
			return t, f
		}
	}
	return zero, nil
}

// bufferFix gives the channel made at makePos room for n more values, or
// for len(x) when the senders are started by a range over x (n < 0).
func (ps *passState) bufferFix(makePos, goPos token.Pos, n int) []analysis.SuggestedFix {
	call, f := enclosing(ps, makePos, func(c *ast.CallExpr) bool {
		id, ok := c.Fun.(*ast.Ident)
		return ok && id.Name == "make" && len(c.Args) == 1
	})
	if f == nil {
		return nil
	}
	size := strconv.Itoa(n)
	if n < 0 {
		rng, rf := enclosing(ps, goPos, func(r *ast.RangeStmt) bool { return true })
		if rf == nil {
			return nil
		}
		if t, ok := ps.pass.TypesInfo.TypeOf(rng.X).Underlying().(*types.Slice); !ok || t == nil {
			if _, isMap := ps.pass.TypesInfo.TypeOf(rng.X).Underlying().(*types.Map); !isMap {
				return nil
			}
		}
		size = "len(" + types.ExprString(rng.X) + ")"
	}
	return []analysis.SuggestedFix{{
		Message:   "give the channel room for every sender: make(..., " + size + ")",
		TextEdits: []analysis.TextEdit{{Pos: call.Rparen, End: call.Rparen, NewText: []byte(", " + size)}},
	}}
}

// deferDoneFix makes the goroutine started at goPos call Done first thing,
// deferred, and removes its other Done calls on the same WaitGroup: the
// dones of the finding, the Done operations of the WaitGroup it is about.
// It is offered only when each of them is a statement of the goroutine's
// own body (not of a helper or a nested closure, which would then call
// Done a second time), every Done on that receiver in the body is one of
// them, and the receiver can be evaluated at the top of the body (it names
// nothing the body declares). A Done that is the body's first statement is
// replaced in place, so the insertion and the deletion never overlap.
func (ps *passState) deferDoneFix(goPos token.Pos, dones []ChanOp) []analysis.SuggestedFix {
	g, f := enclosing(ps, goPos, func(g *ast.GoStmt) bool { return g.Go == goPos })
	if f == nil || len(dones) == 0 {
		return nil
	}
	lit, ok := g.Call.Fun.(*ast.FuncLit)
	if !ok || len(lit.Body.List) == 0 {
		return nil
	}
	// The Done statements of the body, outside nested closures.
	var all []*ast.ExprStmt
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		if _, nested := n.(*ast.FuncLit); nested {
			return false
		}
		if st, ok := n.(*ast.ExprStmt); ok && ps.doneRecv(st) != nil {
			all = append(all, st)
		}
		return true
	})
	var stmts []*ast.ExprStmt
	for _, d := range dones {
		if len(d.Chain) == 0 || d.Deferred {
			return nil
		}
		pos, ok := ps.tokenPos(d.Chain[len(d.Chain)-1].Pos)
		if !ok {
			return nil
		}
		i := slices.IndexFunc(all, func(st *ast.ExprStmt) bool { return st.Pos() <= pos && pos < st.End() })
		if i < 0 {
			return nil // a Done of a helper or of a nested closure
		}
		if !slices.Contains(stmts, all[i]) {
			stmts = append(stmts, all[i])
		}
	}
	recv := ps.doneRecv(stmts[0])
	wg := types.ExprString(recv)
	for _, st := range all {
		same := types.ExprString(ps.doneRecv(st)) == wg
		if same != slices.Contains(stmts, st) {
			return nil // another Done on this receiver, or the finding's Done on another expression
		}
	}
	if !ps.evaluableAt(recv, lit.Body.Lbrace) {
		return nil
	}
	defer_ := "defer " + wg + ".Done()"
	var edits []analysis.TextEdit
	first := lit.Body.List[0]
	if st, ok := first.(*ast.ExprStmt); !ok || !slices.Contains(stmts, st) {
		indent := strings.Repeat("\t", ps.pass.Fset.Position(first.Pos()).Column-1)
		edits = append(edits, analysis.TextEdit{Pos: first.Pos(), End: first.Pos(), NewText: []byte(defer_ + "\n" + indent)})
	}
	for _, st := range stmts {
		if st == first {
			edits = append(edits, analysis.TextEdit{Pos: st.Pos(), End: st.End(), NewText: []byte(defer_)})
		} else {
			edits = append(edits, ps.deleteStmt(st))
		}
	}
	return []analysis.SuggestedFix{{
		Message:   "call " + wg + ".Done() in a defer, first thing in the goroutine",
		TextEdits: edits,
	}}
}

// doneRecv is X of a statement X.Done() on a sync.WaitGroup, or nil.
func (ps *passState) doneRecv(st *ast.ExprStmt) ast.Expr {
	call, ok := st.X.(*ast.CallExpr)
	if !ok || len(call.Args) != 0 {
		return nil
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Done" || !isWaitGroup(ps.pass.TypesInfo.TypeOf(sel.X)) {
		return nil
	}
	return sel.X
}

// evaluableAt reports whether every variable x names is declared before
// pos: outside the function whose body starts there, or as its parameter.
func (ps *passState) evaluableAt(x ast.Expr, pos token.Pos) bool {
	ok := true
	ast.Inspect(x, func(n ast.Node) bool {
		if id, is := n.(*ast.Ident); is {
			if v, isVar := ps.pass.TypesInfo.Uses[id].(*types.Var); isVar && !v.IsField() && v.Pos() > pos {
				ok = false
			}
		}
		return ok
	})
	return ok
}

func isWaitGroup(t types.Type) bool {
	if t == nil {
		return false
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "sync" && n.Obj().Name() == "WaitGroup"
}

// deleteStmt is an edit deleting a statement: its whole line, indentation
// and newline included, when it is alone on it (a trailing comment goes
// with it), else the statement's own text.
func (ps *passState) deleteStmt(n ast.Node) analysis.TextEdit {
	own := analysis.TextEdit{Pos: n.Pos(), End: n.End()}
	tf := ps.pass.Fset.File(n.Pos())
	if tf == nil || ps.pass.ReadFile == nil {
		return own
	}
	src, err := ps.pass.ReadFile(tf.Name())
	if err != nil || tf.Size() != len(src) {
		return own
	}
	line := tf.Line(n.Pos())
	if tf.Line(n.End()) != line {
		return own
	}
	start := tf.LineStart(line)
	end := token.Pos(tf.Base() + tf.Size())
	if line < tf.LineCount() {
		end = tf.LineStart(line + 1)
	}
	before := src[tf.Offset(start):tf.Offset(n.Pos())]
	after := strings.TrimSpace(string(src[tf.Offset(n.End()):tf.Offset(end)]))
	if len(bytes.TrimSpace(before)) > 0 || after != "" && !strings.HasPrefix(after, "//") {
		return own
	}
	return analysis.TextEdit{Pos: start, End: end}
}

// ctxSendFix wraps the bare send at sendPos in a select that also waits for
// a context, and returns when it is done. It is offered only where that
// ends the leak, not merely the finding:
//   - returning is a complete answer: the send is a statement of its own in
//     a function without results (a goroutine's body, typically);
//   - the context can be cancelled (see cancellable): a context nobody can
//     cancel, context.Background() or one whose cancel function is
//     dropped, would turn the finding into a select that never wakes;
//   - the receivers leave by that same context: each receive that is a
//     case of a select (escapes, the positions of those receives) is in a
//     select with a case <-ctx.Done() on the same variable, so the sender
//     gives up exactly when the receiver may have gone.
func (ps *passState) ctxSendFix(sendPos token.Pos, escapes []token.Pos) []analysis.SuggestedFix {
	if len(escapes) == 0 {
		return nil
	}
	send, f := enclosing(ps, sendPos, func(s *ast.SendStmt) bool { return s.Arrow == sendPos || s.Pos() <= sendPos && sendPos < s.End() })
	if f == nil {
		return nil
	}
	var (
		inComm bool
		outer  []*ast.FuncType // enclosing functions, innermost last
	)
	path, _ := astPath(f, send)
	for _, n := range path {
		switch n := n.(type) {
		case *ast.FuncLit:
			outer = append(outer, n.Type)
		case *ast.FuncDecl:
			outer = append(outer, n.Type)
		case *ast.CommClause:
			inComm = inComm || n.Comm == send // the send is a select case already
		}
	}
	if inComm || len(outer) == 0 {
		return nil
	}
	if fnType := outer[len(outer)-1]; fnType.Results != nil && len(fnType.Results.List) > 0 {
		return nil
	}
	ctx := ps.contextInScope(send.Pos(), func(v *types.Var) bool {
		if !ps.cancellable(v, 0) {
			return false
		}
		for _, p := range escapes {
			if !ps.selectWaitsFor(p, v) {
				return false
			}
		}
		return true
	})
	stmt := ps.source(send)
	if ctx == "" || stmt == "" || strings.Contains(stmt, "\n") {
		return nil
	}
	indent := strings.Repeat("\t", ps.pass.Fset.Position(send.Pos()).Column-1)
	text := "select {\n" + indent + "case " + stmt + ":\n" + indent + "case <-" + ctx + ".Done():\n" + indent + "\treturn\n" + indent + "}"
	return []analysis.SuggestedFix{{
		Message:   "select on " + ctx + ".Done() so the send gives up when the context is cancelled",
		TextEdits: []analysis.TextEdit{{Pos: send.Pos(), End: send.End(), NewText: []byte(text)}},
	}}
}

// contextInScope returns the name of a context.Context variable visible at
// pos (declared before it and not shadowed there) that satisfies ok,
// innermost scope first, by name within a scope.
func (ps *passState) contextInScope(pos token.Pos, ok func(*types.Var) bool) string {
	for scope := ps.pass.Pkg.Scope().Innermost(pos); scope != nil && scope != ps.pass.Pkg.Scope(); scope = scope.Parent() {
		for _, name := range scope.Names() {
			v, isVar := scope.Lookup(name).(*types.Var)
			if !isVar || !isContext(v.Type()) || v.Pos() >= pos {
				continue
			}
			if _, seen := scope.LookupParent(name, pos); seen == v && ok(v) {
				return name
			}
		}
	}
	return ""
}

// cancellable reports whether the context in v can be cancelled, as far
// as the source shows:
//   - a parameter of a declared function: its callers hand it over (a
//     request's context, typically), and a goroutine that watches it ends
//     when they cancel it;
//   - a parameter of a function literal called (or started) right where it
//     is written: the argument it is called with must be cancellable;
//   - a variable defined, once and never assigned again, by
//     context.WithCancel, WithTimeout, WithDeadline or their Cause
//     variants, whose cancel function is called somewhere (a dropped or
//     never called cancel leaves it cancelled by its deadline at best, by
//     nothing at worst).
//
// Anything else (context.Background(), TODO(), a field, a variable of
// unknown origin) is not: unknown is not cancellable.
func (ps *passState) cancellable(v *types.Var, depth int) bool {
	if depth > 8 || !v.Pos().IsValid() {
		return false
	}
	f := ps.fileOf(v.Pos())
	if f == nil {
		return false
	}
	path := pathAt(f, v.Pos())
	if len(path) == 0 {
		return false
	}
	// The declaring identifier and what declares it.
	for i := len(path) - 1; i > 0; i-- {
		switch n := path[i].(type) {
		case *ast.FuncType:
			if n.Params == nil || v.Pos() < n.Params.Opening || v.Pos() > n.Params.Closing {
				return false // a result
			}
			switch fn := path[i-1].(type) {
			case *ast.FuncDecl:
				return true
			case *ast.FuncLit:
				return ps.calledWithCancellable(path[:i-1], fn, v, depth)
			}
			return false
		case *ast.AssignStmt:
			return n.Tok == token.DEFINE && ps.cancelledContext(f, n, v)
		case ast.Stmt, ast.Decl:
			return false
		}
	}
	return false
}

// calledWithCancellable: lit, declaring parameter v, is called where it is
// written (f(...), go f(...), defer f(...)) with a cancellable argument.
func (ps *passState) calledWithCancellable(path []ast.Node, lit *ast.FuncLit, v *types.Var, depth int) bool {
	if len(path) == 0 {
		return false
	}
	call, ok := path[len(path)-1].(*ast.CallExpr)
	if !ok || call.Fun != lit || call.Ellipsis.IsValid() {
		return false
	}
	i := 0
	for _, field := range lit.Type.Params.List {
		for _, id := range field.Names {
			if ps.pass.TypesInfo.Defs[id] == v {
				if i >= len(call.Args) {
					return false
				}
				arg, ok := ast.Unparen(call.Args[i]).(*ast.Ident)
				if !ok {
					return false
				}
				w, ok := ps.pass.TypesInfo.Uses[arg].(*types.Var)
				return ok && ps.cancellable(w, depth+1)
			}
			i++
		}
		if len(field.Names) == 0 {
			i++
		}
	}
	return false
}

// cancelledContext: as := "ctx, cancel := context.WithX(...)" defines v
// (ctx), v is never assigned again, and cancel is called somewhere.
func (ps *passState) cancelledContext(f *ast.File, as *ast.AssignStmt, v *types.Var) bool {
	if len(as.Lhs) != 2 || len(as.Rhs) != 1 {
		return false
	}
	if id, ok := as.Lhs[0].(*ast.Ident); !ok || ps.pass.TypesInfo.Defs[id] != v {
		return false
	}
	call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	fn, ok := ps.pass.TypesInfo.Uses[sel.Sel].(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Pkg().Path() != "context" {
		return false
	}
	switch fn.Name() {
	case "WithCancel", "WithTimeout", "WithDeadline", "WithCancelCause", "WithTimeoutCause", "WithDeadlineCause":
	default:
		return false
	}
	cid, ok := as.Lhs[1].(*ast.Ident)
	if !ok || cid.Name == "_" {
		return false
	}
	cancel := ps.pass.TypesInfo.ObjectOf(cid)
	if cancel == nil {
		return false
	}
	called, reassigned := false, false
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok && ps.pass.TypesInfo.Uses[id] == cancel {
				called = true
			}
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if id, ok := l.(*ast.Ident); ok && ps.pass.TypesInfo.Uses[id] == v {
					reassigned = true
				}
			}
		case *ast.UnaryExpr:
			if id, ok := n.X.(*ast.Ident); ok && n.Op == token.AND && ps.pass.TypesInfo.Uses[id] == v {
				reassigned = true // its address taken: it may be set through it
			}
		}
		return true
	})
	return called && !reassigned
}

// selectWaitsFor reports whether the receive at pos is a case of a select
// that also has a case <-v.Done().
func (ps *passState) selectWaitsFor(pos token.Pos, v *types.Var) bool {
	sel, f := enclosing(ps, pos, func(*ast.SelectStmt) bool { return true })
	if f == nil {
		return false
	}
	for _, c := range sel.Body.List {
		cc, ok := c.(*ast.CommClause)
		if !ok || cc.Comm == nil {
			continue
		}
		var x ast.Expr
		switch s := cc.Comm.(type) {
		case *ast.ExprStmt:
			x = s.X
		case *ast.AssignStmt:
			if len(s.Rhs) == 1 {
				x = s.Rhs[0]
			}
		}
		recv, ok := ast.Unparen(x).(*ast.UnaryExpr)
		if !ok || recv.Op != token.ARROW {
			continue
		}
		call, ok := ast.Unparen(recv.X).(*ast.CallExpr)
		if !ok || len(call.Args) != 0 {
			continue
		}
		if s, ok := call.Fun.(*ast.SelectorExpr); ok && s.Sel.Name == "Done" {
			if id, ok := ast.Unparen(s.X).(*ast.Ident); ok && ps.pass.TypesInfo.Uses[id] == v {
				return true
			}
		}
	}
	return false
}

// pathAt returns the nodes of f that contain pos, outermost first.
func pathAt(f *ast.File, pos token.Pos) []ast.Node {
	path, _ := astutil.PathEnclosingInterval(f, pos, pos)
	slices.Reverse(path)
	return path
}

// fileOf is the package's file that holds pos.
func (ps *passState) fileOf(pos token.Pos) *ast.File {
	for _, f := range ps.pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}

func isContext(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "context" && n.Obj().Name() == "Context"
}

// astPath returns the nodes from f down to n, when n is one of f's.
func astPath(f *ast.File, n ast.Node) ([]ast.Node, bool) {
	path, _ := astutil.PathEnclosingInterval(f, n.Pos(), n.End())
	slices.Reverse(path)
	// A child spanning exactly n's interval comes after it: cut there.
	if i := slices.Index(path, n); i >= 0 {
		return path[:i+1], true
	}
	return nil, false
}

// source is n printed as gofmt would.
func (ps *passState) source(n ast.Node) string {
	var b bytes.Buffer
	if err := format.Node(&b, ps.pass.Fset, n); err != nil {
		return ""
	}
	return b.String()
}
