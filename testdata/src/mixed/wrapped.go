package mixed

import "sync"

// A run loop that hands each message to the value its object wraps (an
// interface field) takes that value's lock, not its own object's: even
// when the wrapped value is of the same type, it is another instance
// unless the object wraps itself, which nothing here does.

// byteSink has io.Writer's method set (the package imports no io).
type byteSink interface {
	Write(p []byte) (int, error)
}

// SerialWriter serialises writes to out through one goroutine.
type SerialWriter struct {
	mu  sync.Mutex
	out byteSink
	ch  chan []byte
}

func NewSerialWriter(out byteSink) *SerialWriter {
	w := &SerialWriter{out: out, ch: make(chan []byte)}
	go w.loop()
	return w
}

func (w *SerialWriter) loop() {
	for p := range w.ch {
		w.out.Write(p)
	}
}

func (w *SerialWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.ch <- p
	return len(p), nil
}

// The buggy twin: the loop counts what it wrote under the object's own
// lock, which Write holds while it waits for the loop to receive.
type CountingWriter struct {
	mu  sync.Mutex
	out byteSink
	ch  chan []byte
	n   int
}

func NewCountingWriter(out byteSink) *CountingWriter {
	w := &CountingWriter{out: out, ch: make(chan []byte)}
	go w.loop()
	return w
}

func (w *CountingWriter) loop() {
	for p := range w.ch {
		w.out.Write(p)
		w.mu.Lock()
		w.n += len(p)
		w.mu.Unlock()
	}
}

func (w *CountingWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.ch <- p // want `communication deadlock: send on \(\*CountingWriter\)\.ch while holding \(\*CountingWriter\)\.mu; the receiver takes \(\*CountingWriter\)\.mu first`
	return len(p), nil
}
