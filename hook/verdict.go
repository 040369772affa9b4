package hook

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// verdicts decides each chain's verdict and returns the cycles.
//
// A goroutine is stuck when every goroutine that could release what it
// waits on is itself stuck: the largest set with that property is found by
// starting from every goroutine whose partners are all known and removing
// those with a partner outside the set, and then, in turn, those that
// counted on a removed one, until nothing changes. A static candidate list
// (a hub) shared by many waiters is followed as one node, so the work is
// the number of goroutines plus the length of the lists, not their product.
// Within the stuck set, strongly connected components are deadlocks; the
// rest leak (no partner at all) or are stuck behind one that does.
func verdicts(chains []*Chain) []Cycle {
	d := newDeps(chains)
	d.fixpoint()
	cycles, dead := d.cycles()
	// Deadlocks and leaks first, so that stuck chains can say what they
	// are stuck behind.
	for i, c := range chains {
		d.decide(c, d.in[i], dead[c.G.ID])
	}
	for _, c := range chains {
		if c.Verdict == Stuck && c.Why == "" {
			c.Why = d.stuckWhy(c)
		}
	}
	return cycles
}

// deps is the wait-for graph between chains, and the stuck set.
type deps struct {
	chains   []*Chain
	idx      map[uint64]int // goroutine → chain
	in       []bool         // in the stuck set
	hubsOf   [][]*hub       // the hubs chain i counts on
	memberOf map[int][]*hub // the hubs chain i is a member of
	users    map[*hub][]int // the chains that count on a hub
	counting map[int][]int  // chain j → the chains with j as a recorded partner
	outside  map[*hub]int   // members of a hub not in the stuck set
}

func newDeps(chains []*Chain) *deps {
	d := &deps{
		chains: chains, idx: make(map[uint64]int, len(chains)), in: make([]bool, len(chains)),
		hubsOf: make([][]*hub, len(chains)), memberOf: make(map[int][]*hub),
		users: make(map[*hub][]int), counting: make(map[int][]int), outside: make(map[*hub]int),
	}
	for i, c := range chains {
		d.idx[c.G.ID] = i
		d.in[i] = c.G.Leaked || c.G.Asleep || allKnown(c)
	}
	for i, c := range chains {
		for _, w := range c.Waits {
			for _, p := range w.explicit {
				if j, ok := d.idx[p.G]; ok && !p.Gone {
					d.counting[j] = append(d.counting[j], i)
				}
			}
			for _, h := range w.hubs {
				d.hubsOf[i] = append(d.hubsOf[i], h)
				if _, seen := d.users[h]; !seen {
					for _, p := range h.partners {
						j, ok := d.idx[p.G]
						if !ok || !d.in[j] {
							d.outside[h]++ // running, or not known to be stuck
						}
						if ok {
							d.memberOf[j] = append(d.memberOf[j], h)
						}
					}
				}
				d.users[h] = append(d.users[h], i)
			}
		}
	}
	return d
}

// fixpoint shrinks the stuck set.
func (d *deps) fixpoint() {
	var queue []int
	remove := func(i int) {
		if d.in[i] && !d.chains[i].G.Leaked && !d.chains[i].G.Asleep {
			d.in[i] = false
			queue = append(queue, i)
		}
	}
	for i := range d.chains {
		if d.in[i] && d.canBeReleased(i) {
			remove(i)
		}
	}
	for len(queue) > 0 {
		j := queue[0]
		queue = queue[1:]
		for _, h := range d.memberOf[j] {
			d.outside[h]++
			if d.outside[h] == 1 {
				for _, i := range d.users[h] {
					remove(i)
				}
			}
		}
		for _, i := range d.counting[j] {
			remove(i)
		}
	}
}

// canBeReleased says chain i has a partner outside the stuck set. A
// waiter that is a member of its own hub is in the set while it is being
// asked about, so the hub's count does not include it.
func (d *deps) canBeReleased(i int) bool {
	for _, w := range d.chains[i].Waits {
		for _, p := range w.explicit {
			if j, ok := d.idx[p.G]; !p.Gone && (!ok || !d.in[j]) {
				return true
			}
		}
	}
	for _, h := range d.hubsOf[i] {
		if d.outside[h] > 0 {
			return true
		}
	}
	return false
}

func allKnown(c *Chain) bool {
	for _, w := range c.Waits {
		if !w.Known && !w.Forever {
			return false
		}
	}
	return len(c.Waits) > 0
}

func (d *deps) decide(c *Chain, stuck, dead bool) {
	self := c.G.ID
	hasPartner := false
	for i := range c.Waits {
		if !c.Waits[i].eachPartner(self, func(Partner) bool { return false }) {
			hasPartner = true
		}
	}
	switch {
	case dead:
		c.Verdict, c.Why = Deadlock, "on a deadlock cycle (above)"
	case stuck && !hasPartner && c.G.Asleep && !allKnown(c):
		// The runtime proved that nothing runs; what could release this
		// one, and so whether it is a leak or part of a cycle, is unknown.
		c.Verdict, c.Why = Stuck, asleepWhy
	case stuck && !hasPartner:
		c.Verdict, c.Why = Leak, leakWhy(c)
	case stuck:
		c.Verdict = Stuck
	case hasPartner:
		c.Verdict = Waiting
		ids, more := d.partnerIDs(c, func(j int, ok bool) bool { return !ok || !d.in[j] })
		c.Why = ids + more + " can release it"
		if ids == "" {
			// Every partner known is stuck, but the partners are not all
			// known (a lock's holder is a guess): neither waiting nor stuck.
			ids, more = d.partnerIDs(c, func(int, bool) bool { return true })
			c.Verdict, c.Why = Blocked, "the partners known, "+ids+more+", are stuck; others may exist"
		}
	default:
		c.Verdict, c.Why = Blocked, "no partner known"
		if c.G.Minutes > 0 {
			c.Why = fmt.Sprintf("no partner known, blocked for %d minutes", c.G.Minutes)
		}
	}
	if c.G.Leaked && c.Verdict == Deadlock {
		c.Why += "; the runtime's goroutineleak profile proves it leaked"
	} else if c.G.Leaked {
		why := "the runtime's goroutineleak profile proves it leaked"
		if c.Verdict == Leak {
			why += "; " + c.Why
		}
		c.Verdict, c.Why = Leak, why
	}
}

// asleepWhy explains a goroutine the runtime proved asleep when nothing
// says what could release it.
const asleepWhy = "the runtime found all goroutines asleep, so whatever could release it is stuck too; which goroutine that is, is unknown"

// partnerIDs names up to five of c's partners that pass keep (given their
// chain's index, if they have one), "goroutine 12 (leak), goroutine 13",
// and says how many more there are.
func (d *deps) partnerIDs(c *Chain, keep func(j int, ok bool) bool) (string, string) {
	const shown = 5
	seen := make(map[uint64]bool)
	var ids []string
	extra := 0
	for i := range c.Waits {
		c.Waits[i].eachPartner(c.G.ID, func(p Partner) bool {
			j, ok := d.idx[p.G]
			if seen[p.G] || !keep(j, ok) {
				return true
			}
			seen[p.G] = true
			if len(ids) == shown {
				extra++
				return true
			}
			s := fmt.Sprintf("goroutine %d", p.G)
			if ok && d.chains[j].Verdict != Stuck && d.chains[j].Verdict != Waiting {
				s += " (" + d.chains[j].Verdict.String() + ")"
			}
			ids = append(ids, s)
			return true
		})
	}
	slices.Sort(ids)
	more := ""
	if extra > 0 {
		more = fmt.Sprintf(" and %d more", extra)
	}
	return strings.Join(ids, ", "), more
}

// stuckWhy names the stuck goroutines that alone could release c's.
func (d *deps) stuckWhy(c *Chain) string {
	ids, more := d.partnerIDs(c, func(int, bool) bool { return true })
	they := "it is"
	if strings.Contains(ids, ",") || more != "" {
		they = "they are"
	}
	return "only " + ids + more + " could release it, and " + they + " stuck"
}

// leakWhy says why nothing can release the goroutine.
func leakWhy(c *Chain) string {
	for _, w := range c.Waits {
		switch {
		case w.Forever && c.G.State == "select (no cases)":
			return "select {} never returns"
		case w.Forever:
			return strings.Replace(c.G.State, " (nil chan)", " on a nil channel", 1) + ": nothing can ever release it"
		case w.Precise:
			for _, p := range w.explicit {
				if p.Gone {
					return fmt.Sprintf("%s by goroutine %d, which has exited without unlocking it", p.Rel, p.G)
				}
			}
		case len(w.Funcs) == 0:
			return "nothing in the static graph can release it"
		}
	}
	what := "release it"
	if len(c.Waits) > 0 {
		switch c.Waits[0].Op {
		case "recv", "range":
			what = "send on or close it"
		case "send":
			what = "receive from it"
		case "wait":
			what = "count it down or signal it"
		}
	}
	return "no live goroutine can " + what
}

// fold merges goroutines with identical chains (a thousand workers leaked
// at the same line read as one chain), then sorts: worst verdict first.
func fold(chains []*Chain) []*Chain {
	byKey := make(map[string]*Chain)
	var out []*Chain
	for _, c := range chains {
		if c.Verdict == Deadlock {
			out = append(out, c)
			continue
		}
		k := chainKey(c)
		if first, ok := byKey[k]; ok {
			first.Same = append(first.Same, c.G.ID)
			continue
		}
		byKey[k] = c
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b *Chain) int {
		return cmp.Or(cmp.Compare(b.Verdict, a.Verdict), cmp.Compare(a.G.ID, b.G.ID))
	})
	for _, c := range out {
		slices.Sort(c.Same)
	}
	return out
}

func chainKey(c *Chain) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d|%s|%s|%t|", c.Verdict, c.G.State, c.Call, c.G.Leaked)
	for _, f := range c.Frames {
		fmt.Fprintf(&b, "%s@%s;", f.Func, f.Pos())
	}
	for _, w := range c.Waits {
		id := w.Resource.ID
		if strings.HasPrefix(id, "unknown:") || strings.HasPrefix(id, "nothing:") {
			id = w.Resource.Name // one per goroutine: the site says more
		}
		fmt.Fprintf(&b, "|%s %s", id, w.Op)
	}
	if c.G.CreatedBy != nil {
		b.WriteString("|" + c.G.CreatedBy.Func + "@" + c.G.CreatedBy.Pos())
	}
	return b.String()
}
