package analyzer

import (
	"go/ast"
	"go/build/constraint"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
)

// Names the build leaves out of sight.
//
// The claims that rest on every function of the package (nothing in it
// sends on a channel only it can name, counts down a WaitGroup, signals a
// Cond, unlocks a lock, cancels a context kept in a field, assigns a
// field) assume that all of the package's code is in sight. The files of
// the package that this build's constraints exclude (another platform's
// file, a file behind a feature tag) are code of the same package in
// another build, and may hold the very partner a claim says is missing:
// what they do with a resource they name is unknown here, and unknown is
// not "nothing". So a variable, field or function whose name such a file
// mentions anywhere is not one only the analysed code can name. Files that
// belong to no build of the package (a generator behind `//go:build
// ignore`, or of another package name) and test files (outside the model,
// see sourceFiles) are not its code and change nothing.

// sealed reports whether only the code in sight can name obj: it is an
// unexported object of this package, and no file the build leaves out
// mentions its name.
func (ps *passState) sealed(obj types.Object) bool {
	return obj.Pkg() == ps.pass.Pkg && !obj.Exported() && !ps.namedOffBuild(obj.Name())
}

// namedOffBuild reports whether a file of the package that this build
// leaves out mentions name.
func (ps *passState) namedOffBuild(name string) bool {
	if ps.offBuild == nil {
		ps.offBuild = offBuildNames(ps.pass.IgnoredFiles, ps.pass.Pkg.Name())
	}
	return ps.offBuild[name]
}

// offBuildNames returns the identifiers of the Go files among paths that
// belong to package pkgName in some build (see above). A file that does not
// parse contributes the names of what did.
func offBuildNames(paths []string, pkgName string) map[string]bool {
	names := make(map[string]bool)
	for _, path := range paths {
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, _ := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution|parser.ParseComments)
		if f == nil || f.Name == nil || f.Name.Name != pkgName || neverBuilt(f) {
			continue
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				names[id.Name] = true
			}
			return true
		})
	}
	return names
}

// neverBuilt reports whether f's build constraint is the conventional
// `ignore` alone: the file is not part of any build.
func neverBuilt(f *ast.File) bool {
	for _, cg := range f.Comments {
		if cg.Pos() > f.Package {
			break
		}
		for _, c := range cg.List {
			if !constraint.IsGoBuild(c.Text) {
				continue
			}
			if expr, err := constraint.Parse(c.Text); err == nil {
				if tag, ok := expr.(*constraint.TagExpr); ok && tag.Tag == "ignore" {
					return true
				}
			}
		}
	}
	return false
}
