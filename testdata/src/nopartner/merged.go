package nopartner

// A variable that holds one channel on some paths and another on others
// (a daisy chain's in = out, a swap on a flag, a channel made on one path
// and nil on the other) is another name for each: an operation through it
// may be one on either. The function does not see every operation on such
// a channel under one name, so it makes no claim on it.

func goodDaisyChain(n, v int) int {
	first := make(chan int)
	in := first
	for i := 0; i < n; i++ {
		out := make(chan int)
		go func(in <-chan int, out chan<- int) {
			out <- 1 + <-in
		}(in, out)
		in = out
	}
	first <- v
	return <-in
}

func goodSwap(primary bool, a, b func() int) int {
	ca, cb := make(chan int), make(chan int)
	go func() { ca <- a() }()
	go func() { cb <- b() }()
	first, second := ca, cb
	if !primary {
		first, second = cb, ca
	}
	x := <-first
	<-second
	return x
}

func goodOptional(prefetch bool, fetch, local func() string) string {
	var pre chan string
	if prefetch {
		pre = make(chan string)
		go func(c chan<- string) { c <- fetch() }(pre)
	}
	s := local()
	if pre != nil {
		s += <-pre
	}
	return s
}

// A chain of two, named once each: the last stage's channel is never
// received.
func badTwoStages(v int) {
	first, mid, last := make(chan int), make(chan int), make(chan int)
	go func() { mid <- 1 + <-first }()
	go func() { last <- 1 + <-mid }() // want `no receiver: send on last blocks forever$`
	first <- v
}
