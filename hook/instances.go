package hook

import "strings"

// Names come from the source line or the static graph, which name a class
// of resources, not one: the two accounts of a transfer each wait on their
// "to.mu". When distinct resources would read the same in one report, the
// instance is added to the name of those whose address is known (a Mutex
// or RWMutex of this package, or an address the runtime printed):
// "to.mu@0xc000012340". Names nothing else reads alike are left alone.

// tellApart renames, in every chain and cycle, the resources that would
// read alike in the report of the shown goroutines: what they wait on,
// what the partners listed for them wait on, and the cycles through them.
// It runs before the partners are described, which use the names.
func tellApart(chains []*Chain, cycles []Cycle, shown map[uint64]bool) {
	byG := make(map[uint64]*Chain, len(chains))
	for _, c := range chains {
		byG[c.G.ID] = c
	}
	type named struct{ id, text string }
	ids := make(map[string]map[string]bool) // what a resource reads as → the IDs that read so
	see := func(r Resource) {
		text := r.String()
		if ids[text] == nil {
			ids[text] = make(map[string]bool)
		}
		ids[text][r.ID] = true
	}
	partner := func(p Partner) {
		if o := byG[p.G]; o != nil && !p.Gone && o.G.Blocked() && len(o.Waits) > 0 {
			see(o.Waits[0].Resource)
		}
	}
	for _, c := range chains {
		if !shown[c.G.ID] {
			continue
		}
		for _, w := range c.Waits {
			see(w.Resource)
			for _, p := range w.explicit {
				partner(p)
			}
			for _, h := range w.hubs {
				for _, p := range h.partners {
					partner(p)
				}
			}
		}
	}
	for _, cy := range cycles {
		if cycleShown(cy, shown) {
			for _, s := range cy.Steps {
				see(s.Resource)
			}
		}
	}
	rename := make(map[named]bool)
	for text, set := range ids {
		if len(set) < 2 {
			continue
		}
		for id := range set {
			if instance(id) != "" {
				rename[named{id, text}] = true
			}
		}
	}
	if len(rename) == 0 {
		return
	}
	apply := func(r *Resource) {
		if rename[named{r.ID, r.String()}] {
			r.Name += "@" + instance(r.ID)
		}
	}
	for _, c := range chains {
		for i := range c.Waits {
			apply(&c.Waits[i].Resource)
		}
	}
	for _, cy := range cycles {
		for i := range cy.Steps {
			apply(&cy.Steps[i].Resource)
		}
	}
}

// cycleShown reports whether the report shows a cycle: when one of its
// goroutines is shown.
func cycleShown(cy Cycle, shown map[uint64]bool) bool {
	for _, s := range cy.Steps {
		if shown[s.G] {
			return true
		}
	}
	return false
}

// instance is the address in a resource ID that names one instance
// ("mutex:0xc000012340"), or "".
func instance(id string) string {
	i := strings.LastIndex(id, ":0x")
	if i < 0 || i+3 == len(id) {
		return ""
	}
	for _, c := range id[i+3:] {
		if !strings.ContainsRune("0123456789abcdef", c) {
			return ""
		}
	}
	return id[i+1:]
}
