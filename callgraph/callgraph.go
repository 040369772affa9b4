// Package callgraph builds the call graph of one package's SSA, the way the
// awaitvet analysis needs it: every call site with its candidate callees
// (static calls, closures, method values, bound methods, go and defer, and
// interface and function-value calls resolved within the package), generic
// instances mapped to their origin, and the package's functions grouped into
// strongly connected components in bottom-up order, so that a summary is
// computed after the summaries of everything it calls and recursion ends.
//
// It is deliberately local: no whole-program pointer analysis, no VTA over
// the dependency graph. Dynamic calls are resolved by class-hierarchy analysis
// over the types this package and the interface's package declare, and by a
// field- and variable-based flow of function values stored in this package.
package callgraph

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Kind says how a site transfers control.
type Kind uint8

const (
	Call  Kind = iota // an ordinary call: runs to completion in this goroutine
	Go                // a go statement: runs in a new goroutine
	Defer             // a defer statement: runs when the function returns
)

// maxCandidates bounds dynamic dispatch: with more implementations than this,
// a call site is left unresolved rather than blamed on all of them.
const maxCandidates = 4

// A Site is one call instruction and what it may call.
type Site struct {
	Instr   ssa.CallInstruction
	Kind    Kind
	Callees []*ssa.Function // candidates, origin functions for generic instances; sorted
	Dynamic bool            // resolved by CHA or function-value flow rather than statically
	// FuncArgs holds, per argument index (receiver first for interface calls),
	// the functions an argument may be: closures and functions passed in.
	FuncArgs map[int][]*ssa.Function
}

// Args returns the site's arguments with the receiver first, as a callee's
// parameters see them.
func (s *Site) Args() []ssa.Value {
	c := s.Instr.Common()
	if c.IsInvoke() {
		return append([]ssa.Value{c.Value}, c.Args...)
	}
	return c.Args
}

// Graph is the call graph of one package.
type Graph struct {
	pkg     *ssa.Package
	funcs   []*ssa.Function
	inGraph map[*ssa.Function]bool
	sites   map[*ssa.Function][]*Site
	byInstr map[ssa.CallInstruction]*Site
	flow    *valueFlow
	impls   map[string][]*ssa.Function // interface-method key → implementations
	// ignoreType, when set, leaves types out of implementations.
	ignoreType func(*types.TypeName) bool
	self       map[selfKey]int // see SelfBound
}

// Build makes the call graph of the given source functions (buildssa's
// SrcFuncs) and of the synthetic wrappers they reach that have bodies.
func Build(pkg *ssa.Package, src []*ssa.Function, opts ...Option) *Graph {
	g := &Graph{
		pkg:     pkg,
		inGraph: make(map[*ssa.Function]bool),
		sites:   make(map[*ssa.Function][]*Site),
		byInstr: make(map[ssa.CallInstruction]*Site),
		impls:   make(map[string][]*ssa.Function),
	}
	for _, o := range opts {
		o(g)
	}
	for _, fn := range src {
		g.add(fn)
	}
	g.flow = newValueFlow(g.funcs, g.implementations)
	for i := 0; i < len(g.funcs); i++ { // g.funcs grows as wrappers are found
		g.collectSites(g.funcs[i])
	}
	SortFuncs(g.pkg.Prog.Fset, g.funcs)
	return g
}

// An Option changes how Build builds the graph.
type Option func(*Graph)

// IgnoreTypes leaves the named types for which ignore returns true out of
// the implementations of interface calls (the types of code the caller
// leaves out of its model, such as test files' fakes).
func IgnoreTypes(ignore func(*types.TypeName) bool) Option {
	return func(g *Graph) { g.ignoreType = ignore }
}

func (g *Graph) add(fn *ssa.Function) {
	if fn == nil || g.inGraph[fn] || fn.Blocks == nil {
		return
	}
	g.inGraph[fn] = true
	g.funcs = append(g.funcs, fn)
	for _, anon := range fn.AnonFuncs {
		g.add(anon)
	}
}

// Funcs returns every function the graph analyses, in a deterministic order.
func (g *Graph) Funcs() []*ssa.Function { return g.funcs }

// Contains reports whether fn has a body in this graph (otherwise its
// behaviour comes from facts).
func (g *Graph) Contains(fn *ssa.Function) bool { return g.inGraph[fn] }

// Sites returns fn's call sites in instruction order.
func (g *Graph) Sites(fn *ssa.Function) []*Site { return g.sites[fn] }

// Site returns the site of one call instruction, or nil.
func (g *Graph) Site(instr ssa.CallInstruction) *Site {
	return g.byInstr[instr]
}

func (g *Graph) collectSites(fn *ssa.Function) {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			ci, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			s := &Site{Instr: ci}
			switch ci.(type) {
			case *ssa.Go:
				s.Kind = Go
			case *ssa.Defer:
				s.Kind = Defer
			}
			s.Callees, s.Dynamic = g.callees(ci.Common())
			for i, a := range s.Args() {
				if fns := g.FuncValues(a); len(fns) > 0 {
					if s.FuncArgs == nil {
						s.FuncArgs = make(map[int][]*ssa.Function)
					}
					s.FuncArgs[i] = fns
				}
			}
			for _, c := range s.Callees {
				g.addSynthetic(c)
			}
			for i := range s.Args() { // index order: the order wrappers join the graph
				for _, c := range s.FuncArgs[i] {
					g.addSynthetic(c)
				}
			}
			g.sites[fn] = append(g.sites[fn], s)
			g.byInstr[ci] = s
		}
	}
}

// addSynthetic brings wrappers (bound methods, thunks, promoted methods) that
// the package itself created into the graph: they have bodies and are tiny.
func (g *Graph) addSynthetic(fn *ssa.Function) {
	if fn.Synthetic != "" && fn.Blocks != nil && (fn.Pkg == nil || fn.Pkg == g.pkg) {
		g.add(fn)
	}
}

// callees resolves a call's candidate callees.
func (g *Graph) callees(c *ssa.CallCommon) ([]*ssa.Function, bool) {
	if c.IsInvoke() {
		return narrowAsserted(c.Value, g.implementations(c.Value.Type(), c.Method)), true
	}
	if fn := c.StaticCallee(); fn != nil {
		return []*ssa.Function{origin(fn)}, false
	}
	return g.FuncValues(c.Value), true
}

// origin maps an instance of a generic function to the generic function,
// whose body is the one built and summarised.
func origin(fn *ssa.Function) *ssa.Function {
	if o := fn.Origin(); o != nil {
		return o
	}
	return fn
}

// FuncValues returns the functions a function-typed value may hold.
func (g *Graph) FuncValues(v ssa.Value) []*ssa.Function {
	return g.flow.values(v, make(map[ssa.Value]bool))
}

// implementations is class-hierarchy analysis restricted to the named types
// declared in this package and in the interface's own package.
func (g *Graph) implementations(iface types.Type, m *types.Func) []*ssa.Function {
	key := types.TypeString(iface, nil) + "." + m.Name()
	if fns, ok := g.impls[key]; ok {
		return fns
	}
	it, ok := iface.Underlying().(*types.Interface)
	if !ok {
		return nil
	}
	scopes := []*types.Package{g.pkg.Pkg}
	if m.Pkg() != nil && m.Pkg() != g.pkg.Pkg {
		scopes = append(scopes, m.Pkg())
	}
	prog := g.pkg.Prog
	var fns []*ssa.Function
	seen := make(map[*ssa.Function]bool)
	for _, pkg := range scopes {
		scope := pkg.Scope()
		for _, name := range scope.Names() {
			tn, ok := scope.Lookup(name).(*types.TypeName)
			if !ok || tn.IsAlias() || g.ignoreType != nil && g.ignoreType(tn) {
				continue
			}
			if pkg != g.pkg.Pkg && !tn.Exported() {
				// Another package's unexported types are in its scope when it
				// was type-checked from source (standalone) but only partly
				// when it comes from export data (go vet): leave them out so
				// that both modes resolve the same calls.
				continue
			}
			named, ok := tn.Type().(*types.Named)
			if !ok || named.TypeParams().Len() > 0 || types.IsInterface(named) {
				continue
			}
			for _, t := range []types.Type{named, types.NewPointer(named)} {
				if !types.Implements(t, it) {
					continue
				}
				sel := prog.MethodSets.MethodSet(t).Lookup(m.Pkg(), m.Name())
				if sel == nil {
					continue
				}
				if fn := prog.MethodValue(sel); fn != nil && !seen[fn] {
					seen[fn] = true
					fns = append(fns, origin(fn))
				}
				break // T's methods are also *T's: count the type once
			}
		}
	}
	if len(fns) > maxCandidates {
		fns = nil
	}
	SortFuncs(g.pkg.Prog.Fset, fns)
	g.impls[key] = fns
	return fns
}

// Returns lists fn's return instructions, in block order.
func Returns(fn *ssa.Function) []*ssa.Return {
	var out []*ssa.Return
	for _, b := range fn.Blocks {
		if n := len(b.Instrs); n > 0 {
			if ret, ok := b.Instrs[n-1].(*ssa.Return); ok {
				out = append(out, ret)
			}
		}
	}
	return out
}
