package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	goversion "go/version"
	"io"
	"maps"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/awaitvet/awaitvet/analyzer"
)

// options are the standalone driver's settings, filled from its flags.
type options struct {
	json       bool   // print the x/tools JSON tree instead of text
	format     string // text or github
	baseline   string // report only findings not in this baseline file (written when missing)
	verbose    bool   // show progress on stderr even when it is not a terminal
	sarif      string // also write the findings as SARIF to this file
	fix        bool   // apply suggested fixes
	tags       string // build tags, passed to go list
	tests      bool   // load test files and test variants, as go vet does
	context    int    // lines of source to show around each location; <0: none
	cpuprofile string // write a CPU profile here
	memprofile string // write a heap profile here
	// progress is where progress goes when it is not stderr: a run whose
	// output is cached records stderr, and progress is no part of it.
	progress io.Writer
}

// loadMode asks go/packages for everything checker.Analyze needs. The
// analyzer exports and imports facts, so every dependency has to be
// analyzed too, which means syntax and type information for all of them
// (LoadAllSyntax), not only for the packages named on the command line.
// NeedModule fills in Pass.Module.
const loadMode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
	packages.NeedImports | packages.NeedDeps | packages.NeedTypes | packages.NeedTypesSizes |
	packages.NeedSyntax | packages.NeedTypesInfo | packages.NeedModule

// standalone is "awaitvet [flags] packages...": it parses the flags, sets up
// profiling and runs the analysis. It returns the exit status rather than
// exiting, so that deferred profile writers run.
func standalone(a *analysis.Analyzer, args []string, stdout, stderr io.Writer) int {
	o := options{context: -1}
	fs := flag.NewFlagSet("awaitvet", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.BoolVar(&o.json, "json", false, "print diagnostics as JSON, in the format of the golang.org/x/tools drivers")
	fs.StringVar(&o.sarif, "sarif", "", "also write the findings as SARIF 2.1.0 to `file`, for code scanning")
	fs.BoolVar(&o.verbose, "v", false, "show progress on standard error (shown anyway when it is a terminal)")
	fs.StringVar(&o.format, "format", "text", "output format: text, or github (workflow commands that annotate the lines in a GitHub Actions run)")
	fs.StringVar(&o.baseline, "baseline", "", "report only findings not in the baseline `file`; when the file does not exist, write the current findings to it and report none (keys survive moved lines)")
	fs.BoolVar(&o.fix, "fix", false, "apply the suggested fixes (the findings are still printed)")
	fs.StringVar(&o.tags, "tags", "", "comma-separated list of build tags, as for go build")
	fs.BoolVar(&o.tests, "test", false, "load test files and test variants of packages (the default with -testcode: without it test code takes no part in the model, so loading it would only cost time)")
	fs.IntVar(&o.context, "c", -1, "show each location's source line with `N` lines of context (-1: none)")
	fs.StringVar(&o.cpuprofile, "cpuprofile", "", "write a CPU profile to `file`")
	fs.StringVar(&o.memprofile, "memprofile", "", "write a memory profile to `file`")

	// The analyzer's own flags keep their names here (-checks); only under
	// go vet do they get the "awaitvet." prefix. The analyzer's flag.Values
	// are shared, so setting them here configures the analyzer.
	a.Flags.VisitAll(func(f *flag.Flag) {
		if fs.Lookup(f.Name) != nil {
			panic(fmt.Sprintf("analyzer flag -%s clashes with a driver flag", f.Name))
		}
		fs.Var(f.Value, f.Name, f.Usage)
	})

	// Parse reports bad flags itself; -h is answered on stdout, since it was
	// asked for.
	fs.Usage = func() {}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(stdout, fs, a)
			return exitClean
		}
		fmt.Fprintln(stderr, "run 'awaitvet -h' for usage")
		return exitUsage
	}
	if fs.NArg() == 0 {
		usage(stderr, fs, a)
		return exitUsage
	}
	if err := checkAnalyzerFlags(a); err != nil {
		fmt.Fprintf(stderr, "awaitvet: %v\n", err)
		return exitUsage
	}
	if o.format != "text" && o.format != "github" {
		fmt.Fprintf(stderr, "awaitvet: unknown -format %q (text or github; -json for JSON)\n", o.format)
		return exitUsage
	}
	if o.json && (o.format != "text" || o.baseline != "") {
		fmt.Fprintln(stderr, "awaitvet: -json prints every diagnostic of every package; it does not combine with -format or -baseline")
		return exitUsage
	}
	if tc := a.Flags.Lookup("testcode"); tc != nil && tc.Value.String() == "true" && !flagSet(fs, "test") {
		o.tests = true
	}

	if o.cpuprofile != "" {
		f, err := os.Create(o.cpuprofile)
		if err != nil {
			fmt.Fprintf(stderr, "awaitvet: %v\n", err)
			return exitError
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintf(stderr, "awaitvet: %v\n", err)
			return exitError
		}
		defer pprof.StopCPUProfile()
	}
	var cache *resultCache
	if a == analyzer.Analyzer {
		cache = cacheFor(o, args, fs.Args())
	}
	if cache == nil {
		return analyze(o, guard(a, false), fs.Args(), stdout, stderr)
	}
	if code, ok := cache.replay(stdout, stderr); ok {
		return code
	}
	var out, errOut bytes.Buffer
	o.progress = stderr
	code := analyze(o, guard(a, false), fs.Args(), io.MultiWriter(stdout, &out), io.MultiWriter(stderr, &errOut))
	cache.store(code, out.Bytes(), errOut.Bytes())
	return code
}

// flagSet reports whether the named flag was given on the command line.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// load lists and type-checks the packages matching patterns and runs a on
// them and their dependencies. It prints load errors and returns how many
// there were; a nil graph means the run cannot go on (the message has been
// printed).
func load(o options, a *analysis.Analyzer, patterns []string, stderr io.Writer, before func(roots map[string]bool)) (graph *checker.Graph, base string, loadErrs int) {
	base, _ = os.Getwd() // "" on error: absolute paths then

	cfg := &packages.Config{Mode: loadMode, Tests: o.tests}
	if o.tags != "" {
		cfg.BuildFlags = []string{"-tags=" + o.tags}
	}
	progressTo := stderr
	if o.progress != nil {
		progressTo = o.progress
	}
	prog := newProgress(progressTo, o.verbose)
	defer prog.finish()
	prog.loading()
	var fc *factCache
	if len(a.FactTypes) > 0 {
		fc = newFactCache(o, a)
	}
	var pkgs []*packages.Package
	var plan *loadPlan
	var err error
	whileGoRuns(func(ctx context.Context) { // interrupt.go
		cfg.Context = ctx
		pkgs, plan, err = loadHybrid(cfg, patterns, fc)
		cfg.Context = nil
	})
	if err != nil {
		fmt.Fprintf(stderr, "awaitvet: %v\n", err)
		return nil, base, 0
	}
	if !slices.ContainsFunc(pkgs, hasFiles) {
		// go list reports a pattern that matches nothing either not at all
		// (example.com/x/...) or as a pseudo-package with an error and no
		// files (./nonexistent/..., a directory without Go files); both
		// mean there is nothing to analyze, which is never what was meant.
		fmt.Fprintf(stderr, "awaitvet: no packages matched %s\n", strings.Join(patterns, " "))
		return nil, base, printLoadErrors(stderr, pkgs, base, o.verbose)
	}

	// Dependencies are analysed for their facts only: nothing is reported
	// on them, so no check needs to run there.
	roots := make(map[string]bool, len(pkgs))
	for _, p := range pkgs {
		roots[p.PkgPath] = true
	}
	analyzer.FactsOnly = func(pass *analysis.Pass) bool { return !roots[pass.Pkg.Path()] }
	defer func() { analyzer.FactsOnly = nil }()
	if before != nil {
		before(roots)
	}
	prog.start(pkgs, plan)
	graph, err = checker.Analyze([]*analysis.Analyzer{prog.wrap(plan.wrap(a))}, pkgs, nil)
	if plan.loader != nil {
		plan.loader.checkRest(pkgs)
	}
	// Printed once every package has been type-checked, which for those
	// loaded from source is done as the analysis reaches them.
	loadErrs = printLoadErrors(stderr, pkgs, base, o.verbose)
	if err != nil {
		fmt.Fprintf(stderr, "awaitvet: %v\n", err)
		return nil, base, loadErrs
	}
	if fc != nil {
		fc.trim()
		if err := fc.writeSeed(); err != nil {
			fmt.Fprintf(stderr, "awaitvet: writing the standard library's facts: %v\n", err)
			return nil, base, loadErrs
		}
	}
	if o.memprofile != "" {
		// What is live at the end of the analysis, while the packages and
		// the results are still held: the peak, give or take garbage.
		if err := writeHeapProfile(o.memprofile); err != nil {
			fmt.Fprintf(stderr, "awaitvet: writing memory profile: %v\n", err)
		}
		runtime.KeepAlive(pkgs)
	}
	return graph, base, loadErrs
}

// analyze loads the packages matching patterns, runs a on them and their
// dependencies, and prints what it found, file names relative to the
// current directory.
//
// Errors are reported, not fatal: packages that load fine are still analyzed
// and their findings printed, but the exit status is then 1, since a
// package that could not be analyzed may hide a deadlock.
func analyze(o options, a *analysis.Analyzer, patterns []string, stdout, stderr io.Writer) int {
	graph, base, loadErrs := load(o, a, patterns, stderr, nil)
	if graph == nil {
		return exitError
	}

	if o.json {
		// Like singlechecker and multichecker: the JSON document carries the
		// findings and the analysis errors, and success means "the document
		// is complete", so only load errors change the status.
		if err := graph.PrintJSON(stdout); err != nil {
			fmt.Fprintf(stderr, "awaitvet: %v\n", err)
			return exitError
		}
		if loadErrs > 0 {
			return exitError
		}
		return exitClean
	}

	runErrs := printActionErrors(stderr, graph)
	printSkipped(stderr, graph, base)
	found := findings(graph)
	if o.fix {
		if err := applyFixes(graph, stderr); err != nil {
			fmt.Fprintf(stderr, "awaitvet: applying fixes: %v\n", err)
			return exitError
		}
	}
	if o.baseline != "" {
		b, ok, err := readBaseline(o.baseline)
		if err != nil {
			fmt.Fprintf(stderr, "awaitvet: %v\n", err)
			return exitError
		}
		if !ok {
			if err := writeBaseline(o.baseline, found, base); err != nil {
				fmt.Fprintf(stderr, "awaitvet: writing the baseline: %v\n", err)
				return exitError
			}
			fmt.Fprintf(stderr, "awaitvet: wrote %d findings to the baseline %s; later runs report only new ones\n", len(found), o.baseline)
			found = nil
		} else if n := len(found); n > 0 {
			found = b.newFindings(found, base)
			if old := n - len(found); old > 0 {
				fmt.Fprintf(stderr, "awaitvet: %d findings in the baseline %s not reported\n", old, o.baseline)
			}
		}
	}
	if o.format == "github" {
		printGitHub(stdout, found, base)
	} else {
		printText(stdout, found, base, o.context)
	}
	if o.sarif != "" {
		if err := writeSARIF(o.sarif, found, base); err != nil {
			fmt.Fprintf(stderr, "awaitvet: writing SARIF: %v\n", err)
			return exitError
		}
	}
	switch {
	case loadErrs+runErrs > 0:
		return exitError
	case len(found) > 0:
		return exitFindings
	}
	return exitClean
}

// newerGo returns the newest Go version that a package's errors say it
// needs beyond the one awaitvet was built with ("package requires newer
// Go version go1.27 (application built with go1.26)"), and how many
// errors the packages have in all; "" when none says so.
func newerGo(pkgs []*packages.Package) (string, int) {
	newest, n := "", 0
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			n++
			_, after, ok := strings.Cut(e.Msg, "requires newer Go version ")
			if !ok {
				continue
			}
			v, _, _ := strings.Cut(after, " ")
			if newest == "" || goversion.Compare(newest, v) < 0 {
				newest = v
			}
		}
	})
	return newest, n
}

// maxPackageErrors is how many load errors of one package are printed
// before the rest are counted, as the compiler stops after ten: a package
// that does not build usually says why in its first few lines, and a
// checkout missing its dependencies would otherwise print thousands.
const maxPackageErrors = 10

// noMetadataC is go/packages' word (caches off) for a package cgo did not
// process; hybrid.go's loader says noCgo.
const noMetadataC = "could not import C (no metadata for C)"

// cgoFailed reports whether a load error of p says that cgo did not
// process it, in either loader's words.
func cgoFailed(p *packages.Package) bool {
	return slices.ContainsFunc(p.Errors, func(e packages.Error) bool {
		return strings.Contains(e.Msg, noCgo) || e.Msg == noMetadataC
	})
}

// cgoMissing returns a function that names, for a package, one package it
// imports (directly or not) that cgo did not process, or "" when there is
// none or the package is such a package itself.
func cgoMissing() func(*packages.Package) string {
	memo := make(map[*packages.Package]string)
	var below func(p *packages.Package) string
	below = func(p *packages.Package) string {
		if v, ok := memo[p]; ok {
			return v
		}
		memo[p] = ""
		v := ""
		for _, path := range slices.Sorted(maps.Keys(p.Imports)) {
			q := p.Imports[path]
			if cgoFailed(q) {
				v = q.PkgPath
			} else {
				v = below(q)
			}
			if v != "" {
				break
			}
		}
		memo[p] = v
		return v
	}
	return func(p *packages.Package) string {
		if len(p.Errors) == 0 || cgoFailed(p) {
			return ""
		}
		return below(p)
	}
}

// onlyTypeErrors reports whether every error of p is a type error.
func onlyTypeErrors(p *packages.Package) bool {
	return !slices.ContainsFunc(p.Errors, func(e packages.Error) bool { return e.Kind != packages.TypeError })
}

// printLoadErrors prints the errors go/packages recorded while listing,
// parsing and type-checking the packages and their dependencies, one line
// each, naming the package, and returns how many errors there were. An
// error in a file shared by a package and its test variant is printed
// once. Past maxPackageErrors in one package, unless all is set (-v), one
// line says how many more there were.
func printLoadErrors(w io.Writer, pkgs []*packages.Package, base string, all bool) int {
	if v, errs := newerGo(pkgs); v != "" && !all {
		// Code for a newer Go: go/types, built into awaitvet, cannot
		// check it, and the standard library's own sources of the newer
		// toolchain fail first; every other line follows from this one.
		fmt.Fprintf(w, "awaitvet: the packages need %s, newer than the %s awaitvet was built with: nothing was analysed; build awaitvet with %s or later (-v prints the %d errors)\n", v, runtime.Version(), v, errs)
		return errs
	}
	seen := make(map[string]bool)
	n := 0
	emit := func(line string) {
		if !seen[line] {
			seen[line] = true
			fmt.Fprintln(w, line)
			n++
		}
	}
	noCgoDeps := cgoMissing()
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		// A package that imports one cgo did not process meets the C
		// declarations it could not see as constants and types gone
		// invalid: its type errors follow from that, and one line says so
		// (-v prints them).
		if dep := noCgoDeps(p); dep != "" && !all && onlyTypeErrors(p) {
			follow := fmt.Sprintf("%d type errors follow", len(p.Errors))
			if len(p.Errors) == 1 {
				follow = "1 type error follows"
			}
			emit(fmt.Sprintf("awaitvet: package %s: not analysed: it imports %s, which cgo did not process (%s from that; -v prints them)", pkgName(p), dep, follow))
			return
		}
		shown, more := 0, 0
		// go/packages (caches off) also hands over the failed build's
		// output ("# pkg" and the C compiler's words); the cgo message
		// says where to find them (go build), as with hybrid.go's loader.
		noCgoHere := cgoFailed(p)
		for _, e := range p.Errors {
			msg := e.Msg
			if msg == noMetadataC {
				msg = "could not import C (" + noCgo + ")" // go/packages' words, as hybrid.go's
			} else if cgoEcho(msg) || noCgoHere && !all && strings.HasPrefix(msg, "# ") {
				continue
			}
			if e.Pos != "" {
				msg = relPos(e.Pos, base) + ": " + msg
			}
			if p.Name == "" && !hasFiles(p) {
				// Not a package but a pattern go list could not resolve;
				// its message names the pattern or directory.
				emit("awaitvet: " + msg)
				continue
			}
			line := fmt.Sprintf("awaitvet: package %s: %s", pkgName(p), msg)
			switch {
			case seen[line]:
			case shown == maxPackageErrors && !all:
				seen[line] = true
				more++
				n++
			default:
				emit(line)
				shown++
			}
		}
		if more > 0 {
			fmt.Fprintf(w, "awaitvet: package %s: too many errors (%d more; -v prints them all)\n", pkgName(p), more)
		}
		if m := p.Module; m != nil && m.Error != nil {
			emit(fmt.Sprintf("awaitvet: module %s: %s", m.Path, m.Error.Err))
		}
	})
	return n
}

// printActionErrors prints the errors of the analysis itself (including
// crashes caught by guard), naming the package, and returns how many it
// printed. It leaves out errors that merely echo another one: a package with
// load errors, or depending on one, is "skipped due to errors", already
// reported by printLoadErrors; and a package whose dependency failed has
// "failed prerequisites", while the dependency's own error is printed.
func printActionErrors(w io.Writer, graph *checker.Graph) int {
	seen := make(map[string]bool)
	n := 0
	for act := range graph.All() {
		if act.Err == nil || act.Package.IllTyped || depFailed(act) {
			continue
		}
		line := fmt.Sprintf("awaitvet: package %s: %v", pkgName(act.Package), act.Err)
		if !seen[line] {
			seen[line] = true
			fmt.Fprintln(w, line)
			n++
		}
	}
	// The packages named on the command line that were not analysed only
	// because something they import has errors: their own errors, if any,
	// are printed with the load errors, and the cause's once; but without a
	// word the run would look complete for them.
	skipped := make(map[string]bool)
	for _, act := range graph.Roots {
		if act.Err != nil && len(act.Package.Errors) == 0 && (act.Package.IllTyped || depFailed(act)) {
			skipped[pkgName(act.Package)] = true
		}
	}
	if k := len(skipped); k > 0 {
		what := "packages were not analysed: they import"
		if k == 1 {
			what = "package was not analysed: it imports"
		}
		fmt.Fprintf(w, "awaitvet: %d %s packages with errors: %s\n", k, what, listSome(slices.Sorted(maps.Keys(skipped)), maxNamed))
	}
	return n
}

// maxNamed is how many packages a one-line note names before it counts
// the rest.
const maxNamed = 5

// listSome joins the first max names with commas, and counts the rest.
func listSome(names []string, max int) string {
	if len(names) <= max {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:max], ", "), len(names)-max)
}

func depFailed(act *checker.Action) bool {
	for _, dep := range act.Deps {
		if dep.Err != nil {
			return true
		}
	}
	return false
}

// hasFiles reports whether p is a package with source files, as opposed to
// go list's stand-in for a pattern that matched nothing.
func hasFiles(p *packages.Package) bool {
	return len(p.GoFiles) > 0 || len(p.CompiledGoFiles) > 0
}

// pkgName is the import path by which to name p in a message: the test
// variant "p [p.test]" is still package p to its author.
func pkgName(p *packages.Package) string {
	if p.PkgPath != "" {
		return p.PkgPath
	}
	return p.ID // e.g. a pattern that named a directory with no package
}

func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	runtime.GC() // what is live, not garbage
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// checkAnalyzerFlags validates the analyzer's flags once, before anything
// is loaded: a bad -checks value is one line and a usage error, not an
// error per package analysed. (A stand-in analyzer, in the tests, has no
// such flags.)
func checkAnalyzerFlags(a *analysis.Analyzer) error {
	if a != analyzer.Analyzer {
		return nil
	}
	return analyzer.CheckFlags()
}
