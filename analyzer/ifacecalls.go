package analyzer

import (
	"go/types"
	"slices"
	"strconv"
	"strings"

	"github.com/awaitvet/awaitvet/callgraph"
	"golang.org/x/tools/go/ssa"
)

// Interface calls that other packages resolve.
//
// A package that declares an interface and calls it (a Store telling an
// Invalidator of every change) hands control to implementations it cannot
// see: they live in the packages that import it, which the Store's pass
// never meets. Class-hierarchy analysis inside the declaring package finds
// none of them, so whatever locks the call holds and whatever the
// implementation takes never meet, and the lock-order cycle they close is
// missed.
//
// The rule: each call of a method of an exported interface declared in the
// calling function's own package is recorded in the function's summary with
// the locks held at the call (an IfaceCall, frame-relative like a
// ParamCall), and travels up to callers, which add the locks they hold.
// Every record whose held locks have classes is also listed in the package
// fact. A package that imports the declaring package resolves the records
// it receives (through its direct imports' package facts, or through the
// summaries of the imported functions it calls) against the implementations
// it knows: a type declared in this package whose value is converted to that
// interface (or to an interface that includes it) somewhere in this package.
// A type that merely has a matching method is not an implementation here:
// nothing shows its values ever reach the call (CHA's over-approximation,
// which produced false cycles before). For each certain acquisition of the
// implementation, an edge from every lock held at the call is drawn in this
// package, where the cycle can close and be reported.
//
// Instances are not tracked through the interface (which Store holds which
// Cache is not known), so a resolved callback orders lock classes; it never
// claims that one lock instance is taken twice.
//
// Dynamic types are, where the program shows them. When the interface value
// is a parameter of the function that calls the method (io.Copy's src and
// dst, which io.copyBuffer calls Read and Write on), the record names that
// parameter, and each call site binds it: to the concrete type the argument
// was converted from there (a *bytes.Buffer passed as the io.Writer), which
// alone is resolved, or to a parameter of the caller in turn. Such a record
// is filed for resolution only where the value is bound or its origin is
// lost: a method that holds a lock and copies from a reader its caller
// passes orders that lock only with the readers callers pass, not with
// every reader the package converts. A receiver loaded from a field or a
// package-level variable resolves only to the types the resolving package
// stores there (ifaceflow.go); one of any other origin (a call's result, a
// map element) to none. Likewise a record that
// comes from one implementation of an interface call on a parameter
// (io.copyBuffer's wt.WriteTo, which the call graph resolves to every
// WriterTo io declares) holds only if the argument is of that
// implementation's type: it carries that condition up, and a call site that
// binds the parameter to another concrete type drops it.

// maxIfaceCalls bounds the interface-call records kept per summary and per
// package fact.
const maxIfaceCalls = 8

// An IfaceCall records that a function calls a method of an interface its
// package declares, with locks held (in the function's frame), for
// packages that know the interface's implementations.
type IfaceCall struct {
	Iface  string    // the interface, types.TypeString with full package paths: "example.com/store.Invalidator"
	Method string    // the method called
	Pkg    string    // the package path of the call itself: only other packages resolve it
	Func   string    // the function holding the locks, as shown in messages
	Held   []Acquire // locks certainly held at the call
	Chain  Chain     // from the function's entry to the call
	// Recv is 1 + the index of the frame's parameter the receiver is (0:
	// not a parameter); Type, once a call site bound it, the concrete type
	// the receiver was converted from (types.TypeString): only its method
	// is resolved.
	Recv int
	Type string
	// Cond is 1 + the index of the frame's parameter whose dynamic type
	// must be CondType for the call to happen (0: no condition).
	Cond     int
	CondType string
	// From, for a receiver whose origin is neither (Recv 0, Type ""), is
	// the field or package-level variable it was loaded from (see
	// ifaceflow.go): only types this package stores there resolve it.
	From string
}

// ifaceCallKey names a record by its method and held locks: by their Refs
// in a summary (byClass false), by their classes in the package's list.
func ifaceCallKey(c IfaceCall, byClass bool) string {
	// Appended piece by piece to one buffer: the records of every summary
	// are keyed here, some with many held locks.
	var buf [256]byte
	b := buf[:0]
	for _, s := range [...]string{c.Iface, ".", c.Method, "|", c.Pkg, "|", strconv.Itoa(c.Recv), "|", c.Type, "|", strconv.Itoa(c.Cond), "|", c.CondType, "|", c.From} {
		b = append(b, s...)
	}
	for _, h := range c.Held {
		b = append(b, ',')
		if byClass {
			b = append(b, h.Ref.Class.Key...)
			b = append(b, '/')
			b = strconv.AppendInt(b, int64(h.Mode), 10)
		} else {
			b = appendLockModeKey(b, h.Ref, h.Mode)
		}
	}
	return string(b)
}

// dedupIfaceCalls keeps one record per interface method and set of held
// locks, with the shortest witness.
func dedupIfaceCalls(in []IfaceCall, limit int, byClass bool) []IfaceCall {
	if len(in) == 0 {
		return nil
	}
	best := make(map[string]IfaceCall, len(in))
	for _, c := range in {
		k := ifaceCallKey(c, byClass)
		if b, ok := best[k]; !ok || betterChain(c.Chain, b.Chain) || !betterChain(b.Chain, c.Chain) && c.Func < b.Func {
			best[k] = c
		}
	}
	return sortedValues(best, limit)
}

// recordIfaceCall records a direct call of a method of an exported interface
// this function's package declares (see the rule above).
func (fa *fnAnalysis) recordIfaceCall(st *lockState, site *callgraph.Site) {
	c := site.Instr.Common()
	if !fa.recording || !c.IsInvoke() || site.Kind != callgraph.Call || !c.Method.Exported() {
		return
	}
	named, ok := types.Unalias(c.Value.Type()).(*types.Named)
	if !ok || !named.Obj().Exported() || named.Obj().Pkg() != fa.ps.pass.Pkg {
		return
	}
	iface := types.TypeString(named, nil)
	hop := fa.hop(site.Instr.Pos(), "calls "+named.Obj().Name()+"."+c.Method.Name()+", an interface other packages implement")
	recv, typ := fa.ifaceOrigin(c.Value)
	fa.addIfaceCall(IfaceCall{Iface: iface, Method: c.Method.Name(), Pkg: fa.ps.pkgPath, Func: fa.name,
		Held: heldAcquires(st), Chain: Chain{hop}, Recv: recv, Type: typ, From: loadedFrom(c.Value)})
}

// ifaceOrigin follows an interface value back through interface
// conversions and assertions (which keep the dynamic type) to a parameter
// of this function (1 + its index) or to the conversion of a concrete
// value (its type); 0 and "" when the origin is neither.
func (fa *fnAnalysis) ifaceOrigin(v ssa.Value) (int, string) {
	switch x := sameDynamic(v).(type) {
	case *ssa.MakeInterface:
		return 0, types.TypeString(x.X.Type(), nil)
	case *ssa.Parameter:
		if i := slices.Index(fa.fn.Params, x); i >= 0 {
			return i + 1, ""
		}
	}
	return 0, ""
}

// sameDynamic follows an interface value back through the conversions and
// assertions to interfaces that keep its dynamic type; nil past an
// assertion to a concrete type.
func sameDynamic(v ssa.Value) ssa.Value {
	for {
		switch x := v.(type) {
		case *ssa.ChangeInterface:
			v = x.X
		case *ssa.TypeAssert:
			if !types.IsInterface(x.AssertedType) {
				return nil
			}
			v = x.X
		case *ssa.Extract:
			ta, ok := x.Tuple.(*ssa.TypeAssert)
			if !ok || x.Index != 0 || !types.IsInterface(ta.AssertedType) {
				return nil
			}
			v = ta.X
		default:
			return v
		}
	}
}

// applyIfaceCalls carries a callee's interface-call records into this frame:
// its held locks rewritten to this frame's values, with the locks held here
// added.
func (fa *fnAnalysis) applyIfaceCalls(st *lockState, site *callgraph.Site, callee *ssa.Function, sum *Summary, b *binding, hop Hop) {
	if !fa.recording || len(sum.IfaceCalls) == 0 {
		return
	}
	// An implementation chosen for an interface call: its records hold only
	// for receivers of its type.
	implCond, implType := 0, ""
	if common := site.Instr.Common(); common.IsInvoke() && callee.Signature.Recv() != nil {
		implType = types.TypeString(callee.Signature.Recv().Type(), nil)
		var typ string
		implCond, typ = fa.ifaceOrigin(common.Value)
		if typ != "" && typ != implType {
			return
		}
	}
	for _, c := range sum.IfaceCalls {
		cond, condType := implCond, implType
		if c.Cond > 0 {
			if c.Cond > len(b.args) || b.args[c.Cond-1] == nil {
				continue
			}
			var typ string
			cond, typ = fa.ifaceOrigin(b.args[c.Cond-1])
			if typ != "" && typ != c.CondType {
				continue // the argument is of another type
			}
			condType = c.CondType
		}
		if cond == 0 {
			condType = ""
		}
		seen := make(map[string]bool)
		var held []Acquire
		for _, h := range c.Held {
			if ref, ok := b.ref(h.Ref); ok && !seen[ref.key()] {
				seen[ref.key()] = true
				held = append(held, Acquire{Ref: ref, Mode: h.Mode, Chain: h.Chain.prefixed(hop)})
			}
		}
		fn := c.Func // the function that holds the locks, unless this one adds some
		for _, h := range heldAcquires(st) {
			if !seen[h.Ref.key()] {
				seen[h.Ref.key()] = true
				held = append(held, h)
				fn = fa.name
			}
		}
		sortAcquires(held)
		recv, typ, from := 0, c.Type, c.From
		if c.Recv > 0 && c.Recv <= len(b.args) && b.args[c.Recv-1] != nil {
			recv, typ = fa.ifaceOrigin(b.args[c.Recv-1])
			from = loadedFrom(b.args[c.Recv-1])
		}
		fa.addIfaceCall(IfaceCall{Iface: c.Iface, Method: c.Method, Pkg: c.Pkg, Func: fn, Held: held,
			Chain: c.Chain.prefixed(hop), Recv: recv, Type: typ, Cond: cond, CondType: condType, From: from})
	}
}

// sortAcquires sorts acquisitions by acquireKey, each key made once (not
// twice per comparison).
func sortAcquires(as []Acquire) {
	if len(as) < 2 {
		return
	}
	type keyed struct {
		key string
		a   Acquire
	}
	ks := make([]keyed, len(as))
	for i, a := range as {
		ks[i] = keyed{acquireKey(a), a}
	}
	slices.SortFunc(ks, func(x, y keyed) int { return strings.Compare(x.key, y.key) })
	for i := range ks {
		as[i] = ks[i].a
	}
}

// addIfaceCall files a record in the summary and, in the final pass, in the
// package's list when some lock it holds has a class other packages can name.
func (fa *fnAnalysis) addIfaceCall(c IfaceCall) {
	fa.sum.IfaceCalls = append(fa.sum.IfaceCalls, c)
	if !fa.final || c.Recv > 0 || c.Cond > 0 {
		return // a receiver (or condition) the callers bind is resolved with their records
	}
	var held []Acquire
	for _, h := range c.Held {
		if h.Ref.Class.known() && !h.Ref.Class.local() && !fa.owned(h.Ref) {
			held = append(held, h)
		}
	}
	if len(held) > 0 {
		c.Held = held
		fa.ps.ifaceCalls = append(fa.ps.ifaceCalls, c)
	}
}

// conversion is a type of this package converted to an interface here.
type conversion struct {
	concrete types.Type
	iface    *types.Interface
	ifaceStr string
	at       *ssa.MakeInterface
	fn       *ssa.Function
	places   []string // where its value is stored (convertedInto), once asked
}

// conversions lists, in program order, every conversion of a value of a
// named type declared in this package (or a pointer to one) to an interface.
func (ps *passState) conversions() []conversion {
	var out []conversion
	for _, fn := range ps.graph.Funcs() {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				mi, ok := instr.(*ssa.MakeInterface)
				if !ok {
					continue
				}
				n, ok := types.Unalias(deref(mi.X.Type())).(*types.Named)
				if !ok || n.Obj().Pkg() != ps.pass.Pkg || types.IsInterface(n) {
					continue
				}
				it, ok := mi.Type().Underlying().(*types.Interface)
				if !ok || it.NumMethods() == 0 {
					continue // converted to any: nothing says it reaches a call of the method
				}
				out = append(out, conversion{concrete: mi.X.Type(), iface: it, ifaceStr: types.TypeString(mi.Type(), nil), at: mi, fn: fn})
			}
		}
	}
	return out
}

// resolveIfaceCalls draws the lock-order edges of the interface calls other
// packages recorded that this package's conversions resolve (see the rule
// above).
func (ps *passState) resolveIfaceCalls() {
	var recs []IfaceCall
	for _, c := range ps.ifaceCalls {
		if c.Pkg != ps.pkgPath {
			recs = append(recs, c)
		}
	}
	for _, p := range ps.pass.Pkg.Imports() { // sorted by path: deterministic
		var fact PackageFact
		if ps.pass.ImportPackageFact(p, &fact) {
			recs = append(recs, fact.IfaceCalls...)
		}
	}
	if len(recs) == 0 {
		return
	}
	convs := ps.conversions()
	if len(convs) == 0 {
		return
	}
	prog := convs[0].fn.Prog
	pkgs := importedPackages(ps.pass.Pkg)
	for _, c := range recs {
		iface := lookupIface(pkgs, c.Iface)
		done := make(map[*ssa.Function]bool)
		for i := range convs {
			cv := &convs[i]
			if cv.ifaceStr != c.Iface && (iface == nil || !types.Implements(cv.iface, iface)) {
				continue
			}
			if c.Type != "" && types.TypeString(cv.concrete, nil) != c.Type {
				continue // the call site converted another type
			}
			if c.Type == "" && !ps.convertedInto(cv, c.From) {
				continue // no store of this value where the call loads its receiver
			}
			sel := prog.MethodSets.MethodSet(cv.concrete).Lookup(nil, c.Method)
			if sel == nil {
				continue
			}
			impl := prog.MethodValue(sel)
			if impl == nil || done[impl] {
				continue
			}
			done[impl] = true
			ps.implEdges(c, *cv, impl)
		}
	}
}

// lookupIface finds a named interface by its full type string among pkgs
// (see importedPackages).
func lookupIface(pkgs map[string]*types.Package, s string) *types.Interface {
	dot := strings.LastIndex(s, ".")
	if dot < 0 {
		return nil
	}
	p := pkgs[s[:dot]]
	if p == nil {
		return nil
	}
	if tn, ok := p.Scope().Lookup(s[dot+1:]).(*types.TypeName); ok {
		it, _ := tn.Type().Underlying().(*types.Interface)
		return it
	}
	return nil
}

// importedPackages maps the path of p and of every package it imports,
// directly or not, to that package.
func importedPackages(p *types.Package) map[string]*types.Package {
	pkgs := make(map[string]*types.Package)
	var walk func(p *types.Package)
	walk = func(p *types.Package) {
		if _, ok := pkgs[p.Path()]; ok {
			return
		}
		pkgs[p.Path()] = p
		for _, q := range p.Imports() {
			walk(q)
		}
	}
	walk(p)
	return pkgs
}

// implEdges draws, for one record and one implementation converted here, an
// edge from every lock the record holds to every lock the implementation
// certainly takes.
func (ps *passState) implEdges(c IfaceCall, cv conversion, impl *ssa.Function) {
	sum := ps.summary(impl)
	if sum == nil {
		return
	}
	what := "converts " + types.TypeString(cv.concrete, types.RelativeTo(ps.pass.Pkg)) + " to " + c.Iface[strings.LastIndex(c.Iface, "/")+1:]
	if c.Type == "" {
		what += ", kept in " + showPlace(c.From)
	}
	conv := Hop{Pos: ps.position(cv.at.Pos()), Func: ps.name(cv.fn), What: what + ": " + c.Method + " runs " + ps.name(impl)}
	for _, a := range sum.Acquires {
		if !certainAcquire(a) || !a.Ref.Class.known() || a.Ref.Class.local() || a.Mode == Once || len(a.Chain) == 0 {
			continue
		}
		to := a.Chain.prefixed(conv)
		for i := len(c.Chain) - 1; i >= 0; i-- {
			to = to.prefixed(c.Chain[i])
		}
		pos := a.Chain[len(a.Chain)-1].Pos
		if _, ok := ps.tokenPos(pos); !ok {
			pos = ps.position(cv.at.Pos())
		}
		for _, h := range c.Held {
			if h.Mode == Once || h.Ref.Class.Key == a.Ref.Class.Key {
				continue
			}
			e := Edge{From: h.Ref, To: a.Ref, FromMode: h.Mode, ToMode: a.Mode, FromChain: h.Chain, ToChain: to,
				Func: c.Func, Pos: pos}
			for _, g := range c.Held {
				if g.Ref.Class.Key != h.Ref.Class.Key {
					e.Gates = append(e.Gates, g.Ref.Class.Key)
				}
			}
			ps.edges = append(ps.edges, e)
		}
	}
}

// exportedIfaceCalls is the package's list for its fact: one record per
// interface method and set of held lock classes, chains cut for the trip.
func (ps *passState) exportedIfaceCalls() []IfaceCall {
	var out []IfaceCall
	z := ps.portablizer()
	for _, c := range dedupIfaceCalls(ps.ifaceCalls, len(ps.ifaceCalls), true) {
		c.Chain, c.Held = z.compactChain(c.Chain), z.compactList(c.Held)
		out = append(out, c)
	}
	return first(out, maxIfaceCalls)
}
