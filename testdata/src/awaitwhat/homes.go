package awaitwhat

import "fmt"

// Channels made in a constructor and kept in an unexported field: the
// methods of the type are all that can reach them.

type server struct {
	quit chan struct{}
}

func newServer() *server { return &server{quit: make(chan struct{})} }

// Serve waits for a quit nothing in the package closes or sends.
func (s *server) Serve() {
	<-s.quit // want `no sender: receive from \(\*server\).quit blocks forever`
}

// (the function that owns the fresh server sees all its partners too)
func StartServer() { newServer().Serve() }

// The server is handed out, and only the package can reach its field.
type handedServer struct {
	quit chan struct{}
}

func (s *handedServer) serve() {
	<-s.quit // want `no sender: receive from \(\*handedServer\).quit blocks forever: nothing in the package sends on or closes it`
}

func StartHandedServer() *handedServer {
	s := &handedServer{quit: make(chan struct{})}
	go s.serve()
	return s
}

// goodServer's Stop closes quit.
type goodServer struct {
	quit chan struct{}
}

func newGoodServer() *goodServer { return &goodServer{quit: make(chan struct{})} }

func (s *goodServer) Serve() { <-s.quit }

func (s *goodServer) Stop() { close(s.quit) }

func StartGoodServer() *goodServer {
	s := newGoodServer()
	go s.Serve()
	return s
}

// A range over a field nothing sends on or closes.
type pump struct {
	in chan int
}

func NewPump() *pump { return &pump{in: make(chan int, 4)} }

func (p *pump) Run() {
	for v := range p.in { // want `no sender: receive from \(\*pump\).in blocks forever`
		fmt.Println(v)
	}
}

// A getter hands goodPump's channel out: others may send on it.
type goodPump struct {
	in chan int
}

func NewGoodPump() *goodPump { return &goodPump{in: make(chan int, 4)} }

func (p *goodPump) In() chan<- int { return p.in }

func (p *goodPump) Run() {
	for v := range p.in {
		fmt.Println(v)
	}
}

// An exported variable: other packages may send on it.
var Events = make(chan string)

func Listen() string { return <-Events }

// A channel handed to a function (even of this package) is out of this
// rule's sight: feed may send on it.
var handed = make(chan int)

func Handed() int {
	go feed(handed)
	return <-handed
}

func feed(ch chan int) { ch <- 1 }

// A field set from a parameter: the caller keeps the channel under its own
// name and may send on it.
type relay struct {
	out chan int
}

func NewRelay(ch chan int) *relay { return &relay{out: ch} }

func (r *relay) Next() int { return <-r.out }

// A select may leave by another case: not reported.
var idle = make(chan int)

func Poll(stop chan struct{}) int {
	select {
	case v := <-idle:
		return v
	case <-stop:
		return 0
	}
}

// The address of the variable is taken: the pointer may be used to send.
var addressed = make(chan int)

func Addressed() int {
	go sendVia(&addressed)
	return <-addressed
}

func sendVia(p *chan int) { *p <- 1 }

// Converted to an interface: whoever holds the interface may send.
var boxed = make(chan int)

func Boxed() int {
	register(boxed)
	return <-boxed
}

var registry []any

func register(v any) { registry = append(registry, v) }

// A getter that returns the channel receive-only hands out nothing anyone
// can send on or close: its callers' receives are receives from the field.
type stopper struct {
	quiescer chan struct{}
}

func newStopper() *stopper { return &stopper{quiescer: make(chan struct{})} }

func (s *stopper) ShouldQuiesce() <-chan struct{} {
	if s == nil {
		return nil
	}
	return s.quiescer
}

type replica struct{ st *stopper }

func (r *replica) process() {
	<-r.st.ShouldQuiesce() // want `no sender: receive from \(\*stopper\).quiescer blocks forever: nothing in the package sends on or closes it`
}

func StartReplica() { go (&replica{st: newStopper()}).process() }

// The fixed twin: Quiesce closes the channel the getter hands out.
type goodStopper struct {
	quiescer chan struct{}
}

func newGoodStopper() *goodStopper { return &goodStopper{quiescer: make(chan struct{})} }

func (s *goodStopper) ShouldQuiesce() <-chan struct{} { return s.quiescer }

func (s *goodStopper) Quiesce() { close(s.quiescer) }

func StartGoodReplica() *goodStopper {
	s := newGoodStopper()
	go func() { <-s.ShouldQuiesce() }()
	return s
}

// A getter that returns the channel both ways lets callers anywhere send on
// it or close it: nothing is claimed.
type openStopper struct {
	quiescer chan struct{}
}

func newOpenStopper() *openStopper { return &openStopper{quiescer: make(chan struct{})} }

func (s *openStopper) Quiescer() chan struct{} { return s.quiescer }

func StartOpenReplica() *openStopper {
	s := newOpenStopper()
	go func() { <-s.Quiescer() }()
	return s
}
