package hook_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/awaitvet/awaitvet/hook"
	"github.com/awaitvet/awaitvet/report"
)

// The cost of a snapshot, and of its analysis with a static graph, with
// thousands of goroutines blocked at one site whose partner is not
// running (so that each is a leak, and the partner search runs):
//
//	go test -run '^$' -bench Snapshot -benchtime 20x ./hook

func benchWait(ch chan struct{}) {
	<-ch // @bench-recv
}

// benchFeed is never called, so that every benchWait leaks.
//
//lint:ignore U1000 the static graph names it as the partner
func benchFeed(ch chan struct{}) {
	close(ch) // @bench-close
}

func BenchmarkSnapshot(b *testing.B) {
	bld := newBuilderFor(b, "bench_test.go")
	ch := bld.res(report.Chan, "bench#ch", "ch (hook_test.BenchmarkSnapshot)")
	bld.wait("benchWait", ch, "recv", "bench-recv")
	bld.partner(ch, report.ClosedBy, "benchFeed", "bench-close")
	graph := bld.graph()
	for _, n := range []int{1000, 10000} {
		stop := make(chan struct{})
		var wg sync.WaitGroup
		for range n {
			wg.Go(func() { benchWait(stop) })
		}
		for blocked := 0; blocked < n; {
			blocked = 0
			for _, g := range hook.Take(false).Goroutines {
				if g.Blocked() && inner(g) == testPkg+".benchWait" {
					blocked++
				}
			}
		}
		b.Run(fmt.Sprintf("goroutines=%d/take", n), func(b *testing.B) {
			for b.Loop() {
				hook.Take(false)
			}
		})
		s := hook.Take(false)
		b.Run(fmt.Sprintf("goroutines=%d/analyze", n), func(b *testing.B) {
			for b.Loop() {
				r := hook.Analyze(s, hook.WithGraph(graph))
				if len(r.Chains) == 0 || r.Chains[0].Verdict != hook.Leak || len(r.Chains[0].Same) < n-1 {
					b.Fatalf("%d chains, first %v", len(r.Chains), r.Chains[0].Verdict)
				}
			}
		})
		close(stop)
		wg.Wait()
	}
}

// relay receives and passes on; every relay could feed every other.
func relay(ch chan int) {
	if v, ok := <-ch; ok { // @relay-recv
		ch <- v // @relay-send
	}
}

// BenchmarkRing is the worst case for the partner search: ten thousand
// goroutines each of which is a candidate to release all the others (one
// deadlock, in the end). It must stay linear.
func BenchmarkRing(b *testing.B) {
	bld := newBuilderFor(b, "bench_test.go")
	ch := bld.res(report.Chan, "ring#ch", "ring (hook_test.BenchmarkRing)")
	bld.wait("relay", ch, "recv", "relay-recv")
	bld.partner(ch, report.SentBy, "relay", "relay-send")
	graph := bld.graph()
	const n = 10000
	ring := make(chan int)
	for range n {
		go relay(ring)
	}
	for blocked := 0; blocked < n; {
		blocked = 0
		for _, g := range hook.Take(false).Goroutines {
			if g.Blocked() && inner(g) == testPkg+".relay" {
				blocked++
			}
		}
	}
	s := hook.Take(false)
	for b.Loop() {
		r := hook.Analyze(s, hook.WithGraph(graph))
		if len(r.Cycles) == 0 {
			b.Fatalf("no deadlock in the ring:\n%s", r.Summary())
		}
	}
	close(ring) // they are all receiving: they all return
}
