package main

import (
	"bytes"
	"os"
	"strings"

	"github.com/awaitvet/awaitvet/analyzer"
	"github.com/awaitvet/awaitvet/report"
)

// writeSARIF writes the findings as SARIF 2.1.0, with one rule per check
// (its doc and examples as help) and one related location per hop.
func writeSARIF(path string, found []finding, base string) error {
	var rules []report.Rule
	for _, c := range analyzer.Checks {
		level := "warning"
		if c.Tier() == analyzer.Experimental {
			level = "note"
		}
		rules = append(rules, report.Rule{ID: c.Name, Title: c.Title, Help: report.HelpMarkdown(c.Doc, c.Wrong, c.Right),
			HelpURI: "https://github.com/awaitvet/awaitvet#" + c.Name, Level: level})
	}
	var buf bytes.Buffer
	tool := report.ToolInfo{Name: "awaitvet", Version: moduleVersion(), InformationURI: "https://github.com/awaitvet/awaitvet"}
	if err := report.WriteSARIF(&buf, reportFindings(found), rules, tool, base); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o666)
}

// reportFindings converts the driver's findings to the report model; a
// related location's message is the hop's "function does what".
func reportFindings(found []finding) []report.Finding {
	out := make([]report.Finding, 0, len(found))
	for _, f := range found {
		rf := report.Finding{Check: f.category, Message: f.message, Pos: reportPos(f.pos)}
		for _, h := range f.related {
			msg := h.message
			if file, rest, ok := strings.Cut(msg, " "); ok && strings.HasSuffix(file, ":") && strings.Contains(file, ".go:") {
				msg = rest // a hop in another package: "ledger.go:18: ledger.(*Ledger).Begin locks ..."
			}
			fn, what, _ := strings.Cut(msg, " ")
			rf.Chain = append(rf.Chain, report.Hop{Pos: reportPos(h.pos), Func: fn, What: what})
		}
		out = append(out, rf)
	}
	return out
}
