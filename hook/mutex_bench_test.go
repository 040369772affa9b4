package hook

import (
	"sync"
	"testing"
)

// The benchmarks behind the claim in mutex.go: run with
//
//	go test -run '^$' -bench 'Mutex' -count 10 ./hook | benchstat -col /impl -
//
// Uncontended is one goroutine locking and unlocking; contended is
// RunParallel with eight goroutines per CPU, so that waiters really park
// (and hook's slow path registers them).

type locker interface {
	Lock()
	Unlock()
}

func benchUncontended(b *testing.B, m locker) {
	for b.Loop() {
		m.Lock()
		//lint:ignore SA2001 the lock itself is what is measured
		m.Unlock()
	}
}

func benchContended(b *testing.B, m locker) {
	b.SetParallelism(8)
	n := 0
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			m.Lock()
			n++
			m.Unlock()
		}
	})
	_ = n
}

func BenchmarkMutex(b *testing.B) {
	b.Run("impl=sync/uncontended", func(b *testing.B) { benchUncontended(b, new(sync.Mutex)) })
	b.Run("impl=hook/uncontended", func(b *testing.B) { benchUncontended(b, new(Mutex)) })
	b.Run("impl=sync/contended", func(b *testing.B) { benchContended(b, new(sync.Mutex)) })
	b.Run("impl=hook/contended", func(b *testing.B) { benchContended(b, new(Mutex)) })
}

func BenchmarkRWMutex(b *testing.B) {
	b.Run("impl=sync/uncontended", func(b *testing.B) { benchUncontended(b, new(sync.RWMutex)) })
	b.Run("impl=hook/uncontended", func(b *testing.B) { benchUncontended(b, new(RWMutex)) })
	b.Run("impl=sync/runcontended", func(b *testing.B) { benchUncontended(b, new(sync.RWMutex).RLocker()) })
	b.Run("impl=hook/runcontended", func(b *testing.B) { benchUncontended(b, new(RWMutex).RLocker()) })
	b.Run("impl=sync/contended", func(b *testing.B) { benchContended(b, new(sync.RWMutex)) })
	b.Run("impl=hook/contended", func(b *testing.B) { benchContended(b, new(RWMutex)) })
	b.Run("impl=sync/rcontended", func(b *testing.B) { benchContended(b, new(sync.RWMutex).RLocker()) })
	b.Run("impl=hook/rcontended", func(b *testing.B) { benchContended(b, new(RWMutex).RLocker()) })
}
