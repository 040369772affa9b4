// Package checktag makes every driver name the check behind a finding the
// same way: after the message, in brackets (" [lockorder]"), as the
// standalone driver prints it. go vet prints a vet tool's message alone
// (the go command asks the tool for JSON and writes the text itself), and
// golangci-lint prints it with the linter's name only: without the tag a
// reader cannot tell which check spoke, to look up its help
// (`awaitvet help NAME`) or disable it.
package checktag

import "golang.org/x/tools/go/analysis"

// Wrap returns a copy of a whose diagnostics end with their category in
// brackets. The copy keeps a's name, flags, fact types and result type, so
// drivers treat it as a (facts are keyed by their Go type).
func Wrap(a *analysis.Analyzer) *analysis.Analyzer {
	g := *a
	run := a.Run
	g.Run = func(pass *analysis.Pass) (any, error) {
		p := *pass
		report := pass.Report
		p.Report = func(d analysis.Diagnostic) {
			if d.Category != "" {
				d.Message += " [" + d.Category + "]"
			}
			report(d)
		}
		return run(&p)
	}
	return &g
}
