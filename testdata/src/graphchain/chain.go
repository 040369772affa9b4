// Package graphchain is the wait-for graph's test case: Job's chain goes
// through four calls down to a receive that nothing will ever satisfy.
package graphchain

// Job waits for a value nobody sends.
func Job() int {
	ch := make(chan int)
	return foo(ch)
}

func foo(ch chan int) int { return bar(ch) + 1 }

func bar(ch chan int) int { return baz(ch) * 2 }

func baz(ch chan int) int { return leaf(ch) - 3 }

func leaf(ch chan int) int {
	return <-ch
}
