package abandoned

// The value both sides test may be a field of a struct handed by value: a
// struct value never changes, so every read of one of its fields is one
// value, whether the goroutine reads it from the captured variable, from a
// copy in a local, or from an argument of the go statement.

type submitOpts struct {
	wait, log bool
}

func goodFieldCaptured(o submitOpts, f func() int) int {
	ch := make(chan int)
	go func() {
		v := f()
		if o.wait {
			ch <- v
		}
	}()
	if o.wait {
		return <-ch
	}
	return -1
}

func goodFieldCopied(o submitOpts, f func() int) int {
	ch := make(chan int)
	wait := o.wait
	go func() {
		if wait {
			ch <- f()
		}
	}()
	if o.wait {
		return <-ch
	}
	return -1
}

func goodFieldArgument(o submitOpts, f func() int) int {
	ch := make(chan int)
	go func(w bool) {
		if w {
			ch <- f()
		}
	}(o.wait)
	if o.wait {
		return <-ch
	}
	return -1
}

func goodFieldLocal(f func() int, quick bool) int {
	o := submitOpts{wait: !quick}
	ch := make(chan int)
	go func() {
		if o.wait {
			ch <- f()
		}
	}()
	if !o.wait {
		return -1
	}
	return <-ch
}

// badOtherField sends on one field's side and receives on another's.
func badOtherField(o submitOpts, f func() int) int {
	ch := make(chan int)
	go func() { // want `goroutine leak: send on ch blocks forever: the receiver may return before receiving$`
		if o.wait {
			ch <- f()
		}
	}()
	if o.log {
		return <-ch
	}
	return -1
}

// badFieldChanged: the variable is assigned again after the goroutine
// starts, so the two reads need not agree.
func badFieldChanged(o submitOpts, f func() int) int {
	ch := make(chan int)
	go func() { // want `goroutine leak: send on ch blocks forever: the receiver may return before receiving$`
		if o.wait {
			ch <- f()
		}
	}()
	o = submitOpts{}
	if o.wait {
		return <-ch
	}
	return -1
}

// The whole struct handed as the go statement's argument: the goroutine's
// copy holds the same field values.
func goodStructArgument(o submitOpts, f func() int) int {
	ch := make(chan int)
	go func(o submitOpts) {
		v := f()
		if o.wait {
			ch <- v
		}
	}(o)
	if o.wait {
		return <-ch
	}
	return -1
}

// badStructArgumentOtherField tests another field of the same copy.
func badStructArgumentOtherField(o submitOpts, f func() int) int {
	ch := make(chan int)
	go func(o submitOpts) { // want `goroutine leak: send on ch blocks forever: the receiver may return before receiving$`
		v := f()
		if o.wait {
			ch <- v
		}
	}(o)
	if o.log {
		return <-ch
	}
	return -1
}

// A request passed by value gets its reply channel only when it wants a
// reply; the goroutine answers on the same side of the same field, which
// nothing writes (the write to another field leaves it as passed).
type replyEnvelope struct {
	wantReply bool
	reply     chan int
}

func goodOtherFieldWritten(e replyEnvelope, f func() int) int {
	if e.wantReply {
		e.reply = make(chan int)
	}
	go func() {
		v := f()
		if e.wantReply {
			e.reply <- v
		}
	}()
	if e.wantReply {
		return <-e.reply
	}
	return -1
}

// badTestedFieldWritten: the tested field itself is written after the
// goroutine starts, so the two reads need not agree.
func badTestedFieldWritten(e replyEnvelope, f func() int, quiet bool) int {
	if e.wantReply {
		e.reply = make(chan int)
	}
	go func() { // want `goroutine leak: send on \(\*replyEnvelope\)\.reply blocks forever: the receiver may return before receiving$`
		v := f()
		if e.wantReply {
			e.reply <- v
		}
	}()
	if quiet {
		e.wantReply = false
	}
	if e.wantReply {
		return <-e.reply
	}
	return -1
}
