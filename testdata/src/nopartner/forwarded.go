package nopartner

import "sync"

// Workers that send one result per job they receive send no more results
// than there are jobs: with room for every job in the results buffer,
// nothing ever waits, however many workers run and although nothing reads
// the results (the caller only counts them).

func forwardedWithinBuffer() int {
	const n = 10
	jobs := make(chan int)
	got := make(chan int, n)
	var wg sync.WaitGroup
	for w := 0; w < 3; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				got <- j * j
			}
		}()
	}
	for i := 0; i < n; i++ {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return len(got)
}

// The twin has one more job than the buffer has room for.
func forwardedOverBuffer() int {
	const n = 10
	jobs := make(chan int)
	got := make(chan int, n-1)
	var wg sync.WaitGroup
	for w := 0; w < 3; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				got <- j * j // want `no receiver: send on got blocks forever`
			}
		}()
	}
	for i := 0; i < n; i++ {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return len(got)
}

// And this one's workers send twice per job.
func forwardedTwice() int {
	const n = 10
	jobs := make(chan int)
	got := make(chan int, n)
	var wg sync.WaitGroup
	for w := 0; w < 3; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				got <- j // want `no receiver: send on got blocks forever`
				got <- j * j
			}
		}()
	}
	for i := 0; i < n; i++ {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return len(got)
}

// This one's jobs come from a producer that sends in a select, as long as
// nobody quits: no count bounds them, nor the results.
func forwardedUncounted(quit chan struct{}) int {
	const n = 10
	jobs := make(chan int)
	got := make(chan int, n)
	go func() {
		for i := 0; ; i++ {
			select {
			case jobs <- i:
			case <-quit:
				close(jobs)
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for w := 0; w < 3; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				got <- j * j // want `no receiver: send on got blocks forever`
			}
		}()
	}
	wg.Wait()
	return len(got)
}
