package callgraph_test

import (
	"go/types"
	"reflect"
	"testing"

	"golang.org/x/tools/go/ssa"

	"github.com/awaitvet/awaitvet/callgraph"
)

const forwardSrc = `package p

type Monitor interface{ Append(h func()) }

type mon struct {
	handlers []func()
	byName   map[string]func()
	first    [1]func()
}

func (m *mon) Append(h func())        { m.handlers = append(m.handlers, h) }
func (m *mon) Put(k string, h func()) { m.byName[k] = h }
func (m *mon) Set(h func())           { m.first[0] = h }

func (m *mon) apply() {
	for _, f := range m.handlers {
		f()
	}
}
func (m *mon) named(k string) { m.byName[k]() }
func (m *mon) head()          { m.first[0]() }

type ctrl struct{ m Monitor }

func (c *ctrl) Register(f func()) { c.m.Append(f) }

func leaf()  {}
func other() {}
func third() {}

func user(c *ctrl, m *mon) {
	c.Register(func() { leaf() })
	m.Put("x", other)
	m.Set(third)
}
`

// TestForwardedSetters: a parameter appended to a container field, put in a
// map field or at an index of an array field, and a parameter handed on to
// such a setter through an interface call, land in the container.
func TestForwardedSetters(t *testing.T) {
	pkg, _ := buildFiles(t, [][2]string{{"p.go", forwardSrc}})
	src := []*ssa.Function{pkg.Func("user"), pkg.Func("leaf"), pkg.Func("other"), pkg.Func("third")}
	for _, tn := range []string{"mon", "ctrl"} {
		mset := pkg.Prog.MethodSets.MethodSet(types.NewPointer(pkg.Type(tn).Type()))
		for i := 0; i < mset.Len(); i++ {
			src = append(src, pkg.Prog.MethodValue(mset.At(i)))
		}
	}
	callgraph.SortFuncs(pkg.Prog.Fset, src)
	g := callgraph.Build(pkg, src)
	byName := make(map[string]*ssa.Function)
	for _, fn := range g.Funcs() {
		byName[fn.Name()] = fn
	}
	for name, want := range map[string][]string{
		"apply": {"call:", "call:user$1"}, // len, then the handler
		"named": {"call:other"},
		"head":  {"call:third"},
	} {
		fn := byName[name]
		if fn == nil {
			t.Fatalf("no function %s", name)
		}
		if got := callees(g, fn); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: callees %v, want %v", name, got, want)
		}
	}
}
