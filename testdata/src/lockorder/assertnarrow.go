package lockorder

import "sync"

// An interface value asserted to another interface holds the same dynamic
// value: c, ok := s.w.(closer) is a writer that also closes, and
// c.Close() runs the Close of such a type only. logSink closes, but it is
// no writer, so its own Close (which takes sinkListMu) is no candidate
// there: silent. writingSink is a writer too: its Close is one, and the
// cycle sinkListMu -> (*writingSink).mu -> sinkListMu is reported.

type writer interface {
	Write(p []byte) (int, error)
}

type closer interface {
	Close() error
}

var sinkListMu sync.Mutex

type logSink struct {
	mu sync.Mutex
	w  writer
}

var logSinks []*logSink

func writeAll(p []byte) {
	sinkListMu.Lock()
	defer sinkListMu.Unlock()
	for _, s := range logSinks {
		s.mu.Lock()
		s.w.Write(p)
		s.mu.Unlock()
	}
}

func (s *logSink) Close() error {
	sinkListMu.Lock()
	sinkListMu.Unlock()
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.w.(closer); ok {
		return c.Close()
	}
	return nil
}

var writerListMu sync.Mutex

type writingSink struct {
	mu sync.Mutex
	w  writer
}

var writingSinks []*writingSink

func writeAllWriting(p []byte) {
	writerListMu.Lock()
	defer writerListMu.Unlock()
	for _, s := range writingSinks {
		s.mu.Lock()
		s.w.Write(p)
		s.mu.Unlock()
	}
}

func (s *writingSink) Write(p []byte) (int, error) { return len(p), nil }

func (s *writingSink) Close() error {
	writerListMu.Lock()
	writerListMu.Unlock()
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.w.(closer); ok {
		return c.Close() // want `lock-order cycle: writerListMu acquired while holding \(\*writingSink\)\.mu`
	}
	return nil
}
