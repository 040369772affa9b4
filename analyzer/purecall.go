package analyzer

import (
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// Correlated tests through a function of values alone.
//
// A goroutine's `if validKey(k) != nil { return }` and its starter's
// `if err := validKey(k); err != nil { return err }` are one test when
// validKey computes its result from its arguments alone and both calls
// pass the same values: its result is the same on both sides, and so is
// the side each takes. A function computes from its arguments alone when
// they are plain values (numbers, strings, bools) and it reads no memory
// but its own locals and package variables set only by the package's
// initialisation (`var errBadKey = errors.New(...)`), writes none, and
// calls only such functions of its package and the string and number
// functions of the standard library.
//
// An argument may also be a struct, by value or through a pointer, when
// the function reads of it only what stays as it was made: the fields of
// a struct value (a copy nobody else writes), and through a pointer only
// fields set at birth (setAtBirth): `req.wantsAck()` with
// `func (r *request) wantsAck() bool { return !r.noAck }`, when no
// function of the package stores noAck but as it makes a request.

// pureStd lists the standard packages whose functions compute their
// results from their arguments alone when those are plain values.
var pureStd = map[string]bool{
	"strings": true, "strconv": true, "unicode": true, "unicode/utf8": true,
	"math": true, "errors": true, "path": true,
}

// maxPureDepth bounds the calls followed to tell that a function is pure.
const maxPureDepth = 3

// boundPureCall returns, for a call x in the goroutine s runs of a pure
// function with plain-valued arguments the starter bound (or constants),
// the starter's one call of that function with the same values: the
// starter's name for the goroutine's result.
func (fa *fnAnalysis) boundPureCall(s *Spawn, x ssa.Value) ssa.Value {
	call, ok := x.(*ssa.Call)
	if !ok {
		return nil
	}

	callee := call.Call.StaticCallee()
	if callee == nil || !pureFunc(callee, 0, fa.ps) {
		return nil
	}
	args := make([]ssa.Value, len(call.Call.Args))
	for i, a := range call.Call.Args {
		if !pureArg(a.Type()) {
			return nil
		}
		if _, isConst := a.(*ssa.Const); isConst {
			args[i] = a
			continue
		}
		if args[i] = boundValue(s, a); args[i] == nil {
			return nil
		}
		if _, ptr := a.Type().Underlying().(*types.Pointer); ptr && !fa.pointerOnlyRead(s, args[i]) {
			return nil // code in reach may store what the function reads (pointerfield.go)
		}
	}
	var found ssa.Value
	for _, b := range fa.fn.Blocks {
		for _, instr := range b.Instrs {
			c, ok := instr.(*ssa.Call)
			if !ok || c.Call.StaticCallee() != callee || !sameArgs(c.Call.Args, args) {
				continue
			}
			if found != nil {
				return nil // two calls: two values to the lockset
			}
			found = c
		}
	}
	return found
}

// sameArgs reports whether two argument lists are the same values (the
// same constants, for constants; a variable's cell, for the value stored
// there once).
func sameArgs(xs, ys []ssa.Value) bool {
	if len(xs) != len(ys) {
		return false
	}
	for i := range xs {
		if stableLoad(xs[i]) == stableLoad(ys[i]) {
			continue // (a captured variable's cell holds the one value stored)
		}
		cx, okx := xs[i].(*ssa.Const)
		cy, oky := ys[i].(*ssa.Const)
		if !okx || !oky || cx.Value == nil || cy.Value == nil || cx.Value.ExactString() != cy.Value.ExactString() {
			return false
		}
	}
	return true
}

// plainValue reports whether values of t are plain: numbers, strings and
// bools, which nothing can change behind a copy.
func plainValue(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&(types.IsNumeric|types.IsString|types.IsBoolean) != 0
}

// pureArg reports whether a pure function may take values of t: plain
// values, and structs, by value or by pointer, of which pureInstr lets it
// read only what stays as it was made.
func pureArg(t types.Type) bool {
	if plainValue(t) {
		return true
	}
	_, isStruct := deref(t).Underlying().(*types.Struct)
	return isStruct
}

// pureFunc reports whether fn computes its results from its arguments
// alone (see above): plain parameters, no free variables, no memory read
// or written but its own locals, and calls only of pure functions.
func pureFunc(fn *ssa.Function, depth int, ps *passState) bool {
	if fn.Pkg != nil && pureStd[fn.Pkg.Pkg.Path()] && fn.Signature.Recv() == nil {
		return true
	}
	if depth > maxPureDepth || len(fn.Blocks) == 0 || len(fn.FreeVars) > 0 {
		return false
	}
	for _, p := range fn.Params {
		if !pureArg(p.Type()) {
			return false
		}
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if !pureInstr(instr, depth, ps) {
				return false
			}
		}
	}
	return true
}

// pureInstr reports whether instr reads or writes only the function's own
// locals, package variables set once at initialisation (setOnce), and
// fields set at birth of a struct its parameter points to, and calls only
// pure functions. (A map or a channel may change behind any copy: neither
// is read, nor is its length.)
func pureInstr(instr ssa.Instruction, depth int, ps *passState) bool {
	switch x := instr.(type) {
	case *ssa.Call:
		if bi, ok := x.Call.Value.(*ssa.Builtin); ok {
			return bi.Name() == "len" && !changing(x.Call.Args[0].Type())
		}
		callee := x.Call.StaticCallee()
		return callee != nil && pureFunc(callee, depth+1, ps)
	case *ssa.Lookup:
		return !changing(x.X.Type())
	case *ssa.Range:
		return !changing(x.X.Type())
	case *ssa.UnOp:
		if x.Op == token.ARROW {
			return false
		}
		if x.Op == token.MUL {
			switch addr := x.X.(type) {
			case *ssa.Global:
				return ps.setOnce(addr)
			case *ssa.Alloc:
				return true // a local
			case *ssa.FieldAddr:
				switch addr.X.(type) {
				case *ssa.Alloc:
					return true // a field of a local (a struct parameter's copy)
				case *ssa.Parameter:
					return ps.setAtBirth(addr)
				}
			}
			return false
		}
		return true
	case *ssa.Store:
		_, local := x.Addr.(*ssa.Alloc)
		return local
	case *ssa.Go, *ssa.Defer, *ssa.Send, *ssa.Select, *ssa.MapUpdate, *ssa.Panic:
		return false
	}
	return true
}

// changing reports whether t is a map or a channel, whose contents a copy
// shares with every other.
func changing(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Map, *types.Chan:
		return true
	}
	return false
}

// setOnce reports whether the package variable g holds one value once the
// package is initialised: a variable of this package that only its
// initialisation stores, whose address nothing takes otherwise, and that no
// other package can write (unexported, or an error value, which by
// convention no one reassigns).
func (ps *passState) setOnce(g *ssa.Global) bool {
	if g.Pkg == nil || g.Pkg.Pkg != ps.pass.Pkg {
		return false
	}
	if obj, ok := g.Object().(*types.Var); !ok || obj.Exported() && !types.Identical(obj.Type(), types.Universe.Lookup("error").Type()) {
		return false
	}
	if ps.varsWritten == nil {
		ps.varsWritten = make(map[*ssa.Global]bool)
		var ops []*ssa.Value
		for _, fn := range ps.packageFuncs() {
			if isInit(fn) {
				continue
			}
			for _, b := range fn.Blocks {
				for _, instr := range b.Instrs {
					if ld, ok := instr.(*ssa.UnOp); ok && ld.Op == token.MUL {
						continue // a read
					}
					for _, o := range instr.Operands(ops[:0]) {
						if v, ok := (*o).(*ssa.Global); ok {
							ps.varsWritten[v] = true // stored, or its address taken
						}
					}
				}
			}
		}
	}
	return !ps.varsWritten[g]
}

// isInit reports whether fn is the package's initialisation (its
// initializer, a func init of its files, or a function literal of them
// that they call, not one they start as a goroutine, which may run on
// after initialisation).
func isInit(fn *ssa.Function) bool {
	for fn.Parent() != nil {
		if startedAsGoroutine(fn) {
			return false
		}
		fn = fn.Parent()
	}
	name := fn.Name()
	return (name == "init" || strings.HasPrefix(name, "init#")) && fn.Signature.Recv() == nil // (go/ssa names a func init init#N)
}

// startedAsGoroutine reports whether a go statement of its parent starts
// the function literal fn.
func startedAsGoroutine(fn *ssa.Function) bool {
	for _, b := range fn.Parent().Blocks {
		for _, instr := range b.Instrs {
			g, ok := instr.(*ssa.Go)
			if !ok {
				continue
			}
			switch v := g.Call.Value.(type) {
			case *ssa.Function:
				if v == fn {
					return true
				}
			case *ssa.MakeClosure:
				if v.Fn == fn {
					return true
				}
			}
		}
	}
	return false
}
