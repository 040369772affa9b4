// Package copier: interface calls made in another package on a value the
// caller passes (iox.Copy's Read and Write, as io.Copy's) resolve only to
// the types callers pass. A Stream's readData holds recvLock while it
// copies from a reader: from an *iox.ByteReader into an *iox.Buffer no
// Stream method runs, so the opposite order in Close closes no cycle; the
// buggy twin copies from another Stream, whose Read takes stateLock, and
// does.
package copier

import (
	"sync"

	"ifacecb/iox"
)

type Stream struct {
	stateLock sync.Mutex
	recvLock  sync.Mutex
	buf       *iox.Buffer
}

// Read takes stateLock.
func (s *Stream) Read(p []byte) (int, error) {
	s.stateLock.Lock()
	defer s.stateLock.Unlock()
	return 0, nil
}

// Close takes stateLock, then recvLock.
func (s *Stream) Close() {
	s.stateLock.Lock()
	defer s.stateLock.Unlock()
	s.recvLock.Lock()
	defer s.recvLock.Unlock()
}

// readData copies, under recvLock, from whatever reader its caller passes.
func (s *Stream) readData(conn iox.Reader) error {
	s.recvLock.Lock()
	defer s.recvLock.Unlock()
	_, err := iox.Copy(s.buf, conn)
	return err
}

// Session reads every stream's data from one buffered connection.
type Session struct {
	br *iox.ByteReader
}

func (se *Session) handle(s *Stream) error {
	return s.readData(se.br)
}

// Open hands Streams out as readers.
func Open() iox.Reader { return &Stream{} }

// The buggy twin: Pipe copies from one stream into another, so readData
// runs (*PStream).Read under recvLock: recvLock then stateLock, against
// Close's stateLock then recvLock.
type PStream struct {
	stateLock sync.Mutex
	recvLock  sync.Mutex
	buf       *iox.Buffer
}

func (s *PStream) Read(p []byte) (int, error) {
	s.stateLock.Lock()
	defer s.stateLock.Unlock()
	return 0, nil
}

func (s *PStream) Close() {
	s.stateLock.Lock()
	defer s.stateLock.Unlock()
	s.recvLock.Lock() // want `lock-order cycle: \(\*PStream\)\.recvLock acquired while holding \(\*PStream\)\.stateLock; \(\*PStream\)\.readData takes them in the opposite order`
	defer s.recvLock.Unlock()
}

func (s *PStream) readData(conn iox.Reader) error {
	s.recvLock.Lock()
	defer s.recvLock.Unlock()
	_, err := iox.Copy(s.buf, conn)
	return err
}

// Pipe feeds one stream from another.
func Pipe(dst, src *PStream) error {
	return dst.readData(src)
}

// A reader kept in a field: the types this package stores in that field
// count. Chain stores an *FStream in FStream.conn, so readData can run
// (*FStream).Read under recvLock.
type FStream struct {
	stateLock sync.Mutex
	recvLock  sync.Mutex
	buf       *iox.Buffer
	conn      iox.Reader
}

func (s *FStream) Read(p []byte) (int, error) {
	s.stateLock.Lock()
	defer s.stateLock.Unlock()
	return 0, nil
}

func (s *FStream) Close() {
	s.stateLock.Lock()
	defer s.stateLock.Unlock()
	s.recvLock.Lock() // want `lock-order cycle: \(\*FStream\)\.recvLock acquired while holding \(\*FStream\)\.stateLock; \(\*FStream\)\.readData takes them in the opposite order`
	defer s.recvLock.Unlock()
}

func (s *FStream) readData() error {
	s.recvLock.Lock()
	defer s.recvLock.Unlock()
	_, err := iox.Copy(s.buf, s.conn)
	return err
}

// OpenF hands FStreams out as readers.
func OpenF() iox.Reader { return &FStream{} }

// Chain makes s read from another stream.
func (s *FStream) Chain(peer *FStream) { s.conn = peer }

// The silent twin: GStream is converted to a reader (OpenG) but nothing in
// this package stores one in GStream.conn, so nothing shows that readData's
// copy ever runs (*GStream).Read: no cycle is claimed.
type GStream struct {
	stateLock sync.Mutex
	recvLock  sync.Mutex
	buf       *iox.Buffer
	conn      iox.Reader
}

func (s *GStream) Read(p []byte) (int, error) {
	s.stateLock.Lock()
	defer s.stateLock.Unlock()
	return 0, nil
}

func (s *GStream) Close() {
	s.stateLock.Lock()
	defer s.stateLock.Unlock()
	s.recvLock.Lock()
	defer s.recvLock.Unlock()
}

func (s *GStream) readData() error {
	s.recvLock.Lock()
	defer s.recvLock.Unlock()
	_, err := iox.Copy(s.buf, s.conn)
	return err
}

// OpenG hands GStreams out as readers.
func OpenG() iox.Reader { return &GStream{} }

// Dial gives a GStream the package's own byte reader.
func (s *GStream) Dial(br *iox.ByteReader) { s.conn = br }
