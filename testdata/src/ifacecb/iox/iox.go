// Package iox declares readers and writers and copies between them, as io
// does, so that the copier tests hold without facts about the standard
// library (see TestNoStdFacts). Like io it has a pipe guarded by a mutex,
// which makes it a package the analysis summarises.
package iox

import "sync"

// Pipe is a one-slot buffer shared by a writer and a reader.
type Pipe struct {
	mu  sync.Mutex
	buf []byte
}

func (p *Pipe) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.buf = append(p.buf, b...)
	return len(b), nil
}

// Reader is read from.
type Reader interface {
	Read(p []byte) (int, error)
}

// Writer is written to.
type Writer interface {
	Write(p []byte) (int, error)
}

// WriterTo writes itself to a Writer.
type WriterTo interface {
	WriteTo(w Writer) (int64, error)
}

// Copy copies from src to dst until src is empty.
func Copy(dst Writer, src Reader) (int64, error) {
	return copyBuffer(dst, src, nil)
}

func copyBuffer(dst Writer, src Reader, buf []byte) (int64, error) {
	if wt, ok := src.(WriterTo); ok {
		return wt.WriteTo(dst)
	}
	if buf == nil {
		buf = make([]byte, 512)
	}
	var written int64
	for {
		n, err := src.Read(buf)
		if n > 0 {
			m, werr := dst.Write(buf[:n])
			written += int64(m)
			if werr != nil {
				return written, werr
			}
		}
		if err != nil {
			return written, nil
		}
	}
}

// multiReader reads its readers in turn; it is a WriterTo, so the call
// graph resolves copyBuffer's WriteTo to it, and its Read of a reader it
// keeps is a record of unknown receiver that holds only when src is one.
type multiReader struct {
	readers []Reader
}

func (mr *multiReader) Read(p []byte) (int, error) {
	for len(mr.readers) > 0 {
		n, err := mr.readers[0].Read(p)
		if n > 0 || err != nil {
			return n, err
		}
		mr.readers = mr.readers[1:]
	}
	return 0, nil
}

func (mr *multiReader) WriteTo(w Writer) (int64, error) {
	return copyBuffer(w, mr, nil)
}

// MultiReader reads from each reader in turn.
func MultiReader(rs ...Reader) Reader { return &multiReader{readers: rs} }

// Buffer is a byte buffer.
type Buffer struct{ b []byte }

func (b *Buffer) Write(p []byte) (int, error) { b.b = append(b.b, p...); return len(p), nil }

// ByteReader reads from a byte slice.
type ByteReader struct{ b []byte }

func (r *ByteReader) Read(p []byte) (int, error) { n := copy(p, r.b); r.b = r.b[n:]; return n, nil }
