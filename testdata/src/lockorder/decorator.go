package lockorder

import "sync"

// Stream is what the decorators below wrap and are.
type Stream interface {
	Put(p []byte)
	Flush()
}

// lockedStream serialises a Stream; bufferedStream batches into one. Each holds
// its own lock while it calls the Stream it wraps, so lockedStream's lock comes
// before the lock of the bufferedStream it may wrap, and bufferedStream's
// before that of the lockedStream it may wrap. A deadlock would need a value
// that wraps itself through the other, which nothing here builds: silent.
type lockedStream struct {
	mu   sync.Mutex
	next Stream
}

func (l *lockedStream) Put(p []byte) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.next.Put(p)
}

func (l *lockedStream) Flush() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.next.Flush()
}

type bufferedStream struct {
	mu   sync.Mutex
	next Stream
	buf  []byte
}

func (b *bufferedStream) Put(p []byte) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
}

func (b *bufferedStream) Flush() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.next.Put(b.buf)
	b.next.Flush()
}

// The twin: teeStream copies to a mirrorStream it points to (no
// interface in between), and the mirror reports to a tee it is handed,
// under its own lock: both orders are of objects the model can name.
type teeStream struct {
	mu   sync.Mutex
	side *mirrorStream
}

func (t *teeStream) Put(p []byte) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.side.Put(p)
}

func (t *teeStream) Flush() {}

type mirrorStream struct {
	mu sync.Mutex
	n  int
}

func (m *mirrorStream) Put(p []byte) {
	m.mu.Lock()
	m.n += len(p)
	m.mu.Unlock()
}

func (m *mirrorStream) Flush() {}

// Report tells the tee it was handed, under its own lock.
func (m *mirrorStream) Report(t *teeStream) {
	m.mu.Lock()
	defer m.mu.Unlock()
	t.Put(nil) // want `lock-order cycle: \(\*teeStream\).mu acquired while holding \(\*mirrorStream\).mu; \(\*teeStream\).Put takes them in the opposite order`
}
