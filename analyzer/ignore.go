package analyzer

import (
	"go/ast"
	"go/token"
	"strings"
)

const ignorePrefix = "//awaitvet:ignore"

// suppression is one well-formed //awaitvet:ignore directive: it silences a
// check on a range of lines of one file.
type suppression struct {
	file       string
	check      string
	start, end int
}

type directives []suppression

// directives parses every //awaitvet:ignore comment. A directive covers its
// own line and the next; in a function's doc comment it covers the function.
// Malformed directives are findings of their own.
func (ps *passState) directives() directives {
	var out directives
	fset := ps.pass.Fset
	for _, file := range sourceFiles(ps.pass) {
		docOf := make(map[*ast.CommentGroup]*ast.FuncDecl)
		for _, d := range file.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Doc != nil {
				docOf[fd.Doc] = fd
			}
		}
		for _, cg := range file.Comments {
			for _, c := range cg.List {
				if rest, ok := strings.CutPrefix(c.Text, ignorePrefix); !ok || rest != "" && rest[0] != ' ' && rest[0] != '\t' {
					continue
				}
				check, problem := parseDirective(c.Text)
				if problem != "" {
					ps.reportMalformedDirective(c.Pos(), problem)
					continue
				}
				p := fset.Position(c.Pos())
				s := suppression{file: p.Filename, check: check, start: p.Line, end: p.Line + 1}
				if fd := docOf[cg]; fd != nil {
					s.end = fset.Position(fd.End()).Line
				}
				out = append(out, s)
			}
		}
	}
	return out
}

func (ds directives) suppresses(fset *token.FileSet, f finding) bool {
	if f.check == ignoreCheck {
		return false
	}
	p := fset.Position(f.pos)
	for _, s := range ds {
		if (s.check == f.check.Name || s.check == f.check.SplitFrom) && s.file == p.Filename && s.start <= p.Line && p.Line <= s.end {
			return true
		}
	}
	return false
}
