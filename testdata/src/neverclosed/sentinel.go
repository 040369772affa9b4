package neverclosed

// A range whose body leaves the loop on a value (a sentinel the only
// sender sends last) ends without a close: the sender's last send is taken
// by the receive that breaks out, and nothing is sent after it. The twin
// has no way out of its body, so only a close could end it.

func sentinelSum(vals []int) int {
	in := make(chan int)
	res := make(chan int)
	go func() {
		sum := 0
		for v := range in {
			if v < 0 {
				break
			}
			sum += v
		}
		res <- sum
	}()
	for _, v := range vals {
		in <- v
	}
	in <- -1
	return <-res
}

func noSentinelSum(vals []int) int {
	in := make(chan int)
	res := make(chan int)
	go func() {
		sum := 0
		for v := range in { // want `range over in never ends: nothing closes in`
			if v < 0 {
				continue
			}
			sum += v
		}
		res <- sum
	}()
	for _, v := range vals {
		in <- v
	}
	in <- -1
	return <-res
}
