package nopartner

// Field channels also known under another name: the struct field is set
// from a channel that someone keeps and receives from under that name, so
// the field's sends have a receiver the field accesses do not show.

// transporter's constructor stores doneC and also returns it: callers
// receive from the returned channel (etcd's newSnapTransporter).
type transporter struct {
	doneC chan int
}

func newTransporter() (*transporter, <-chan int) {
	ch := make(chan int, 1)
	return &transporter{doneC: ch}, ch
}

func (t *transporter) finish(n int) { t.doneC <- n }

func goodReturnedAlias() int {
	t, c := newTransporter()
	go t.finish(1)
	return <-c
}

// sizeRequest carries the caller's reply channel (grpc's
// outFlowControlSizeRequest): the handler sends on the field, the caller
// receives from its own variable.
type sizeRequest struct {
	resp chan uint32
}

type controlBuf struct {
	reqs chan *sizeRequest
}

func newControlBuf() *controlBuf { return &controlBuf{reqs: make(chan *sizeRequest)} }

func (c *controlBuf) handle() {
	for r := range c.reqs {
		r.resp <- 1
	}
}

func goodRequestAlias(c *controlBuf) uint32 {
	resp := make(chan uint32, 1)
	c.reqs <- &sizeRequest{resp: resp}
	return <-resp
}

// capturingBuilder's field is the channel its creator passes in and
// receives from (grpc's stateStoringBalancerBuilder).
type capturingBuilder struct {
	out chan int
}

func newCapturingBuilder(ch chan int) *capturingBuilder { return &capturingBuilder{out: ch} }

func (b *capturingBuilder) build() { b.out <- 1 }

func goodParamAlias() int {
	ch := make(chan int, 1)
	b := newCapturingBuilder(ch)
	b.build()
	return <-ch
}

// A send-only field given the channel the constructor also returns for
// receiving is that channel under two names (the conversion to chan<- int
// changes neither): the pool's worker sends on the field.
type replyJob struct {
	n     int
	reply chan<- int
}

type replyPool struct{ jobs chan *replyJob }

func newReplyPool() *replyPool {
	p := &replyPool{jobs: make(chan *replyJob)}
	go func() {
		for j := range p.jobs {
			j.reply <- j.n * 2
		}
	}()
	return p
}

func newReplyJob(n int) (*replyJob, <-chan int) {
	ch := make(chan int)
	return &replyJob{n: n, reply: ch}, ch
}

func (p *replyPool) goodDo(n int) int {
	j, reply := newReplyJob(n)
	p.jobs <- j
	return <-reply
}

// The twin's constructor hands the channel out under one name only, and
// nothing sends on it.
func newLostReply(n int) (int, <-chan int) {
	ch := make(chan int)
	return n, ch
}

func badLostReply() int {
	_, reply := newLostReply(1)
	return <-reply // want `no sender: receive from reply blocks forever`
}
