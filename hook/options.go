package hook

import (
	"errors"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/awaitvet/awaitvet/report"
)

// An Option configures Analyze, Install, Handler and VerifyNone. Each
// function says which options it reads; the others are ignored.
type Option func(*config)

type config struct {
	graph     *report.Graph
	graphPath string
	graphJSON []byte
	loadGraph sync.Once
	loaded    *report.Graph
	graphErr  error

	ignore     []string
	noLeakGC   bool
	signals    []os.Signal
	out        io.Writer
	file       string
	threshold  time.Duration
	interval   time.Duration
	rate       time.Duration
	maxWait    time.Duration
	all        bool
	baseline   map[uint64]bool
	everything bool // chains for goroutines that are not blocked too (VerifyNone)
}

func newConfig(opts []Option) *config {
	c := &config{out: os.Stderr, rate: 10 * time.Second, maxWait: time.Second}
	for _, o := range opts {
		o(c)
	}
	return c
}

// WithGraph uses g, the static wait-for graph of the program, to name what
// each blocked goroutine waits on and who could release it.
func WithGraph(g *report.Graph) Option { return func(c *config) { c.graph = g } }

// WithGraphFile reads the static graph from a file written by
// "awaitvet graph -format=json", when first needed.
func WithGraphFile(path string) Option { return func(c *config) { c.graphPath = path } }

// WithGraphJSON reads the static graph from bytes, typically a go:embed
// file, when first needed.
func WithGraphJSON(data []byte) Option { return func(c *config) { c.graphJSON = data } }

// IgnoreFunc leaves out the goroutines with a frame, or a creator, whose
// function name contains substr: known background goroutines.
func IgnoreFunc(substr string) Option {
	return func(c *config) { c.ignore = append(c.ignore, substr) }
}

// NoLeakProfile keeps the snapshot from running the goroutineleak
// profile's garbage collection even when the binary has it.
func NoLeakProfile() Option { return func(c *config) { c.noLeakGC = true } }

// OnSignal sets the signals on which Install writes the chains (SIGUSR1 by
// default where there is one); OnSignal() with none installs no handler.
func OnSignal(sigs ...os.Signal) Option {
	return func(c *config) { c.signals = append([]os.Signal{}, sigs...) }
}

// Output sets where Install writes (standard error by default).
func Output(w io.Writer) Option { return func(c *config) { c.out = w } }

// OutputFile makes Install append to a file rather than write to Output.
func OutputFile(path string) Option { return func(c *config) { c.file = path } }

// Watchdog makes Install check every interval (threshold/4 by default,
// at least 100ms) for goroutines blocked longer than threshold, and report
// each such chain once.
func Watchdog(threshold time.Duration) Option { return func(c *config) { c.threshold = threshold } }

// WatchdogInterval sets how often the watchdog looks.
func WatchdogInterval(d time.Duration) Option { return func(c *config) { c.interval = d } }

// RateLimit sets the least time between two watchdog reports (10s by
// default); chains found in between wait for the next report.
func RateLimit(d time.Duration) Option { return func(c *config) { c.rate = d } }

// MaxWait sets how long VerifyNone waits for goroutines that are just
// finishing (one second by default) before it fails the test.
func MaxWait(d time.Duration) Option { return func(c *config) { c.maxWait = d } }

// AllGoroutines makes VerifyNone look at every goroutine, as goleak does,
// rather than those it can attribute to the test. Not for parallel tests.
func AllGoroutines() Option { return func(c *config) { c.all = true } }

// IgnoreCurrent makes VerifyNone leave out the goroutines that exist when
// the option is made: call it at the start of the test.
func IgnoreCurrent() Option {
	base := make(map[uint64]bool)
	for _, g := range Take(false).Goroutines {
		base[g.ID] = true
	}
	return func(c *config) { c.baseline = base }
}

// staticGraph returns the static graph from the options, or from the file
// $AWAITVET_GRAPH names; nil when there is none.
func (c *config) staticGraph() (*report.Graph, error) {
	if c.graph != nil {
		return c.graph, nil
	}
	c.loadGraph.Do(func() {
		switch {
		case c.graphJSON != nil:
			c.loaded, c.graphErr = ParseGraph(c.graphJSON)
		case c.graphPath != "":
			c.loaded, c.graphErr = LoadGraph(c.graphPath)
		case os.Getenv(GraphEnv) != "":
			c.loaded, c.graphErr = LoadGraph(os.Getenv(GraphEnv))
		}
		if c.graphErr != nil {
			c.graphErr = errors.New(strings.TrimPrefix(c.graphErr.Error(), "reading wait-for graph: "))
		}
	})
	return c.loaded, c.graphErr
}

// ignored reports whether an IgnoreFunc option leaves g out.
func (c *config) ignored(g *Goroutine) bool {
	for _, s := range c.ignore {
		if g.CreatedBy != nil && strings.Contains(g.CreatedBy.Func, s) {
			return true
		}
		for _, f := range g.Frames {
			if strings.Contains(f.Func, s) {
				return true
			}
		}
	}
	return false
}
