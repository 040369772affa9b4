package nopartner

// A send in a counted loop (for i := 0; i < N; i++, for range N, N a
// constant) runs at most N times per run: into a buffer of N or more that
// nothing receives from, it never waits.

func countedWithinBuffer() {
	ch := make(chan int, 4)
	go func() {
		for i := 0; i < 4; i++ {
			ch <- i
		}
	}()
}

// The twin sends more than the buffer holds.
func countedOverBuffer() {
	ch := make(chan int, 4)
	go func() {
		for i := 0; i < 5; i++ {
			ch <- i // want `no receiver: send on ch blocks forever`
		}
	}()
}
