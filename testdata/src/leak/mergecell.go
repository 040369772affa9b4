package leak

// The two-input merge in a goroutine that captures its inputs: each case
// is switched off by setting the captured variable to nil when its input
// closes, and the loop ends when both are.

func mergeCells(a, b <-chan int) <-chan int {
	out := make(chan int)
	go func() {
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
	}()
	return out
}

func SumMerged() int {
	a, b := make(chan int), make(chan int)
	go func() { a <- 1; close(a) }()
	go func() { b <- 2; close(b) }()
	s := 0
	for v := range mergeCells(a, b) {
		s += v
	}
	return s
}

// The twin stops when its first input closes: the second's sender may be
// left waiting.

func mergeFirstCells(a, b <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for a != nil {
			select {
			case v, ok := <-a:
				if !ok {
					a = nil
					continue
				}
				out <- v
			case v := <-b:
				out <- v
			}
		}
	}()
	return out
}

func SumMergedFirst() int {
	a, b := make(chan int), make(chan int)
	go func() { a <- 1; close(a) }()
	go func() { b <- 2; b <- 3 }() // want `goroutine leak: send on b blocks forever`
	s := 0
	for v := range mergeFirstCells(a, b) {
		s += v
	}
	return s
}
