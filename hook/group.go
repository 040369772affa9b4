package hook

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
)

// A View says how WriteView shows a report of a big dump.
type View struct {
	// Top is the number of chains shown (0: all); the others are counted.
	Top int
	// Full writes each chain frame by frame, as WriteText does, rather
	// than one line per chain.
	Full bool
	// Static says a static graph was used: without one, a wait with no
	// partner is unknown for want of the graph, and the reader is told.
	Static bool
}

// Rank orders the chains by what most likely caused the trouble:
// deadlocks, then leaks, then stuck ones, then unknown and waiting ones;
// within a verdict, the longest wait the runtime printed first, then the
// largest group of identical chains, then by the chain's frames from its
// root (goroutine IDs come from per-thread caches, so two runs of one
// program number its goroutines in different orders; the frames do not
// change), and last by the lowest goroutine ID.
func (r *Report) Rank() {
	keys := make(map[*Chain]string, len(r.Chains))
	for _, c := range r.Chains {
		var b strings.Builder
		for _, f := range c.Frames {
			b.WriteString(f.Func + "@" + f.Pos() + ";")
		}
		keys[c] = b.String()
	}
	slices.SortStableFunc(r.Chains, func(a, b *Chain) int {
		return cmp.Or(
			cmp.Compare(b.Verdict, a.Verdict),
			cmp.Compare(b.G.Minutes, a.G.Minutes),
			cmp.Compare(len(b.Same), len(a.Same)),
			cmp.Compare(keys[a], keys[b]),
			cmp.Compare(a.G.ID, b.G.ID))
	})
}

// Focus keeps the chains that mention name — in a frame's function or
// file, the function that started the goroutine, a resource waited on,
// or a label — and the cycles through a kept chain. It reports whether
// anything was kept.
func (r *Report) Focus(name string) bool {
	var kept []*Chain
	ids := make(map[uint64]bool)
	for _, c := range r.Chains {
		if c.mentions(name) {
			kept = append(kept, c)
			ids[c.G.ID] = true
		}
	}
	var cycles []Cycle
	for _, cy := range r.Cycles {
		for _, s := range cy.Steps {
			if ids[s.G] {
				cycles = append(cycles, cy)
				break
			}
		}
	}
	r.Chains, r.Cycles = kept, cycles
	return len(kept) > 0
}

func (c *Chain) mentions(name string) bool {
	has := func(s string) bool { return strings.Contains(s, name) }
	for _, f := range c.G.Frames {
		if has(f.Func) || has(f.Pos()) {
			return true
		}
	}
	if c.G.CreatedBy != nil && has(c.G.CreatedBy.Func) {
		return true
	}
	for _, l := range c.Ancestry {
		if has(l.Func) {
			return true
		}
	}
	for _, w := range c.Waits {
		if has(w.Resource.Name) || has(w.Resource.ID) {
			return true
		}
	}
	for k, v := range c.G.Labels {
		if has(k) || has(v) || has(k+"="+v) {
			return true
		}
	}
	return false
}

// maxAncestry and maxWaitPartners bound the one-line form: the links of
// an ancestry before it is cut, the partners named for one wait.
const (
	maxAncestry     = 3
	maxWaitPartners = 3
	maxSameIDs      = 5
)

// WriteView writes the report for a big dump: the cycles, then each
// group of identical chains in a few lines — its count and first IDs,
// state and wait, verdict; who started it and its frames from the root to
// the blocking call; what it waits on and who could release it — up to
// v.Top chains, and a count of the rest.
func (r *Report) WriteView(w io.Writer, v View) error {
	var b strings.Builder
	for _, c := range r.Cycles {
		b.WriteString(c.String() + "\n")
	}
	if len(r.Cycles) > 0 && len(r.Chains) > 0 {
		b.WriteString("\n")
	}
	shown := r.Chains
	if v.Top > 0 && len(shown) > v.Top {
		shown = shown[:v.Top]
	}
	for i, c := range shown {
		if v.Full {
			if i > 0 {
				b.WriteString("\n")
			}
			cc := *c
			cc.Same = nil
			cc.write(&b)
			if len(c.Same) > 0 {
				fmt.Fprintf(&b, "  and %d more goroutines with this chain: %s\n", len(c.Same), idList(c.Same, 20))
			}
			continue
		}
		c.writeLine(&b, v)
	}
	if rest := r.Chains[len(shown):]; len(rest) > 0 {
		n := 0
		for _, c := range rest {
			n += 1 + len(c.Same)
		}
		fmt.Fprintf(&b, "… and %d more chains (%d goroutines); -top=0 shows them all\n", len(rest), n)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeLine writes a chain in a few lines.
func (c *Chain) writeLine(b *strings.Builder, v View) {
	g := c.G
	if len(c.Same) > 0 {
		ids := append([]uint64{g.ID}, c.Same...)
		fmt.Fprintf(b, "%d goroutines (%s) [%s]: %s: %s\n", len(ids), idList(ids, maxSameIDs), c.stateText(), c.Verdict, c.Why)
	} else {
		fmt.Fprintf(b, "goroutine %d [%s]: %s: %s\n", g.ID, c.stateText(), c.Verdict, c.Why)
	}
	if len(g.Labels) > 0 {
		keys := slices.Sorted(maps.Keys(g.Labels))
		for i, k := range keys {
			keys[i] = fmt.Sprintf("%s=%q", k, g.Labels[k])
		}
		fmt.Fprintf(b, "  labels: %s\n", strings.Join(keys, " "))
	}
	var hops []string
	anc := c.Ancestry
	if len(anc) > maxAncestry {
		hops = append(hops, "…")
		anc = anc[len(anc)-maxAncestry:]
	}
	for _, l := range anc {
		switch {
		case l.G == 0:
			hops = append(hops, fmt.Sprintf("%s at %s", shortFunc(l.Func), shortPos(l.Pos)))
		case l.Live:
			hops = append(hops, fmt.Sprintf("goroutine %d (%s at %s)", l.G, shortFunc(l.Func), shortPos(l.Pos)))
		default:
			hops = append(hops, fmt.Sprintf("goroutine %d, exited (%s at %s)", l.G, shortFunc(l.Func), shortPos(l.Pos)))
		}
	}
	for _, f := range c.Frames {
		if !wrapper(f.Func) {
			hops = append(hops, shortFunc(f.Func)+" "+shortPos(f.Pos()))
		}
	}
	if len(hops) == 0 {
		hops = append(hops, "(no frames)")
	}
	op := opText(c)
	if funcPkg(c.Call) == "runtime" {
		op = c.G.State // GOTRACEBACK=system shows the runtime's own frames
	}
	fmt.Fprintf(b, "  %s: %s\n", strings.Join(hops, " → "), op)
	for i, w := range c.Waits {
		if i == 2 && len(c.Waits) > 3 {
			fmt.Fprintf(b, "  and %d more cases\n", len(c.Waits)-i)
			break
		}
		lines := partnerLines(w)
		if len(lines) > maxWaitPartners {
			lines = append(lines[:maxWaitPartners], fmt.Sprintf("and %d more", len(lines)-maxWaitPartners))
		}
		what := strings.Join(lines, "; ")
		switch {
		case what != "":
		case !v.Static:
			what = "who could release it is unknown without -graph"
		default:
			what = "who could release it is unknown (not in the static graph)"
		}
		fmt.Fprintf(b, "  waits on %s: %s\n", w.Resource, what)
	}
}

// wrapper reports a function the compiler made to run a go or defer
// statement's call ("main.main.gowrap1"): not a step the reader wrote.
func wrapper(fn string) bool {
	i := strings.LastIndexByte(fn, '.')
	name := fn[i+1:]
	for _, p := range []string{"gowrap", "deferwrap"} {
		if rest, ok := strings.CutPrefix(name, p); ok && rest != "" && strings.Trim(rest, "0123456789") == "" {
			return true
		}
	}
	return false
}

func idList(ids []uint64, n int) string {
	var parts []string
	for i, id := range ids {
		if i == n {
			parts = append(parts, fmt.Sprintf("… %d more", len(ids)-n))
			break
		}
		parts = append(parts, fmt.Sprint(id))
	}
	return strings.Join(parts, ", ")
}
