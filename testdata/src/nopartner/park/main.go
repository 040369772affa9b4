// Package main: `<-make(chan T)` in func main parks the main goroutine on
// purpose, as `select {}` does: no code can name that channel, so nothing
// was forgotten. A named channel that nothing sends on or closes is still
// reported, in main too (a close forgotten by the goroutine meant to end
// the wait), and so is the same park outside main.
package main

func serve(n int) {
	for i := 0; i < n; i++ {
		_ = i
	}
}

func wait() {
	<-make(chan struct{}) // want `no sender: receive from channel made at line \d+ blocks forever`
}

func main() {
	done := make(chan struct{})
	go serve(3)
	if len(done) > 0 {
		<-done // want `no sender: receive from done blocks forever`
	}
	go wait()
	if len(done) > 1 {
		sig := make(chan bool) // the same SSA as below, but named: a partner was meant
		<-sig                  // want `no sender: receive from sig blocks forever`
	}
	<-make(chan bool)
}
