package analyzer

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckFiles keeps the rule of doc.go: every check has its file,
// check_NAME.go, which declares it, and a finding is made (passState.report
// called) only there, so a check's message is written in one place.
func TestCheckFiles(t *testing.T) {
	fset := token.NewFileSet()
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	declared := make(map[string]string) // Check variable → file
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.ValueSpec:
				for i, id := range n.Names {
					if i < len(n.Values) {
						if u, ok := n.Values[i].(*ast.UnaryExpr); ok {
							if cl, ok := u.X.(*ast.CompositeLit); ok {
								if tid, ok := cl.Type.(*ast.Ident); ok && tid.Name == "Check" {
									declared[id.Name] = name
								}
							}
						}
					}
				}
			case *ast.CallExpr:
				if sel, ok := n.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "report" && !strings.HasPrefix(name, "check_") {
					t.Errorf("%s: report called outside a check file", fset.Position(n.Pos()))
				}
			}
			return true
		})
	}
	if len(declared) != len(Checks) {
		t.Errorf("%d Check declarations, %d checks in Checks", len(declared), len(Checks))
	}
	for _, c := range Checks {
		file := "check_" + c.Name + ".go"
		if _, err := os.Stat(file); err != nil {
			t.Errorf("check %s: no %s", c.Name, file)
			continue
		}
		found := false
		for _, f := range declared {
			found = found || f == file
		}
		if !found {
			t.Errorf("check %s: %s declares no Check", c.Name, file)
		}
	}
	for v, f := range declared {
		if !strings.HasPrefix(f, "check_") {
			t.Errorf("%s declared in %s, not in its check file", v, f)
		}
	}
}
