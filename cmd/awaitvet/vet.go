package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/awaitvet/awaitvet/analyzer"
	"github.com/awaitvet/awaitvet/internal/checktag"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/unitchecker"
)

// isVetInvocation reports whether the command line is one that go vet
// sends to a -vettool, as opposed to one typed by a person.
//
// go vet -vettool=T runs T three ways (cmd/go/internal/vet and
// cmd/go/internal/work in Go 1.26):
//
//	T -flags                   once, to learn which flags to forward
//	T -V=full                  once, to get a build ID for its cache
//	T [forwarded flags] x.cfg  per package, the .cfg file always last
//
// The forwarded flags are the user's raw arguments ("-awaitvet.checks X"
// may be two words), so the only reliable sign of the third form is the
// final *.cfg argument. That is also the test singlechecker and
// multichecker apply, except that they parse flags first and then want
// exactly one remaining argument; here the decision must come before any
// flag is registered (see main), so it looks at the raw arguments.
// A package pattern never ends in ".cfg" in practice; anyone with such a
// directory can spell it "./x.cfg/".
func isVetInvocation(args []string) bool {
	if n := len(args); n > 0 && strings.HasSuffix(args[n-1], ".cfg") && !strings.HasPrefix(args[n-1], "-") {
		return true
	}
	for _, arg := range args {
		if !strings.HasPrefix(arg, "-") || arg == "--" {
			break // flags end at the first non-flag, as in package flag
		}
		name := strings.TrimPrefix(strings.TrimPrefix(arg, "-"), "-")
		name, _, _ = strings.Cut(name, "=")
		if name == "V" || name == "flags" {
			return true
		}
	}
	return false
}

// runVet hands the process over to unitchecker, which implements the rest
// of the go vet protocol: -flags (printed as JSON; unitchecker registers the
// analyzer's flags with an "awaitvet." prefix because it always parses in
// multi-analyzer mode, so -checks becomes -awaitvet.checks, plus a boolean
// -awaitvet that enables the analyzer), -V=full (a build ID derived from a
// hash of the executable, which go vet uses as part of its cache key), and
// the per-package *.cfg run, in which it reads the dependencies' facts from
// the .vetx files go vet passes along, prints diagnostics to stderr and exits
// 1 if it printed any. It never returns.
//
// The analyzer runs under guard, so a crash on one package is reported as an
// error naming that package instead of a goroutine dump.
func runVet(a *analysis.Analyzer) {
	if err := vetFlagsValid(a, os.Args[1:]); err != nil {
		// Every invocation fails, the facts-only runs of dependencies
		// included: a run that went through would be cached by the go
		// command, and the next go vet with the same typo would replay it
		// as clean.
		fmt.Fprintf(os.Stderr, "awaitvet: %v\n", err)
		os.Exit(exitUsage)
	}
	if vetxOnly(os.Args[1:]) {
		analyzer.FactsOnly = func(*analysis.Pass) bool { return true }
	}
	unitchecker.Main(noteSkipped(checktag.Wrap(guard(a, true))))
	panic("unreachable: unitchecker.Main exits")
}

// vetxOnly reports whether go vet runs the tool on a package only for the
// facts the packages importing it need (a dependency of what was asked for):
// the .cfg file says so with "VetxOnly": true. unitchecker then discards the
// diagnostics, so the analyzer may skip its checks (analyzer.FactsOnly).
// Anything unreadable counts as a full run: the cost of being wrong is time,
// not findings.
func vetxOnly(args []string) bool {
	if len(args) == 0 || !strings.HasSuffix(args[len(args)-1], ".cfg") {
		return false
	}
	data, err := os.ReadFile(args[len(args)-1])
	if err != nil {
		return false
	}
	var cfg struct{ VetxOnly bool }
	return json.Unmarshal(data, &cfg) == nil && cfg.VetxOnly
}

// noteSkipped returns a copy of a that prints, to standard error as go vet
// shows it, a note for each function the pass left out as too large:
// unitchecker prints only diagnostics, and a note is not one (it would fail
// the build and could not be suppressed).
func noteSkipped(a *analysis.Analyzer) *analysis.Analyzer {
	g := *a
	run := a.Run
	g.Run = func(pass *analysis.Pass) (any, error) {
		res, err := run(pass)
		if r, ok := res.(*analyzer.Result); ok {
			for _, s := range r.Skipped {
				fmt.Fprintf(os.Stderr, "awaitvet: note: %s\n", s)
			}
		}
		return res, err
	}
	return &g
}

// vetFlagsValid checks the analyzer flags go vet forwards ("-awaitvet.NAME=V"
// or "-awaitvet.NAME V") before unitchecker runs: unitchecker would report
// a bad value per package as an analysis error, which facts-only runs
// ignore and the go command caches as success. It sets the values on a
// copy of the analyzer's flags, so that a valid command line leaves the
// parsing to unitchecker as before.
func vetFlagsValid(a *analysis.Analyzer, args []string) error {
	prefix := "-" + a.Name + "."
	for i := 0; i < len(args); i++ {
		arg := strings.TrimPrefix(args[i], "-")
		if !strings.HasPrefix("-"+arg, prefix) {
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimPrefix("-"+arg, prefix), "=")
		f := a.Flags.Lookup(name)
		if f == nil {
			continue // unitchecker reports unknown flags itself
		}
		if !hasValue {
			if bf, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && bf.IsBoolFlag() {
				value = "true"
			} else if i+1 < len(args) {
				i++
				value = args[i]
			}
		}
		if err := a.Flags.Set(name, value); err != nil {
			return fmt.Errorf("-%s%s: %v", a.Name+".", name, err)
		}
	}
	return analyzer.CheckFlags()
}
