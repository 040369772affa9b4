package hook

import (
	"bytes"
	"strconv"
	"strings"
)

// A Dump is one goroutine dump found in a text that may hold other things
// too: the output of go test around a timeout panic, a service's log
// around its SIGQUIT dump, a debug=2 goroutine profile.
type Dump struct {
	// Kind says what printed it: "test timeout", "deadlock" (the
	// runtime's "all goroutines are asleep"), "signal", "fatal error",
	// "panic", or "goroutine dump" when nothing before it said.
	Kind string
	// Reason is the line that introduced the dump ("panic: test timed out
	// after 1s"); empty for a bare dump.
	Reason string
	// Line is the input line where the dump starts (1-based).
	Line int
	// Running lists the tests a timeout panic said were running.
	Running    []string
	Goroutines []*Goroutine
	// Truncated: the input ended inside a goroutine.
	Truncated bool
	// LeakProfile: some goroutine carries the goroutineleak profile's
	// "(leaked)" mark, so the profile's garbage collection ran and its
	// marks are proofs.
	LeakProfile bool
}

// Snapshot makes the dump a snapshot for Analyze.
func (d *Dump) Snapshot() *Snapshot {
	return &Snapshot{Goroutines: d.Goroutines, Truncated: d.Truncated, LeakProfile: d.LeakProfile}
}

// CountProfile reports whether text holds a goroutine profile in its
// debug=1 form ("goroutine profile: total N", stacks by count): that form
// has no goroutine IDs, states or wait times, so it cannot be analyzed
// for who waits on whom; debug=2 can.
func CountProfile(text []byte) bool {
	for line := range bytes.Lines(text) {
		if countProfileLine(string(bytes.TrimRight(line, "\r\n"))) {
			return true
		}
	}
	return false
}

func countProfileLine(s string) bool {
	head, _, ok := strings.Cut(s, " profile: total ")
	return ok && (head == "goroutine" || head == "goroutineleak")
}

// ExtractDumps finds the goroutine dumps in text, in order. A dump starts
// at the line that introduces it (a panic, a fatal error, a signal) or at
// its first goroutine header; it ends where another one starts, or where
// a goroutine ID it already holds comes again (two dumps printed one after
// the other, such as the timeouts of two test binaries). Lines that belong
// to no goroutine are skipped, as Parse skips them, so the test output,
// logs and "FAIL" lines around a dump do no harm.
//
// The per-thread stacks that GOTRACEBACK=crash prints after the dump,
// each after a "-----" line, repeat goroutines of the dump or show only
// system stacks ("goroutine 0"): they are not another dump, and are
// dropped, as goroutine 0 (a thread's system stack, not a goroutine) is
// everywhere. In a dump introduced by "all goroutines are asleep", every
// goroutine is marked Asleep: the runtime proved that none can run again.
// ExtractDumps never panics, whatever the input (FuzzExtractDumps).
func ExtractDumps(text []byte) []*Dump {
	x := extractor{}
	n := 0
	for len(text) > 0 {
		line := text
		unterminated := false
		if i := bytes.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = nil
			unterminated = true
		}
		n++
		x.line(string(bytes.TrimSuffix(line, []byte("\r"))), n, unterminated)
	}
	x.finish()
	return x.out
}

type extractor struct {
	out       []*Dump
	cur       *Dump
	p         *parser
	seen      map[uint64]bool
	afterCut  bool // a "-----" line came since the last dump ended
	prevIDs   map[uint64]bool
	inRunning bool
}

// preamble recognizes the line that introduces a dump.
func preamble(s string) (kind string, ok bool) {
	switch {
	case strings.HasPrefix(s, "panic: test timed out after "):
		return "test timeout", true
	case strings.HasPrefix(s, "fatal error: all goroutines are asleep"):
		return "deadlock", true
	case strings.HasPrefix(s, "fatal error: "):
		return "fatal error", true
	case strings.HasPrefix(s, "panic: "):
		return "panic", true
	case strings.HasPrefix(s, "SIG") && strings.Contains(s, ": "):
		name, _, _ := strings.Cut(s, ": ")
		if strings.Trim(name[3:], "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") == "" && len(name) > 3 {
			return "signal", true
		}
	}
	return "", false
}

// headerID reads the ID of a goroutine header line cheaply.
func headerID(s string) (uint64, bool) {
	if !strings.HasPrefix(s, "goroutine ") || !strings.HasSuffix(s, "]:") {
		return 0, false
	}
	rest := s[len("goroutine "):]
	end := strings.IndexAny(rest, " [")
	if end <= 0 {
		return 0, false
	}
	id, err := strconv.ParseUint(rest[:end], 10, 64)
	return id, err == nil
}

func (x *extractor) start(kind, reason string, line int) {
	x.finish()
	x.cur = &Dump{Kind: kind, Reason: reason, Line: line}
	x.p = &parser{}
	x.seen = make(map[uint64]bool)
}

func (x *extractor) line(s string, n int, unterminated bool) {
	if s == "-----" {
		x.finish()
		x.afterCut = true
		return
	}
	if kind, ok := preamble(s); ok {
		// A panic inside a dump's goroutine list is not a new dump
		// unless goroutines have been read since it started, which
		// they have when it comes after them.
		x.start(kind, s, n)
		return
	}
	if x.cur != nil && x.cur.Kind == "test timeout" && len(x.p.out) == 0 && x.p.g == nil {
		switch {
		case s == "\trunning tests:":
			x.inRunning = true
			return
		case x.inRunning && strings.HasPrefix(s, "\t\t"):
			x.cur.Running = append(x.cur.Running, strings.TrimPrefix(s, "\t\t"))
			return
		}
	}
	x.inRunning = false
	if id, ok := headerID(s); ok {
		if x.cur == nil || x.seen[id] && id != 0 {
			x.start("goroutine dump", "", n)
		}
		x.seen[id] = true
	}
	if x.p == nil {
		return
	}
	x.p.unterminated = unterminated
	x.p.line(s)
}

// finish ends the dump being read.
func (x *extractor) finish() {
	if x.cur == nil {
		return
	}
	d, p := x.cur, x.p
	x.cur, x.p, x.seen = nil, nil, nil
	p.end()
	ids := make(map[uint64]bool, len(p.out))
	repeat := true
	for _, g := range p.out {
		if g.ID == 0 {
			continue // a thread's system stack
		}
		ids[g.ID] = true
		repeat = repeat && x.prevIDs[g.ID]
		d.Goroutines = append(d.Goroutines, g)
		d.Truncated = d.Truncated || g.Truncated
		d.LeakProfile = d.LeakProfile || g.Leaked
	}
	if len(d.Goroutines) == 0 || x.afterCut && repeat {
		return // nothing, or the thread stacks of a crash
	}
	x.afterCut = false
	if d.Kind == "deadlock" {
		for _, g := range d.Goroutines {
			g.Asleep = true
		}
	}
	x.prevIDs = ids
	x.out = append(x.out, d)
}
