package analyzer

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
)

// FactsOnly, when set, tells the pass that its package is analysed only for
// the facts its importers need, not reported on: go vet's dependencies (its
// "VetxOnly" runs), the standalone driver's non-root packages, and under
// golangci-lint the packages of other modules. The pass then builds the
// summaries and exports them but runs no check, which is most of a
// dependency's cost that nilness-style passes (without facts) never pay.
// The facts are the same either way: the checks read the summaries and
// never change them.
var FactsOnly func(pass *analysis.Pass) bool

// blockingPkgs are the packages whose types and functions make code block or
// hand work to goroutines, as the sync API table knows them.
var blockingPkgs = map[string]bool{
	"sync":                              true,
	"golang.org/x/sync/errgroup":        true,
	"github.com/awaitvet/awaitvet/hook": true,
}

// nonBlockingSync are the names of package sync that neither block nor spawn.
var nonBlockingSync = map[string]bool{"Pool": true, "Map": true, "OnceFunc": true, "OnceValue": true, "OnceValues": true}

// relevant reports whether anything in the package can block, spawn or call
// something that does: a go statement, a channel anywhere in an expression's
// type, a use of the sync API, or a call to another package's function whose
// facts say it blocks. When nothing is, there is no summary to compute, no
// fact to export and nothing to report, and the pass skips building SSA —
// the bulk of its cost on the many leaf packages (strconv, encoding/...,
// generated protobuf code) every real module depends on.
func relevant(info *types.Info, files []*ast.File, hasFact func(*types.Func) bool) bool {
	for _, f := range files {
		found := false
		ast.Inspect(f, func(n ast.Node) bool {
			if found {
				return false
			}
			switch n := n.(type) {
			case *ast.GoStmt, *ast.SelectStmt, *ast.SendStmt, *ast.ChanType:
				found = true
			case *ast.UnaryExpr:
				found = n.Op.String() == "<-"
			}
			return !found
		})
		if found {
			return true
		}
	}
	for _, tv := range info.Types {
		if tv.Type != nil && mentionsChan(tv.Type) {
			return true
		}
	}
	for _, obj := range info.Uses {
		pkg := obj.Pkg()
		if pkg == nil {
			continue
		}
		if blockingPkgs[pkg.Path()] && !(pkg.Path() == "sync" && nonBlockingSync[syncName(obj)]) {
			return true
		}
		if fn, ok := obj.(*types.Func); ok && hasFact(fn.Origin()) {
			return true
		}
	}
	return false
}

// syncName is the name of the package-level type or function obj is or
// belongs to (a method's receiver type).
func syncName(obj types.Object) string {
	if fn, ok := obj.(*types.Func); ok {
		if recv := fn.Signature().Recv(); recv != nil {
			t := recv.Type()
			if p, ok := t.(*types.Pointer); ok {
				t = p.Elem()
			}
			if n, ok := t.(*types.Named); ok {
				return n.Obj().Name()
			}
		}
	}
	return obj.Name()
}

// mentionsChan reports whether t is a channel or a pointer to, slice, array
// or map of channels: a value that can be sent on, received from or closed.
// (A struct holding one is reached through a field selection, whose type is
// the channel itself.)
func mentionsChan(t types.Type) bool {
	for range 4 {
		switch u := t.Underlying().(type) {
		case *types.Chan:
			return true
		case *types.Pointer:
			t = u.Elem()
		case *types.Slice:
			t = u.Elem()
		case *types.Array:
			t = u.Elem()
		case *types.Map:
			t = u.Elem()
		default:
			return false
		}
	}
	return false
}
