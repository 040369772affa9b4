package nopartner

import "errors"

// A channel field made with a buffer of one, whose one send runs once per
// object: in a goroutine that a method starts once, a method its maker's
// caller calls once on the object it got fresh from the constructor. The
// buffer never fills, though nothing receives. The twins call the method
// twice on one object, in a loop over one object, or through an
// interface, whose calls are not all in sight.

type syncer struct {
	files  []int
	result chan error
}

func newSyncer(files []int) *syncer {
	return &syncer{files: files, result: make(chan error, 1)}
}

func (s *syncer) pump(out chan<- int) {
	for _, v := range s.files {
		out <- v
	}
	close(out)
	s.result <- nil
}

func (s *syncer) makeMap() int {
	in := make(chan int)
	go s.pump(in)
	sum := 0
	for v := range in {
		sum += v
	}
	return sum
}

func (s *syncer) run() int { return s.makeMap() }

func SyncAll(batches [][]int) int {
	total := 0
	for _, b := range batches {
		s := newSyncer(b) // a new object on every turn, run once
		total += s.run()
	}
	return total
}

// Two passes, each on an object of its own from a constructor that also
// returns an error: run runs once on each.
func newCheckedSyncer(files []int) (*syncer, error) {
	if len(files) == 0 {
		return nil, errNoFiles
	}
	return &syncer{files: files, result: make(chan error, 1)}, nil
}

var errNoFiles = errors.New("no files")

func SyncTwoPasses(files []int) (int, error) {
	first, err := newCheckedSyncer(files[:1])
	if err != nil {
		return 0, err
	}
	n := first.run()
	second, err := newCheckedSyncer(files)
	if err != nil {
		return n, err
	}
	return n + second.run(), nil
}

type resyncer struct {
	files  []int
	result chan error
}

func newResyncer(files []int) *resyncer {
	return &resyncer{files: files, result: make(chan error, 1)}
}

func (s *resyncer) pump(out chan<- int) {
	for _, v := range s.files {
		out <- v
	}
	close(out)
	s.result <- nil // want `no receiver: send on \(\*resyncer\)\.result blocks forever once its buffer is full`
}

func (s *resyncer) makeMap() int {
	in := make(chan int)
	go s.pump(in)
	sum := 0
	for v := range in {
		sum += v
	}
	return sum
}

func ResyncTwice(files []int) int {
	s := newResyncer(files)
	return s.makeMap() + s.makeMap() // two sends into a buffer of one
}

type loopSyncer struct {
	files  []int
	result chan error
}

func newLoopSyncer(files []int) *loopSyncer {
	return &loopSyncer{files: files, result: make(chan error, 1)}
}

func (s *loopSyncer) finish() {
	s.result <- nil // want `no receiver: send on \(\*loopSyncer\)\.result blocks forever once its buffer is full`
}

func SyncRounds(files []int, rounds int) {
	s := newLoopSyncer(files)
	for i := 0; i < rounds; i++ {
		s.finish() // one object, every turn
	}
}

type finisher interface{ finish() }

type ifaceSyncer struct {
	result chan error
}

func newIfaceSyncer() *ifaceSyncer {
	return &ifaceSyncer{result: make(chan error, 1)}
}

func (s *ifaceSyncer) finish() {
	s.result <- nil // want `no receiver: send on \(\*ifaceSyncer\)\.result blocks forever once its buffer is full`
}

func FinishAll(fs []finisher) {
	for _, f := range fs {
		f.finish()
	}
}

func SyncOnce() {
	s := newIfaceSyncer()
	s.finish()
	FinishAll([]finisher{s})
}
