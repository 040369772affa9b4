package analyzer

import (
	"cmp"
	"go/ast"
	"go/token"
	"slices"
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
	cycle   []string // lock classes of a lock-order cycle, for the graph
	// readOnly is the class of a recursively read-locked RWMutex that only
	// this package can write-lock: the finding stands only if something
	// does (see dropWriterless).
	readOnly string
	// rlock is, for a recursive read lock, the lock's class and where the
	// first read lock is held: a writer shown to run at once makes the
	// finding a concurrentrlock (see witnessWriters).
	rlock     string
	rlockSide side
	// rlockHeld and rlockHeldW are the other lock classes the function
	// holds at the second read lock, all and those held for writing (see
	// outerGuarded).
	rlockHeld, rlockHeldW []string
	// goroutines are, for a wait between two goroutines, where each
	// runs: a witness that both run at once makes the finding a
	// concurrentcomm (see witnessComm).
	goroutines [2]side
	// kept is the class of the lock an unreleased finding says is left
	// held: the finding stands only if nothing takes it over (see
	// dropHandedOver).
	kept string
	// takenSome marks an unreleased finding whose other branch never took
	// the lock (see checkMergedHeld, dropHandedOver).
	takenSome bool
	// sentWith lists, for an unreleased finding, the classes of the
	// channels every path that keeps the lock has sent on: the lock may go
	// with the message (see dropSentWith).
	sentWith []string
	// ownMake is set when the channel the finding is about was made in
	// this package: its misuse is this package's even when every step of
	// the chain is in a dependency (see dependencyOnly).
	ownMake bool
	waits   []cycleStep // a communication cycle, for the graph
	// id numbers the finding in its pass (from 1); cause, when not 0, is
	// the id of the finding this one follows from (a Wait for a goroutine
	// another finding shows blocked forever): see emit.
	id, cause int
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
	f := finding{pos: pos, check: c, message: msg, id: len(ps.findings) + 1}
	if n := len(ps.findings); n > 0 {
		f.id = ps.findings[n-1].id + 1
	}
	for _, ch := range chains {
		f.hops = append(f.hops, ch...)
	}
	ps.findings = append(ps.findings, f)
}

// withFixes attaches suggested fixes to the finding reported last, those
// of them that are well formed (see validFix): a fix that cannot be made
// safely is left out, and the finding stays.
func (ps *passState) withFixes(fixes []analysis.SuggestedFix) {
	if len(ps.findings) == 0 {
		return
	}
	var ok []analysis.SuggestedFix
	for _, fix := range fixes {
		if ps.validFix(fix) && !slices.ContainsFunc(ok, func(o analysis.SuggestedFix) bool { return o.Message == fix.Message }) {
			ok = append(ok, fix)
		}
	}
	if len(ok) > 0 {
		ps.findings[len(ps.findings)-1].fixes = ok
	}
}

// validFix reports whether every edit of fix stays inside one file of this
// package and no two of its edits overlap (an insertion may touch a
// neighbour, as the drivers allow). The drivers check the same and treat a
// violation as the analyzer's crash, which loses every finding of the
// package; this check makes it the loss of one fix instead.
func (ps *passState) validFix(fix analysis.SuggestedFix) bool {
	if len(fix.TextEdits) == 0 {
		return false
	}
	edits := slices.Clone(fix.TextEdits)
	for i := range edits {
		e := &edits[i]
		if !e.End.IsValid() {
			e.End = e.Pos
		}
		tf := ps.pass.Fset.File(e.Pos)
		if !e.Pos.IsValid() || tf == nil || ps.files[tf.Name()] != tf || e.End < e.Pos ||
			ps.pass.Fset.File(e.End) != tf || int(e.End) > tf.Base()+tf.Size() {
			return false
		}
	}
	slices.SortStableFunc(edits, func(a, b analysis.TextEdit) int { return cmp.Or(cmp.Compare(a.Pos, b.Pos), cmp.Compare(a.End, b.End)) })
	for i := 1; i < len(edits); i++ {
		if edits[i].Pos < edits[i-1].End {
			return false
		}
	}
	return true
}

// A conflict is an acquisition of a lock the goroutine already holds: the
// lock, where it is acquired again and how (the chains of both
// acquisitions). Which check it is follows from the two modes alone (see
// passState.conflict); each of those checks words its own message.
type conflict struct {
	pos     token.Pos
	res     string // the lock, as shown in this package
	through string // the function that acquires it again, when acq goes through calls
	// nextIteration: the lock is acquired on one loop iteration and
	// again on the next, which replaces the "(through F)" of the message.
	nextIteration bool
	held, acq     Chain
}

// conflict reports an acquisition of a lock the goroutine already holds,
// as the check its two modes make it.
func (ps *passState) conflict(h heldLock, a *acquisition, nextIteration bool) {
	x := conflict{pos: a.pos, res: a.ref.show(ps.pkgPath), nextIteration: nextIteration, held: h.chain, acq: a.chain}
	if len(a.chain) > 1 {
		x.through = ps.unqualify(a.chain[len(a.chain)-1].Func)
	}
	switch {
	case h.mode == Once || a.mode == Once:
		ps.reportOnceReentry(x)
	case h.mode == Read && a.mode == Read:
		ps.reportRecursiveRLock(x)
	case h.mode == Read && a.mode == Write:
		ps.reportLockUpgrade(x)
	case a.own != "" && a.own == h.own:
		ps.reportRelock(x) // both acquisitions are this function's own Lock calls (see ownLock)
	case h.own != "" && a.must && len(a.chain) > 1 && h.ref.key() == a.ref.key():
		ps.reportCallRelock(x) // a callee that takes it on every path (see mustacquire.go)
	default:
		ps.reportDoubleLock(x)
	}
}

// conflict is passState.conflict, noting for a recursive read lock the
// class of the lock when only this package can write-lock it (see
// dropWriterless).
//
// Two read locks of an object no other goroutine can reach yet (owner.go)
// are no conflict at all: a writer would have to queue between them, and
// none can reach it.
func (fa *fnAnalysis) conflict(h heldLock, a *acquisition, nextIteration bool, held []heldLock) {
	if h.mode == Read && a.mode == Read && fa.owned(a.ref) {
		return
	}
	fa.ps.conflict(h, a, nextIteration)
	f := &fa.ps.findings[len(fa.ps.findings)-1]
	if f.check != recursiveRLockCheck {
		return
	}
	c := fa.lockClass(a.ref)
	if fa.ps.private(c) {
		f.readOnly = c.Key
	}
	f.rlockHeld, f.rlockHeldW = fa.heldClasses(held, c.Key) // (see outerGuarded)
	if c.known() {
		f.rlock, f.rlockSide = c.Key, side{fn: fa.fn}
		if len(h.chain) > 0 {
			f.rlockSide.pos = h.chain[0].Pos
		}
	}
}

// lockClass is ref's class, or for a variable a closure captures, the class
// of what the one closure made of this function captures there (the
// enclosing function's local), which the closure's own frame cannot know.
func (fa *fnAnalysis) lockClass(ref Ref) Class {
	if ref.Class.known() || ref.Base != BaseFree || len(ref.Path) > 0 {
		return ref.Class
	}
	parent := fa.fn.Parent()
	if parent == nil || ref.Index >= len(fa.fn.FreeVars) {
		return Class{}
	}
	var bound ssa.Value
	for _, b := range parent.Blocks {
		for _, instr := range b.Instrs {
			if mc, ok := instr.(*ssa.MakeClosure); ok && mc.Fn == fa.fn {
				if bound != nil {
					return Class{} // made twice: which one?
				}
				bound = mc.Bindings[ref.Index]
			}
		}
	}
	if bound == nil {
		return Class{}
	}
	return newResolver(parent, fa.ps.pass.Fset).resolve(bound).Class
}

// private reports whether only this package's code can lock a lock of class
// c: a local allocation, or an unexported field of one of its types.
func (ps *passState) private(c Class) bool {
	if strings.HasPrefix(c.Key, "alloc:") {
		return true
	}
	field := c.Key[strings.LastIndex(c.Key, ".")+1:]
	return c.Pkg == ps.pkgPath && field != "" && !token.IsExported(field)
}

// withCause marks the finding reported last as a consequence of the
// finding numbered root (0: none).
func (ps *passState) withCause(root int) {
	if len(ps.findings) > 0 {
		ps.findings[len(ps.findings)-1].cause = root
	}
}

// emit applies suppressions and reports the findings, sorted and deduplicated.
//
// Findings that follow from one cause are one finding: a consequence (a
// finding with a cause, reported after its root) is not reported on its
// own when its root is. It joins the root's diagnostic as one more step of
// its chain (related information at the consequence's position), and a
// suppression of the root silences it with the root. Only when the root is
// not reported for another reason (its check is not enabled, its file is
// excluded) does the consequence stand alone.
func (ps *passState) emit() {
	ign := ps.directives()
	var diags []analysis.Diagnostic
	seen := make(map[string]int)        // position and message → index in diags
	diagOf := make(map[int]int)         // finding id → index in diags of its diagnostic
	silenced := make(map[int]bool)      // finding id → suppressed by a directive
	closedAt := make(map[token.Pos]int) // position → index in diags of a Closed check's diagnostic
	for _, f := range closedFirst(ps.findings) {
		if !f.pos.IsValid() {
			continue // a finding nobody could locate is no finding (synthetic code)
		}
		if i, ok := closedAt[f.pos]; ok && !f.check.Closed {
			diagOf[f.id] = i // the same wait, told by a claim on the whole package
			continue
		}
		if f.cause != 0 {
			if silenced[f.cause] {
				continue
			}
			if i, ok := diagOf[f.cause]; ok {
				diags[i].Related = append(diags[i].Related, analysis.RelatedInformation{Pos: f.pos, Message: f.message})
				diagOf[f.id] = i
				continue
			}
		}
		if ign.suppresses(ps.pass.Fset, f) || ps.dependencyOnly(f) || ps.inGenerated(f.pos) || offByTier(f.check.Name) {
			silenced[f.id] = true // and its consequences with it
			continue
		}
		if !enabled(f.check.Name) || excluded(ps.pass.Fset.Position(f.pos).Filename) {
			continue
		}
		d := analysis.Diagnostic{Pos: f.pos, Category: f.check.Name, Message: f.message, SuggestedFixes: f.fixes}
		at := f.pos
		seenRel := make(map[analysis.RelatedInformation]bool)
		for _, h := range f.hops {
			if p, ok := ps.tokenPos(h.Pos); ok && p == f.pos {
				at = p   // later hops in other packages hang off this call
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
		if i, ok := seen[k]; ok {
			diagOf[f.id] = i
			continue
		}
		seen[k] = len(diags)
		diagOf[f.id] = len(diags)
		if f.check.Closed {
			closedAt[f.pos] = len(diags)
		}
		diags = append(diags, d)
		ps.emitted = append(ps.emitted, f)
	}
	// By file name, line and column, not by token.Pos: a driver that parses
	// a package's files concurrently (go/packages) gives them bases in no
	// fixed order, and the order of the reports is the order of -json's
	// output.
	fset := ps.pass.Fset
	sort.SliceStable(diags, func(i, j int) bool {
		a, b := fset.Position(diags[i].Pos), fset.Position(diags[j].Pos)
		if a.Filename != b.Filename {
			return a.Filename < b.Filename
		}
		if a.Offset != b.Offset {
			return a.Offset < b.Offset
		}
		return diags[i].Message < diags[j].Message
	})
	for _, d := range diags {
		ps.pass.Report(d)
	}
}

// closedFirst puts the findings of Closed checks first, each part in the
// order it was found: emit then folds another check's finding at the same
// position into the Closed one, whatever the order the checks ran in.
// (Closed findings have no cause, so no consequence comes before its root.)
func closedFirst(in []finding) []finding {
	out := make([]finding, 0, len(in))
	for _, f := range in {
		if f.check.Closed {
			out = append(out, f)
		}
	}
	for _, f := range in {
		if !f.check.Closed {
			out = append(out, f)
		}
	}
	return out
}

// inGenerated reports whether pos is in a generated file (one with the
// "// Code generated ... DO NOT EDIT." comment): a finding there is one
// nobody can act on by editing the file, as golangci-lint and staticcheck
// assume too. The generator's input is where a fix would go, and that is
// not in sight. A file of a package that imports "C" is the one
// exception: the go command hands analyzers cmd/cgo's rewrite of the
// user's file, which carries that comment, and whose //line directives
// map its code back to the file the user wrote; a position that maps
// to another file is the user's code (the rewrite's own declarations,
// _cgo_gotypes.go's, map nowhere else and stay out).
func (ps *passState) inGenerated(pos token.Pos) bool {
	if ps.generated == nil {
		ps.generated = make(map[*token.File]generatedBy)
		for _, f := range ps.pass.Files {
			if ast.IsGenerated(f) {
				ps.generated[ps.pass.Fset.File(f.Pos())] = generatorOf(f)
			}
		}
	}
	tf := ps.pass.Fset.File(pos)
	switch ps.generated[tf] {
	case notGenerated:
		return false
	case byCgo:
		return ps.pass.Fset.Position(pos).Filename == tf.Name()
	}
	return true
}

// generatedBy says whether a file of the package is generated, and by
// cmd/cgo (see inGenerated).
type generatedBy uint8

const (
	notGenerated generatedBy = iota
	byGenerator
	byCgo
)

// generatorOf tells a generated file that cmd/cgo wrote (its
// generated-code comment names cmd/cgo) from another generator's.
func generatorOf(f *ast.File) generatedBy {
	for _, g := range f.Comments {
		if g.Pos() >= f.Package {
			break
		}
		if strings.Contains(g.Text(), "Code generated by cmd/cgo") {
			return byCgo
		}
	}
	return byGenerator
}

// dependencyOnly reports whether every step of the finding's chain is in
// another package: the cause is wholly a dependency's (its goroutine, its
// channel, its lock), and the call here that leads there is all this
// package supplies. Such a finding is the dependency's to fix, and would be
// reported when its own code is vetted; repeated at each call site here it
// is noise the user cannot act on (one imprecise summary of a dependency
// becomes a finding at every call).
func (ps *passState) dependencyOnly(f finding) bool {
	if len(f.hops) == 0 || f.ownMake {
		return false
	}
	for _, h := range f.hops {
		if _, ok := ps.tokenPos(h.Pos); ok || !h.Pos.IsValid() {
			return false
		}
	}
	return true
}

// related renders one hop. A hop in another package's file cannot be given a
// position in this pass, so it is attached to the position of the hop before
// it (the call that leads there) and names its own file and line.
func (ps *passState) related(at token.Pos, h Hop) analysis.RelatedInformation {
	text := strings.TrimPrefix(ps.unqualify(h.Func)+" "+ps.unqualify(h.What), " ")
	if pos, ok := ps.tokenPos(h.Pos); ok {
		return analysis.RelatedInformation{Pos: pos, Message: text}
	}
	if h.Pos.IsValid() {
		text = posString(h.Pos) + ": " + text
	}
	return analysis.RelatedInformation{Pos: at, Message: text}
}

// unqualify drops this package's own name from qualified names in s: its
// declared name, and the name Class.show guesses from its path where the
// two differ (package main: "(*example.com/tool.Server).mu" is shown as
// "(*tool.Server).mu" in chains, which say it before they know the name).
func (ps *passState) unqualify(s string) string {
	for _, name := range []string{ps.pkgName, pkgName(ps.pkgPath)} {
		q := name + "."
		s = strings.ReplaceAll(s, "(*"+q, "(*")
		s = strings.ReplaceAll(s, " "+q, " ")
		s = strings.TrimPrefix(s, q)
		if pkgName(ps.pkgPath) == ps.pkgName {
			break
		}
	}
	return s
}
