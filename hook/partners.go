package hook

import (
	"slices"
	"strings"
)

// staticWaits maps the blocking frame to the static graph: the resources
// waited on there, their partner functions, and the live goroutines that
// sit in or can still reach those functions.
func (a *analysis) staticWaits(g *Goroutine, inner Frame) []Wait {
	var ws []Wait
	for _, e := range a.static.waitEdges(inner, g.State) {
		op := opOf(e)
		if !compatible(g.State, op, strings.HasSuffix(e.Label, "(select)")) {
			continue
		}
		w := Wait{Resource: a.static.resource(e.To), Op: op, Known: true}
		pfs, locks := a.static.partnerFuncs(e)
		if locks {
			w.Known = false // a function that locks need not hold the lock now
		}
		for _, pf := range pfs {
			w.Funcs = append(w.Funcs, pf.rel+" "+a.static.resource(pf.id).Name)
			w.hubs = append(w.hubs, a.hubFor(pf, locks))
		}
		slices.Sort(w.Funcs)
		w.Funcs = slices.Compact(w.Funcs)
		ws = append(ws, w)
	}
	return ws
}

// A hub is the list of live goroutines that could release what a partner
// function releases: every goroutine waiting at a site with that partner
// shares it, so that ten thousand goroutines blocked alike cost one list,
// not ten thousand (the waiter itself is skipped where it is used).
type hub struct {
	partners []Partner
	index    map[uint64]int // goroutine → its place in partners
}

// hubFor lists the live goroutines that sit in pf or, unless pf is a lock
// holder (who must already be in it), can still reach it. A goroutine
// whose future the dump does not show — started but not yet running its
// function, when that function is not in the graph (the wrapper of
// WaitGroup.Go), or whose stack was unavailable — may do anything, and so
// counts too: a leak is claimed only when nothing could release it.
func (a *analysis) hubFor(pf partnerFunc, locks bool) *hub {
	key := pf
	key.pos = nil
	if locks {
		key.rel += "\x00locks"
	}
	if h, ok := a.hubs[key]; ok {
		return h
	}
	h := &hub{index: make(map[uint64]int)}
	for _, o := range a.all {
		if o.ID == a.snap.Self {
			continue // the snapshot's taker is busy taking it
		}
		if p, ok := a.candidate(o, pf, locks); ok {
			h.index[o.ID] = len(h.partners)
			h.partners = append(h.partners, p)
		}
	}
	if a.hubs == nil {
		a.hubs = make(map[partnerFunc]*hub)
	}
	a.hubs[key] = h
	return h
}

func (a *analysis) candidate(o *Goroutine, pf partnerFunc, locks bool) (Partner, bool) {
	p := Partner{G: o.ID, Rel: pf.rel, Kind: pf.kind, Func: a.static.resource(pf.id).Name}
	if o.Unavailable {
		p.Site = "stack unavailable"
		return p, !locks
	}
	if !o.Blocked() && len(o.Frames) == 1 && o.State == "runnable" {
		// Not started: it will run its whole function.
		f := o.Frames[0]
		fid := a.static.funcID(f.Func)
		p.Site = f.Pos()
		return p, !locks && (fid == "" || a.static.aheadOf(fid, 0, pf.id))
	}
	for _, f := range o.Frames {
		fid := a.static.funcID(f.Func)
		if fid == "" {
			continue
		}
		if fid == pf.id || !locks && a.static.aheadOf(fid, f.Line, pf.id) {
			p.Site = f.Pos()
			return p, true
		}
	}
	return p, false
}
