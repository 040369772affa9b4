package hook

import (
	"fmt"
	"time"
)

// The watchdog takes a cheap snapshot (no leak-profile GC) every interval
// and remembers since when each goroutine has been blocked at the same
// place. The runtime only prints whole minutes, so for shorter thresholds
// that memory is the clock: a goroutine seen blocked at the same line in
// consecutive snapshots is assumed to have been blocked all along. Each
// goroutine is reported once per place it blocks at, and reports are at
// least RateLimit apart, so a hung server does not flood its log.

type watchKey struct {
	g     uint64
	state string
	site  string
}

func keyOf(g *Goroutine) watchKey {
	k := watchKey{g: g.ID, state: g.State}
	if len(g.Frames) > 0 {
		k.site = g.Frames[0].Func + "@" + g.Frames[0].Pos()
	}
	return k
}

type watchdog struct {
	c         *config
	since     map[watchKey]time.Time
	reported  map[watchKey]bool
	lastWrite time.Time
}

func (c *config) watch(done <-chan struct{}, now func() time.Time) {
	interval := c.interval
	if interval <= 0 {
		interval = max(c.threshold/4, 100*time.Millisecond)
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	w := &watchdog{c: c, since: make(map[watchKey]time.Time), reported: make(map[watchKey]bool)}
	for {
		select {
		case <-done:
			return
		case <-t.C:
			if r := w.check(Take(false), now()); r != nil {
				c.write(r, fmt.Sprintf("goroutines blocked longer than %v", c.threshold))
			}
		}
	}
}

// check updates the clocks from a snapshot and returns the report of the
// chains that became due, or nil.
func (w *watchdog) check(s *Snapshot, now time.Time) *Report {
	full := w.c.analyze(s)
	byID := make(map[uint64]*Goroutine, len(s.Goroutines))
	for _, g := range s.Goroutines {
		byID[g.ID] = g
	}
	current := make(map[watchKey]bool)
	var due []*Chain
	dueIDs := make(map[uint64]bool)
	for _, ch := range full.Chains {
		isDue := false
		longest := time.Duration(0)
		for _, id := range append([]uint64{ch.G.ID}, ch.Same...) {
			g := byID[id]
			if g == nil {
				continue
			}
			k := keyOf(g)
			current[k] = true
			first, ok := w.since[k]
			if !ok {
				first = now
			}
			if m := time.Duration(g.Minutes) * time.Minute; now.Add(-m).Before(first) {
				first = now.Add(-m)
			}
			w.since[k] = first
			if now.Sub(first) >= w.c.threshold && !w.reported[k] {
				isDue = true
			}
			longest = max(longest, now.Sub(first))
		}
		if isDue {
			ch.For = longest
			due = append(due, ch)
		}
	}
	for k := range w.since {
		if !current[k] {
			delete(w.since, k)
			delete(w.reported, k)
		}
	}
	if len(due) == 0 || now.Sub(w.lastWrite) < w.c.rate {
		return nil
	}
	w.lastWrite = now
	r := &Report{Time: full.Time, Goroutines: full.Goroutines, Notes: full.Notes, Chains: due}
	for _, ch := range due {
		for _, id := range append([]uint64{ch.G.ID}, ch.Same...) {
			dueIDs[id] = true
			if g := byID[id]; g != nil {
				w.reported[keyOf(g)] = true
			}
		}
	}
	for _, cy := range full.Cycles {
		for _, st := range cy.Steps {
			if dueIDs[st.G] {
				r.Cycles = append(r.Cycles, cy)
				break
			}
		}
	}
	return r
}
