package leak

import (
	"sync"
	"time"
)

// A consumer whose other select cases only go round again (a ticker), or
// wait for a stop channel closed only after every producer has returned
// (the producers counted by a WaitGroup, or one producer's done channel),
// takes every value sent on the field.

type meterF struct {
	marks chan int
	total int
}

func newMeterF() *meterF {
	m := &meterF{marks: make(chan int)}
	go m.loop()
	return m
}

func (m *meterF) loop() {
	t := time.NewTicker(time.Second)
	pending := 0
	for {
		select {
		case v := <-m.marks:
			pending += v
		case <-t.C:
			m.total += pending
			pending = 0
		}
	}
}

func (m *meterF) mark(v int) { go func() { m.marks <- v }() }

type queueF struct {
	results chan int
	stop    chan struct{}
	done    chan struct{}
	wg      sync.WaitGroup
	total   int
}

func newQueueF(n int) *queueF {
	q := &queueF{results: make(chan int), stop: make(chan struct{}), done: make(chan struct{})}
	q.wg.Add(1)
	go q.produce(n)
	go q.loop()
	return q
}

func (q *queueF) produce(n int) {
	defer q.wg.Done()
	q.results <- n
}

func (q *queueF) loop() {
	defer close(q.done)
	for {
		select {
		case v := <-q.results:
			q.total += v
		case <-q.stop:
			return
		}
	}
}

func (q *queueF) Stop() int {
	q.wg.Wait()
	close(q.stop)
	<-q.done
	return q.total
}

type samplerF struct {
	samples  chan int
	prodQuit chan struct{}
	prodDone chan struct{}
	stop     chan struct{}
	n        int
}

func newSamplerF() *samplerF {
	s := &samplerF{samples: make(chan int), prodQuit: make(chan struct{}), prodDone: make(chan struct{}), stop: make(chan struct{})}
	go s.produce()
	go s.consume()
	return s
}

func (s *samplerF) produce() {
	defer close(s.prodDone)
	for i := 0; ; i++ {
		select {
		case <-s.prodQuit:
			return
		default:
		}
		s.samples <- i
	}
}

func (s *samplerF) consume() {
	for {
		select {
		case <-s.samples:
			s.n++
		case <-s.stop:
			return
		}
	}
}

func (s *samplerF) Stop() {
	close(s.prodQuit)
	<-s.prodDone
	close(s.stop)
}

// The twin stops the consumer before it waits for the producers: a
// producer may still be sending when the consumer leaves.

type queueG struct {
	results chan int
	stop    chan struct{}
	wg      sync.WaitGroup
	total   int
}

func newQueueG(n int) *queueG {
	q := &queueG{results: make(chan int), stop: make(chan struct{})}
	q.wg.Add(1)
	go q.produce(n) // want `goroutine leak: send on \(\*queueG\)\.results blocks forever: every receiver may leave by another select case`
	go q.loop()
	return q
}

func (q *queueG) produce(n int) {
	defer q.wg.Done()
	q.results <- n
}

func (q *queueG) loop() {
	for {
		select {
		case v := <-q.results:
			q.total += v
		case <-q.stop:
			return
		}
	}
}

func (q *queueG) Stop() int {
	close(q.stop)
	q.wg.Wait()
	return q.total
}

// The twin's producers are started by a method, which may run after Stop
// has waited: its producer finds the consumer gone.

type queueH struct {
	results chan int
	stop    chan struct{}
	wg      sync.WaitGroup
	total   int
}

func newQueueH() *queueH {
	q := &queueH{results: make(chan int), stop: make(chan struct{})}
	go q.loop()
	return q
}

func (q *queueH) Submit(n int) {
	q.wg.Add(1)
	go q.produce(n) // want `goroutine leak: send on \(\*queueH\)\.results blocks forever: every receiver may leave by another select case`
}

func (q *queueH) produce(n int) {
	defer q.wg.Done()
	q.results <- n
}

func (q *queueH) loop() {
	for {
		select {
		case v := <-q.results:
			q.total += v
		case <-q.stop:
			return
		}
	}
}

func (q *queueH) Stop() int {
	q.wg.Wait()
	close(q.stop)
	return q.total
}
