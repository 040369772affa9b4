//go:build ignore

// A generator run by go generate: not part of the package in any build, so
// what it names changes nothing.
package main

func main() {
	var jobs chan int
	<-jobs
}
