// Package cycles has many findings of one shape: lock-order cycles of equal
// length, orders with several witnesses of equal length, goroutines with
// equal chains. Which cycle of a family is reported, and with which
// witness, must not depend on map order or scheduling (see
// TestDeterministic).
package cycles

import "sync"

var A, B, C, D, E, F, G sync.Mutex

// A before B, twice, by chains of one length.
func ab1() {
	A.Lock()
	B.Lock()
	B.Unlock()
	A.Unlock()
}

func ab2() {
	A.Lock()
	B.Lock()
	B.Unlock()
	A.Unlock()
}

// B before A, twice, through a helper each time.
func lockA() {
	A.Lock()
	A.Unlock()
}

func ba1() {
	B.Lock()
	lockA() // want `lock-order cycle: A acquired while holding B; ab1 takes them in the opposite order`
	B.Unlock()
}

func ba2() {
	B.Lock()
	lockA()
	B.Unlock()
}

// C and D: the same pair of orders, in the other file order.
func dc() {
	D.Lock()
	C.Lock()
	C.Unlock()
	D.Unlock()
}

func cd() {
	C.Lock()
	D.Lock() // want `lock-order cycle: D acquired while holding C; dc takes them in the opposite order`
	D.Unlock()
	C.Unlock()
}

// E, F, G: two three-lock cycles over the same classes, one each way.
func ef() {
	E.Lock()
	F.Lock()
	F.Unlock()
	E.Unlock()
}

func fg() {
	F.Lock()
	G.Lock()
	G.Unlock()
	F.Unlock()
}

func ge() {
	G.Lock()
	E.Lock() // want `lock-order cycle: E acquired while holding G; then F while holding E in ef, and G while holding F in fg`
	E.Unlock()
	G.Unlock()
}

func eg() {
	E.Lock()
	G.Lock() // want `lock-order cycle: G acquired while holding E; ge takes them in the opposite order`
	G.Unlock()
	E.Unlock()
}

func gf() {
	G.Lock()
	F.Lock() // want `lock-order cycle: F acquired while holding G; fg takes them in the opposite order`
	F.Unlock()
	G.Unlock()
}

func fe() {
	F.Lock()
	E.Lock() // want `lock-order cycle: E acquired while holding F; ef takes them in the opposite order`
	E.Unlock()
	F.Unlock()
}

// Two goroutines send, one value is received: either could be the one
// left; the finding names the last one started.
func twoSenders() int {
	ch := make(chan int)
	go func() {
		ch <- 1
	}()
	go func() { // want `goroutine leak: send on ch blocks forever: 2 send\(s\) happen on every path, but at most 1 receive\(s\) can`
		ch <- 2
	}()
	return <-ch
}

// Equal goroutines, each may return before Done.
func twoWorkers(xs []int) {
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { // want `WaitGroup\.Done not reached on every path of the goroutine wg counts`
		if len(xs) == 0 {
			return
		}
		wg.Done()
	}()
	go func() { // want `WaitGroup\.Done not reached on every path of the goroutine wg counts`
		if len(xs) == 0 {
			return
		}
		wg.Done()
	}()
	wg.Wait() // want `WaitGroup\.Wait blocks forever: Done is called fewer times than Add`
}
