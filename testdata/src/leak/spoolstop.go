package leak

import (
	"context"
	"sync"
)

// Workers started where the pool is made each send one result on a field
// channel and count the pool's WaitGroup down in a deferred Done. Stop
// makes its own done channel, closed by a goroutine after the Wait, and
// receives until it is closed: it leaves only once every worker has
// returned, after its send was taken, so a send always finds a receiver.
// In the twin the closer does not wait.

type SPool1 struct {
	results chan int
	wg      sync.WaitGroup
}

func RunSPool1(jobs []func() int) *SPool1 {
	p := &SPool1{results: make(chan int)}
	for _, j := range jobs {
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			p.results <- j()
		}()
	}
	return p
}

func (p *SPool1) Results() <-chan int { return p.results }

func (p *SPool1) Stop() (dropped int) {
	done := make(chan struct{})
	go func() { p.wg.Wait(); close(done) }()
	for {
		select {
		case <-p.results:
			dropped++
		case <-done:
			return dropped
		}
	}
}

type SPool2 struct {
	results chan int
	wg      sync.WaitGroup
}

func RunSPool2(jobs []func() int) *SPool2 {
	p := &SPool2{results: make(chan int)}
	for _, j := range jobs {
		p.wg.Add(1)
		go func() { // want `goroutine leak: send on \(\*SPool2\)\.results blocks forever: every receiver may leave by another select case`
			defer p.wg.Done()
			p.results <- j()
		}()
	}
	return p
}

func (p *SPool2) Results() <-chan int { return p.results }

func (p *SPool2) Stop() (dropped int) {
	done := make(chan struct{})
	go func() { close(done) }()
	for {
		select {
		case <-p.results:
			dropped++
		case <-done:
			return dropped
		}
	}
}

// One receiver gives up with its context, the other (Close) receives until
// the producer's deferred close: that one stays while a send is pending.

type Stream3 struct {
	out  chan int
	quit chan struct{}
	done chan struct{}
}

func StartStream3(next func() int) *Stream3 {
	s := &Stream3{out: make(chan int), quit: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(s.done)
		for {
			select {
			case <-s.quit:
				return
			default:
			}
			s.out <- next()
		}
	}()
	return s
}

func (s *Stream3) Next(ctx context.Context) (int, error) {
	select {
	case v := <-s.out:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

func (s *Stream3) Close() {
	close(s.quit)
	for {
		select {
		case <-s.out:
		case <-s.done:
			return
		}
	}
}
