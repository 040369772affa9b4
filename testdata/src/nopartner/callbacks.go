package nopartner

// A channel captured by a closure that a goroutine hands to unknown code
// (a callback queue, grpc's CallbackSerializer.TrySchedule) is used out of
// this function's sight: the sends in the callback are in no summary.

// goodCallbackSend receives what the scheduled callback sends.
func goodCallbackSend(schedule func(func())) int {
	ch := make(chan int)
	go func() {
		schedule(func() { ch <- 1 })
	}()
	return <-ch
}

// badCallbackNoSend: the callback does not touch ch, and nothing else sends.
func badCallbackNoSend(schedule func(func())) int {
	ch := make(chan int)
	go func() {
		schedule(func() { sink(1) })
		sink(cap(ch))
	}()
	return <-ch // want `no sender: receive from ch blocks forever`
}
