package analyzer

import (
	"github.com/awaitvet/awaitvet/callgraph"
	"golang.org/x/tools/go/ssa"
)

// reaching returns the functions of this package the graph draws: those
// whose summary shows something, and those that call or start one of them,
// directly or through other functions of the package.
//
// A summary keeps only what its callers can name: a callee's wait on a
// package-level channel, or on a channel the callee makes itself, is not
// the caller's business and leaves the caller's summary empty. The chain
// from a root down to that wait (job → foo → bar → baz → leaf, leaf
// receiving from a package-level channel) is still what a reader of the
// graph needs, so reachability, not the summary, decides which calls are
// drawn. Dependencies are not followed (their bodies are not here): a
// dependency function is drawn when its summary shows something, as before.
func (b *graphBuilder) reaching() map[*ssa.Function]bool {
	if b.reach != nil {
		return b.reach
	}
	fns := b.ps.graph.Funcs()
	reach := make(map[*ssa.Function]bool)
	for _, fn := range fns {
		if !b.ps.sums[fn].empty() {
			reach[fn] = true
		}
	}
	for changed := true; changed; {
		changed = false
		for _, fn := range fns {
			if reach[fn] {
				continue
			}
			for _, site := range b.ps.graph.Sites(fn) {
				callees := site.Callees
				if site.Kind != callgraph.Go && spawnerSite(site) {
					callees = site.FuncArgs[1]
				}
				for _, c := range callees {
					if reach[c] && b.ps.graph.Contains(c) {
						reach[fn], changed = true, true
						break
					}
				}
				if reach[fn] {
					break
				}
			}
		}
	}
	b.reach = reach
	return reach
}

// shows reports whether the graph draws fn: a function of this package
// that reaches something to show (see reaching), or another package's
// function whose summary shows something.
func (b *graphBuilder) shows(fn *ssa.Function) bool {
	if b.ps.graph.Contains(fn) {
		return b.reaching()[fn]
	}
	return !b.ps.summary(fn).empty()
}
