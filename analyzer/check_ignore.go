package analyzer

import (
	"fmt"
	"go/token"
	"strings"
)

var ignoreCheck = &Check{
	Name:  "ignore",
	Title: "a malformed //awaitvet:ignore directive",
	Doc: `
A suppression must name a check and give a reason, so the next reader
knows why the finding was wrong or accepted:

	//awaitvet:ignore NAME reason

A directive with no reason or an unknown check name is reported and
suppresses nothing.`,
	Wrong: `
	mu.Lock() //awaitvet:ignore doublelock`,
	Right: `
	mu.Lock() //awaitvet:ignore doublelock the caller releases it in reset()`,
}

// parseDirective parses one //awaitvet:ignore comment. It returns the check
// the directive names, or a description of what is wrong with it.
func parseDirective(text string) (check, problem string) {
	fields := strings.Fields(strings.TrimPrefix(text, ignorePrefix))
	switch {
	case len(fields) == 0:
		return "", "missing check name and reason"
	case Lookup(fields[0]) == nil || fields[0] == ignoreCheck.Name:
		return "", fmt.Sprintf("unknown check %q (see awaitvet help)", fields[0])
	case len(fields) == 1:
		return "", fmt.Sprintf("missing reason after %q", fields[0])
	}
	return fields[0], ""
}

// reportMalformedDirective reports the directive at pos, and its problem
// (see parseDirective).
func (ps *passState) reportMalformedDirective(pos token.Pos, problem string) {
	ps.report(pos, ignoreCheck, "malformed //awaitvet:ignore directive: "+problem)
}
