package hook

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// WriteText writes the report for a person: a summary line, the deadlock
// cycles, then one chain per blocked goroutine, worst first, each from the
// goroutines that started it down to the resource it waits on and who
// could release it.
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	b.WriteString(r.Summary() + "\n")
	for _, n := range r.Notes {
		b.WriteString("note: " + n + "\n")
	}
	for _, c := range r.Cycles {
		b.WriteString("\n" + c.String() + "\n")
	}
	for _, c := range r.Chains {
		b.WriteString("\n")
		c.write(&b)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// String is WriteText's output.
func (r *Report) String() string {
	var b strings.Builder
	r.WriteText(&b)
	return b.String()
}

// Summary counts the goroutines by verdict: "awaitvet hook: 9
// goroutines, 6 blocked: 2 deadlock, 1 leak, 2 stuck, 1 unknown".
func (r *Report) Summary() string {
	var counts [len(verdictNames)]int
	blocked := 0
	for _, c := range r.Chains {
		n := 1 + len(c.Same)
		counts[c.Verdict] += n
		blocked += n
	}
	var parts []string
	for v := Deadlock; v >= Waiting; v-- {
		if counts[v] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[v], v))
		}
	}
	s := fmt.Sprintf("awaitvet hook: %d goroutines, %d blocked", r.Goroutines, blocked)
	if len(parts) > 0 {
		s += ": " + strings.Join(parts, ", ")
	}
	return s
}

// String is "deadlock: goroutine 7 → <resource> held by goroutine 12 → …
// → goroutine 7".
func (c Cycle) String() string {
	var b strings.Builder
	b.WriteString("deadlock: ")
	for _, s := range c.Steps {
		fmt.Fprintf(&b, "goroutine %d → %s %s ", s.G, s.Resource, s.Rel)
	}
	if len(c.Steps) > 0 {
		fmt.Fprintf(&b, "goroutine %d", c.Steps[0].G)
	}
	return b.String()
}

func (c *Chain) write(b *strings.Builder) {
	g := c.G
	fmt.Fprintf(b, "goroutine %d [%s]: %s: %s\n", g.ID, c.stateText(), c.Verdict, c.Why)
	if len(g.Labels) > 0 {
		keys := make([]string, 0, len(g.Labels))
		for k := range g.Labels {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for i, k := range keys {
			keys[i] = fmt.Sprintf("%s=%q", k, g.Labels[k])
		}
		fmt.Fprintf(b, "  labels: %s\n", strings.Join(keys, " "))
	}
	if len(c.Ancestry) > 0 {
		b.WriteString("  started by: ")
		for _, l := range c.Ancestry {
			if l.G == 0 {
				fmt.Fprintf(b, "%s at %s → ", shortFunc(l.Func), shortPos(l.Pos))
				continue
			}
			gone := ""
			if !l.Live {
				gone = ", exited"
			}
			fmt.Fprintf(b, "goroutine %d (%s at %s%s) → ", l.G, shortFunc(l.Func), shortPos(l.Pos), gone)
		}
		fmt.Fprintf(b, "goroutine %d\n", g.ID)
	}
	for i, f := range c.Frames {
		what := ""
		if i == len(c.Frames)-1 {
			what = ": " + opText(c)
		}
		fmt.Fprintf(b, "  %s%d. %s %s%s\n", strings.Repeat(" ", min(i, 8)), i+1, shortFunc(f.Func), shortPos(f.Pos()), what)
	}
	if g.Elided > 0 {
		fmt.Fprintf(b, "  (%d frames elided by the runtime)\n", g.Elided)
	}
	for _, w := range c.Waits {
		fmt.Fprintf(b, "  waits on %s\n", w.Resource)
		for _, line := range partnerLines(w) {
			b.WriteString("    " + line + "\n")
		}
	}
	if len(c.Same) > 0 {
		ids := make([]string, len(c.Same))
		for i, id := range c.Same {
			ids[i] = fmt.Sprint(id)
		}
		fmt.Fprintf(b, "  and %d more goroutines with this chain: %s\n", len(c.Same), strings.Join(ids, ", "))
	}
}

func (c *Chain) stateText() string {
	s := stateText(c.G)
	if c.For > 0 {
		s += ", for " + c.For.Round(time.Millisecond).String()
	}
	return s
}

func stateText(g *Goroutine) string {
	s := g.State
	if g.Minutes > 0 {
		s += fmt.Sprintf(", %d minutes", g.Minutes)
	}
	if g.Leaked {
		s += ", leaked"
	}
	return s
}

// opText names the blocking operation: the library call, or the channel
// operation the wait reason tells.
func opText(c *Chain) string {
	if c.Call != "" {
		return shortFunc(c.Call)
	}
	return c.G.State
}

// maxPartnerLines bounds the partners listed for one wait: a thousand
// workers that could all receive read as ten and a count.
const maxPartnerLines = 10

func partnerLines(w Wait) []string {
	var out []string
	for i, p := range w.Partners {
		if i == maxPartnerLines {
			break
		}
		s := fmt.Sprintf("%s goroutine %d", p.Rel, p.G)
		switch {
		case p.Gone:
			s += ", which has exited"
			if p.Site != "" {
				s += fmt.Sprintf(" (it locked at %s in %s)", shortPos(p.Site), shortFunc(p.Func))
			}
		case w.Precise && p.Site != "":
			s += fmt.Sprintf(" since %s (%s)", shortPos(p.Site), shortFunc(p.Func))
		case p.Site != "":
			s += fmt.Sprintf(" (%s, at %s)", p.Func, shortPos(p.Site))
		}
		switch {
		case strings.HasPrefix(p.Doing, "waits on "):
			s += ", which " + p.Doing
		case p.Doing != "":
			s += ", now [" + p.Doing + "]"
		}
		out = append(out, s)
	}
	if more := max(len(w.Partners)-maxPartnerLines, 0) + w.More; more > 0 {
		out = append(out, fmt.Sprintf("and %d more goroutines", more))
	}
	if w.Forever {
		out = append(out, "nothing can ever release it")
	} else if len(w.Partners) == 0 && w.Known {
		if len(w.Funcs) == 0 {
			out = append(out, "nothing in the static graph releases it")
		} else {
			out = append(out, fmt.Sprintf("%s: no live goroutine is in it or can reach it", strings.Join(w.Funcs, "; ")))
		}
	} else if len(w.Partners) == 0 && len(w.Funcs) > 0 {
		out = append(out, fmt.Sprintf("%s: none running", strings.Join(w.Funcs, "; ")))
	}
	return out
}

// shortPos shortens "/abs/path/file.go:12" to "file.go:12".
func shortPos(p string) string { return baseName(p) }
