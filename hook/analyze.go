package hook

import (
	"fmt"
	"strings"
	"time"

	"github.com/awaitvet/awaitvet/report"
)

// A Report is what Analyze makes of a snapshot.
type Report struct {
	Time       time.Time
	Goroutines int // in the snapshot, filters applied
	// Cycles are the deadlocks: goroutines each waiting for the next.
	Cycles []Cycle
	// Chains has one entry per blocked goroutine (identical chains folded),
	// deadlocks first, then leaks, stuck, blocked and waiting ones.
	Chains []*Chain
	// Notes say what the analysis could not use, for the reader.
	Notes []string
}

// A Cycle is a deadlock: each step's goroutine waits on its resource,
// which the next step's goroutine (the first's, for the last) holds or
// alone could release.
type Cycle struct{ Steps []Step }

// A Step is one hop of a cycle.
type Step struct {
	G        uint64
	Resource Resource
	Rel      string // how the next goroutine relates to Resource: "held by", "received by"...
}

// Problems returns the chains that are stuck, leaked or deadlocked.
func (r *Report) Problems() []*Chain {
	var out []*Chain
	for _, c := range r.Chains {
		if c.Verdict.Problem() {
			out = append(out, c)
		}
	}
	return out
}

// Analyze builds the chains of the snapshot's blocked goroutines, links
// them to their partners, and finds the cycles and leaks.
func Analyze(s *Snapshot, opts ...Option) *Report {
	return newConfig(opts).analyze(s)
}

type analysis struct {
	snap   *Snapshot
	all    []*Goroutine
	byID   map[uint64]*Goroutine
	static *staticIndex
	locks  map[uint64]lockWait // by waiting goroutine
	hubs   map[partnerFunc]*hub
}

type lockWait struct {
	st   *LockState
	mode string
}

func (c *config) analyze(s *Snapshot) *Report {
	// The analysis looks at every goroutine, for any of them may hold or
	// release what the others wait on; the report shows the snapshot's
	// (a filtered snapshot keeps the others out of sight, not out of mind).
	all := s.universe()
	a := &analysis{snap: s, all: all, byID: make(map[uint64]*Goroutine, len(all)), locks: make(map[uint64]lockWait)}
	r := &Report{Time: s.Time, Goroutines: len(s.Goroutines)}
	st, err := c.staticGraph()
	if err != nil {
		r.Notes = append(r.Notes, "static graph not used: "+err.Error())
	}
	a.static = newStatic(st)
	if s.Truncated {
		r.Notes = append(r.Notes, "the dump was truncated: some goroutines are missing")
	}
	for _, g := range all {
		a.byID[g.ID] = g
	}
	shown := make(map[uint64]bool, len(s.Goroutines))
	for _, g := range s.Goroutines {
		shown[g.ID] = true
	}
	for i := range s.Locks {
		for _, w := range s.Locks[i].Waiters {
			a.locks[w.G] = lockWait{&s.Locks[i], w.Mode}
		}
	}
	var chains []*Chain
	for _, g := range all {
		if g.ID == s.Self || c.ignored(g) || own(g) {
			continue
		}
		if g.Blocked() || g.Leaked {
			chains = append(chains, a.chain(g))
		} else if c.everything && shown[g.ID] {
			ch := &Chain{G: g, Ancestry: ancestry(g, a.byID)}
			ch.Frames, ch.Call = split(g)
			chains = append(chains, ch)
		}
	}
	cycles := verdicts(chains)
	tellApart(chains, cycles, shown)
	a.describePartners(chains)
	var mine []*Chain
	for _, ch := range chains {
		if !ch.G.Blocked() && !ch.G.Leaked {
			ch.Verdict, ch.Why = Blocked, leftText(ch.G)
		}
		if shown[ch.G.ID] {
			for i := range ch.Waits {
				ch.Waits[i].list(ch.G.ID)
			}
			mine = append(mine, ch)
		}
	}
	for _, cy := range cycles {
		if cycleShown(cy, shown) {
			r.Cycles = append(r.Cycles, cy)
		}
	}
	r.Chains = fold(mine)
	return r
}

// describePartners says what each partner is doing: "held by goroutine
// 12 since x.go:40, which waits on chan y".
func (a *analysis) describePartners(chains []*Chain) {
	byID := make(map[uint64]*Chain, len(chains))
	for _, c := range chains {
		byID[c.G.ID] = c
	}
	describe := func(p *Partner) {
		switch o := byID[p.G]; {
		case p.Gone:
		case o != nil && o.G.Blocked() && len(o.Waits) > 0:
			p.Doing = "waits on " + o.Waits[0].Resource.String()
		case a.byID[p.G] != nil:
			p.Doing = a.byID[p.G].State
		}
	}
	for _, c := range chains {
		for i := range c.Waits {
			for j := range c.Waits[i].explicit {
				describe(&c.Waits[i].explicit[j])
			}
		}
	}
	for _, h := range a.hubs {
		for j := range h.partners {
			describe(&h.partners[j])
		}
	}
}

// own reports the hook's own goroutines (signal loop, watchdog).
func own(g *Goroutine) bool {
	if g.CreatedBy != nil && strings.HasPrefix(g.CreatedBy.Func, selfPkg+".") {
		return true
	}
	n := len(g.Frames)
	return n > 0 && (strings.HasPrefix(g.Frames[n-1].Func, selfPkg+".Install") || strings.HasPrefix(g.Frames[n-1].Func, selfPkg+".(*config)"))
}

func (a *analysis) chain(g *Goroutine) *Chain {
	ch := &Chain{G: g, Ancestry: ancestry(g, a.byID)}
	ch.Frames, ch.Call = split(g)
	var inner *Frame
	if n := len(ch.Frames); n > 0 && !library(ch.Frames[n-1]) {
		inner = &ch.Frames[n-1]
	}
	ch.Waits = a.waits(g, inner)
	return ch
}

// waits finds what g waits on: from the lock side table, from the wait
// reason alone, from the static graph, or from the address the runtime
// printed, in that order of precision.
func (a *analysis) waits(g *Goroutine, inner *Frame) []Wait {
	// name is what the source line calls the operand, if it can be read.
	name := func(op, fallback string) string {
		if inner != nil {
			if n := operandAt(*inner, op); n != "" {
				return n
			}
		}
		return fallback
	}
	if lw, ok := a.locks[g.ID]; ok && strings.HasPrefix(g.State, "sync.") {
		w := a.preciseWait(g, lw)
		w.Resource.Name = name(lw.mode, w.Resource.Name)
		if inner != nil && a.static != nil {
			for _, e := range a.static.waitEdges(*inner, g.State) {
				if opOf(e) == lw.mode {
					res := a.static.resource(e.To)
					w.Resource.Name, w.Resource.Pos = res.Name, res.Pos
				}
			}
		}
		return []Wait{w}
	}
	if w, ok := a.harnessWait(g); ok {
		return []Wait{w}
	}
	if g.forever() {
		res := Resource{ID: fmt.Sprintf("nothing:goroutine:%d", g.ID), Kind: report.Chan, Name: "nil"}
		if g.State == "select (no cases)" {
			res.Kind, res.Name = "", "select {}"
		}
		return []Wait{{Resource: res, Op: opOfState(g.State), Forever: true}}
	}
	if inner != nil && a.static != nil {
		if ws := a.staticWaits(g, *inner); len(ws) > 0 {
			return ws
		}
	}
	op := opOfState(g.State)
	kind, addr := waitAddress(g)
	if addr != 0 {
		return []Wait{{Resource: Resource{ID: fmt.Sprintf("%s:%#x", kind, addr), Kind: kind, Name: name(op, fmt.Sprintf("%#x", addr))}, Op: op}}
	}
	kind = ""
	if strings.HasPrefix(g.State, "chan") || g.State == "select" {
		kind = report.Chan
	}
	where := "(unnamed)"
	if inner != nil {
		where = fmt.Sprintf("(unnamed, at %s:%d)", baseName(inner.File), inner.Line)
	}
	return []Wait{{Resource: Resource{ID: fmt.Sprintf("unknown:goroutine:%d", g.ID), Kind: kind, Name: name(op, where)}, Op: op}}
}

// preciseWait links a goroutine blocked on a Mutex or RWMutex to the
// holders the lock recorded.
func (a *analysis) preciseWait(g *Goroutine, lw lockWait) Wait {
	st := lw.st
	name := "hook.Mutex"
	if st.Kind == report.RWMutex {
		name = "hook.RWMutex"
	}
	w := Wait{
		Resource: Resource{ID: fmt.Sprintf("%s:%#x", st.Kind, st.Addr), Kind: st.Kind, Name: fmt.Sprintf("%s at %#x", name, st.Addr)},
		Op:       lw.mode, Known: true, Precise: true,
	}
	add := func(h Holder, rel string) {
		p := Partner{G: h.G, Rel: rel, Kind: report.HeldBy, Func: h.Func, Site: h.Site()}
		p.Gone = a.byID[h.G] == nil
		w.explicit = append(w.explicit, p)
	}
	if st.Writer != nil {
		add(*st.Writer, "held by")
	}
	switch lw.mode {
	case "lock":
		for _, r := range st.Readers {
			add(r, "read-held by")
		}
		if st.MoreReaders > 0 {
			w.Known = false // readers we cannot name
		}
	case "rlock":
		// A reader queues behind any writer waiting: sync.RWMutex lets no
		// new reader in while a writer waits, which is how a recursive
		// read lock deadlocks.
		for _, o := range st.Waiters {
			if o.Mode == "lock" && o.G != g.ID {
				add(Holder{G: o.G}, "queued behind writer")
			}
		}
	}
	if len(w.explicit) == 0 {
		w.Known = false // released between the dump and the look at the lock
	}
	return w
}
