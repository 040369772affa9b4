package leak

import "sync"

// A goroutine that receives in a loop of as many turns as it is given (for
// i := 0; i < n; i++, a range over a slice it is handed) waits for that
// many values, not for "as many as it takes": whether the senders match
// the count its starter passes is not known from the loop, so no claim
// rests on it. A loop with no bound but the values themselves still waits
// for one more than the senders send.

type tally struct{ in chan int }

// take receives n values.
func (t *tally) take(n int, wg *sync.WaitGroup) {
	defer wg.Done()
	for i := 0; i < n; i++ {
		<-t.in
	}
}

// takeEach receives one value per name.
func (t *tally) takeEach(names []string, wg *sync.WaitGroup) {
	defer wg.Done()
	for range names {
		<-t.in
	}
}

// takeAll receives until the program ends.
func (t *tally) takeAll() {
	for {
		<-t.in
	}
}

// boundedTakeGood sends as many values as it tells take to receive.
func boundedTakeGood() {
	var wg sync.WaitGroup
	t := &tally{in: make(chan int)}
	wg.Add(1)
	go t.take(2, &wg)
	t.in <- 1
	t.in <- 2
	wg.Wait()
}

// boundedEachGood sends one value per name.
func boundedEachGood(names []string) {
	var wg sync.WaitGroup
	t := &tally{in: make(chan int)}
	wg.Add(1)
	go t.takeEach(names, &wg)
	for range names {
		t.in <- 1
	}
	wg.Wait()
}

// unboundedTakeBad's receiver waits for a third value nobody sends.
func unboundedTakeBad() {
	t := &tally{in: make(chan int)}
	go t.takeAll() // want `goroutine leak: receive from \(\*tally\)\.in blocks forever: the sender may return without sending`
	t.in <- 1
	t.in <- 2
}
