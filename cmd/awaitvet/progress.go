package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

// progress reports, on standard error, how far a long standalone run has
// got: a run over a large module otherwise shows nothing for minutes. On a
// terminal it rewrites one line ("awaitvet: loading packages…", then
// "awaitvet: analysed 120/873 packages"); elsewhere it prints nothing unless
// -v asks for it, and then a line at every tenth of the way.
type progress struct {
	w        io.Writer
	terminal bool
	mu       sync.Mutex
	total    int
	done     int
	last     time.Time // of the last line written on a terminal
	step     int       // the last tenth printed, off a terminal
}

// newProgress returns nil (no progress) unless w is a terminal or verbose.
func newProgress(w io.Writer, verbose bool) *progress {
	terminal := false
	if f, ok := w.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			terminal = true
		}
	}
	if !terminal && !verbose {
		return nil
	}
	return &progress{w: w, terminal: terminal}
}

// loading says the packages are being listed and type-checked.
func (p *progress) loading() {
	if p == nil {
		return
	}
	p.line("awaitvet: loading packages…")
}

// start sets the number of packages that will be analysed and says how
// they were loaded.
func (p *progress) start(pkgs []*packages.Package, plan *loadPlan) {
	if p == nil {
		return
	}
	n, src := 0, 0
	packages.Visit(pkgs, nil, func(q *packages.Package) {
		n++
		if plan.fromSource[q] {
			src++
		}
	})
	p.mu.Lock()
	p.total = n
	p.mu.Unlock()
	p.line(fmt.Sprintf("awaitvet: analysing %d packages: %d type-checked from source, %d from export data with their facts from the cache", n, src, n-src))
}

// wrap returns a copy of a that counts the packages it has analysed.
func (p *progress) wrap(a *analysis.Analyzer) *analysis.Analyzer {
	if p == nil {
		return a
	}
	g := *a
	run := a.Run
	g.Run = func(pass *analysis.Pass) (any, error) {
		res, err := run(pass)
		p.mu.Lock()
		p.done++
		done, total := p.done, p.total
		tenth := 0
		if total > 0 {
			tenth = done * 10 / total
		}
		show := p.terminal && time.Since(p.last) > 100*time.Millisecond || !p.terminal && tenth > p.step
		if show {
			p.step = tenth
		}
		p.mu.Unlock()
		if show {
			p.line(fmt.Sprintf("awaitvet: analysed %d/%d packages", done, total))
		}
		return res, err
	}
	return &g
}

// finish clears the terminal line, so that the findings start clean.
func (p *progress) finish() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.terminal {
		fmt.Fprint(p.w, "\r\033[K")
	} else {
		fmt.Fprintf(p.w, "awaitvet: analysed %d/%d packages\n", p.done, p.total)
	}
}

func (p *progress) line(s string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.terminal {
		fmt.Fprintf(p.w, "\r\033[K%s", s)
		p.last = time.Now()
		return
	}
	fmt.Fprintln(p.w, s)
}
