package unreleased

import (
	"errors"
	"io"
	"sync"
)

// A lock a constructor takes for the goroutine it starts, which unlocks it
// when its work is done (a mutex used as a one-shot "finished" signal that
// Close waits on by locking it again), is handed to that goroutine: the
// constructor does not return holding it, whether the mutex is a field of
// the object or a pointer to one made with it.

type pump struct {
	w    *io.PipeWriter
	done *sync.Mutex
}

func newPump(drain func(io.Reader)) (*pump, error) {
	r, w := io.Pipe()
	p := &pump{w: w, done: new(sync.Mutex)}
	p.done.Lock()
	go func() {
		drain(r)
		p.done.Unlock()
	}()
	return p, nil
}

// wait blocks until the goroutine has drained the pipe.
func (p *pump) wait() {
	p.w.Close()
	p.done.Lock()
}

func openSource(ok bool) error {
	if !ok {
		return errors.New("no source")
	}
	return nil
}

// goodPumped returns early before the pump and later after it: the pump's
// lock belongs to its goroutine, not to this function.
func goodPumped(ok bool, drain func(io.Reader)) error {
	if err := openSource(ok); err != nil {
		return err
	}
	p, err := newPump(drain)
	if err != nil {
		return err
	}
	p.w.Write([]byte("x"))
	return nil
}

// leakyPump starts a goroutine that never unlocks the lock its maker took:
// the maker returns holding it.
type leakyPump struct {
	w    *io.PipeWriter
	done *sync.Mutex
}

func newLeakyPump(drain func(io.Reader)) (*leakyPump, error) {
	r, w := io.Pipe()
	p := &leakyPump{w: w, done: new(sync.Mutex)}
	p.done.Lock()
	go drain(r)
	return p, nil
}

// badLeakyPumped returns early before the pump and, after it, with the
// pump's lock held by nobody who will let it go.
func badLeakyPumped(ok bool, drain func(io.Reader)) error {
	if err := openSource(ok); err != nil {
		return err
	}
	p, err := newLeakyPump(drain)
	if err != nil {
		return err
	}
	p.w.Write([]byte("x"))
	return nil // want `lock not released: \(\*leakyPump\)\.done is still held when this path returns`
}
