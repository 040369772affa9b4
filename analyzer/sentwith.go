package analyzer

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

// sentOnEvery returns the classes of the channels this function's own
// sends reach on every path to each of the exits: sends whose block (or,
// for a select's send case, whose case body) dominates the exit's block.
func (fa *fnAnalysis) sentOnEvery(exits []exitState) []string {
	var out []string
	for i, x := range exits {
		var here []string
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
				here = append(here, c.Ref.Class.Key)
			}
		}
		if i == 0 {
			out = here
			continue
		}
		out = intersect(out, here)
	}
	return out
}

// intersect returns the elements of a that are in b.
func intersect(a, b []string) []string {
	var out []string
	for _, x := range a {
		for _, y := range b {
			if x == y {
				out = append(out, x)
				break
			}
		}
	}
	return out
}

// receiversRelease maps the class of each channel some function of the
// package receives from to the lock classes that function releases
// without having acquired them.
func (ps *passState) receiversRelease() map[string]map[string]bool {
	out := make(map[string]map[string]bool)
	for fn, s := range ps.sums {
		if s == nil || len(s.Releases) == 0 || fn.Pkg == nil || fn.Pkg.Pkg != ps.pass.Pkg {
			continue
		}
		for _, c := range s.Chans {
			if c.Kind != OpRecv || !c.Ref.Class.known() {
				continue
			}
			for _, r := range s.Releases {
				if !r.Class.known() {
					continue
				}
				if out[c.Ref.Class.Key] == nil {
					out[c.Ref.Class.Key] = make(map[string]bool)
				}
				out[c.Ref.Class.Key][r.Class.Key] = true
			}
		}
	}
	return out
}
