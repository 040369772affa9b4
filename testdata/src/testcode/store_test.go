package testcode

// (A test file need not import testing to be one; leaving it out keeps the
// test cheap.)

// fake locks mu: Refresh would lock it twice through it.
type fake struct{}

func (fake) Get() int {
	mu.Lock()
	defer mu.Unlock()
	return 0
}

func checkRefresh() bool { return Refresh(fake{}) == 0 }

// startTotal leaks its goroutine: nothing receives from done.
func startTotal() {
	done := make(chan int)
	go func() { done <- Total() }()
}
