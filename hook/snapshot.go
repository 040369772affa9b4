package hook

import (
	"bytes"
	"runtime"
	"runtime/pprof"
	"strconv"
	"sync"
	"time"
)

// A Snapshot is the state of every goroutine at one moment: the runtime's
// dump, parsed, and what the precise-mode mutexes knew at that moment.
type Snapshot struct {
	Time       time.Time
	Goroutines []*Goroutine
	// Self is the goroutine that took the snapshot; it is running, not
	// waiting, and is left out of the analysis.
	Self uint64
	// LeakProfile says the dump came from the goroutineleak profile (Go
	// 1.26 built with GOEXPERIMENT=goroutineleakprofile), so Goroutine.Leaked
	// is the runtime's proof, not a guess.
	LeakProfile bool
	// Truncated says the dump did not fit the largest buffer tried.
	Truncated bool
	// Locks is what Mutex and RWMutex knew when the dump was taken.
	Locks []LockState
	// Dump is the runtime's text, as parsed.
	Dump []byte

	all []*Goroutine // before Filter
}

// maxDump bounds the dump, as runtime/pprof does: a program with millions
// of goroutines gets a truncated, still useful, picture.
const maxDump = 64 << 20

// Take dumps every goroutine and parses the dump. With leakProfile, and
// when the binary has the goroutineleak profile, the dump comes from it:
// that costs a garbage collection, which marks the goroutines it proves
// leaked.
func Take(leakProfile bool) *Snapshot {
	s := &Snapshot{Time: time.Now(), Self: CurrentID()}
	var dump []byte
	if p := pprof.Lookup("goroutineleak"); leakProfile && p != nil {
		var b bytes.Buffer
		if err := p.WriteTo(&b, 2); err == nil {
			dump, s.LeakProfile = b.Bytes(), true
		}
	}
	if dump == nil {
		dump, s.Truncated = stacks()
	}
	s.Locks = lockStates()
	s.Dump = dump
	s.Goroutines = Parse(dump)
	return s
}

// stacks is runtime.Stack of all goroutines with a buffer that grows until
// the dump fits (runtime.Stack stops the world once per try).
func stacks() ([]byte, bool) {
	buf := dumpBufs.Get().(*[]byte)
	defer dumpBufs.Put(buf)
	// Each try stops the world for a whole traceback: start big enough
	// for the goroutines there are (a blocked goroutine takes some 300 to
	// 1000 bytes).
	if need := min(runtime.NumGoroutine()*1024, maxDump); len(*buf) < need {
		*buf = make([]byte, need)
	}
	for {
		n := runtime.Stack(*buf, true)
		if n < len(*buf) {
			return bytes.Clone((*buf)[:n]), false
		}
		if len(*buf) >= maxDump {
			return bytes.Clone(*buf), true
		}
		*buf = make([]byte, 2*len(*buf))
	}
}

var dumpBufs = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

// CurrentID returns the calling goroutine's ID, from its own traceback
// header: a microsecond or two, so for diagnostics only (Mutex does not use
// it on its fast path).
func CurrentID() uint64 {
	var b [64]byte
	n := runtime.Stack(b[:], false)
	s := b[:n]
	s = bytes.TrimPrefix(s, []byte("goroutine "))
	if i := bytes.IndexByte(s, ' '); i >= 0 {
		s = s[:i]
	}
	id, _ := strconv.ParseUint(string(s), 10, 64)
	return id
}

// Lookup returns the goroutine with the given ID, or nil.
func (s *Snapshot) Lookup(id uint64) *Goroutine {
	for _, g := range s.Goroutines {
		if g.ID == id {
			return g
		}
	}
	return nil
}

// Filter keeps the goroutines keep accepts (and the snapshot taker), so a
// test can look at its own goroutines only. Analyze still sees the others
// as the partners they may be; it reports on the kept ones.
func (s *Snapshot) Filter(keep func(*Goroutine) bool) *Snapshot {
	out := *s
	out.all = s.universe()
	out.Goroutines = nil
	for _, g := range s.Goroutines {
		if g.ID == s.Self || keep(g) {
			out.Goroutines = append(out.Goroutines, g)
		}
	}
	return &out
}

// universe is every goroutine of the dump, filtered or not.
func (s *Snapshot) universe() []*Goroutine {
	if s.all != nil {
		return s.all
	}
	return s.Goroutines
}
