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

type mirrorStream struct {
	mu sync.Mutex
	n  int
}

func (m *mirrorStream) Put(p []byte) {
	m.mu.Lock()
	m.n += len(p)
	m.mu.Unlock()
}

// Report tells the tee it was handed, under its own lock.
func (m *mirrorStream) Report(t *teeStream) {
	m.mu.Lock()
	defer m.mu.Unlock()
	t.Put(nil) // want `lock-order cycle: \(\*teeStream\).mu acquired while holding \(\*mirrorStream\).mu; \(\*teeStream\).Put takes them in the opposite order`
}

// A pair of classes with one edge into a wrapped value and one that is not:
// a journal takes its lock, then that of the spill buffer it points to (no
// interface in between); a spill buffer flushing into a journal it wraps
// takes them the other way. The order through the pointer is one the model
// can name, so the cycle stands.
type Appender interface{ Append(p []byte) }

type journal struct {
	mu    sync.Mutex
	next  Appender
	spill *spillBuffer
}

func (j *journal) Append(p []byte) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.next.Append(p)
}

// Spill hands the journal's bytes to its spill buffer under its lock.
func (j *journal) Spill(p []byte) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.spill.Append(p)
}

type spillBuffer struct {
	mu   sync.Mutex
	next Appender
	buf  []byte
}

func (b *spillBuffer) Append(p []byte) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
}

// The witness shown for the journal's order is Spill's, a static call:
// Append's goes through the wrapped value, an interface call that may
// reach any Appender (a guess), and Spill's is what makes the pair count.
func (b *spillBuffer) Flush() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.next.Append(b.buf) // want `lock-order cycle: \(\*journal\).mu acquired while holding \(\*spillBuffer\).mu; \(\*journal\).Spill takes them in the opposite order`
}
