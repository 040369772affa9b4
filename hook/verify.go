package hook

import (
	"context"
	"fmt"
	"os"
	"runtime/pprof"
	"strings"
	"time"
)

// TestingT is the part of testing.TB that VerifyNone uses.
type TestingT interface {
	Helper()
	Errorf(format string, args ...any)
}

// LabelKey is the pprof label Track puts on a test's goroutine; every
// goroutine it starts, directly or not, inherits it.
const LabelKey = "awaitvet.test"

// VerifyNone fails the test if goroutines it started are still there,
// with the chain of each: what it waits on and who could release it. It
// retries for MaxWait (one second by default) so that goroutines that are
// just finishing are not reported.
//
// Which goroutines are the test's: those labelled with its name by Track
// (through any number of go statements, even when the goroutines between
// have exited), and those created by the calling goroutine, transitively,
// through goroutines still alive (or remembered by the runtime under
// GODEBUG=tracebackancestors=N). So it works with t.Parallel. With
// AllGoroutines it looks at every goroutine instead, as goleak does.
// IgnoreFunc and IgnoreCurrent leave goroutines out; subtests, the testing
// package's own goroutines and this package's are always left out.
func VerifyNone(t TestingT, opts ...Option) {
	t.Helper()
	c := newConfig(opts)
	c.everything = true
	name := ""
	if n, ok := t.(interface{ Name() string }); ok {
		name = n.Name()
	}
	if s := c.leftover(CurrentID(), name); s != nil {
		t.Errorf("hook: goroutines left at the end of the test: %d\n%s", len(s.Goroutines)-1, c.analyze(s))
	}
}

// leftover waits up to MaxWait for the goroutines of the test running on
// goroutine self, named name (every goroutine under AllGoroutines), to
// finish. It returns the snapshot of those still there, with self, or nil
// when none is.
func (c *config) leftover(self uint64, name string) *Snapshot {
	deadline := time.Now().Add(c.maxWait)
	delay := time.Millisecond
	for {
		s := c.theTests(Take(false), self, name)
		if len(s.Goroutines) <= 1 { // the caller
			return nil
		}
		if time.Now().After(deadline) {
			if !c.noLeakGC {
				s = c.theTests(Take(true), self, name)
			}
			if len(s.Goroutines) <= 1 {
				return nil
			}
			return s
		}
		time.Sleep(delay)
		delay = min(2*delay, 100*time.Millisecond)
	}
}

// TestingM is the part of *testing.M that VerifyTestMain uses.
type TestingM interface {
	Run() int
}

// VerifyTestMain runs a package's tests, then fails the run if goroutines
// are left behind, as goleak.VerifyTestMain does:
//
//	func TestMain(m *testing.M) {
//		hook.VerifyTestMain(m)
//	}
//
// Once m.Run returns it looks at every goroutine but the caller, the
// testing package's, os/signal's and this package's, waiting up to MaxWait
// for those that are just finishing. When some are left, it writes their
// chains to Output (standard error by default), under "hook: goroutines
// left after the tests: N", and exits with status 1 (or m.Run's status,
// when tests failed); otherwise it exits with m.Run's status. IgnoreFunc
// and IgnoreCurrent (made before m.Run is called, so in TestMain before
// VerifyTestMain) leave goroutines out.
func VerifyTestMain(m TestingM, opts ...Option) {
	os.Exit(verifyMain(m, opts))
}

// verifyMain is VerifyTestMain without the exit.
func verifyMain(m TestingM, opts []Option) int {
	code := m.Run()
	c := newConfig(opts)
	c.everything, c.all = true, true
	if s := c.leftover(CurrentID(), ""); s != nil {
		fmt.Fprintf(c.out, "hook: goroutines left after the tests: %d\n%s", len(s.Goroutines)-1, c.analyze(s))
		if code == 0 {
			code = 1
		}
	}
	return code
}

// Check is VerifyNone, named to read well after defer:
//
//	defer hook.Check(t)
func Check(t TestingT, opts ...Option) {
	t.Helper()
	VerifyNone(t, opts...)
}

// Track labels the calling test's goroutine with LabelKey=t.Name(), so that
// every goroutine the test starts can be told from those of tests running
// in parallel, and registers VerifyNone to run when the test and its
// subtests are done. It turns on GODEBUG=tracebacklabels=1 for the process
// (the runtime prints labels only then) unless GODEBUG sets it already.
// Call it first thing in the test:
//
//	hook.Track(t)
func Track(t interface {
	TestingT
	Name() string
	Cleanup(func())
}, opts ...Option) {
	t.Helper()
	enableLabels()
	pprof.SetGoroutineLabels(pprof.WithLabels(context.Background(), pprof.Labels(LabelKey, t.Name())))
	t.Cleanup(func() {
		t.Helper() // the failure is reported at the call to Track
		VerifyNone(t, opts...)
		pprof.SetGoroutineLabels(context.Background())
	})
}

// enableLabels turns on tracebacklabels; the runtime rereads GODEBUG when
// it changes.
func enableLabels() {
	v := os.Getenv("GODEBUG")
	if strings.Contains(v, "tracebacklabels=") {
		return
	}
	if v != "" {
		v += ","
	}
	os.Setenv("GODEBUG", v+"tracebacklabels=1")
}

// theTests keeps the goroutines attributed to the test running on
// goroutine self, named name.
func (c *config) theTests(s *Snapshot, self uint64, name string) *Snapshot {
	byID := make(map[uint64]*Goroutine, len(s.Goroutines))
	for _, g := range s.Goroutines {
		byID[g.ID] = g
	}
	s.Self = self
	mine := make(map[uint64]bool)
	var isMine func(g *Goroutine, depth int) bool
	isMine = func(g *Goroutine, depth int) bool {
		if v, ok := mine[g.ID]; ok || depth > 1000 {
			return v
		}
		mine[g.ID] = false // a cycle of parents (IDs reused) ends here
		v := false
		switch {
		case name != "" && g.Labels[LabelKey] == name:
			v = true
		case g.Parent == self:
			v = true
		case byID[g.Parent] != nil && !framework(byID[g.Parent]):
			v = isMine(byID[g.Parent], depth+1)
		default:
			for _, a := range g.Ancestors {
				v = v || a.ID == self
			}
		}
		mine[g.ID] = v
		return v
	}
	return s.Filter(func(g *Goroutine) bool {
		if c.baseline[g.ID] || framework(g) || c.ignored(g) {
			return false
		}
		return c.all || isMine(g, 0)
	})
}

// framework reports the goroutines a test never owns: the testing
// package's (other tests, subtests, alarms), os/signal's loop, and this
// package's own.
func framework(g *Goroutine) bool {
	if g.CreatedBy != nil {
		fn := g.CreatedBy.Func
		if strings.HasPrefix(fn, "testing.") || strings.HasPrefix(fn, selfPkg+".") || strings.HasPrefix(fn, "os/signal.") {
			return true
		}
	}
	for _, f := range g.Frames {
		switch f.Func {
		case "testing.tRunner", "testing.(*T).Run", "testing.runTests", "testing.(*M).Run", "os/signal.signal_recv", "os/signal.loop":
			return true
		}
	}
	return false
}

// leftText is the verdict of a goroutine left running (not blocked) at the
// end of a test.
func leftText(g *Goroutine) string { return fmt.Sprintf("still running (%s)", g.State) }
