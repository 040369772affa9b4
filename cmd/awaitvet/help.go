package main

import (
	"flag"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/awaitvet/awaitvet/analyzer"
)

// help is "awaitvet help [NAME...]". Without a name it lists the checks;
// with names it prints each check's documentation, which lives in the
// analyzer's check table (analyzer.Checks) so that the command, the
// analyzer's Doc and the README cannot drift apart. The name of a
// subcommand (graph, chains) prints its usage, as its -h does. An unknown
// name is a usage error (exit 2), like a bad flag, and prints nothing on
// stdout.
func help(a *analysis.Analyzer, stdout, stderr io.Writer, names []string) int {
	if len(names) == 0 {
		listChecks(stdout)
		return exitClean
	}
	if len(names) == 1 {
		switch names[0] {
		case "graph":
			return graphCmd(a, []string{"-h"}, stdout, stderr)
		case "chains":
			return chainsCmd(a, []string{"-h"}, nil, stdout, stderr)
		}
	}
	var checks []*analyzer.Check
	for _, name := range names {
		c := analyzer.Lookup(name)
		if c == nil {
			fmt.Fprintf(stderr, "awaitvet: unknown check %q; run 'awaitvet help' for the list (or 'awaitvet help graph', 'awaitvet help chains')\n", name)
			return exitUsage
		}
		checks = append(checks, c)
	}
	for i, c := range checks {
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		fmt.Fprint(stdout, c.String())
	}
	return exitClean
}

// listChecks prints the checks of each tier in analyzer.Checks order (which
// groups them by kind, unlike alphabetical order), names aligned, each with
// its measured precision, then where to go next.
func listChecks(w io.Writer) {
	width := 0
	for _, c := range analyzer.Checks {
		width = max(width, len(c.Name))
	}
	fmt.Fprint(w, "awaitvet reports what waits for what: lock deadlocks, with the chain that leads there.\n")
	for _, tier := range []analyzer.Tier{analyzer.Default, analyzer.Experimental} {
		title := "Checks (default tier: run unless -checks says otherwise)"
		if tier == analyzer.Experimental {
			title = "Experimental checks (run only with -checks=all, -checks=experimental or by name)"
		}
		printed := false
		for _, c := range analyzer.Checks {
			if c.Tier() != tier {
				continue
			}
			if !printed {
				fmt.Fprintf(w, "\n%s:\n\n", title)
				printed = true
			}
			fmt.Fprintf(w, "  %-*s  %s\n  %-*s  (%s)\n", width, c.Name, c.Title, width, "", c.Measured())
		}
	}
	fmt.Fprint(w, `
Run 'awaitvet help NAME' for what a check reports and why, with examples.
A check is in the default tier when at least 80% of at least 10 of its
findings on the labelled corpus were right, or none was wrong; the figures
above are that record. Select checks with -checks=NAME,NAME or by tier,
-checks=all (-awaitvet.checks=... under go vet).

Usage:

  go vet -vettool=$(command -v awaitvet) packages...
  awaitvet [flags] packages...      ('awaitvet -h' lists the flags)
  awaitvet graph [flags] packages... the wait-for graph (DOT, SVG, JSON, Mermaid)
  awaitvet chains [flags] [FILE|-]   chains, cycles and leaks of a goroutine dump
  awaitvet version
`)
}

// usage prints the standalone command line and its flags, the analyzer's
// own flags first since they change what is reported.
func usage(w io.Writer, fs *flag.FlagSet, a *analysis.Analyzer) {
	fmt.Fprint(w, `usage: awaitvet [flags] packages...
       awaitvet help [NAME]
       awaitvet graph [flags] packages...
       awaitvet chains [flags] [FILE|-]
       awaitvet version
   or: go vet -vettool=$(command -v awaitvet) [-awaitvet.FLAG=...] packages...

Exit status: 0 clean, 3 findings reported, 1 error, 2 usage error.
With -json: 0 unless packages fail to load.
`)
	own, driver := flag.NewFlagSet("", flag.ContinueOnError), flag.NewFlagSet("", flag.ContinueOnError)
	fs.VisitAll(func(f *flag.Flag) {
		g := driver
		if a.Flags.Lookup(f.Name) != nil {
			g = own
		}
		g.Var(f.Value, f.Name, f.Usage)
		// (Var takes the value's current text as the default, which after a
		// bad command line is what was given: -checks=lockorder.)
		g.Lookup(f.Name).DefValue = f.DefValue
	})
	for _, g := range []struct {
		title string
		fs    *flag.FlagSet
	}{{"Analyzer flags", own}, {"Driver flags", driver}} {
		fmt.Fprintf(w, "\n%s:\n\n", g.title)
		g.fs.SetOutput(w)
		g.fs.PrintDefaults()
	}
}

// printVersion is "awaitvet version": "awaitvet VERSION GOVERSION".
//
// It is a subcommand, not a flag, because go vet owns -V: it runs the tool
// with -V=full and parses "NAME version devel ... buildID=HASH" from the
// answer (see unitchecker), which is not meant for people.
func printVersion(w io.Writer) {
	fmt.Fprintf(w, "awaitvet %s %s\n", moduleVersion(), runtime.Version())
}

// moduleVersion is the version of the main module the binary was built
// from: a release tag after "go install ...@vX.Y.Z", a pseudo-version when
// built in a VCS checkout, and "devel" when the build recorded none.
func moduleVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	v := strings.TrimSpace(bi.Main.Version)
	if v == "" || v == "(devel)" {
		return "devel"
	}
	return v
}
