package callgraph_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"slices"
	"strings"
	"testing"

	"github.com/awaitvet/awaitvet/callgraph"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/ssa/ssautil"
)

const src = `package p

type Iface interface{ M() }

type A struct{ hook, onEvent func() }

func (a *A) M()      { leaf() }
func (a *A) Run()    { a.hook() }
func (a *A) Bound()  { f := a.M; f() }
func leaf()          {}
func viaIface(i Iface) { i.M() }
func closure()       { func() { leaf() }() }
func spawn()         { go leaf(); defer leaf() }
func install(a *A)   { a.hook = leaf }
func even(n int) bool { if n == 0 { return true }; return odd(n - 1) }
func odd(n int) bool  { if n == 0 { return false }; return even(n - 1) }
func generic[T any](x T) T { leaf(); return x }
func useGeneric()    { generic(1) }
func passes()        { apply(func() { leaf() }) }
func apply(f func()) { f() }
func (a *A) SetOnEvent(f func()) { a.onEvent = f }
func (a *A) Fire()               { a.onEvent() }
func wire(a *A)                  { a.SetOnEvent(a.M) }

type K struct{ expire func() }

func newExpirer() func()          { return func() { leaf() } }
func newK(expire func()) *K       { return &K{expire: expire} }
func makeK() *K                   { return newK(newExpirer()) }
func (k *K) run()                 { k.expire() }
`

func build(t *testing.T) (*ssa.Package, *callgraph.Graph) {
	t.Helper()
	pkg, src := buildFiles(t, [][2]string{{"p.go", src}})
	for _, name := range []string{"M", "Run", "Bound", "SetOnEvent", "Fire"} {
		src = append(src, pkg.Prog.FuncValue(pkg.Type("A").Type().(*types.Named).Method(methodIndex(t, pkg, name))))
	}
	return pkg, callgraph.Build(pkg, src)
}

// buildFiles parses the files (name, source), in order, into one package p
// and builds its SSA; it returns the package and its package-level
// functions.
func buildFiles(t *testing.T, files [][2]string) (*ssa.Package, []*ssa.Function) {
	t.Helper()
	fset := token.NewFileSet()
	var parsed []*ast.File
	for _, f := range files {
		af, err := parser.ParseFile(fset, f[0], f[1], 0)
		if err != nil {
			t.Fatal(err)
		}
		parsed = append(parsed, af)
	}
	pkg, _, err := ssautil.BuildPackage(&types.Config{Importer: importer.Default()}, fset,
		types.NewPackage("p", "p"), parsed, ssa.SanityCheckFunctions)
	if err != nil {
		t.Fatal(err)
	}
	var fns []*ssa.Function
	for _, m := range pkg.Members {
		if fn, ok := m.(*ssa.Function); ok {
			fns = append(fns, fn)
		}
	}
	return pkg, fns
}

func methodIndex(t *testing.T, pkg *ssa.Package, name string) int {
	n := pkg.Type("A").Type().(*types.Named)
	for i := 0; i < n.NumMethods(); i++ {
		if n.Method(i).Name() == name {
			return i
		}
	}
	t.Fatalf("no method %s", name)
	return -1
}

// callees lists, per site of fn, the kind and the callee names.
func callees(g *callgraph.Graph, fn *ssa.Function) []string {
	var out []string
	for _, s := range g.Sites(fn) {
		var names []string
		for _, c := range s.Callees {
			names = append(names, c.Name())
		}
		kind := [...]string{"call", "go", "defer"}[s.Kind]
		out = append(out, kind+":"+strings.Join(names, ","))
	}
	return out
}

func TestSites(t *testing.T) {
	pkg, g := build(t)
	fn := func(name string) *ssa.Function { return pkg.Func(name) }
	method := func(name string) *ssa.Function {
		return pkg.Prog.FuncValue(pkg.Type("A").Type().(*types.Named).Method(methodIndex(t, pkg, name)))
	}
	for _, tc := range []struct {
		fn   *ssa.Function
		want []string
	}{
		{fn("viaIface"), []string{"call:M"}},             // interface call, by CHA over the package's types
		{fn("closure"), []string{"call:closure$1"}},      // an immediately called closure
		{fn("spawn"), []string{"go:leaf", "defer:leaf"}}, // go and defer edges
		{method("Run"), []string{"call:leaf"}},           // a function value stored in a field
		{method("Bound"), []string{"call:M$bound"}},      // a method value
		{fn("useGeneric"), []string{"call:generic"}},     // an instance, mapped to its origin
	} {
		if got := callees(g, tc.fn); !slices.Equal(got, tc.want) {
			t.Errorf("%s: sites %v, want %v", tc.fn.Name(), got, tc.want)
		}
	}
	// A closure a factory returns, stored through a constructor's
	// parameter, is what the field holds.
	run := pkg.Prog.FuncValue(pkg.Type("K").Type().(*types.Named).Method(0))
	if got := callees(callgraph.Build(pkg, append(g.Funcs(), run)), run); !slices.Equal(got, []string{"call:newExpirer$1"}) {
		t.Errorf("(*K).run: sites %v, want [call:newExpirer$1]", got)
	}
	// A closure passed as an argument is recorded with the site.
	sites := g.Sites(fn("passes"))
	if len(sites) != 1 || len(sites[0].FuncArgs[0]) != 1 || sites[0].FuncArgs[0][0].Name() != "passes$1" {
		t.Errorf("passes: want the closure recorded as argument 0 of the call to apply")
	}
}

// TestBottomUp: callees come before callers, and mutual recursion is one component.
func TestBottomUp(t *testing.T) {
	pkg, g := build(t)
	order := make(map[*ssa.Function]int)
	for i, scc := range g.BottomUp() {
		for _, fn := range scc {
			order[fn] = i
		}
	}
	if order[pkg.Func("leaf")] >= order[pkg.Func("closure")] {
		t.Errorf("leaf must be summarised before closure")
	}
	if order[pkg.Func("even")] != order[pkg.Func("odd")] {
		t.Errorf("even and odd must share a component")
	}
	for _, scc := range g.BottomUp() {
		if slices.Contains(scc, pkg.Func("even")) && !g.Recursive(scc) {
			t.Errorf("even/odd component not reported recursive")
		}
		if slices.Contains(scc, pkg.Func("leaf")) && g.Recursive(scc) {
			t.Errorf("leaf reported recursive")
		}
	}
}
