// Package analyzer is the awaitvet go/analysis pass: it turns each function's
// SSA into wait operations on named resources, summarises them bottom-up over
// the call graph, exports the summaries as facts and runs the checks. It is the
// only package that reports diagnostics.
package analyzer

import (
	"flag"
	"fmt"
	"reflect"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
)

// Analyzer is the awaitvet analysis pass.
var Analyzer = &analysis.Analyzer{
	Name:       "awaitvet",
	Doc:        analyzerDoc,
	URL:        "https://github.com/awaitvet/awaitvet",
	Flags:      flags(),
	Run:        run,
	Requires:   []*analysis.Analyzer{buildssa.Analyzer},
	FactTypes:  []analysis.Fact{new(FuncFact), new(PackageFact)},
	ResultType: reflect.TypeFor[*Result](),
}

// config holds the values of the analyzer's flags. Under go vet they are
// spelled -awaitvet.NAME.
var config struct {
	checks string // comma-separated list of enabled checks, or "all"
}

func flags() flag.FlagSet {
	fs := flag.NewFlagSet("awaitvet", flag.ExitOnError)
	fs.StringVar(&config.checks, "checks", "all", "comma-separated list of checks to run (see 'awaitvet help'), or \"all\"")
	return *fs
}

// checkFlags rejects unknown names in -checks, so a typo is an error rather
// than a run that silently checks nothing.
func checkFlags() error {
	if config.checks == "" || config.checks == "all" {
		return nil
	}
	for _, c := range strings.Split(config.checks, ",") {
		if Lookup(strings.TrimSpace(c)) == nil {
			return fmt.Errorf("-checks: unknown check %q (known: %s)", strings.TrimSpace(c), strings.Join(CheckNames(), ", "))
		}
	}
	return nil
}

// enabled reports whether the named check is switched on by -checks.
func enabled(name string) bool {
	if config.checks == "" || config.checks == "all" {
		return true
	}
	for _, c := range strings.Split(config.checks, ",") {
		if strings.TrimSpace(c) == name {
			return true
		}
	}
	return false
}
