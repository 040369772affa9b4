package report

import (
	"fmt"
	"io"
	"strings"
)

// WriteChains prints, awaitwhat-style, the chain of every finding whose
// check, message or chain names what (all of them when what is empty): each
// hop "file:line in function: what it does", down to the blocking operation,
// then who is supposed to release or feed the resource it waits on.
func WriteChains(w io.Writer, g *Graph, what string) (int, error) {
	n := 0
	var b strings.Builder
	for _, f := range g.Findings {
		if what != "" && !findingMentions(f, what) {
			continue
		}
		n++
		fmt.Fprintf(&b, "%s: %s [%s]\n", f.Pos, f.Message, f.Check)
		for i, h := range f.Chain {
			if h.Pos.File == "" && h.Func == "…" {
				// The mark of the steps a long chain left out.
				fmt.Fprintf(&b, "      … %s\n", h.What)
				continue
			}
			if h.Func == "" { // where a resource is made or declared: no call step
				fmt.Fprintf(&b, "  %2d. %s: %s\n", i+1, h.Pos, h.What)
				continue
			}
			fmt.Fprintf(&b, "  %2d. %s in %s: %s\n", i+1, h.Pos, h.Func, h.What)
		}
		for _, line := range g.partners(f) {
			fmt.Fprintf(&b, "  %s\n", line)
		}
	}
	_, err := io.WriteString(w, b.String())
	return n, err
}

func findingMentions(f Finding, what string) bool {
	if f.Check == what || strings.Contains(f.Message, what) || f.Pos.String() == what {
		return true
	}
	for _, h := range f.Chain {
		if h.Func == what || strings.HasSuffix(h.Func, "."+what) || strings.HasSuffix(h.Func, ")"+what) {
			return true
		}
	}
	return false
}

// partners names, for the resources the finding's last step waits on, the
// functions that release, feed, close or count them down. The last step
// is the last hop in a function (hops after it say where a resource is
// made or declared).
func (g *Graph) partners(f Finding) []string {
	i := len(f.Chain) - 1
	for i >= 0 && f.Chain[i].Func == "" {
		i--
	}
	if i < 0 {
		return nil
	}
	last := f.Chain[i]
	names := make(map[string]string, len(g.Nodes))
	for _, n := range g.Nodes {
		names[n.ID] = n.Name
	}
	var out []string
	seen := make(map[string]bool)
	for _, e := range g.Edges {
		if e.Kind != WaitsOn || names[e.From] != last.Func || e.Pos == nil || e.Pos.Line != last.Pos.Line {
			continue
		}
		var by []string
		for _, r := range g.Edges {
			if r.From == e.To && partnerOf(e, r.Kind) {
				by = append(by, fmt.Sprintf("%s (%s)", names[r.To], r.Kind))
			}
		}
		line := "-> " + names[e.To] + ": "
		if len(by) == 0 {
			line += "nothing in the analysed code releases or feeds it"
		} else {
			line += strings.Join(by, ", ")
		}
		if !seen[line] {
			seen[line] = true
			out = append(out, line)
		}
	}
	return out
}

// partnerOf reports whether an edge of kind k from the resource names a
// partner of the waiting operation w: whoever can end the wait.
func partnerOf(w Edge, k EdgeKind) bool {
	op, _, _ := strings.Cut(w.Label, " ")
	switch op {
	case "recv", "range":
		return k == SentBy || k == ClosedBy
	case "send":
		return k == RecvBy
	case "lock", "rlock", "once":
		return k == HeldBy
	case "wait":
		return k == DoneBy || k == Signals
	}
	return false
}
