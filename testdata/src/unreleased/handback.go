package unreleased

import (
	"errors"
	"sync"
)

// segFile is read-locked while a reader uses it.
type segFile struct {
	lock sync.RWMutex
	data []byte
}

type segLog struct {
	filesLock sync.RWMutex
	files     map[uint32]*segFile
	last      uint32
}

var errNoSeg = errors.New("no such segment")

// fileRLocked returns the segment read-locked on success, nil and an error
// otherwise. It has a defer, so its results are returned through result
// slots: the nil and the error are still what its returns give.
func (l *segLog) fileRLocked(id uint32) (*segFile, error) {
	l.filesLock.RLock()
	defer l.filesLock.RUnlock()
	f, ok := l.files[id]
	if !ok {
		return nil, errNoSeg
	}
	f.lock.RLock()
	return f, nil
}

// goodReadSeg hands the unlocker to its caller with the data.
func (l *segLog) goodReadSeg(id uint32) ([]byte, func(), error) {
	f, err := l.fileRLocked(id)
	if err != nil {
		return nil, nil, err
	}
	return f.data, f.lock.RUnlock, nil
}

// badPeekSeg keeps the segment read-locked after a successful call.
func (l *segLog) badPeekSeg(id uint32) byte {
	f, err := l.fileRLocked(id)
	if err != nil {
		return 0
	}
	return f.data[0] // want `lock not released: \(\*segFile\)\.lock is still held when this path returns`
}

// unlockFunc returns the segment's unlocker, nil for no segment.
func unlockFunc(f *segFile) func() {
	if f == nil {
		return nil
	}
	return f.lock.RUnlock
}

// goodReadCallback hands the unlocker back on every path that keeps the
// segment locked.
func (l *segLog) goodReadCallback(id uint32) ([]byte, func(), error) {
	f, err := l.fileRLocked(id)
	cb := unlockFunc(f)
	if err != nil {
		return nil, cb, err
	}
	return f.data, cb, nil
}

// badReadShort drops the unlocker on its short-read path: the segment stays
// read-locked, while the other path hands the unlocker back.
func (l *segLog) badReadShort(id uint32, n int) ([]byte, func(), error) {
	f, err := l.fileRLocked(id)
	cb := unlockFunc(f)
	if err != nil {
		return nil, cb, err
	}
	if len(f.data) < n {
		return nil, nil, errNoSeg // want `lock not released: \(\*segFile\)\.lock is still held when this path returns`
	}
	return f.data[:n], cb, nil
}

// readBytes is a conditional helper in turn: the segment it returns is
// read-locked, nil when it fails.
func (l *segLog) readBytes(id uint32) ([]byte, *segFile, error) {
	f, err := l.fileRLocked(id)
	if err != nil {
		return nil, nil, err
	}
	buf, err := f.read()
	return buf, f, err
}

func (f *segFile) read() ([]byte, error) {
	if len(f.data) == 0 {
		return nil, errNoSeg
	}
	return f.data, nil
}

// goodReadThrough asks for the unlocker before it tests the error: the
// lock is only maybe held where it hands the unlocker back.
func (l *segLog) goodReadThrough(id uint32) ([]byte, func(), error) {
	buf, f, err := l.readBytes(id)
	cb := unlockFunc(f)
	if err != nil {
		return nil, cb, err
	}
	return buf, cb, nil
}
