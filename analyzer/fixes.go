package analyzer

import (
	"go/ast"
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
