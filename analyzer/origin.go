package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"
	"strconv"
	"strings"
)

// Where a resource comes from. A finding about one operation (a receive
// nothing feeds, a Wait nothing signals) has no chain of calls to show,
// but the reader still needs the other end: where the channel, Cond or
// variable is made or declared, which is where a partner would have to
// be wired in. origin finds that place for a Ref in this package's own
// code, from what the Ref records: the allocation site of a local
// resource, the declaration of a package-level variable, the field of a
// struct type.

// origin returns a hop at the place the resource ref names comes from,
// with the resource's name shown as in this package and then, after the
// origin's verb, what (when not ""): "ch is made here; nothing sends on
// it". ok is false when that place is not in this package's files.
func (ps *passState) origin(ref Ref, what string) (Hop, bool) {
	pos, verb, ok := ps.originPos(ref)
	if !ok {
		return Hop{}, false
	}
	text := ref.show(ps.pkgPath) + " " + verb
	if what != "" {
		text += "; " + what
	}
	return Hop{Pos: ps.position(pos), What: text}, true
}

// originChain is origin as a chain of one hop, or none.
func (ps *passState) originChain(ref Ref, what string) Chain {
	if h, ok := ps.origin(ref, what); ok {
		return Chain{h}
	}
	return nil
}

// originPos is the position origin shows, and how the resource comes
// from there: made at an allocation site, returned by a call, declared as
// a package-level variable or a struct field of this package.
func (ps *passState) originPos(ref Ref) (token.Pos, string, bool) {
	key := ref.Class.Key
	for _, prefix := range []string{"chan:", "alloc:", "cond:"} {
		if site, ok := strings.CutPrefix(key, prefix); ok {
			pos, ok := ps.sitePos(site)
			return pos, "is made here", ok
		}
	}
	if ref.Class.Pkg == ps.pkgPath && key != "" {
		pos, ok := ps.declPos(strings.TrimPrefix(key, ps.pkgPath+"."))
		return pos, "is declared here", ok
	}
	if ref.Base == BaseOpaque && len(ref.Path) == 0 {
		pos, ok := ps.sitePos(ref.Name)
		return pos, "comes from this call", ok
	}
	return token.NoPos, "", false
}

// declPos is the declaration of name, a package-level variable ("name")
// or a field of one of the package's struct types ("T.f").
func (ps *passState) declPos(name string) (token.Pos, bool) {
	name, field, isField := strings.Cut(name, ".")
	obj := ps.pass.Pkg.Scope().Lookup(name)
	switch {
	case obj == nil:
		return token.NoPos, false
	case !isField:
		if _, isVar := obj.(*types.Var); !isVar {
			return token.NoPos, false
		}
		return obj.Pos(), obj.Pos().IsValid()
	}
	st, ok := obj.Type().Underlying().(*types.Struct)
	if !ok {
		return token.NoPos, false
	}
	for f := range st.Fields() {
		if f.Name() == field {
			return f.Pos(), f.Pos().IsValid()
		}
	}
	return token.NoPos, false
}

// sitePos is the position of an allocation site as siteName writes it
// ("fn@file.go:line:col"), in one of this package's files.
func (ps *passState) sitePos(site string) (token.Pos, bool) {
	at := strings.LastIndexByte(site, '@')
	if at < 0 {
		return token.NoPos, false
	}
	loc, _, _ := strings.Cut(site[at+1:], "#") // "#i": result i of a call there
	parts := strings.Split(loc, ":")
	if len(parts) != 3 {
		return token.NoPos, false
	}
	line, err1 := strconv.Atoi(parts[1])
	col, err2 := strconv.Atoi(parts[2])
	if err1 != nil || err2 != nil {
		return token.NoPos, false
	}
	for name := range ps.files {
		if filepath.Base(name) == parts[0] {
			return ps.tokenPos(token.Position{Filename: name, Line: line, Column: col})
		}
	}
	return token.NoPos, false
}

// localDecl is the declaration of the variable named name that the code
// at pos uses (the innermost identifier there with that name).
func (ps *passState) localDecl(pos token.Pos, name string) token.Pos {
	f := ps.fileOf(pos)
	if f == nil {
		return token.NoPos
	}
	stmt, _ := enclosing(ps, pos, func(ast.Stmt) bool { return true })
	if stmt == nil {
		return token.NoPos
	}
	decl := token.NoPos
	ast.Inspect(stmt, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && id.Name == name && !decl.IsValid() {
			if obj, ok := ps.pass.TypesInfo.Uses[id].(*types.Var); ok {
				decl = obj.Pos()
			}
		}
		return !decl.IsValid()
	})
	return decl
}

// ifAround is the position of the innermost if statement of this package's
// code around pos.
func (ps *passState) ifAround(pos token.Pos) (token.Pos, bool) {
	stmt, _ := enclosing(ps, pos, func(*ast.IfStmt) bool { return true })
	if stmt == nil {
		return token.NoPos, false
	}
	return stmt.Pos(), true
}

// loopAround is the position of the innermost for or range statement of
// this package's code around pos: where a path that keeps a lock from one
// iteration comes round to the next.
func (ps *passState) loopAround(pos token.Pos) (token.Pos, bool) {
	loop, _ := enclosing(ps, pos, func(n ast.Stmt) bool {
		switch n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return true
		}
		return false
	})
	if loop == nil {
		return token.NoPos, false
	}
	return loop.Pos(), true
}
