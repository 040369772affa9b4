// Package buildtags: claims that rest on every function of the package
// (a channel, WaitGroup or Cond only the package can name, that nothing in
// it feeds, drains, counts down or signals) are not made about a resource
// that a file of the package left out of this build names: that file's
// code, in the build it belongs to, may be the missing partner.
package buildtags

import "sync"

type watcher struct {
	events  chan string   // received only in watcher_other.go
	ready   chan struct{} // closed only in watcher_other.go
	jobs    chan int      // nothing anywhere receives from it
	started chan struct{} // nothing anywhere sends on or closes it
	wg      sync.WaitGroup
	pending sync.WaitGroup
}

func newWatcher() *watcher {
	return &watcher{
		events:  make(chan string),
		ready:   make(chan struct{}),
		jobs:    make(chan int),
		started: make(chan struct{}),
	}
}

func (w *watcher) emit(s string) {
	w.events <- s
}

func (w *watcher) waitReady() {
	<-w.ready
}

func (w *watcher) submit(n int) {
	w.jobs <- n // want `no receiver: send on \(\*watcher\)\.jobs blocks forever`
}

func (w *watcher) waitStarted() {
	<-w.started // want `no sender: receive from \(\*watcher\)\.started blocks forever`
}

// wg is counted down only in watcher_other.go; pending nowhere.
func (w *watcher) track() {
	w.wg.Add(1)
	w.pending.Add(1)
}

func (w *watcher) drain() {
	w.wg.Wait()
	w.pending.Wait() // want `nothing in the package calls Done on it`
}
