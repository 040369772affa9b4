package analyzer

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/cfg"
	"golang.org/x/tools/go/types/typeutil"
)

// NoReturnFact marks a function that never returns: it exits the process or
// the goroutine, panics, or loops forever on every path (os.Exit, log.Fatal,
// a project's own fatalf wrapper). The SSA builder ends a block at a call to
// one (ssa.Program.SetNoReturn), so that what follows is dead code: no lock
// "left held" there, no leak "on that path".
//
// This is what the ctrlflow pass computes, done here instead of requiring it:
// a driver keeps every pass's result to the end of a run, and ctrlflow's (the
// control-flow graph of every function, and the AST inspector it requires)
// was the largest thing the standalone driver held for every package.
type NoReturnFact struct{}

func (*NoReturnFact) AFact()         {}
func (*NoReturnFact) String() string { return "noReturn" }

// noReturns finds the package's functions that never return, exports a fact
// for each, and answers for any function, imported ones included.
type noReturns struct {
	pass  *analysis.Pass
	decls map[*types.Func]*ast.FuncDecl
	state map[*types.Func]uint8 // 1: being computed (a cycle counts as returning), 2: done
	no    map[*types.Func]bool
}

func findNoReturns(pass *analysis.Pass) *noReturns {
	nr := &noReturns{pass: pass, decls: make(map[*types.Func]*ast.FuncDecl),
		state: make(map[*types.Func]uint8), no: make(map[*types.Func]bool)}
	var order []*types.Func
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			if d, ok := d.(*ast.FuncDecl); ok {
				if fn, ok := pass.TypesInfo.Defs[d.Name].(*types.Func); ok {
					nr.decls[fn] = d
					order = append(order, fn)
				}
			}
		}
	}
	for _, fn := range order {
		nr.decl(fn)
	}
	return nr
}

// decl decides a function of this package, its callees first (the recursion
// follows the static call graph; a cycle is broken where it is found, in
// source order, as ctrlflow breaks it).
func (nr *noReturns) decl(fn *types.Func) {
	if nr.state[fn] != 0 {
		return
	}
	nr.state[fn] = 1
	no, known := intrinsicNoReturn(fn)
	if !known {
		if d := nr.decls[fn]; d.Body != nil {
			no = cfg.New(d.Body, nr.mayReturn).NoReturn()
		}
	}
	if no {
		nr.no[fn] = true
		nr.pass.ExportObjectFact(fn, new(NoReturnFact))
	}
	nr.state[fn] = 2
}

// mayReturn is the CFG builder's question about a call.
func (nr *noReturns) mayReturn(call *ast.CallExpr) bool {
	if id, ok := call.Fun.(*ast.Ident); ok && nr.pass.TypesInfo.Uses[id] == panicBuiltin {
		return false
	}
	fn := typeutil.StaticCallee(nr.pass.TypesInfo, call)
	return fn == nil || !nr.NoReturn(fn)
}

var panicBuiltin = types.Universe.Lookup("panic")

// NoReturn reports whether fn never returns.
func (nr *noReturns) NoReturn(fn *types.Func) bool {
	if _, ok := nr.decls[fn]; ok {
		nr.decl(fn)
		return nr.no[fn]
	}
	if no, ok := nr.no[fn]; ok {
		return no
	}
	no := fn.Pkg() != nr.pass.Pkg && (nr.pass.ImportObjectFact(fn, new(NoReturnFact)) || knownStdNoReturn(fn))
	nr.no[fn] = no
	return no
}

// intrinsicNoReturn knows the functions whose bodies do not say it: those
// that stop the thread or the process in the runtime, and the logging
// packages' fatal methods (the list ctrlflow and staticcheck keep).
func intrinsicNoReturn(fn *types.Func) (no, known bool) {
	if fn.Pkg() == nil {
		return false, false
	}
	fk := funcKey(fn)
	pkg, recv, name := fk[0], fk[1], fk[2]
	switch key := pkg + "." + recv + "." + name; key {
	case "syscall..Exit", "syscall..ExitProcess", "syscall..ExitThread",
		"runtime..Goexit", "runtime..fatalthrow", "runtime..fatalpanic", "runtime..exit",
		"go.uber.org/zap.Logger.Fatal", "go.uber.org/zap.Logger.Panic",
		"go.uber.org/zap.SugaredLogger.Fatal", "go.uber.org/zap.SugaredLogger.Fatalw", "go.uber.org/zap.SugaredLogger.Fatalf",
		"go.uber.org/zap.SugaredLogger.Panic", "go.uber.org/zap.SugaredLogger.Panicw", "go.uber.org/zap.SugaredLogger.Panicf",
		"github.com/sirupsen/logrus.Logger.Exit", "github.com/sirupsen/logrus.Logger.Panic",
		"github.com/sirupsen/logrus.Logger.Panicf", "github.com/sirupsen/logrus.Logger.Panicln",
		"github.com/sirupsen/logrus.Entry.Panicf", "github.com/sirupsen/logrus.Entry.Panicln":
		return true, true
	case "internal/abi..EscapeNonString", "hash/maphash..Comparable":
		return false, true // compiler intrinsics that return, whatever their bodies say
	}
	if (pkg == "k8s.io/klog" || pkg == "k8s.io/klog/v2") && recv == "" {
		switch name {
		case "Exit", "ExitDepth", "Exitf", "Exitln", "Fatal", "FatalDepth", "Fatalf", "Fatalln":
			return true, true
		}
	}
	return false, false
}
