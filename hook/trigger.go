package hook

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync"
	"time"
)

// Install makes the program write its wait chains when it receives a
// signal (SIGUSR1 by default; OnSignal), to standard error or a file
// (Output, OutputFile), and, with Watchdog, whenever goroutines stay
// blocked longer than a threshold. It reads WithGraph* or $AWAITVET_GRAPH
// for static mode. Nothing is done until a signal or a watchdog tick
// arrives. stop undoes Install and waits for its goroutines to end.
func Install(opts ...Option) (stop func()) {
	c := newConfig(opts)
	if c.signals == nil {
		c.signals = defaultSignals()
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	if len(c.signals) > 0 {
		sigs := make(chan os.Signal, 1)
		signal.Notify(sigs, c.signals...)
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer signal.Stop(sigs)
			for {
				select {
				case <-sigs:
					c.write(c.analyze(Take(!c.noLeakGC)), "")
				case <-done:
					return
				}
			}
		}()
	}
	if c.threshold > 0 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.watch(done, time.Now)
		}()
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			close(done)
			wg.Wait()
		})
	}
}

// writeMu keeps the signal's and the watchdog's reports from interleaving.
var writeMu sync.Mutex

// write prints a report, with a title line when there is one, to the
// configured file or writer.
func (c *config) write(r *Report, title string) {
	writeMu.Lock()
	defer writeMu.Unlock()
	var w io.Writer = c.out
	if c.file != "" {
		f, err := os.OpenFile(c.file, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
		if err != nil {
			fmt.Fprintf(c.out, "awaitvet hook: %v\n", err)
			return
		}
		defer f.Close()
		w = f
	}
	var b strings.Builder
	fmt.Fprintf(&b, "=== awaitvet hook %s", r.Time.Format(time.RFC3339Nano))
	if title != "" {
		b.WriteString(": " + title)
	}
	b.WriteString("\n")
	r.WriteText(&b)
	b.WriteString("\n")
	io.WriteString(w, b.String())
}
