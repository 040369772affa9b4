package analyzer

import (
	"go/token"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// A finding is a diagnostic before suppression and rendering: a position, the
// check that made it, a one-line message and the witness hops in program order.
type finding struct {
	pos     token.Pos
	check   *Check
	message string
	hops    []Hop
	fixes   []analysis.SuggestedFix
	cycle   []string    // lock classes of a lock-order cycle, for the graph
	waits   []cycleStep // a communication cycle, for the graph
}

// A cycleStep is one node of a communication cycle: a function (by its
// display name) or a resource (a Ref as seen from owner). Each step waits
// for the next, the last for the first.
type cycleStep struct {
	fn    string
	ref   Ref
	owner *ssa.Function
	kind  string // the resource's report.NodeKind; "" for a function
}

// withCycle attaches a communication cycle to the finding reported last.
func (ps *passState) withCycle(steps ...cycleStep) {
	if len(ps.findings) > 0 {
		ps.findings[len(ps.findings)-1].waits = steps
	}
}

func lastFunc(c Chain) string {
	if len(c) == 0 {
		return ""
	}
	return c[len(c)-1].Func
}

// report records a finding; chains are concatenated into one list of hops.
func (ps *passState) report(pos token.Pos, c *Check, msg string, chains ...Chain) {
	f := finding{pos: pos, check: c, message: msg}
	for _, ch := range chains {
		f.hops = append(f.hops, ch...)
	}
	ps.findings = append(ps.findings, f)
}

// withFixes attaches suggested fixes to the finding reported last.
func (ps *passState) withFixes(fixes []analysis.SuggestedFix) {
	if len(fixes) > 0 && len(ps.findings) > 0 {
		ps.findings[len(ps.findings)-1].fixes = fixes
	}
}

// conflict reports an acquisition of a lock the goroutine already holds.
// note, when set, replaces the "(through F)" suffix.
func (ps *passState) conflict(h heldLock, a *acquisition, note string) {
	res := a.ref.show(ps.pkgPath)
	var c *Check
	var msg string
	switch {
	case h.mode == Once || a.mode == Once:
		c, msg = onceReentryCheck, "sync.Once re-entered: "+res+".Do reached again from inside its own function"
	case h.mode == Read && a.mode == Read:
		c, msg = recursiveRLockCheck, "recursive read lock: "+res+" read-locked while already read-held"
	case h.mode == Read && a.mode == Write:
		c, msg = lockUpgradeCheck, "read-to-write upgrade: "+res+" write-locked while read-held"
	default:
		c, msg = doubleLockCheck, "double lock: "+res+" acquired while already held"
	}
	switch {
	case note != "":
		msg += " (" + note + ")"
	case len(a.chain) > 1:
		msg += " (through " + ps.unqualify(a.chain[len(a.chain)-1].Func) + ")"
	}
	ps.report(a.pos, c, msg, h.chain, a.chain)
}

// emit applies suppressions and reports the findings, sorted and deduplicated.
func (ps *passState) emit() {
	ign := ps.directives()
	var diags []analysis.Diagnostic
	seen := make(map[string]bool)
	for _, f := range ps.findings {
		if !f.pos.IsValid() {
			continue // a finding nobody could locate is no finding (synthetic code)
		}
		if !enabled(f.check.Name) || excluded(ps.pass.Fset.Position(f.pos).Filename) || ign.suppresses(ps.pass.Fset, f) {
			continue
		}
		d := analysis.Diagnostic{Pos: f.pos, Category: f.check.Name, Message: f.message, SuggestedFixes: f.fixes}
		at := f.pos
		seenRel := make(map[analysis.RelatedInformation]bool)
		for _, h := range f.hops {
			if p, ok := ps.tokenPos(h.Pos); ok && p == f.pos {
				continue // the reader is already on this line
			}
			rel := ps.related(at, h)
			at = rel.Pos // a later hop in another package hangs off this one
			if !seenRel[rel] {
				seenRel[rel] = true
				d.Related = append(d.Related, rel)
			}
		}
		k := ps.pass.Fset.Position(d.Pos).String() + d.Message
		if seen[k] {
			continue
		}
		seen[k] = true
		diags = append(diags, d)
		ps.emitted = append(ps.emitted, f)
	}
	sort.SliceStable(diags, func(i, j int) bool {
		if diags[i].Pos != diags[j].Pos {
			return diags[i].Pos < diags[j].Pos
		}
		return diags[i].Message < diags[j].Message
	})
	for _, d := range diags {
		ps.pass.Report(d)
	}
}

// related renders one hop. A hop in another package's file cannot be given a
// position in this pass, so it is attached to the position of the hop before
// it (the call that leads there) and names its own file and line.
func (ps *passState) related(at token.Pos, h Hop) analysis.RelatedInformation {
	text := ps.unqualify(h.Func) + " " + ps.unqualify(h.What)
	if pos, ok := ps.tokenPos(h.Pos); ok {
		return analysis.RelatedInformation{Pos: pos, Message: text}
	}
	if h.Pos.IsValid() {
		text = posString(h.Pos) + ": " + text
	}
	return analysis.RelatedInformation{Pos: at, Message: text}
}

// unqualify drops this package's own name from qualified names in s.
func (ps *passState) unqualify(s string) string {
	q := ps.pkgName + "."
	s = strings.ReplaceAll(s, "(*"+q, "(*")
	s = strings.ReplaceAll(s, " "+q, " ")
	return strings.TrimPrefix(s, q)
}
