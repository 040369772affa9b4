package nopartner

// A callee that receives from its channel parameter through a variable it
// sets to nil once the channel is closed (to switch off a select case, or
// to end its loop): the variable is the channel wherever it is used, so
// the receive is a receive from the caller's channel.

func drainNil(ch <-chan int) int {
	t := 0
	in := ch
	for in != nil {
		v, ok := <-in
		if !ok {
			in = nil
			continue
		}
		t += v
	}
	return t
}

func SumNil(n int) int {
	src := make(chan int)
	go func() {
		defer close(src)
		for i := 0; i < n; i++ {
			src <- i
		}
	}()
	return drainNil(src)
}

// The two-input merge that disables each case when its input closes.
func mergeNil(a, b <-chan int, out chan<- int) {
	defer close(out)
	for a != nil || b != nil {
		select {
		case v, ok := <-a:
			if !ok {
				a = nil
				continue
			}
			out <- v
		case v, ok := <-b:
			if !ok {
				b = nil
				continue
			}
			out <- v
		}
	}
}

func genNil(ch chan<- int, n int) {
	defer close(ch)
	for i := 0; i < n; i++ {
		ch <- i
	}
}

func MergedSum() int {
	a, b, out := make(chan int), make(chan int), make(chan int)
	go genNil(a, 3)
	go genNil(b, 4)
	go mergeNil(a, b, out)
	t := 0
	for v := range out {
		t += v
	}
	return t
}

// The buggy twin merges only its first input: nothing receives from the
// second.
func mergeFirst(a, b <-chan int, out chan<- int) {
	defer close(out)
	for a != nil {
		v, ok := <-a
		if !ok {
			a = nil
			continue
		}
		out <- v
	}
}

func genFirst(ch chan<- int, n int) {
	defer close(ch)
	for i := 0; i < n; i++ {
		ch <- i // want `no receiver: send on b blocks forever`
	}
}

func MergedFirstSum() int {
	a, b, out := make(chan int), make(chan int), make(chan int)
	go genNil(a, 3)
	go genFirst(b, 4)
	go mergeFirst(a, b, out)
	t := 0
	for v := range out {
		t += v
	}
	return t
}
