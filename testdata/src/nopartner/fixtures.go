package nopartner

// probe is created only by this package's test files (fixtures_test.go),
// which set resp: production code never has a probe, so its send never
// runs there, and "never assigned" is no claim to make about it.
type probe struct{ resp chan int }

func (p *probe) answer(v int) { p.resp <- v }

// queue is generic: its constructor sets subs through one instance of the
// type, and Subscribe sends through another; the field is the same.
type queue[T any] struct{ subs chan<- T }

func newQueue[T any]() *queue[T] {
	subs := make(chan T)
	go func() {
		for range subs {
		}
	}()
	return &queue[T]{subs: subs}
}

func (q *queue[T]) Subscribe(v T) { q.subs <- v }
