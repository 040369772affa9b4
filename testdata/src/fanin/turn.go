package fanin

// Goroutines started in a loop of which only the one of a given turn sends:
// the loop variable takes each value once, so one receive takes every value.

func firstTurn(n int, f func(int) int) int {
	result := make(chan int)
	for i := 0; i < n; i++ {
		go func() {
			if i == 0 {
				result <- f(i)
			}
		}()
	}
	return <-result
}

func turnArgument(n int, f func(int) int) int {
	result := make(chan int)
	for i := 0; i < n; i++ {
		go func(j int) {
			if j != 3 {
				return
			}
			result <- f(j)
		}(i)
	}
	return <-result
}

// Two turns send: one value is left behind.
func firstTwoTurns(n int, f func(int) int) int {
	result := make(chan int)
	for i := 0; i < n; i++ {
		go func() { // want `goroutine leak: send on result blocks forever: goroutines started in a loop send, but only 1 receive\(s\) are certain$`
			if i < 2 {
				result <- f(i)
			}
		}()
	}
	return <-result
}

// The turn may be named before the goroutine starts, against a bound the
// loop does not change.
func lastTurn(n int, f func(int) int) int {
	if n < 1 {
		return 0
	}
	result := make(chan int)
	for i := 0; i < n; i++ {
		last := i == n-1
		go func() {
			if last {
				result <- f(n)
			}
		}()
	}
	return <-result
}
