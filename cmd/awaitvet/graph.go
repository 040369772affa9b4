package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"

	"github.com/awaitvet/awaitvet/analyzer"
	"github.com/awaitvet/awaitvet/report"
)

// graphOptions are the settings of "awaitvet graph".
type graphOptions struct {
	options
	format       string // dot, mermaid, json, svg
	focus        string // keep what reaches or is reached from this function or resource
	findingsOnly bool   // keep only the chains behind findings
	maxNodes     int    // cut the graph to this many nodes (0: no cap)
	chain        string // print the text chains of the findings that name this
	diff         string // compare with this JSON graph and list what is new
	out          string // write here instead of standard output
}

const graphUsage = `usage: awaitvet graph [flags] packages...

Draws the wait-for graph of the packages: goroutine roots (double border),
the functions on their chains, the resources they wait on (locks, channels,
WaitGroups, Conds, Onces) and who holds, feeds, closes or counts them down.
Findings and cycles are red. Formats: dot (default), svg (needs Graphviz's
dot on PATH), mermaid, json (the model itself; see docs/graph-schema.md).

  awaitvet graph ./... > waits.dot
  awaitvet graph -format=svg -focus=Withdraw ./... > waits.svg
  awaitvet graph -chain=Withdraw ./...            # text chains, awaitwhat-style
  awaitvet graph -format=json ./... > base.json   # then, on a change:
  awaitvet graph -diff=base.json ./...            # new cycles and blocking edges; exit 3 if any

Flags:
`

// graphCmd is "awaitvet graph [flags] packages...".
func graphCmd(a *analysis.Analyzer, args []string, stdout, stderr io.Writer) int {
	o := graphOptions{options: options{tests: true}}
	fs := flag.NewFlagSet("awaitvet graph", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.format, "format", "dot", "output format: dot, svg, mermaid or json")
	fs.StringVar(&o.focus, "focus", "", "keep only what reaches or is reached from the function or resource `NAME`")
	fs.BoolVar(&o.findingsOnly, "findings-only", false, "keep only the chains behind findings and cycles, with the resource each finding waits on")
	fs.IntVar(&o.maxNodes, "max-nodes", 400, "cut the graph to `N` nodes, findings and cycles first (0: no cap; -format=json is not cut unless this is given)")
	fs.StringVar(&o.chain, "chain", "", "print the chains of the findings that name `NAME` (a function, check or file:line:col; \"all\" for every finding) as text")
	fs.StringVar(&o.diff, "diff", "", "list the cycles and blocking edges that are new compared with the JSON graph in `file`; exit 3 if there are any")
	fs.StringVar(&o.out, "o", "", "write the output to `file` instead of standard output")
	fs.StringVar(&o.tags, "tags", "", "comma-separated list of build tags, as for go build")
	fs.BoolVar(&o.tests, "test", true, "also analyze test files and test variants of packages")
	a.Flags.VisitAll(func(f *flag.Flag) { fs.Var(f.Value, f.Name, f.Usage) })
	fs.Usage = func() {}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, graphUsage)
			fs.SetOutput(stdout)
			fs.PrintDefaults()
			return exitClean
		}
		fmt.Fprintln(stderr, "run 'awaitvet graph -h' for usage")
		return exitUsage
	}
	if err := checkAnalyzerFlags(a); err != nil {
		fmt.Fprintf(stderr, "awaitvet graph: %v\n", err)
		return exitUsage
	}
	capSet := false
	fs.Visit(func(f *flag.Flag) { capSet = capSet || f.Name == "max-nodes" })
	if o.format == "json" && !capSet {
		o.maxNodes = 0 // the model for machines (-diff, the runtime hook): whole
	}
	switch o.format {
	case "dot", "svg", "mermaid", "json":
	default:
		fmt.Fprintf(stderr, "awaitvet graph: unknown -format %q (dot, svg, mermaid or json)\n", o.format)
		return exitUsage
	}
	if fs.NArg() == 0 {
		fmt.Fprint(stderr, graphUsage)
		fs.PrintDefaults()
		return exitUsage
	}
	var base *report.Graph
	if o.diff != "" {
		f, err := os.Open(o.diff)
		if err != nil {
			fmt.Fprintf(stderr, "awaitvet graph: %v\n", err)
			return exitError
		}
		base, err = report.ReadJSON(f)
		f.Close()
		if err != nil {
			fmt.Fprintf(stderr, "awaitvet graph: %s: %v\n", o.diff, err)
			return exitError
		}
		for _, note := range base.Notes {
			if strings.HasPrefix(note, "graph cut") {
				fmt.Fprintf(stderr, "awaitvet graph: warning: %s was cut (%s): what it lost will show as new\n", o.diff, note)
			}
		}
	}
	if o.format == "svg" && o.chain == "" && base == nil {
		if _, err := exec.LookPath("dot"); err != nil {
			fmt.Fprintln(stderr, "awaitvet graph: -format=svg needs Graphviz's dot on PATH (Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz)")
			return exitError
		}
	}

	defer func() { analyzer.WantGraph = nil }()
	cg, wd, loadErrs := load(o.options, guard(a, false), fs.Args(), stderr, func(roots map[string]bool) {
		analyzer.WantGraph = func(path string) bool { return roots[path] }
	})
	if cg == nil {
		return exitError
	}
	runErrs := printActionErrors(stderr, cg)
	g := mergeGraphs(cg, wd)
	g.TrimDependencies()

	var buf bytes.Buffer
	code := exitClean
	switch {
	case base != nil:
		d := report.Compare(base, g)
		if err := d.Write(&buf); err != nil {
			fmt.Fprintf(stderr, "awaitvet graph: %v\n", err)
			return exitError
		}
		if !d.Empty() {
			code = exitFindings
		}
	case o.chain != "":
		what := o.chain
		if what == "all" {
			what = ""
		}
		n, err := report.WriteChains(&buf, g, what)
		if err != nil {
			fmt.Fprintf(stderr, "awaitvet graph: %v\n", err)
			return exitError
		}
		if n == 0 {
			fmt.Fprintf(stderr, "awaitvet graph: no finding names %q\n", o.chain)
			return exitError
		}
	default:
		if o.focus != "" && !g.Focus(o.focus) {
			fmt.Fprintf(stderr, "awaitvet graph: -focus: no function or resource named %q in the graph\n", o.focus)
			return exitError
		}
		if o.findingsOnly {
			g.FindingsOnly()
		}
		g.Cap(o.maxNodes)
		g.DropIsolated() // what a filter or the cap left without an edge
		if err := render(&buf, g, o.format); err != nil {
			fmt.Fprintf(stderr, "awaitvet graph: %v\n", err)
			return exitError
		}
	}
	if err := writeOut(o.out, buf.Bytes(), stdout); err != nil {
		fmt.Fprintf(stderr, "awaitvet graph: %v\n", err)
		return exitError
	}
	if loadErrs+runErrs > 0 {
		return exitError
	}
	return code
}

// mergeGraphs merges the graphs of the root packages into one, taking a
// package's graph from its test variant when there is one (as findings
// does), with file names relative to the working directory.
func mergeGraphs(cg *checker.Graph, wd string) *report.Graph {
	g := report.New()
	variant := testVariants(cg)
	for _, act := range cg.Roots {
		if act.Err != nil || act.Package.ID == act.Package.PkgPath && variant[act.Package.PkgPath] {
			continue
		}
		if r, ok := act.Result.(*analyzer.Result); ok && r != nil && r.Graph != nil {
			g.Merge(r.Graph)
		}
	}
	relGraph(g, wd)
	g.Normalize()
	return g
}

// relGraph makes every position's file relative to base, as the text
// output does, so that graphs from two checkouts compare equal.
func relGraph(g *report.Graph, base string) {
	rel := func(p *report.Pos) {
		if p != nil {
			p.File = relPath(p.File, base)
		}
	}
	for i := range g.Nodes {
		rel(g.Nodes[i].Pos)
	}
	for i := range g.Edges {
		rel(g.Edges[i].Pos)
	}
	for i := range g.Findings {
		rel(&g.Findings[i].Pos)
		for j := range g.Findings[i].Chain {
			rel(&g.Findings[i].Chain[j].Pos)
		}
	}
}

func render(w io.Writer, g *report.Graph, format string) error {
	switch format {
	case "mermaid":
		return report.WriteMermaid(w, g)
	case "json":
		return report.WriteJSON(w, g)
	case "svg":
		var src bytes.Buffer
		if err := report.WriteDOT(&src, g); err != nil {
			return err
		}
		cmd := exec.Command("dot", "-Tsvg")
		cmd.Stdin = &src
		cmd.Stdout = w
		var errBuf strings.Builder
		cmd.Stderr = &errBuf
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("dot -Tsvg: %v: %s", err, strings.TrimSpace(errBuf.String()))
		}
		return nil
	}
	return report.WriteDOT(w, g)
}

func writeOut(path string, data []byte, stdout io.Writer) error {
	if path == "" {
		_, err := stdout.Write(data)
		return err
	}
	return os.WriteFile(path, data, 0o666)
}
