package analyzer

import (
	"bytes"
	"go/ast"
	"go/format"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Suggested fixes, offered only where the change is mechanical and cannot
// make things worse: giving a channel room for the sends nobody will
// receive, and making a counted goroutine's Done unconditional. (Moving an
// Unlock into a defer is not offered: it holds the lock longer, which can
// itself deadlock.)

// enclosing returns the innermost node of type T in the package's files
// that contains pos and satisfies ok.
func enclosing[T ast.Node](ps *passState, pos token.Pos, ok func(T) bool) (T, *ast.File) {
	var best T
	var file *ast.File
	found := false
	for _, f := range ps.pass.Files {
		if f.Pos() > pos || pos > f.End() {
			continue
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if n == nil || n.Pos() > pos || pos >= n.End() {
				return n == nil || n.Pos() <= pos && pos < n.End()
			}
			if t, is := n.(T); is && ok(t) {
				best, file, found = t, f, true
			}
			return true
		})
		if found {
			return best, file
		}
	}
	return best, nil
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
// deferred, and removes its other Done calls on the same WaitGroup.
func (ps *passState) deferDoneFix(goPos token.Pos) []analysis.SuggestedFix {
	g, f := enclosing(ps, goPos, func(g *ast.GoStmt) bool { return g.Go == goPos })
	if f == nil {
		return nil
	}
	lit, ok := g.Call.Fun.(*ast.FuncLit)
	if !ok || len(lit.Body.List) == 0 {
		return nil
	}
	var wg string
	var edits []analysis.TextEdit
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		if _, nested := n.(*ast.FuncLit); nested {
			return false
		}
		st, ok := n.(*ast.ExprStmt)
		if !ok {
			return true
		}
		call, ok := st.X.(*ast.CallExpr)
		if !ok {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "Done" || len(call.Args) != 0 || !isWaitGroup(ps.pass.TypesInfo.TypeOf(sel.X)) {
			return true
		}
		x := types.ExprString(sel.X)
		if wg != "" && x != wg {
			return true
		}
		wg = x
		edits = append(edits, ps.wholeLine(st))
		return true
	})
	if wg == "" {
		return nil
	}
	first := lit.Body.List[0]
	indent := strings.Repeat("\t", ps.pass.Fset.Position(first.Pos()).Column-1)
	insert := analysis.TextEdit{Pos: first.Pos(), End: first.Pos(), NewText: []byte("defer " + wg + ".Done()\n" + indent)}
	return []analysis.SuggestedFix{{
		Message:   "call " + wg + ".Done() in a defer, first thing in the goroutine",
		TextEdits: append([]analysis.TextEdit{insert}, edits...),
	}}
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

// wholeLine is an edit deleting a statement that is alone on its line,
// indentation and newline included.
func (ps *passState) wholeLine(n ast.Node) analysis.TextEdit {
	tf := ps.pass.Fset.File(n.Pos())
	line := tf.Line(n.Pos())
	start := tf.LineStart(line)
	end := n.End()
	if line < tf.LineCount() {
		end = tf.LineStart(line + 1)
	}
	return analysis.TextEdit{Pos: start, End: end}
}

// ctxSendFix wraps the bare send at sendPos in a select that also waits for
// the context the function already has, and returns when it is done. It is
// offered only where returning is a complete answer: the send is a statement
// of its own in a function without results (a goroutine's body, typically),
// and a context.Context is in scope there.
func (ps *passState) ctxSendFix(sendPos token.Pos) []analysis.SuggestedFix {
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
	ctx, stmt := ps.contextInScope(outer, send.Pos()), ps.source(send)
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

// contextInScope returns the name of a context.Context parameter of one of
// the enclosing functions (innermost first) that is still visible at pos.
func (ps *passState) contextInScope(funcs []*ast.FuncType, pos token.Pos) string {
	scope := ps.pass.Pkg.Scope().Innermost(pos)
	for i := len(funcs) - 1; i >= 0; i-- {
		if funcs[i].Params == nil {
			continue
		}
		for _, field := range funcs[i].Params.List {
			for _, id := range field.Names {
				obj := ps.pass.TypesInfo.Defs[id]
				if obj == nil || !isContext(obj.Type()) || scope == nil {
					continue
				}
				if _, seen := scope.LookupParent(id.Name, pos); seen == obj {
					return id.Name
				}
			}
		}
	}
	return ""
}

func isContext(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "context" && n.Obj().Name() == "Context"
}

// astPath returns the nodes from f down to n.
func astPath(f *ast.File, n ast.Node) ([]ast.Node, bool) {
	var stack, found []ast.Node
	ast.Inspect(f, func(m ast.Node) bool {
		if found != nil {
			return false
		}
		if m == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		if m.Pos() > n.Pos() || m.End() < n.End() {
			return false
		}
		stack = append(stack, m)
		if m == n {
			found = append([]ast.Node(nil), stack...)
			return false
		}
		return true
	})
	return found, found != nil
}

// source is n printed as gofmt would.
func (ps *passState) source(n ast.Node) string {
	var b bytes.Buffer
	if err := format.Node(&b, ps.pass.Fset, n); err != nil {
		return ""
	}
	return b.String()
}
