package hook

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/awaitvet/awaitvet/report"
)

// A Chain is one blocked goroutine, awaitwhat-style: who started it, its
// own frames from its root to the call that blocks, what it waits on, who
// could release that, and the verdict.
type Chain struct {
	G *Goroutine
	// Ancestry is the goroutines that led to this one, oldest first: each
	// ran a go statement (in Func, at Pos) that started the next.
	Ancestry []Link
	// Frames are the goroutine's own frames, root first, library frames
	// left out; the last one is the call that blocks.
	Frames []Frame
	// Call is the library function the last frame called to block
	// ("sync.(*WaitGroup).Wait"); empty for channel operations and select,
	// which the runtime does not show.
	Call string
	// Waits is what the goroutine waits on: one resource, or one per case
	// of a select when the static graph knows them.
	Waits   []Wait
	Verdict Verdict
	// Why explains the verdict in a line.
	Why string
	// Same lists the other goroutines with exactly this chain, folded in.
	Same []uint64
	// For is how long the watchdog has seen it blocked at this place (0
	// outside the watchdog's reports; see G.Minutes for the runtime's).
	For time.Duration
}

// A Link is one goroutine of an ancestry: G ran go in Func, at Pos.
type Link struct {
	G    uint64
	Func string
	Pos  string
	Live bool // G is still running (in the snapshot)
}

// A Resource is something goroutines wait on.
type Resource struct {
	ID   string // its node ID in the live graph: the static graph's when known
	Kind report.NodeKind
	Name string
	Pos  *report.Pos // declaration or make site, when known
}

func (r Resource) String() string {
	s := r.Name
	if r.Kind != "" && !strings.HasPrefix(s, string(r.Kind)) {
		s = string(r.Kind) + " " + s
	}
	if r.Pos != nil && r.Kind == report.Chan {
		s += fmt.Sprintf(" (made at %s:%d)", baseName(r.Pos.File), r.Pos.Line)
	}
	return s
}

// A Wait is one resource a goroutine waits on and who could release it.
type Wait struct {
	Resource Resource
	Op       string // lock, rlock, send, recv, range, wait, select
	// Partners are the goroutines that hold it or could release it: the
	// holders Mutex and RWMutex recorded, and the first maxListed of the
	// live goroutines that can reach a partner function of the static
	// graph; More counts the others.
	Partners []Partner
	More     int
	// Known says the partners are all there can be. When false, no
	// partner means "nobody we know of", not "nobody".
	Known bool
	// Forever: the wait can never end whatever happens (nil channel,
	// select {}).
	Forever bool
	// Funcs are the static graph's partner functions, for the reader.
	Funcs []string
	// Precise says the resource is a Mutex or RWMutex of this package.
	Precise bool

	explicit []Partner // recorded holders and queued writers
	hubs     []*hub    // static candidates, shared by all who wait alike
}

// maxListed bounds the partners listed in Wait.Partners.
const maxListed = 100

// eachPartner calls f on every partner of w but the waiting goroutine
// self, until f returns false. It reports whether it went through them all.
func (w *Wait) eachPartner(self uint64, f func(Partner) bool) bool {
	for _, p := range w.explicit {
		if !p.Gone && !f(p) {
			return false
		}
	}
	for _, h := range w.hubs {
		for _, p := range h.partners {
			if p.G != self && !f(p) {
				return false
			}
		}
	}
	return true
}

// list fills Partners and More for the reader.
func (w *Wait) list(self uint64) {
	w.Partners, w.More = append([]Partner(nil), w.explicit...), 0
	for _, h := range w.hubs {
		n := len(h.partners)
		if _, mine := h.index[self]; mine {
			n--
		}
		for _, p := range h.partners {
			if len(w.Partners) >= maxListed {
				break
			}
			if p.G != self {
				w.Partners = append(w.Partners, p)
				n--
			}
		}
		w.More += n
	}
}

// A Partner is a goroutine that holds, or could release, a resource.
type Partner struct {
	G    uint64
	Rel  string          // "held by", "read-held by", "queued writer", "sent on by", "received by", ...
	Kind report.EdgeKind // the live graph's edge from the resource to G
	Func string          // the function that makes it a partner
	Site string          // where it locked, or the frame that reaches Func
	Gone bool            // a recorded holder that is no longer in the dump
	// Doing is what the partner itself is doing: "waits on chan x", or
	// its state ("running", "sleep").
	Doing string
}

// Verdict is what the analysis concludes about a blocked goroutine.
type Verdict int

const (
	// Waiting: a live goroutine that is not itself stuck can release it.
	Waiting Verdict = iota
	// Blocked: nothing is known about who could release it (printed
	// "unknown").
	Blocked
	// Stuck: everything that could release it is itself stuck.
	Stuck
	// Leak: nothing can ever release it.
	Leak
	// Deadlock: it is on a cycle of goroutines waiting for each other.
	Deadlock
)

var verdictNames = [...]string{"waiting", "unknown", "stuck", "leak", "deadlock"}

func (v Verdict) String() string {
	if int(v) < len(verdictNames) {
		return verdictNames[v]
	}
	return "?"
}

// Problem reports whether the verdict is a bug: stuck, leak or deadlock.
func (v Verdict) Problem() bool { return v >= Stuck }

// opOfState is the operation a wait reason stands for.
func opOfState(state string) string {
	switch state {
	case "chan receive", "chan receive (nil chan)":
		return "recv"
	case "chan send", "chan send (nil chan)":
		return "send"
	case "select", "select (no cases)":
		return "select"
	case "sync.Mutex.Lock", "sync.RWMutex.Lock":
		return "lock"
	case "sync.RWMutex.RLock":
		return "rlock"
	}
	return "wait"
}

// compatible says whether a static edge's operation can be the one a
// goroutine in this state is blocked in: a line may hold several.
func compatible(state, op string, select_ bool) bool {
	switch opOfState(state) {
	case "recv":
		return (op == "recv" || op == "range") && !select_
	case "send":
		return op == "send" && !select_
	case "select":
		return select_
	case "lock":
		return op == "lock"
	case "rlock":
		return op == "rlock"
	}
	return op == "wait"
}

// ancestry walks the "created by" links through the live goroutines, then
// through what the runtime remembered of dead ones (tracebackancestors).
func ancestry(g *Goroutine, byID map[uint64]*Goroutine) []Link {
	var links []Link
	seen := map[uint64]bool{g.ID: true}
	for cur := g; cur.CreatedBy != nil; {
		parent := byID[cur.Parent]
		links = append(links, Link{G: cur.Parent, Func: cur.CreatedBy.Func, Pos: cur.CreatedBy.Pos(), Live: parent != nil})
		if parent == nil {
			links = append(links, remembered(cur)...)
			break
		}
		if seen[parent.ID] {
			break
		}
		seen[parent.ID] = true
		cur = parent
	}
	slices.Reverse(links)
	return links
}

// remembered turns the runtime's "[originating from goroutine N]" blocks
// of g into links beyond its (dead) parent.
func remembered(g *Goroutine) []Link {
	var links []Link
	for i, a := range g.Ancestors {
		if a.CreatedBy == nil || i+1 >= len(g.Ancestors) {
			break
		}
		links = append(links, Link{G: g.Ancestors[i+1].ID, Func: a.CreatedBy.Func, Pos: a.CreatedBy.Pos()})
	}
	return links
}

// baseName is the last element of a path.
func baseName(p string) string { return p[strings.LastIndexByte(p, '/')+1:] }
