package callgraph_test

import (
	"slices"
	"testing"

	"github.com/awaitvet/awaitvet/callgraph"
)

// TestOrderIgnoresParseOrder builds one two-file package twice, its files
// added to the FileSet in opposite orders (as a parallel loader may do), and
// wants the same function order and the same bottom-up components: both
// decide which witness a summary keeps.
func TestOrderIgnoresParseOrder(t *testing.T) {
	files := map[string]string{
		"a.go": "package p\n\nfunc A1() { B1() }\nfunc A2() { B2(); A1() }\n",
		"b.go": "package p\n\nfunc B1() { A2() }\nfunc B2() {}\n",
	}
	order := func(names ...string) (funcs, sccs []string) {
		var in [][2]string
		for _, n := range names {
			in = append(in, [2]string{n, files[n]})
		}
		pkg, src := buildFiles(t, in)
		g := callgraph.Build(pkg, src)
		for _, fn := range g.Funcs() {
			funcs = append(funcs, fn.Name())
		}
		for _, scc := range g.BottomUp() {
			var s string
			for _, fn := range scc {
				s += fn.Name() + " "
			}
			sccs = append(sccs, s)
		}
		return funcs, sccs
	}
	f1, s1 := order("a.go", "b.go")
	f2, s2 := order("b.go", "a.go")
	if !slices.Equal(f1, f2) || !slices.Equal(s1, s2) {
		t.Errorf("order depends on parse order:\n a,b: %v %v\n b,a: %v %v", f1, s1, f2, s2)
	}
	if want := []string{"init", "A1", "A2", "B1", "B2"}; !slices.Equal(f1, want) {
		t.Errorf("functions not in file-then-offset order: %v", f1)
	}
}
