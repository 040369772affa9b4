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

	"github.com/awaitvet/awaitvet/analyzer"
	"github.com/awaitvet/awaitvet/hook"
	"github.com/awaitvet/awaitvet/report"
)

const chainsUsage = `usage: awaitvet chains [flags] [FILE|-]

Reads a goroutine dump — the "panic: test timed out" of go test among the
rest of its output, "fatal error: all goroutines are asleep - deadlock!",
the dump of a process killed with SIGQUIT (any GOTRACEBACK), a
/debug/pprof/goroutine?debug=2 or goroutineleak?debug=2 profile — from FILE
or standard input, and prints what the runtime hook prints, without any
change to the program: deadlock cycles first, then each blocked
goroutine's chain from its root to the blocking call, what it waits on, how
long ([N minutes] in the dump), who started it, and the verdict. Identical
chains are grouped with their count.

With -graph (the JSON of "awaitvet graph -format=json" for the same code)
or -pkgs (build that graph now, from inside the module), it names who could
send, close, unlock or count down each wait, or says that no goroutine in
the dump can: a leak. Without either, who could release a wait is unknown
and the output says so.

  go test ./... 2>&1 | awaitvet chains
  curl -s host/debug/pprof/goroutine?debug=2 | awaitvet chains -graph=graph.json
  awaitvet chains -pkgs=./... -top=5 dump.txt

Exit status: 0 the dump was read and nothing is deadlocked, leaked or
stuck; 3 something is; 1 the input could not be read, holds no goroutine
dump, or the graph could not be read or built; 2 usage error (bad flag,
more than one file, a graph format asked of several dumps without -dump).

Flags:
`

// chainsOptions are the settings of "awaitvet chains".
type chainsOptions struct {
	graph  string
	pkgs   string
	format string
	top    int
	focus  string
	dump   int
	full   bool
	tags   string
}

// chainsCmd is "awaitvet chains [flags] [FILE|-]".
func chainsCmd(a *analysis.Analyzer, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var o chainsOptions
	fs := flag.NewFlagSet("awaitvet chains", flag.ContinueOnError)
	fs.StringVar(&o.graph, "graph", "", "read the static wait-for graph from `file` (awaitvet graph -format=json) to name partners and leaks")
	fs.StringVar(&o.pkgs, "pkgs", "", "build the static graph of the packages `pattern` (e.g. ./...) now, instead of -graph")
	fs.StringVar(&o.format, "format", "text", "output format: text, dot, svg, mermaid or json")
	fs.IntVar(&o.top, "top", 20, "show the first `N` chains, worst first (0: all)")
	fs.StringVar(&o.focus, "focus", "", "keep the chains that mention `NAME` (a function, file, resource or label) and their cycles")
	fs.IntVar(&o.dump, "dump", 0, "when the input holds several dumps, use the `N`th only (1-based; 0: all, text only)")
	fs.BoolVar(&o.full, "v", false, "write each chain frame by frame")
	fs.StringVar(&o.tags, "tags", "", "build tags for -pkgs, as for go build")
	fs.Usage = func() {}
	fs.SetOutput(io.Discard) // errors are said in one line, below
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, chainsUsage)
			fs.SetOutput(stdout)
			fs.PrintDefaults()
			return exitClean
		}
		fmt.Fprintf(stderr, "awaitvet chains: %v; run 'awaitvet chains -h' for usage\n", err)
		return exitUsage
	}
	usageErr := func(format string, args ...any) int {
		fmt.Fprintf(stderr, "awaitvet chains: "+format+"\n", args...)
		return exitUsage
	}
	switch {
	case fs.NArg() > 1:
		return usageErr("one dump file at most (or - for standard input), got %d arguments", fs.NArg())
	case o.graph != "" && o.pkgs != "":
		return usageErr("-graph and -pkgs both give the static graph: use one")
	case o.top < 0:
		return usageErr("-top must be 0 or more")
	case o.dump < 0:
		return usageErr("-dump must be 0 or more")
	}
	switch o.format {
	case "text", "dot", "svg", "mermaid", "json":
	default:
		return usageErr("unknown -format %q (text, dot, svg, mermaid or json)", o.format)
	}

	name := "standard input"
	var text []byte
	var err error
	if fs.NArg() == 1 && fs.Arg(0) != "-" {
		name = fs.Arg(0)
		text, err = os.ReadFile(name)
	} else {
		text, err = io.ReadAll(stdin)
	}
	if err != nil {
		fmt.Fprintf(stderr, "awaitvet chains: %v\n", err)
		return exitError
	}
	dumps := hook.ExtractDumps(text)
	if len(dumps) == 0 {
		if hook.CountProfile(text) {
			fmt.Fprintf(stderr, "awaitvet chains: %s holds a debug=1 goroutine profile, which has no goroutine states; fetch it with ?debug=2\n", name)
		} else {
			fmt.Fprintf(stderr, "awaitvet chains: no goroutine dump found in %s\n", name)
		}
		return exitError
	}
	if o.dump > len(dumps) {
		return usageErr("-dump=%d, but %s holds %d dumps", o.dump, name, len(dumps))
	}
	if o.dump > 0 {
		dumps = dumps[o.dump-1 : o.dump]
	}
	if o.format != "text" && len(dumps) > 1 {
		return usageErr("%s holds %d dumps; choose one with -dump=N for -format=%s", name, len(dumps), o.format)
	}
	if o.format == "svg" {
		if _, err := exec.LookPath("dot"); err != nil {
			fmt.Fprintln(stderr, "awaitvet chains: -format=svg needs Graphviz's dot on PATH (Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz)")
			return exitError
		}
	}

	var static *report.Graph
	switch {
	case o.graph != "":
		static, err = hook.LoadGraph(o.graph)
		if err != nil {
			fmt.Fprintf(stderr, "awaitvet chains: -graph: %v\n", err)
			return exitError
		}
	case o.pkgs != "":
		if static = buildGraph(a, o, stderr); static == nil {
			return exitError
		}
	}

	var buf bytes.Buffer
	code := exitClean
	focused := false
	for i, d := range dumps {
		var opts []hook.Option
		if static != nil {
			opts = append(opts, hook.WithGraph(static))
		}
		r := hook.Analyze(d.Snapshot(), opts...)
		if len(r.Problems()) > 0 {
			code = exitFindings
		}
		r.Rank()
		if o.focus == "" || r.Focus(o.focus) {
			focused = true
		}
		if o.format != "text" {
			g := r.Graph()
			if err := render(&buf, g, o.format); err != nil {
				fmt.Fprintf(stderr, "awaitvet chains: %v\n", err)
				return exitError
			}
			continue
		}
		if i > 0 {
			buf.WriteString("\n")
		}
		buf.WriteString(dumpTitle(d, i, len(dumps), r) + "\n")
		for _, n := range r.Notes {
			buf.WriteString("note: " + n + "\n")
		}
		if len(r.Cycles)+len(r.Chains) > 0 {
			buf.WriteString("\n")
		}
		r.WriteView(&buf, hook.View{Top: o.top, Full: o.full, Static: static != nil})
	}
	if o.focus != "" && !focused {
		fmt.Fprintf(stderr, "awaitvet chains: -focus: no blocked goroutine mentions %q\n", o.focus)
		return exitError
	}
	if _, err := stdout.Write(buf.Bytes()); err != nil {
		fmt.Fprintf(stderr, "awaitvet chains: %v\n", err)
		return exitError
	}
	return code
}

// dumpTitle is the first line of a dump's report: what printed it, where
// it is in the input, and the counts by verdict.
func dumpTitle(d *hook.Dump, i, n int, r *hook.Report) string {
	var b strings.Builder
	if n > 1 {
		fmt.Fprintf(&b, "dump %d of %d, ", i+1, n)
	}
	fmt.Fprintf(&b, "%s at line %d", d.Kind, d.Line)
	if d.Reason != "" {
		fmt.Fprintf(&b, " (%s)", d.Reason)
	}
	if len(d.Running) > 0 {
		fmt.Fprintf(&b, ", running %s", strings.Join(d.Running, ", "))
	}
	if d.LeakProfile {
		b.WriteString(", goroutineleak profile")
	}
	b.WriteString(": " + strings.TrimPrefix(r.Summary(), "awaitvet hook: "))
	return b.String()
}

// buildGraph builds the static graph of o.pkgs as "awaitvet graph
// -format=json" would.
func buildGraph(a *analysis.Analyzer, o chainsOptions, stderr io.Writer) *report.Graph {
	defer func() { analyzer.WantGraph = nil }()
	cg, wd, loadErrs := load(options{tests: true, tags: o.tags}, guard(a, false), strings.Fields(o.pkgs), stderr, func(roots map[string]bool) {
		analyzer.WantGraph = func(path string) bool { return roots[path] }
	})
	if cg == nil || loadErrs > 0 {
		fmt.Fprintf(stderr, "awaitvet chains: -pkgs=%s: the packages could not be loaded\n", o.pkgs)
		return nil
	}
	printActionErrors(stderr, cg)
	g := mergeGraphs(cg, wd)
	g.TrimDependencies()
	return g
}
