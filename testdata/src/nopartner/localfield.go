package nopartner

// A channel made here and stored once in a field of an object made here
// is one channel under two names: the object's methods send on the field,
// the function receives through its local variable.

type job struct {
	res chan int
	n   int
}

func (j *job) run() { j.res <- j.n * 2 } // want `no receiver: send on \(\*job\)\.res blocks forever$`

func runJob(n int) int {
	res := make(chan int)
	j := &job{res: res, n: n}
	go j.run()
	return <-res
}

// Nothing receives, by either name.
func runJobDropped(n int) {
	res := make(chan int)
	j := &job{res: res, n: n}
	go j.run()
	_ = res
}

// Received through the local variable on one path only.
func runJobMaybe(n int) int {
	res := make(chan int)
	j := &job{res: res, n: n}
	go j.run() // want `goroutine leak: send on \(\*job\)\.res blocks forever: the receiver may return before receiving$`
	if n < 0 {
		return -1
	}
	return <-res
}
