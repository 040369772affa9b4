package hook

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

func blockedG(id uint64, minutes int) *Goroutine {
	return &Goroutine{ID: id, State: "chan receive", Minutes: minutes, Frames: []Frame{{Func: "main.wait", File: "/x/main.go", Line: int(id)}}}
}

func TestWatchdogCheck(t *testing.T) {
	c := newConfig([]Option{Watchdog(time.Second), RateLimit(10 * time.Second)})
	w := &watchdog{c: c, since: make(map[watchKey]time.Time), reported: make(map[watchKey]bool)}
	t0 := time.Unix(1000, 0)
	snap := func(gs ...*Goroutine) *Snapshot { return &Snapshot{Goroutines: gs} }
	ids := func(r *Report) string {
		if r == nil {
			return "none"
		}
		var out []string
		for _, c := range r.Chains {
			out = append(out, strconv.FormatUint(c.G.ID, 10))
			for _, s := range c.Same {
				out = append(out, strconv.FormatUint(s, 10))
			}
		}
		return strings.Join(out, ",")
	}
	steps := []struct {
		at   time.Duration
		gs   []*Goroutine
		want string
	}{
		{0, []*Goroutine{blockedG(5, 0)}, "none"},                                       // just seen
		{1500 * time.Millisecond, []*Goroutine{blockedG(5, 0)}, "5"},                    // past the threshold
		{2 * time.Second, []*Goroutine{blockedG(5, 0), blockedG(6, 0)}, "none"},         // 5 reported once; 6 new
		{3500 * time.Millisecond, []*Goroutine{blockedG(5, 0), blockedG(6, 0)}, "none"}, // 6 due, rate-limited
		{12 * time.Second, []*Goroutine{blockedG(5, 0), blockedG(6, 0)}, "6"},
		{13 * time.Second, []*Goroutine{blockedG(6, 0)}, "none"},                                // 5 moved on
		{14 * time.Second, []*Goroutine{blockedG(5, 0), blockedG(6, 0)}, "none"},                // 5 blocked again: a new wait
		{30 * time.Second, []*Goroutine{blockedG(5, 0), blockedG(6, 0), blockedG(7, 3)}, "5,7"}, // 7: 3 minutes already
	}
	for _, s := range steps {
		if got := ids(w.check(snap(s.gs...), t0.Add(s.at))); got != s.want {
			t.Errorf("at %v: reported %s, want %s", s.at, got, s.want)
		}
	}
}
