package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/awaitvet/awaitvet/callgraph"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"
)

// Calls that end the process. A panic may be recovered further up and a
// Goexit ends only its goroutine: the goroutines they leave behind live on.
// os.Exit and the loggers' Fatal functions end every goroutine, so a path
// that ends in one leaves no goroutine blocked behind it.

// processExits lists the functions that end the process on every call, by
// package path, receiver type name ("" for a function) and name.
var processExits = map[[3]string]bool{
	{"os", "", "Exit"}:                                 true,
	{"syscall", "", "Exit"}:                            true,
	{"log", "", "Fatal"}:                               true,
	{"log", "", "Fatalf"}:                              true,
	{"log", "", "Fatalln"}:                             true,
	{"log", "Logger", "Fatal"}:                         true,
	{"log", "Logger", "Fatalf"}:                        true,
	{"log", "Logger", "Fatalln"}:                       true,
	{"k8s.io/klog/v2", "", "Fatal"}:                    true,
	{"k8s.io/klog/v2", "", "Fatalf"}:                   true,
	{"k8s.io/klog/v2", "", "Fatalln"}:                  true,
	{"k8s.io/klog/v2", "", "Exit"}:                     true,
	{"k8s.io/klog/v2", "", "Exitf"}:                    true,
	{"go.uber.org/zap", "Logger", "Fatal"}:             true,
	{"go.uber.org/zap", "SugaredLogger", "Fatal"}:      true,
	{"go.uber.org/zap", "SugaredLogger", "Fatalf"}:     true,
	{"go.uber.org/zap", "SugaredLogger", "Fatalw"}:     true,
	{"github.com/sirupsen/logrus", "", "Fatal"}:        true,
	{"github.com/sirupsen/logrus", "", "Fatalf"}:       true,
	{"github.com/sirupsen/logrus", "Logger", "Fatal"}:  true,
	{"github.com/sirupsen/logrus", "Logger", "Fatalf"}: true,
	{"github.com/sirupsen/logrus", "Entry", "Fatal"}:   true,
	{"github.com/sirupsen/logrus", "Entry", "Fatalf"}:  true,
}

// exitFinder answers exitsProcess, remembering each function's answer at
// each depth (a package's fatalf helpers are asked about at every call).
type exitFinder struct {
	memo   map[exitKey]bool
	pkg    *types.Package
	stores func() map[types.Object][]ssa.Value // what the package stores in its variables (pkgIndex)
}

type exitKey struct {
	fn    *ssa.Function
	depth int
}

// newExitFinder reads what the package stores in its variables from
// stores (pkgIndex.stores).
func newExitFinder(pkg *types.Package, stores func() map[types.Object][]ssa.Value) *exitFinder {
	return &exitFinder{memo: make(map[exitKey]bool), stores: stores, pkg: pkg}
}

// exitsProcess reports whether a call to fn ends the process: one of
// processExits, or a function of this package every path of which ends in
// such a call (a fatalf helper), looked at to a small depth.
func (x *exitFinder) exitsProcess(fn *ssa.Function, depth int) bool {
	if fn == nil {
		return false
	}
	if obj, ok := fn.Object().(*types.Func); ok && obj.Pkg() != nil && processExits[funcKey(obj)] {
		return true
	}
	if depth > 2 || len(fn.Blocks) == 0 || fn.Pkg == nil || fn.Object() == nil && fn.Parent() == nil {
		return false
	}
	k := exitKey{fn, depth}
	if v, ok := x.memo[k]; ok {
		return v
	}
	x.memo[k] = false // (a recursive helper: not known to end while being asked)
	v := x.blocks(fn, depth+1)[fn.Blocks[0]]
	x.memo[k] = v
	return v
}

// callExits reports whether the call ends the process: a static call of a
// function that does, or a call through a function variable every value of
// which does (a watchdog's fatalf field set to log.Fatalf).
func (x *exitFinder) callExits(c *ssa.CallCommon, depth int) bool {
	if fn := c.StaticCallee(); fn != nil {
		return x.exitsProcess(fn, depth)
	}
	if c.IsInvoke() {
		return false
	}
	vals := x.heldFuncs(c.Value)
	for _, v := range vals {
		fn, ok := callgraph.Unconverted(v).(*ssa.Function)
		if !ok || !x.exitsProcess(fn, depth) {
			return false
		}
	}
	return len(vals) > 0
}

// heldFuncs returns every value the package stores in the variable v is
// loaded from, when the package alone can store there: an unexported field
// of one of its struct types or an unexported package-level variable, whose
// address is only ever stored to or loaded from. Otherwise (another package
// may set it, or a pointer to it escapes) it returns nil: what the variable
// holds is unknown.
func (x *exitFinder) heldFuncs(v ssa.Value) []ssa.Value {
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return nil
	}
	obj := x.funcVar(load.X)
	if obj == nil {
		return nil
	}
	return x.stores()[obj]
}

// funcVar is the package-owned variable addr is the address of, if any.
func (x *exitFinder) funcVar(addr ssa.Value) types.Object {
	var obj types.Object
	switch a := addr.(type) {
	case *ssa.FieldAddr:
		if f := fieldVar(a); f != nil {
			obj = f
		}
	case *ssa.Global:
		obj = a.Object()
	}
	if obj == nil || obj.Exported() || obj.Pkg() != x.pkg {
		return nil
	}
	if _, ok := obj.Type().Underlying().(*types.Signature); !ok {
		return nil
	}
	return obj
}

// blocks returns the blocks of fn from which every path ends in a call that
// ends the process.
func (x *exitFinder) blocks(fn *ssa.Function, depth int) map[*ssa.BasicBlock]bool {
	out := make(map[*ssa.BasicBlock]bool)
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if c, ok := instr.(*ssa.Call); ok && x.callExits(&c.Call, depth) {
				out[b] = true
				break
			}
		}
	}
	closeBackward(fn, out)
	return out
}

// exitFinder is the pass's exitFinder, made on first use.
func (ps *passState) exitFinder() *exitFinder {
	if ps.exits == nil {
		ps.exits = newExitFinder(ps.pass.Pkg, func() map[types.Object][]ssa.Value { return ps.index().stores })
	}
	return ps.exits
}

// goneBlocks returns the blocks of fa's function from which every path
// ends the process, and the fall-through of each blocking select, which
// no run reaches.
func (fa *fnAnalysis) goneBlocks() map[*ssa.BasicBlock]bool {
	gone := fa.ps.exitFinder().blocks(fa.fn, 0)
	for b := range fa.noCase() {
		gone[b] = true
	}
	return gone
}

// returnEnds reports whether a return of fn ends the process, so that a
// goroutine it leaves blocked is not blocked forever: it ends with the
// program.
//
//   - fn is the program's main (package main's func main), and none of
//     the calls it defers waits for another goroutine (a deferred
//     WaitGroup.Wait, a receive, or a callee whose summary does one would
//     hold the process open for the goroutines it waits on); or
//   - every call of fn is in sight (see callersKnown), a plain call (not go
//     or defer), and from each every path of its caller ends the process:
//     in a call that does (log.Fatal, os.Exit) or in a return of a caller
//     whose return does (main's `if err := run(); err != nil {
//     log.Fatal(err) }`), looked at to a small depth.
//
// A deferred call nothing resolves is taken not to wait: no summary says
// it does. A deferred Lock waits only for a goroutine that holds the lock,
// which a blocked sender does not get from main.
func (ps *passState) returnEnds(fn *ssa.Function, depth int) bool {
	if fn.Pkg == nil || fn.Pkg.Pkg.Name() != "main" {
		return false // a library's callers are not all in sight
	}
	if fn.Name() == "main" && fn.Parent() == nil && fn.Signature.Recv() == nil {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if d, ok := instr.(*ssa.Defer); ok {
					if o := classify(d, ps.graph); o != nil && ps.waitsForOthers(o.deferred) {
						return false
					}
				}
			}
		}
		return true
	}
	ix := ps.ctxIndex()
	if depth > 2 || !ix.callersKnown(ps, fn) || len(ix.sites[fn]) == 0 {
		return false
	}
	for _, site := range ix.sites[fn] {
		if _, ok := site.(*ssa.Call); !ok {
			return false
		}
		caller := site.Parent()
		gone := ps.exitFinder().blocks(caller, 0)
		if ps.returnEnds(caller, depth+1) {
			for _, b := range returnBlocks(caller) {
				gone[b] = true
			}
			closeBackward(caller, gone)
		}
		if !gone[site.Block()] {
			return false
		}
	}
	return true
}

// waitsForOthers reports whether the op, or a callee it calls, may wait
// for another goroutine to act: a WaitGroup or Cond wait, or a channel
// operation or select that can block.
func (ps *passState) waitsForOthers(o *op) bool {
	switch o.kind {
	case OpWGWait, OpCondWait, OpSend, OpRecv, OpSelect:
		return true
	case OpCall:
		for _, callee := range o.site.Callees {
			sum := ps.summary(callee)
			if sum == nil {
				continue
			}
			for _, c := range sum.Chans {
				switch c.Kind {
				case OpSend, OpRecv, OpSelect, OpWGWait, OpCondWait:
					if !c.NonBlocking {
						return true
					}
				}
			}
		}
	}
	return false
}

// returnBlocks returns fn's blocks that end in a return, in block order.
func returnBlocks(fn *ssa.Function) []*ssa.BasicBlock {
	var out []*ssa.BasicBlock
	for _, b := range fn.Blocks {
		if _, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
			out = append(out, b)
		}
	}
	return out
}

// calledLastByMain reports whether every call of fn is in sight (see
// callersKnown) and is a statement of the program's main in tail position
// (its last, or the last of a branch of its last if), a plain call: fn
// runs instead of main's return, and what it does when it blocks
// forever (select {}) is main's parking of the process. (The SSA of main
// ends such a call in a panic when fn never returns, so the position of
// the call in main's syntax says it is the last statement.) A call that
// a function of its own returns right after (`return serve()`, or its
// last statement) counts the same when that function is called last by
// main in turn: main's `run()` whose `return serve()` parks.
func (ps *passState) calledLastByMain(fn *ssa.Function) bool {
	return ps.lastByMain(fn, 0)
}

// maxLastHops bounds the functions between main and the one that parks.
const maxLastHops = 3

func (ps *passState) lastByMain(fn *ssa.Function, depth int) bool {
	if fn.Pkg == nil || fn.Pkg.Pkg.Name() != "main" {
		return false
	}
	ix := ps.ctxIndex()
	if !ix.callersKnown(ps, fn) || len(ix.sites[fn]) == 0 {
		return false
	}
	for _, site := range ix.sites[fn] {
		call, ok := site.(*ssa.Call)
		caller := site.Parent()
		if !ok || caller.Parent() != nil || caller.Signature.Recv() != nil {
			return false
		}
		decl, ok := caller.Syntax().(*ast.FuncDecl)
		if !ok || decl.Body == nil {
			return false
		}
		last := tailCall(decl.Body.List, call.Pos()) || ps.inExitArgs(decl.Body, call.Pos())
		if caller.Name() == "main" {
			if !last {
				return false
			}
			continue
		}
		if depth >= maxLastHops || !last && !returnedAfter(decl.Body, call.Pos()) || !ps.lastByMain(caller, depth+1) {
			return false
		}
	}
	return true
}

// returnedAfter reports whether the call whose left parenthesis is at pos
// is evaluated for the results of a return statement of body (not inside
// a function literal): once it returns, so does the function.
func returnedAfter(body *ast.BlockStmt, pos token.Pos) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			for _, r := range n.Results {
				found = found || callIn(r, pos)
			}
		}
		return !found
	})
	return found
}

// tailCall reports whether the call whose left parenthesis is at pos is a
// statement in tail position of stmts: the last statement (the call
// itself, or inside its arguments: log.Fatal(run())), in the header of a
// last if statement (if err := run(); err != nil { log.Fatal(err) }: what
// follows its return is the if alone), or in tail position of the
// branches of a last if statement or block.
func tailCall(stmts []ast.Stmt, pos token.Pos) bool {
	if len(stmts) == 0 {
		return false
	}
	switch last := stmts[len(stmts)-1].(type) {
	case *ast.ExprStmt:
		return callIn(last.X, pos)
	case *ast.BlockStmt:
		return tailCall(last.List, pos)
	case *ast.IfStmt:
		if last.Init != nil && callIn(last.Init, pos) || callIn(last.Cond, pos) || tailCall(last.Body.List, pos) {
			return true
		}
		switch e := last.Else.(type) {
		case *ast.BlockStmt:
			return tailCall(e.List, pos)
		case *ast.IfStmt:
			return tailCall([]ast.Stmt{e}, pos)
		}
	}
	return false
}

// callIn reports whether the call whose left parenthesis is at pos is n
// or one of the expressions n evaluates (not inside a function literal,
// which runs only if called).
func callIn(n ast.Node, pos token.Pos) bool {
	found := false
	ast.Inspect(n, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if x.Lparen == pos {
				found = true
			}
		}
		return !found
	})
	return found
}

// inExitArgs reports whether the call whose left parenthesis is at pos is
// evaluated for the arguments of a call that ends the process
// (log.Fatal(run()), os.Exit(run())): once it returns, the process ends.
func (ps *passState) inExitArgs(body *ast.BlockStmt, pos token.Pos) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if _, lit := n.(*ast.FuncLit); lit || found {
			return false
		}
		c, ok := n.(*ast.CallExpr)
		if !ok || c.Lparen == pos {
			return true
		}
		if fn, ok := typeutil.Callee(ps.pass.TypesInfo, c).(*types.Func); ok && fn.Pkg() != nil && processExits[funcKey(fn)] {
			for _, a := range c.Args {
				if callIn(a, pos) {
					found = true
				}
			}
		}
		return true
	})
	return found
}
