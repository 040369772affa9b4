package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// buildSSA builds the package's SSA as the buildssa pass does (with the
// knowledge of functions that never return, see NoReturnFact), but inside
// this pass, so that it is garbage once the pass is done. Requiring buildssa
// instead would make the driver keep every package's SSA until the end of a
// standalone run — the larger part of what such a run holds — since a
// driver keeps the results of every pass it ran.
func buildSSA(pass *analysis.Pass, noReturn func(*types.Func) bool) (*ssa.Package, []*ssa.Function) {
	prog := ssa.NewProgram(pass.Fset, 0)
	prog.SetNoReturn(noReturn)
	for _, p := range pass.Pkg.Imports() {
		prog.CreatePackage(p, nil, nil, true)
	}
	pkg := prog.CreatePackage(pass.Pkg, pass.Files, pass.TypesInfo, false)
	pkg.Build()
	// The source functions, closures included, in source order: those of
	// the files the model covers (see sourceFiles).
	var funcs []*ssa.Function
	var addAnons func(f *ssa.Function)
	addAnons = func(f *ssa.Function) {
		funcs = append(funcs, f)
		for _, anon := range f.AnonFuncs {
			addAnons(anon)
		}
	}
	for _, file := range sourceFiles(pass) {
		for _, decl := range file.Decls {
			if decl, ok := decl.(*ast.FuncDecl); ok {
				if fn, ok := pass.TypesInfo.Defs[decl.Name].(*types.Func); ok {
					if f := prog.FuncValue(fn); f != nil {
						addAnons(f)
					}
				}
			}
		}
	}
	return pkg, funcs
}

// sourceFiles are the files whose code the model covers. Test code is left
// out unless -testcode is set: the findings it produced on real modules were
// mostly wrong (a test's goroutines outlive it only when it has already
// failed; mocks and fakes are written to be simple, not safe), and loading
// it must not change a production finding — a test function calling
// production code becomes a new root, and a fake implementing one of the
// package's interfaces a new callee of every interface call. Leaving it out
// of the model, rather than only dropping the findings positioned in test
// files, keeps both out.
func sourceFiles(pass *analysis.Pass) []*ast.File {
	if config.testCode {
		return pass.Files
	}
	var files []*ast.File
	for _, f := range pass.Files {
		if !isTestFile(pass.Fset.File(f.Pos())) {
			files = append(files, f)
		}
	}
	return files
}

// isTestFile reports whether tf is a _test.go file.
func isTestFile(tf *token.File) bool {
	return tf != nil && strings.HasSuffix(tf.Name(), "_test.go")
}

// inTestFile reports whether obj is declared in a _test.go file the model
// leaves out (see sourceFiles).
func inTestFile(fset *token.FileSet, obj types.Object) bool {
	return !config.testCode && isTestFile(fset.File(obj.Pos()))
}
