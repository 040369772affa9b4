package analyzer

import (
	"go/types"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// TestStdNoReturnTable derives which functions never return from the
// standard library's own source, as go vet does, and checks that every
// entry of stdNoReturn is among them: the table only saves a build system
// that does not analyse the standard library from deriving it.
func TestStdNoReturnTable(t *testing.T) {
	paths := make(map[string]bool)
	for k := range stdNoReturn {
		paths[k[0]] = true
	}
	var patterns []string
	for p := range paths {
		patterns = append(patterns, p)
	}
	pkgs, err := packages.Load(&packages.Config{Mode: packages.LoadAllSyntax}, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		t.Fatal("the standard library does not load")
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{Analyzer}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	derived := make(map[*types.Func]bool)
	for act := range graph.All() {
		if act.Analyzer != Analyzer {
			continue
		}
		for _, f := range act.AllObjectFacts() {
			if fn, ok := f.Object.(*types.Func); ok && fn.Pkg() == act.Package.Types {
				if _, ok := f.Fact.(*NoReturnFact); ok {
					derived[fn] = true
				}
			}
		}
	}
	found := make(map[[3]string]bool)
	for fn := range derived {
		if knownStdNoReturn(fn) {
			found[stdKey(fn)] = true
		}
	}
	for k := range stdNoReturn {
		if !found[k] {
			t.Errorf("%v is listed as never returning, but its body does not say so", k)
		}
	}
}

func stdKey(fn *types.Func) [3]string {
	recv := ""
	if r := fn.Signature().Recv(); r != nil {
		t := r.Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		recv = types.Unalias(t).(*types.Named).Obj().Name()
	}
	return [3]string{fn.Pkg().Path(), recv, fn.Name()}
}
