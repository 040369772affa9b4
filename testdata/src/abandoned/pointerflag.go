package abandoned

import (
	"bytes"
	"encoding/json"
)

// The same flag read through the request's pointer on both sides: the
// goroutine sends only if req.sync, its starter receives only then, and
// nothing of either stores that field.

type syncRequest struct {
	data string
	sync bool
}

func publishSync(req *syncRequest) int {
	done := make(chan int)
	go func() {
		n := len(req.data)
		if req.sync {
			done <- n
		}
	}()
	if req.sync {
		return <-done
	}
	return 0
}

// The twin's starter clears the flag after starting the goroutine: the
// two reads may differ.

type asyncRequest struct {
	data  string
	await bool
}

func publishAsync(req *asyncRequest, force bool) int {
	done := make(chan int)
	go func() { // want `goroutine leak: send on done blocks forever: the receiver may return before receiving`
		n := len(req.data)
		if req.await {
			done <- n
		}
	}()
	if force {
		req.await = false
	}
	if req.await {
		return <-done
	}
	return 0
}

// The flag asked through a method of the request, with a pointer receiver
// and with a value receiver: the method reads only a field set when the
// request is made, so both calls give one answer.

type ackRequest struct {
	data  string
	noAck bool
}

func (r *ackRequest) wantsAck() bool { return !r.noAck }

func (r ackRequest) quiet() bool { return r.noAck }

func publishAck(req *ackRequest) int {
	ackc := make(chan int)
	go func() {
		n := len(req.data)
		if req.wantsAck() {
			ackc <- n
		}
	}()
	if !req.wantsAck() {
		return 0
	}
	return <-ackc
}

func publishAckValue(req ackRequest) int {
	ackc := make(chan int)
	go func() {
		n := len(req.data)
		if !req.quiet() {
			ackc <- n
		}
	}()
	if req.quiet() {
		return 0
	}
	return <-ackc
}

func newAckRequests(data string, n int) []*ackRequest {
	return []*ackRequest{{data: data}, {data: data, noAck: n > 1}}
}

// The twins: a method of the package turns acknowledgements off on a
// request already made, which may happen between the two calls; the
// value's owner changes its copy between them.

type muteRequest struct {
	data  string
	noAck bool
}

func (r *muteRequest) wantsAck() bool { return !r.noAck }

func (r *muteRequest) mute() { r.noAck = true }

func (r muteRequest) quiet() bool { return r.noAck }

func publishMuted(req *muteRequest) int {
	ackc := make(chan int)
	go func() { // want `goroutine leak: send on ackc blocks forever: the receiver may return before receiving`
		n := len(req.data)
		if req.wantsAck() {
			ackc <- n
		}
	}()
	if !req.wantsAck() {
		return 0
	}
	return <-ackc
}

func publishMutedValue(req muteRequest, mute bool) int {
	ackc := make(chan int)
	go func() { // want `goroutine leak: send on ackc blocks forever: the receiver may return before receiving`
		n := len(req.data)
		if !req.quiet() {
			ackc <- n
		}
	}()
	if mute {
		req.noAck = true
	}
	if req.quiet() {
		return 0
	}
	return <-ackc
}

// An exported flag: code of other packages could store it, but only with
// the pointer, which neither side hands on (bytes.Count gets the body).

type Envelope struct {
	Body []byte
	Sync bool
}

func publishEnvelope(req *Envelope) int {
	done := make(chan int)
	go func() {
		n := bytes.Count(req.Body, []byte{'\n'})
		if req.Sync {
			done <- n
		}
	}()
	if req.Sync {
		return <-done
	}
	return 0
}

// The twin: the goroutine decodes into the request, which may set Sync,
// before its test.
func publishDecoded(req *Envelope) int {
	done := make(chan int)
	go func() { // want `goroutine leak: send on done blocks forever: the receiver may return before receiving`
		err := json.Unmarshal(req.Body, req)
		if req.Sync {
			done <- len(req.Body)
		}
		_ = err
	}()
	if req.Sync {
		return <-done
	}
	return 0
}
