package hook

import (
	"strconv"
	"strings"
)

// parseHeader reads a goroutine's first line, as the runtime's
// goroutineheader prints it (Go 1.26):
//
//	goroutine 7 [chan receive]:
//	goroutine 7 gp=0xc000003340 m=nil [chan receive (leaked), 3 minutes, locked to thread]:
//	goroutine 7 [select (durable), synctest bubble 1]:
//	goroutine 7 [chan receive labels:{"k": "v"}]:
//
// The order of the markers is fixed by the runtime, but nothing here
// relies on it beyond the status coming first.
func parseHeader(s string) (*Goroutine, bool) {
	if !strings.HasPrefix(s, "goroutine ") || !strings.HasSuffix(s, "]:") {
		return nil, false
	}
	rest := s[len("goroutine "):]
	end := strings.IndexAny(rest, " [")
	if end <= 0 {
		return nil, false
	}
	id, err := strconv.ParseUint(rest[:end], 10, 64)
	if err != nil {
		return nil, false
	}
	open := strings.Index(rest, "[")
	if open < 0 || open+1 > len(rest)-2 {
		return nil, false
	}
	g := &Goroutine{ID: id}
	body := rest[open+1 : len(rest)-2]
	if i := strings.Index(body, " labels:{"); i >= 0 {
		g.Labels = parseLabels(body[i+len(" labels:"):])
		body = body[:i]
	}
	parts := strings.Split(body, ", ")
	g.State = parts[0]
	for {
		trimmed := true
		switch {
		case strings.HasSuffix(g.State, " (leaked)"):
			g.Leaked = true
			g.State = strings.TrimSuffix(g.State, " (leaked)")
		case strings.HasSuffix(g.State, " (durable)"):
			g.Durable = true
			g.State = strings.TrimSuffix(g.State, " (durable)")
		case strings.HasSuffix(g.State, " (scan)"):
			g.State = strings.TrimSuffix(g.State, " (scan)")
		default:
			trimmed = false
		}
		if !trimmed {
			break
		}
	}
	for _, p := range parts[1:] {
		switch {
		case strings.HasSuffix(p, " minutes"):
			if n, err := strconv.Atoi(strings.TrimSuffix(p, " minutes")); err == nil && n > 0 {
				g.Minutes = n
			}
		case p == "locked to thread":
			g.Locked = true
		case strings.HasPrefix(p, "synctest bubble "):
			g.Bubble, _ = strconv.ParseUint(strings.TrimPrefix(p, "synctest bubble "), 10, 64)
		}
	}
	return g, true
}

// parseLabels reads {"k": "v", "k2": "v2"}: keys and values are quoted by
// the runtime's printquoted, whose escapes strconv.Unquote understands.
// It returns what it could read before anything malformed.
func parseLabels(s string) map[string]string {
	s = strings.TrimPrefix(s, "{")
	var out map[string]string
	for s != "" && s[0] != '}' {
		k, rest, ok := quoted(s)
		if !ok || !strings.HasPrefix(rest, ": ") {
			break
		}
		v, rest, ok := quoted(rest[2:])
		if !ok {
			break
		}
		if out == nil {
			out = make(map[string]string)
		}
		out[k] = v
		s = strings.TrimPrefix(rest, ", ")
	}
	return out
}

func quoted(s string) (string, string, bool) {
	q, err := strconv.QuotedPrefix(s)
	if err != nil {
		return "", s, false
	}
	v, err := strconv.Unquote(q)
	if err != nil {
		return "", s, false
	}
	return v, s[len(q):], true
}
