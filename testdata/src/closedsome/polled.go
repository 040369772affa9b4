package closedsome

import "sync"

// Workers that only poll a stop channel (a select with a default) and
// otherwise offer their result in a select that also watches it never
// wait on the stop channel alone: the owner ranges over the results until
// the last worker is done, and closes the stop channel on one path only,
// stranding nobody. The twin's workers wait on it with a plain receive.

func PolledStop(parts int, put func(int) error) error {
	sent, done := make(chan int), make(chan struct{})
	var wg sync.WaitGroup
	for i := 0; i < parts; i++ {
		wg.Add(1)
		go func(n int) {
			defer wg.Done()
			select {
			case <-done:
				return
			default:
			}
			if put(n) != nil {
				return
			}
			select {
			case sent <- n:
			case <-done:
				return
			}
		}(i)
	}
	go func() { wg.Wait(); close(sent) }()
	var err error
	for n := range sent {
		if n < 0 && err == nil {
			err = errWork
			close(done)
		}
	}
	return err
}

func WaitedStop(parts int, put func(int) error) error {
	sent, done := make(chan int), make(chan struct{})
	var wg sync.WaitGroup
	for i := 0; i < parts; i++ {
		wg.Add(1)
		go func(n int) { // want `goroutine leak: receive from done blocks forever: it is closed on some paths only`
			defer wg.Done()
			if put(n) != nil {
				return
			}
			sent <- n
			<-done
		}(i)
	}
	go func() { wg.Wait(); close(sent) }()
	var err error
	for n := range sent {
		if n < 0 && err == nil {
			err = errWork
			close(done)
		}
	}
	return err
}
