package analyzer

import (
	"go/constant"
	"go/types"
	"strings"

	"github.com/awaitvet/awaitvet/callgraph"
	"golang.org/x/tools/go/ssa"
)

// fmt calls String and Error.
//
// fmt.Sprintf("%v", x) calls x.String() (or x.Error()) inside fmt, through
// an interface fmt cannot name: the call graph sees no call, and a String
// method that takes a lock its caller holds (Debit holds a.mu and formats
// a, whose String locks a.mu) deadlocks unseen. The rule: at a call of one
// of fmt's printing functions, each operand that is a value converted to
// interface at the call, whose type has an Error() string or String()
// string method and no Format method, and that is formatted by a verb that
// makes fmt call that method (any verb of Print/Sprint/Println and their
// kin; %v, %+v, %s, %q, %x, %X and %w of a constant format) is a call of
// the method with the operand as receiver. A format fmt cannot be read
// from (not a constant, or with explicit argument indexes) is left alone,
// and only the locks the method certainly takes are claimed.

// fmtFuncs are fmt's printing functions: the index of the format parameter
// (-1 for none) and of the variadic operands.
var fmtFuncs = map[string][2]int{
	"fmt.Sprint": {-1, 0}, "fmt.Sprintln": {-1, 0}, "fmt.Print": {-1, 0}, "fmt.Println": {-1, 0},
	"fmt.Fprint": {-1, 1}, "fmt.Fprintln": {-1, 1}, "fmt.Append": {-1, 1}, "fmt.Appendln": {-1, 1},
	"fmt.Sprintf": {0, 1}, "fmt.Printf": {0, 1}, "fmt.Errorf": {0, 1},
	"fmt.Fprintf": {1, 2}, "fmt.Appendf": {1, 2},
}

// fmtFunc looks fn up in fmtFuncs. It is asked at every static call, in
// every visit of the fixpoint, and printing fn's name is what costs: the
// answers are memoized per function.
func (ps *passState) fmtFunc(fn *ssa.Function) ([2]int, bool) {
	e, ok := ps.fmtFuncOf[fn]
	if !ok {
		e.idx, e.ok = fmtFuncs[fn.String()]
		if ps.fmtFuncOf == nil {
			ps.fmtFuncOf = make(map[*ssa.Function]fmtFuncEntry)
		}
		ps.fmtFuncOf[fn] = e
	}
	return e.idx, e.ok
}

// fmtFuncEntry is a memoized answer of fmtFunc.
type fmtFuncEntry struct {
	idx [2]int
	ok  bool
}

// fmtCalls applies the String or Error methods fmt calls at site.
func (fa *fnAnalysis) fmtCalls(st *lockState, site *callgraph.Site) {
	c := site.Instr.Common()
	fn := c.StaticCallee()
	if fn == nil || site.Kind != callgraph.Call {
		return
	}
	idx, ok := fa.ps.fmtFunc(fn)
	if !ok || idx[1] >= len(c.Args) {
		return
	}
	operands := varargs(c.Args[idx[1]])
	if operands == nil {
		return
	}
	calls := make([]bool, len(operands))
	if idx[0] < 0 {
		for i := range calls {
			calls[i] = true
		}
	} else {
		k, ok := c.Args[idx[0]].(*ssa.Const)
		if !ok || k.Value == nil || k.Value.Kind() != constant.String {
			return
		}
		verbs, ok := fmtVerbs(constant.StringVal(k.Value))
		if !ok {
			return
		}
		for i, v := range verbs {
			if i < len(calls) {
				calls[i] = strings.ContainsRune("vsqxXw", v)
			}
		}
	}
	for i, op := range operands {
		mi, ok := op.(*ssa.MakeInterface)
		if !calls[i] || !ok {
			continue
		}
		m := fmtMethod(fa.fn.Prog, mi.X.Type())
		if m == nil {
			continue
		}
		sum := fa.ps.summary(m)
		if sum == nil {
			continue
		}
		var certain []Acquire
		for _, a := range sum.Acquires {
			if certainAcquire(a) {
				certain = append(certain, a)
			}
		}
		b := &binding{r: fa.r, pos: site.Instr.Pos(), args: []ssa.Value{mi.X}}
		hop := fa.hop(site.Instr.Pos(), "calls "+fa.ps.name(fn)+", which calls "+fa.ps.name(m))
		fa.apply(st, &Summary{Acquires: certain}, b, hop, false, m, nil)
	}
}

// varargs returns the operands of a variadic call's ...any slice, or nil
// when they are not in sight (a slice passed through).
func varargs(v ssa.Value) []ssa.Value {
	sl, ok := v.(*ssa.Slice)
	if !ok {
		return nil
	}
	arr, ok := sl.X.(*ssa.Alloc)
	if !ok {
		return nil
	}
	t, ok := deref(arr.Type()).Underlying().(*types.Array)
	if !ok {
		return nil
	}
	out := make([]ssa.Value, t.Len())
	for _, ref := range *arr.Referrers() {
		ia, ok := ref.(*ssa.IndexAddr)
		if !ok {
			continue
		}
		k, ok := ia.Index.(*ssa.Const)
		if !ok {
			return nil
		}
		i, exact := constant.Int64Val(constant.ToInt(k.Value))
		if !exact || i < 0 || int(i) >= len(out) {
			return nil
		}
		for _, r := range *ia.Referrers() {
			if st, ok := r.(*ssa.Store); ok && st.Addr == ia {
				out[i] = st.Val
			}
		}
	}
	return out
}

// fmtVerbs returns the verb of each operand a format consumes, in order;
// false when the format uses explicit argument indexes or '*' widths, or
// %#v (which calls GoString instead).
func fmtVerbs(format string) ([]rune, bool) {
	var verbs []rune
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		sharp := false
		for ; i < len(format) && strings.IndexByte("+-# 0123456789.", format[i]) >= 0; i++ {
			sharp = sharp || format[i] == '#'
		}
		if i >= len(format) {
			return nil, false
		}
		switch v := rune(format[i]); {
		case v == '%':
		case v == '[' || v == '*':
			return nil, false
		case sharp && v == 'v':
			verbs = append(verbs, 0)
		default:
			verbs = append(verbs, v)
		}
	}
	return verbs, true
}

// fmtMethod is the method fmt calls on a value of type t: Error if t is an
// error, else String if t is a Stringer; nil if t formats itself (Format)
// or has neither.
func fmtMethod(prog *ssa.Program, t types.Type) *ssa.Function {
	ms := prog.MethodSets.MethodSet(t)
	if ms.Lookup(nil, "Format") != nil {
		return nil
	}
	for _, name := range []string{"Error", "String"} {
		sel := ms.Lookup(nil, name)
		if sel == nil {
			continue
		}
		sig, ok := sel.Type().(*types.Signature)
		if !ok || sig.Params().Len() != 0 || sig.Results().Len() != 1 || !types.Identical(sig.Results().At(0).Type(), types.Typ[types.String]) {
			continue
		}
		if fn := prog.MethodValue(sel); fn != nil {
			return fn
		}
	}
	return nil
}
