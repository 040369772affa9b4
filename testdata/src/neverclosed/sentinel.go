package neverclosed

// goodSentinel ranges until a zero value, which the producer sends last:
// the loop is left by its own return, not by a close. A range that can be
// left by a break or a return is not claimed to never end.
func goodSentinel(items []int) {
	jobs := make(chan int)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for j := range jobs {
			if j == 0 {
				return
			}
			sink(j)
		}
	}()
	for _, it := range items {
		jobs <- it
	}
	jobs <- 0
	<-done
}

// badNoSentinel: the same producer, but the range has no way out but a
// close, which never comes.
func badNoSentinel(items []int) {
	jobs := make(chan int)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for j := range jobs { // want `range over jobs never ends: nothing closes jobs`
			sink(j)
		}
	}()
	for _, it := range items {
		jobs <- it
	}
	<-done
}
