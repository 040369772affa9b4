package nopartner

// A channel field set by the initial value of a package-level variable:
// the package initializer stores it, and copies of the variable carry it.

type tmplWorker struct{ done chan struct{} }

var defaultWorker = tmplWorker{done: make(chan struct{})}

func newTmplWorker() *tmplWorker {
	w := defaultWorker
	return &w
}

func (w *tmplWorker) wait() { <-w.done }

func (w *tmplWorker) Stop() { close(w.done) }

// Its twin's initial value leaves the field out: every copy has a nil
// channel.
type badTmplWorker struct {
	done chan struct{}
	name string
}

var defaultBadWorker = badTmplWorker{name: "worker"}

func newBadTmplWorker() *badTmplWorker {
	w := defaultBadWorker
	return &w
}

func (w *badTmplWorker) wait() {
	<-w.done // want `nil channel: receive from \(\*badTmplWorker\)\.done blocks forever`
}

func (w *badTmplWorker) Stop() { close(w.done) }
