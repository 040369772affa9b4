package analyzer

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/awaitvet/awaitvet/callgraph"
)

// Locks taken only when a context does not carry a marker.
//
// `func (c *Client) do(ctx context.Context) { if ctx.Value(innerKey{}) == nil
// { c.refresh(ctx) } }`, where refresh holds c.mu and calls
// `c.do(context.WithValue(ctx, innerKey{}, true))`: the inner call carries
// the marker, so it skips refresh and its lock. This is the "already
// locked" flag of a boolean parameter, passed in a context. An
// acquisition dominated by a nil test of ctx.Value(K), for a parameter ctx
// and a constant key K, carries that test (FieldTest.Key), and a call site
// decides it from the context it passes: WithValue(parent, K, v) holds v
// for K (nil only when v is the nil constant), WithValue with another
// constant key and the other derivations (WithCancel, WithTimeout, ...)
// hold what their parent holds, and Background and TODO hold nothing. Any
// other context (a field, a call's result) decides nothing.

// ctxValueTest names x as ctx.Value(K) for a parameter ctx of type
// context.Context and a constant key K: the test's parameter and Key.
func (fa *fnAnalysis) ctxValueTest(x ssa.Value) (FieldTest, bool) {
	call, ok := x.(*ssa.Call)
	if !ok || !call.Call.IsInvoke() || call.Call.Method.Name() != "Value" || len(call.Call.Args) != 1 || !isContext(call.Call.Value.Type()) {
		return FieldTest{}, false
	}
	p, ok := call.Call.Value.(*ssa.Parameter)
	if !ok {
		return FieldTest{}, false
	}
	key, ok := ctxKey(call.Call.Args[0])
	if !ok {
		return FieldTest{}, false
	}
	return FieldTest{Param: paramIndex(fa.fn, p), Key: key}, true
}

// ctxKey represents a constant context key converted to an interface: its
// type and value, which is what ctx.Value compares keys by.
func ctxKey(v ssa.Value) (string, bool) {
	mi, ok := v.(*ssa.MakeInterface)
	if !ok {
		return "", false
	}
	c, ok := mi.X.(*ssa.Const)
	if !ok {
		return "", false
	}
	val := "zero"
	if c.Value != nil {
		val = c.Value.ExactString()
	}
	return types.TypeString(c.Type(), nil) + "=" + val, true
}

// ctxValue follows the context v a call passes down its derivations to
// what it holds for key: the value stored (found), or the context the
// walk ended at (base): a parameter of the caller, or nil when v is
// Background or TODO, which hold nothing. ok is false when nothing is
// known (a context from a field or another call).
func ctxValue(v ssa.Value, key string) (val, base ssa.Value, found, ok bool) {
	return ctxValueIn(v, key, 0)
}

// ctxValueIn is ctxValue; a helper of the package that returns a context
// it derives from one of its parameters (`func withLockHeld(ctx) context.Context
// { return context.WithValue(ctx, heldKey{}, true) }`, one return) is
// followed into, to a small depth.
func ctxValueIn(v ssa.Value, key string, depth int) (val, base ssa.Value, found, ok bool) {
	for range 64 {
		var call *ssa.Call
		switch x := v.(type) {
		case *ssa.Parameter:
			return nil, x, false, true
		case *ssa.Call:
			call = x
		case *ssa.Extract:
			call, _ = x.Tuple.(*ssa.Call)
		}
		if call == nil {
			return nil, nil, false, false
		}
		fn := call.Call.StaticCallee()
		if fn == nil || fn.Pkg == nil || fn.Signature.Recv() != nil {
			return nil, nil, false, false
		}
		if fn.Pkg.Pkg.Path() != "context" {
			rets := callgraph.Returns(fn)
			if depth >= 3 || len(rets) != 1 || len(rets[0].Results) != 1 {
				return nil, nil, false, false
			}
			val, base, found, ok := ctxValueIn(rets[0].Results[0], key, depth+1)
			if !ok || found || base == nil {
				return val, base, found, ok
			}
			p, _ := base.(*ssa.Parameter)
			i := paramIndex(fn, p)
			if i < 0 || i >= len(call.Call.Args) {
				return nil, nil, false, false
			}
			v = call.Call.Args[i]
			continue
		}
		args := call.Call.Args
		switch fn.Name() {
		case "Background", "TODO":
			return nil, nil, false, true
		case "WithValue":
			k, known := ctxKey(args[1])
			if !known {
				return nil, nil, false, false
			}
			if k == key {
				return args[2], nil, true, true
			}
		case "WithCancel", "WithCancelCause", "WithTimeout", "WithTimeoutCause", "WithDeadline", "WithDeadlineCause", "WithoutCancel":
		default:
			return nil, nil, false, false
		}
		v = args[0]
	}
	return nil, nil, false, false
}

// ctxTestHolds decides a Key test at a call that passes the context v:
// known when the value the context holds for the key is known to be nil
// or not.
func ctxTestHolds(t FieldTest, v ssa.Value) (holds, known bool) {
	val, base, found, ok := ctxValue(v, t.Key)
	if !ok || !found && base != nil {
		return false, false
	}
	isNil := !found
	if found {
		switch {
		case isNilConst(val):
			isNil = true
		case isMakeInterface(val):
		default:
			return false, false
		}
	}
	return isNil == (t.Op == token.EQL) == t.Val, true
}

// ctxForward is the caller's parameter a Key test passes on to: the
// context the call passes, followed through derivations that do not set
// the key, when it is one of the caller's parameters.
func ctxForward(t FieldTest, v ssa.Value, caller *ssa.Function) (*ssa.Parameter, bool) {
	_, base, found, ok := ctxValue(v, t.Key)
	p, isParam := base.(*ssa.Parameter)
	if !ok || found || !isParam || p.Parent() != caller {
		return nil, false
	}
	return p, true
}

func isMakeInterface(v ssa.Value) bool {
	_, ok := v.(*ssa.MakeInterface)
	return ok
}
