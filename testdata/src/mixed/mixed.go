// Package mixed tests the commcycle check: communication deadlocks, cycles
// of goroutines that wait on each other through channels, WaitGroups and
// locks. Four shapes:
//
//   - a send on an unbuffered channel while holding a mutex that the
//     receiver must lock before it receives: reported at the send
//     (below and send.go);
//   - WaitGroup.Wait while holding a mutex that the counted goroutines lock
//     before Done: reported at the Wait (wait.go);
//   - two goroutines that each receive on the other's channel before sending
//     on their own: reported at the first receive of the function that comes
//     first in the file (recv.go);
//   - a receive while holding a mutex that the sender must lock before it
//     sends: reported at the receive (recv.go).
//
// The fixed twins release the lock before the channel operation or the Wait,
// buffer the channel, or reorder the operations. Every badX case has a goodX
// twin of the same shape with the bug fixed, which must stay silent.
package mixed

import "sync"

// --- send while holding the receiver's lock ---

// badSendUnderLock: the producer keeps mu across the send; the consumer
// locks mu before each receive.
func badSendUnderLock(items []int, handle func(int)) []string {
	var mu sync.Mutex
	var trail []string
	ch := make(chan int)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			mu.Lock()
			trail = append(trail, "wait")
			mu.Unlock()
			v, ok := <-ch
			if !ok {
				return
			}
			handle(v)
		}
	}()
	for _, it := range items {
		mu.Lock()
		trail = append(trail, "send")
		ch <- it // want `communication deadlock: send on ch while holding mu; the receiver takes mu first`
		mu.Unlock()
	}
	close(ch)
	<-done
	return trail
}

// goodSendUnderLock releases mu before the send.
func goodSendUnderLock(items []int, handle func(int)) []string {
	var mu sync.Mutex
	var trail []string
	ch := make(chan int)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			mu.Lock()
			trail = append(trail, "wait")
			mu.Unlock()
			v, ok := <-ch
			if !ok {
				return
			}
			handle(v)
		}
	}()
	for _, it := range items {
		mu.Lock()
		trail = append(trail, "send")
		mu.Unlock()
		ch <- it
	}
	close(ch)
	<-done
	return trail
}
