package nopartner

// A channel field made through its address: initStop stores into *p, so
// addrStopper.stop is assigned although no store names the field.
func initStop(p *chan struct{}) { *p = make(chan struct{}) }

type addrStopper struct{ stop chan struct{} }

func newAddrStopper() *addrStopper {
	s := &addrStopper{}
	initStop(&s.stop)
	return s
}

func (s *addrStopper) wait() { <-s.stop }

func (s *addrStopper) Stop() { close(s.stop) }

// Its twin never makes the channel: the receive waits on nil.
type badAddrStopper struct{ stop chan struct{} }

func newBadAddrStopper() *badAddrStopper { return &badAddrStopper{} }

func (s *badAddrStopper) wait() {
	<-s.stop // want `nil channel: receive from \(\*badAddrStopper\)\.stop blocks forever`
}

func (s *badAddrStopper) Stop() { close(s.stop) }
