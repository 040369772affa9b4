package nopartner

// A channel field whose only sends are the few that the function making it
// does on the object it has just made (itself, or in a goroutine it starts
// once), no more than the buffer holds, never fills: nothing need receive
// (a result kept for a caller that may never ask). The twins send more
// than the buffer holds, or from a method any caller may run again.

type launcher struct {
	errs chan error
	logs chan string
}

func launch() error { return nil }

func newLauncher() *launcher {
	l := &launcher{errs: make(chan error, 1), logs: make(chan string, 1)}
	go func() {
		l.errs <- launch()
	}()
	return l
}

func newChattyLauncher() *launcher {
	l := &launcher{errs: make(chan error, 1), logs: make(chan string, 1)}
	go func() {
		l.logs <- "starting" // want `no receiver: send on \(\*launcher\)\.logs blocks forever once its buffer is full`
		l.logs <- "started"  // want `no receiver: send on \(\*launcher\)\.logs blocks forever once its buffer is full`
	}()
	return l
}

type relauncher struct {
	errs chan error
}

func newRelauncher() *relauncher {
	return &relauncher{errs: make(chan error, 1)}
}

func (r *relauncher) retry() {
	r.errs <- launch() // want `no receiver: send on \(\*relauncher\)\.errs blocks forever once its buffer is full`
}

// A method that sets the field to a channel of its own before it starts
// the one goroutine that sends on it: each call's sends go to that call's
// buffer. The twin's goroutine sends twice into a buffer of one.

type runner struct {
	done chan error
	logs chan string
}

func (r *runner) Start() {
	r.done = make(chan error, 1)
	go func() {
		r.done <- launch()
	}()
}

func (r *runner) StartChatty() {
	r.logs = make(chan string, 1)
	go func() {
		r.logs <- "starting" // want `no receiver: send on \(\*runner\)\.logs blocks forever once its buffer is full`
		r.logs <- "started"  // want `no receiver: send on \(\*runner\)\.logs blocks forever once its buffer is full`
	}()
}
