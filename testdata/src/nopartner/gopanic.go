package nopartner

// A panic nobody can receive re-raised on a goroutine of its own, as
// golang.org/x/sync/singleflight does: nothing can recover it, the process
// is ending, and select {} parks this goroutine for the crash dump. The
// twin logs the value on the new goroutine instead: nothing ends, and the
// select blocks forever.

func reraise(fn func() int) <-chan int {
	ch := make(chan int, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				go panic(r)
				select {}
			}
		}()
		ch <- fn()
	}()
	return ch
}

func logged(fn func() int, log func(any)) <-chan int {
	ch := make(chan int, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				go log(r)
				select {} // want `select \{\} blocks forever outside main`
			}
		}()
		ch <- fn()
	}()
	return ch
}
