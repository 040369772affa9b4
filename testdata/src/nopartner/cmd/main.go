// Package main is the silent twin of badSelectForever in nopartner: an empty
// select in func main of a package main parks the main goroutine on purpose
// (a server whose goroutines do the work) and must not be reported.
package main

// serve stands for a server loop.
func serve(n int) {
	for i := 0; i < n; i++ {
		_ = i
	}
}

func main() {
	go serve(3)
	select {}
}
