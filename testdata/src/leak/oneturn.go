package leak

// A send in a loop behind a test that the loop's induction variable equals
// a fixed value (if i == 1) runs on one turn at most: the variable takes
// each value once. One value fits a buffer of one, so the producer never
// blocks, whoever receives. The twin sends on every turn after the first.

func nextPacket() int { return 1 }

func reportFirstSize() int {
	sizes := make(chan int, 1)
	go func() {
		i := 0
		for {
			i++
			n := nextPacket()
			if n == 0 {
				break
			}
			if i == 1 {
				sizes <- n
			}
		}
	}()
	select {
	case n := <-sizes:
		return n
	default:
		return 0
	}
}

func reportLaterSizes() int {
	sizes := make(chan int, 1)
	go func() { // want `goroutine leak: send on sizes blocks forever: a goroutine sends in a loop, but only 0 receive\(s\) are certain`
		i := 0
		for {
			i++
			n := nextPacket()
			if n == 0 {
				break
			}
			if i > 1 {
				sizes <- n
			}
		}
	}()
	select {
	case n := <-sizes:
		return n
	default:
		return 0
	}
}
