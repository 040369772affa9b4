package fanin

// A loop over a slice literal or an array runs once per element, a number
// the type or the literal fixes: as many receives as elements take every
// value.
func pair(a, b int) int {
	ch := make(chan int)
	for _, x := range []int{a, b} {
		go func() { ch <- x * x }()
	}
	return <-ch + <-ch
}

func triple(xs [3]int) int {
	ch := make(chan int)
	for _, x := range xs {
		go func() { ch <- x }()
	}
	return <-ch + <-ch + <-ch
}

// The buggy twin: three elements, two receives.
func pairOfThree(a, b, c int) int {
	ch := make(chan int)
	for _, x := range []int{a, b, c} {
		go func() { ch <- x }() // want `goroutine leak: send on ch blocks forever: 3 send\(s\) but only 2 receive\(s\) are certain`
	}
	return <-ch + <-ch
}

// A range over a constant string runs once per rune: "bc" starts two
// senders, "bcd" three.
func runes() string {
	ch := make(chan string)
	for _, r := range "bc" {
		go func() { ch <- string(r) }()
	}
	return <-ch + <-ch
}

func runesOfThree() string {
	ch := make(chan string)
	for _, r := range "bcd" {
		go func() { ch <- string(r) }() // want `goroutine leak: send on ch blocks forever: 3 send\(s\) but only 2 receive\(s\) are certain`
	}
	return <-ch + <-ch
}
