// Package endlesswait: Cond waits in loops whose condition nothing changes,
// beside twins whose condition can change or whose loop can be left.
package endlesswait

import (
	"os"
	"sync"
)

type watcher struct {
	mu       sync.Mutex
	cv       *sync.Cond
	watching bool
}

// remove waits while exists holds, and nothing ever sets it to false.
func (w *watcher) remove() {
	w.mu.Lock()
	defer w.mu.Unlock()
	exists := true
	for exists {
		w.cv.Wait() // want `Cond.Wait in a loop that never ends: its condition \(exists\) never changes, so every wakeup comes back to this Wait`
	}
}

// waitCopied copies the shared flag into a local once and waits on the copy:
// the signaller changes w.watching, never watching.
func (w *watcher) waitCopied() {
	w.mu.Lock()
	defer w.mu.Unlock()
	watching := w.watching
	for watching {
		w.cv.Wait() // want `its condition \(watching\) never changes`
	}
}

// removeFixed tests shared state that the signaller changes.
func (w *watcher) removeFixed() {
	w.mu.Lock()
	defer w.mu.Unlock()
	for w.watching {
		w.cv.Wait()
	}
}

// waitWhile is entered only with busy true, and then never leaves.
func waitWhile(c *sync.Cond, busy bool, n int) {
	c.L.Lock()
	for busy && n > 0 {
		c.Wait() // want `its condition \(busy, n\) never changes`
	}
	c.L.Unlock()
}

// waitCount counts its wakeups down: the body changes n.
func waitCount(c *sync.Cond, n int) {
	c.L.Lock()
	for n > 0 {
		c.Wait()
		n--
	}
	c.L.Unlock()
}

// waitClosure's flag is set by the goroutine it starts.
func waitClosure(c *sync.Cond) {
	done := false
	go func() {
		c.L.Lock()
		done = true
		c.L.Unlock()
		c.Broadcast()
	}()
	c.L.Lock()
	for !done {
		c.Wait()
	}
	c.L.Unlock()
}

func set(c *sync.Cond, p *bool) {
	c.L.Lock()
	*p = true
	c.L.Unlock()
	c.Signal()
}

// waitPtr hands its flag's address to the goroutine that sets it.
func waitPtr(c *sync.Cond) {
	ready := false
	go set(c, &ready)
	c.L.Lock()
	for !ready {
		c.Wait()
	}
	c.L.Unlock()
}

type flag bool

func (f *flag) clear() { *f = false }

// waitMethod clears its flag through a pointer method.
func waitMethod(c *sync.Cond, w *watcher) {
	on := flag(true)
	c.L.Lock()
	for on {
		c.Wait()
		if !w.watching {
			on.clear()
		}
	}
	c.L.Unlock()
}

// waitBreak leaves by a break once the shared state says so.
func waitBreak(c *sync.Cond, w *watcher) {
	c.L.Lock()
	waiting := true
	for waiting {
		c.Wait()
		if !w.watching {
			break
		}
	}
	c.L.Unlock()
}

// waitSelect's break leaves the select, not the loop.
func waitSelect(c *sync.Cond, ch chan int) {
	on := true
	c.L.Lock()
	for on {
		c.Wait() // want `its condition \(on\) never changes`
		select {
		case <-ch:
			break
		default:
		}
	}
	c.L.Unlock()
}

// waitLabel's labelled break leaves the loop.
func waitLabel(c *sync.Cond, ch chan int) {
	on := true
	c.L.Lock()
outer:
	for on {
		c.Wait()
		select {
		case <-ch:
			break outer
		default:
		}
	}
	c.L.Unlock()
}

// waitExit ends the process from inside the loop.
func waitExit(c *sync.Cond, w *watcher) {
	on := true
	c.L.Lock()
	for on {
		c.Wait()
		if !w.watching {
			os.Exit(0)
		}
	}
}

// worker loops forever on purpose: its condition is a constant.
func worker(c *sync.Cond, q *[]int) {
	c.L.Lock()
	for true {
		c.Wait()
		*q = (*q)[:0]
	}
}

// waitNested waits only on some turns: its Wait is not a statement of the
// loop's body, and the claim is about a Wait every turn reaches.
func waitNested(c *sync.Cond, w *watcher) {
	on := true
	c.L.Lock()
	for on {
		if w.watching {
			c.Wait()
		}
	}
}
