package fanin

import "errors"

// A loop over make([]T, n) with a constant n, over xs[:n] (n elements, or
// the slicing panics), or over a map literal with constant keys (distinct:
// one turn each) runs a number of times the code fixes: as many receives
// as turns take every value.
func shards(dial func(int) error) error {
	ch := make(chan error)
	for i := range make([]struct{}, 2) {
		go func() { ch <- dial(i) }()
	}
	return errors.Join(<-ch, <-ch)
}

func firstTwo(seeds []string, dial func(string) error) error {
	ch := make(chan error)
	for _, s := range seeds[:2] {
		go func() { ch <- dial(s) }()
	}
	return errors.Join(<-ch, <-ch)
}

func regions(dial func(string) error) error {
	ch := make(chan error)
	for _, addr := range map[string]string{"east": "e:1", "west": "w:1"} {
		go func() { ch <- dial(addr) }()
	}
	return errors.Join(<-ch, <-ch)
}

// The twins start one more than they receive.
func shardsOfThree(dial func(int) error) error {
	ch := make(chan error)
	for i := range make([]struct{}, 3) {
		go func() { ch <- dial(i) }() // want `goroutine leak: send on ch blocks forever: 3 send\(s\) but only 2 receive\(s\) are certain`
	}
	return errors.Join(<-ch, <-ch)
}

func middleThree(seeds []string, dial func(string) error) error {
	ch := make(chan error)
	for _, s := range seeds[1:4] {
		go func() { ch <- dial(s) }() // want `goroutine leak: send on ch blocks forever: 3 send\(s\) but only 2 receive\(s\) are certain`
	}
	return errors.Join(<-ch, <-ch)
}

func threeRegions(dial func(string) error) error {
	ch := make(chan error)
	for _, addr := range map[string]string{"east": "e:1", "west": "w:1", "south": "s:1"} {
		go func() { ch <- dial(addr) }() // want `goroutine leak: send on ch blocks forever: 3 send\(s\) but only 2 receive\(s\) are certain`
	}
	return errors.Join(<-ch, <-ch)
}

// A loop left by a break once enough goroutines are started starts no
// more than that, whatever it ranges over: how many is not the range's
// length, and no surplus is certain. (The experimental leak check, which
// counts the sends that may happen, still sees a loop of them.)
func joinTwo(seeds []string, dial func(string) error) error {
	if len(seeds) < 2 {
		return errors.New("need two seeds")
	}
	ch := make(chan error)
	started := 0
	for _, s := range seeds {
		if started == 2 {
			break
		}
		started++
		go func() { ch <- dial(s) }() // want `goroutine leak: send on ch blocks forever: goroutines started in a loop send, but only 2 receive\(s\) are certain`
	}
	return errors.Join(<-ch, <-ch)
}

// The twin has no way out but the range: every seed gets a goroutine.
func joinAll(seeds []string, dial func(string) error) error {
	ch := make(chan error)
	for _, s := range seeds {
		go func() { ch <- dial(s) }() // want `goroutine leak: send on ch blocks forever: goroutines started in a loop send, but only 2 receive\(s\) are certain`
	}
	return errors.Join(<-ch, <-ch)
}

// A length pinned by a test on the way to the loop fixes its count too.
func readThree(replicas []int) (int, error) {
	if len(replicas) != 3 {
		return 0, errors.New("need 3 replicas")
	}
	ch := make(chan int)
	for _, r := range replicas {
		go func() { ch <- r * 10 }()
	}
	a, b, c := <-ch, <-ch, <-ch
	return max(a, b, c), nil
}

// The twin pins four and receives three.
func readFourOfThree(replicas []int) (int, error) {
	if len(replicas) != 4 {
		return 0, errors.New("need 4 replicas")
	}
	ch := make(chan int)
	for _, r := range replicas {
		go func() { ch <- r * 10 }() // want `goroutine leak: send on ch blocks forever: 4 send\(s\) but only 3 receive\(s\) are certain`
	}
	a, b, c := <-ch, <-ch, <-ch
	return max(a, b, c), nil
}
