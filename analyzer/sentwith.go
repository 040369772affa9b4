package analyzer

import (
	"maps"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// Locks handed to another goroutine with a message.
//
// A submitter may take a lock and send the work on a channel, leaving the
// lock held when it returns for the worker that receives the work to
// release it: `e.mu.RLock(); select { case e.incoming <- req: return; case
// <-ctx.Done(): e.mu.RUnlock() }`, with the worker ranging over e.incoming
// and calling a function that does `defer e.mu.RUnlock()`. Which goroutine
// releases the lock follows the message, not the function, so a return
// that has sent such a message on its way out keeps nothing the package
// forgets. The rule: every path that returns with the lock held has sent
// on a channel (a plain send, or a select's send case whose body leads to
// the return), and some function of the package receives from a channel
// of that class and releases a lock of the lock's class (see
// dropSentWith); the classes are the static identities of the channel
// field and the lock field.

// sentBefore returns the classes of the channels this function's own
// sends reach on every path to the exit x: sends whose block (or, for a
// select's send case, whose case body) dominates the block of x's return.
func (fa *fnAnalysis) sentBefore(x exitState) []string {
	if x.ret == nil {
		return nil
	}
	var out []string
	for _, c := range fa.sum.Chans {
		if c.Kind != OpSend || len(c.Chain) != 1 || c.NonBlocking || c.block == nil || !c.Ref.Class.known() {
			continue
		}
		at := c.block
		if c.Alt {
			sel, j := fa.ps.selectCaseAt(fa.fn, c.Chain[0].Pos)
			if sel == nil {
				continue
			}
			iff := caseBranch(sel, j)
			if iff == nil {
				continue
			}
			at = iff.Block().Succs[0]
		}
		if at.Dominates(x.ret.Block()) {
			out = append(out, c.Ref.Class.Key)
		}
	}
	return out
}

// receiversRelease maps the class of each channel some function of the
// package receives from to the lock classes released, without having
// been acquired, by that function or by what it runs: its callees, the
// functions it passes to them, its closures and the goroutines it starts,
// transitively (a worker that runs each chain it receives in a closure
// under a panic handler, or in a goroutine of its own).
func (ps *passState) receiversRelease() map[string]map[string]bool {
	out := make(map[string]map[string]bool)
	for _, fn := range ps.graph.Funcs() {
		s := ps.sums[fn]
		if s == nil {
			continue
		}
		var rel []string // what fn runs releases, made at its first receive
		walked := false
		for _, c := range s.Chans {
			if c.Kind != OpRecv || !c.Ref.Class.known() {
				continue
			}
			if !walked {
				rel, walked = ps.releasesUnder(fn), true
			}
			for _, l := range rel {
				if out[c.Ref.Class.Key] == nil {
					out[c.Ref.Class.Key] = make(map[string]bool)
				}
				out[c.Ref.Class.Key][l] = true
			}
		}
	}
	return out
}

// maxReleaseReach bounds the functions releasesUnder visits.
const maxReleaseReach = 64

// releasesUnder returns the classes of the locks released without having
// been acquired by fn or by the functions of the package it runs.
func (ps *passState) releasesUnder(fn *ssa.Function) []string {
	var out []string
	seen := map[*ssa.Function]bool{fn: true}
	work := []*ssa.Function{fn}
	for len(work) > 0 && len(seen) <= maxReleaseReach {
		f := work[0]
		work = work[1:]
		if s := ps.sums[f]; s != nil {
			for _, r := range s.Releases {
				if r.Class.known() {
					out = append(out, r.Class.Key)
				}
			}
		}
		next := slices.Clone(f.AnonFuncs)
		for _, site := range ps.graph.Sites(f) {
			next = append(next, site.Callees...)
			for _, i := range slices.Sorted(maps.Keys(site.FuncArgs)) {
				next = append(next, site.FuncArgs[i]...)
			}
		}
		for _, g := range next {
			if !seen[g] && ps.graph.Contains(g) {
				seen[g] = true
				work = append(work, g)
			}
		}
	}
	return out
}
