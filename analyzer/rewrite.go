package analyzer

import (
	"encoding/binary"
	"go/token"
	"slices"
	"strings"

	"github.com/awaitvet/awaitvet/callgraph"
	"golang.org/x/tools/go/ssa"
)

// A binding maps a callee's frame (its parameters and captured variables) to
// the caller's values at one call site, so that the callee's summary can be
// read in the caller's terms.
type binding struct {
	r       *resolver   // the caller's resolver
	args    []ssa.Value // the callee's parameters, receiver first
	free    []ssa.Value // the closure's bindings, when the callee is a closure
	freeRef []*Ref      // where set, a free variable's Ref in the caller's frame (factory.go)
	// freeCell, where set, marks a free variable that is a factory's cell
	// bound to the argument it holds: the callee's load of the cell ("*")
	// reads the argument itself.
	freeCell []bool
	results  []ssa.Value     // the call's results, by index (nil where unused)
	pos      token.Pos       // the call site
	call     ssa.Instruction // the call instruction (see ruledOut)
	fnRef    *Ref            // the closure value's Ref when its bindings are not in sight (see bind)
	fnName   string          // with fnRef: the closure called, as freeVarElem names it
	static   bool            // a static call of the callee, its only candidate (see acquisition.must)
	guess    bool            // an interface call: the callee is a candidate of class-hierarchy analysis (see Acquire.Guess)
	// memo holds the rewrites done so far (see ref): memoKey's bytes to an
	// index into memoed, with scratch the buffer the keys are written in.
	memo    map[string]int32
	memoed  []boundRef
	scratch []byte
}

type boundRef struct {
	ref Ref
	ok  bool
}

// bind makes the binding for callee at site. fnValue is the function value
// when the callee is not the site's own callee but a function passed to it.
func (fa *fnAnalysis) bind(site *callgraph.Site, callee *ssa.Function, fnValue ssa.Value) *binding {
	b := &binding{r: fa.r, pos: site.Instr.Pos(), call: site.Instr}
	if fnValue == nil {
		b.args = site.Args()
		b.results = callResults(site.Instr)
		fnValue = site.Instr.Common().Value
	}
	fnValue = throughCell(fnValue)
	if wrapped, ok := callgraph.OnceWrapped(fnValue); ok {
		fnValue = throughCell(wrapped)
	}
	if mc, ok := fnValue.(*ssa.MakeClosure); ok && mc.Fn == callee {
		b.free = mc.Bindings
	} else if free, refs, cells := fa.r.factoryFree(fnValue, callee); free != nil {
		b.free, b.freeRef, b.freeCell = free, refs, cells // a closure a factory returned (see factory.go)
	} else if obj, i, ok := fa.ps.graph.SelfBound(fnValue, callee); ok {
		b.free = make([]ssa.Value, len(callee.FreeVars)) // a closure kept in the object it captures
		b.free[i] = obj
	} else if len(callee.FreeVars) > 0 && fnValue != nil {
		// A closure this function did not make here: one it captured or was
		// given (a rollback closure called from another closure). Its free
		// variables are named through the function value: "$fvN@fn" after the
		// value's own Ref, resolved where the closure is made (resolvePath).
		if ref := fa.r.resolve(fnValue); ref.Base == BaseFree || ref.Base == BaseParam {
			b.fnRef, b.fnName = &ref, callee.String()
		}
	}
	return b
}

// throughCell sees through the load of a variable's cell that is stored
// once (a closure assigned to a variable that another closure captures).
func throughCell(v ssa.Value) ssa.Value {
	if u, ok := v.(*ssa.UnOp); ok && u.Op == token.MUL {
		if a, ok := u.X.(*ssa.Alloc); ok {
			if stored := uniqueStore(a); stored != nil {
				return stored
			}
		}
	}
	return v
}

// ref rewrites a callee Ref into the caller's frame. It fails when the result
// would name nothing the caller can use.
func (b *binding) ref(x Ref) (Ref, bool) {
	// A callee's summary names the same few parameters and paths over and
	// over (in its operations, counts, held locks): rewrite each once. The
	// memo is asked about a million times on a large module, most of the
	// keys are new: the key is written into a reused buffer (a lookup
	// allocates nothing) and the map holds small indexes, not Refs, so
	// that its growth moves little.
	k := memoKey(b.scratch[:0], x)
	b.scratch = k
	if i, ok := b.memo[string(k)]; ok {
		m := &b.memoed[i]
		return m.ref, m.ok
	}
	r, ok := b.rewrite(x) // (which does not use the memo: k stays intact)
	if b.memo == nil {
		b.memo = make(map[string]int32)
	}
	b.memo[string(k)] = int32(len(b.memoed))
	b.memoed = append(b.memoed, boundRef{r, ok})
	return r, ok
}

// memoKey appends the key that identifies a callee Ref for the binding's
// memo to dst: x.key() and the class key, as the same key may come with
// different classes (a parameter seen through different types), then the
// length of x.key(), so that no two pairs share a memo key.
func memoKey(dst []byte, x Ref) []byte {
	start := len(dst)
	dst = x.appendKey(dst)
	n := len(dst) - start
	dst = append(dst, x.Class.Key...)
	return binary.LittleEndian.AppendUint32(dst, uint32(n))
}

func (b *binding) rewrite(x Ref) (Ref, bool) {
	var vals []ssa.Value
	switch x.Base {
	case BaseGlobal:
		return x, true
	case BaseParam:
		vals = b.args
	case BaseFree:
		vals = b.free
		if x.Index < len(b.freeCell) && b.freeCell[x.Index] && len(x.Path) > 0 && x.Path[0] == "*" {
			x.Path = x.Path[1:]
		}
		if x.Index < len(b.freeRef) && b.freeRef[x.Index] != nil {
			out := extendPath(*b.freeRef[x.Index], x.Path)
			if hasField(x.Path) {
				out.Class = calleeClass(x, b.freeRef[x.Index].Class)
			}
			return out, true
		}
		if vals == nil && b.fnRef != nil {
			out := b.fnRef.withPath(freeVarElem(x.Index, b.fnName), Class{})
			out.Path = append(out.Path, x.Path...)
			out.Class = x.Class
			return out, true
		}
	case BaseResult:
		vals = b.results
	default:
		// A callee's local or opaque lock is a fresh one at every call.
		x.Inexact = true
		return x, x.Class.known()
	}
	if x.Index >= len(vals) || vals[x.Index] == nil {
		x.Base, x.Inexact = BaseOpaque, true
		return x, x.Class.known()
	}
	out, ok := b.r.resolveCalleePath(vals[x.Index], x.Path)
	if !ok {
		return Ref{}, false // another closure's variable: that closure is not the one called here
	}
	// (A path that ends at a closure's free variable, p.handler.$fv0, names
	// a variable of the closure's maker: once the caller has reached the
	// maker, the class is the one it resolved, not one the callee, which
	// named it through the function value, made of the fields before.)
	if hasField(x.Path) && !(endsAtFreeVar(x.Path) && !throughFreeVar(out.Path)) {
		var base Class
		if x.Class.Loose {
			base = b.r.resolve(vals[x.Index]).Class
		}
		out.Class = calleeClass(x, base)
	}
	return out, true
}

// throughFreeVar reports whether a path goes through a closure's free
// variable (see binding.fnRef).
func throughFreeVar(path []string) bool {
	return slices.ContainsFunc(path, func(p string) bool { return strings.HasPrefix(p, freeVarPrefix) })
}

// endsAtFreeVar reports whether a path goes through a closure's free
// variable and no field follows the last one: it names the variable itself
// (or its cell's content, an element of it, its read view).
func endsAtFreeVar(path []string) bool {
	for i := len(path) - 1; i >= 0; i-- {
		if strings.HasPrefix(path[i], freeVarPrefix) {
			return !hasField(path[i+1:])
		}
	}
	return false
}

// calleeClass is the class of a callee's field path x in the caller, whose
// value for x's base has class base: the callee's own class (the field's
// type names it), except for a lock wrapper's field reached from a bare
// parameter (Loose), which is the lock of the caller's field that holds the
// wrapper (see fieldClass).
func calleeClass(x Ref, base Class) Class {
	if !x.Class.Loose || !base.known() {
		return x.Class
	}
	c := base
	for _, p := range x.Path {
		if p != "*" && p != "#r" && p != "[]" && !strings.HasPrefix(p, freeVarPrefix) {
			c = c.extend(p)
		}
	}
	return c
}

// acquire rewrites a callee's acquisition: a lock reached through
// RWMutex.RLocker() in the caller is read-locked, whatever the callee calls.
func (b *binding) acquire(a Acquire) (Ref, Mode, bool) {
	ref, ok := b.ref(a.Ref)
	if !ok {
		return Ref{}, 0, false
	}
	if r, view := ref.readView(); view {
		return r, Read, true
	}
	return ref, a.Mode, true
}

func (b *binding) refs(xs []Ref) []Ref {
	var out []Ref
	for _, x := range xs {
		if r, ok := b.ref(x); ok {
			out = append(out, r)
		}
	}
	return out
}

func hasField(path []string) bool {
	for _, p := range path {
		if p != "*" && p != "#r" && p != "[]" {
			return true
		}
	}
	return false
}

// callResults returns a call's result values: the call itself for a single
// result, the extractions of a tuple otherwise.
func callResults(instr ssa.CallInstruction) []ssa.Value {
	call, ok := instr.(*ssa.Call)
	if !ok {
		return nil
	}
	n := call.Call.Signature().Results().Len()
	if n == 1 {
		return []ssa.Value{call}
	}
	out := make([]ssa.Value, n)
	for _, r := range *call.Referrers() {
		if ex, ok := r.(*ssa.Extract); ok && ex.Index < n {
			out[ex.Index] = ex
		}
	}
	return out
}
