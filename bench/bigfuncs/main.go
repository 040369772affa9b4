// Command bigfuncs counts the functions awaitvet skips as too large: those
// whose SSA form has more basic blocks than the analyzer's maxBlocks (5000,
// analyzer/run.go). awaitvet records them but prints no note, so this is
// how scripts/bench-scale.sh counts them.
//
//	go run ./bigfuncs [-max=5000] [-test=true] packages...
//
// It prints one line per such function (blocks, package, function, position)
// and a total. Only the named packages are built as SSA; their dependencies
// are read from export data.
package main

import (
	"flag"
	"fmt"
	"os"
	"sort"

	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/ssa/ssautil"
)

func main() {
	max := flag.Int("max", 5000, "report functions with more than this many blocks")
	tests := flag.Bool("test", true, "include test files and test variants")
	flag.Parse()
	cfg := &packages.Config{Mode: packages.LoadSyntax, Tests: *tests}
	pkgs, err := packages.Load(cfg, flag.Args()...)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if packages.PrintErrors(pkgs) > 0 {
		os.Exit(1)
	}
	prog, ssapkgs := ssautil.Packages(pkgs, ssa.InstantiateGenerics)
	prog.Build()
	type big struct {
		blocks int
		pkg    string
		fn     string
		pos    string
	}
	var bigs []big
	seen := map[string]bool{}
	total := 0
	ids := map[*ssa.Package]string{}
	for i, p := range ssapkgs {
		if p != nil {
			ids[p] = pkgs[i].ID
		}
	}
	for fn := range ssautil.AllFunctions(prog) {
		id, ok := ids[fn.Pkg]
		if !ok || fn.Synthetic != "" || fn.Origin() != nil {
			continue
		}
		total++
		if len(fn.Blocks) > *max {
			key := fn.Prog.Fset.Position(fn.Pos()).String()
			if seen[key] {
				continue // the same function in a package and its test variant
			}
			seen[key] = true
			bigs = append(bigs, big{len(fn.Blocks), id, fn.String(), key})
		}
	}
	sort.Slice(bigs, func(i, j int) bool { return bigs[i].blocks > bigs[j].blocks })
	for _, b := range bigs {
		fmt.Printf("%d\t%s\t%s\t%s\n", b.blocks, b.pkg, b.fn, b.pos)
	}
	fmt.Printf("total: %d functions with more than %d blocks (of %d functions in %d packages, test variants included)\n", len(bigs), *max, total, len(ids))
}
