// Command neverclosedmain: a range over a channel main made and never
// closes ends with the program when main returns, and so does its worker.
// The same range in a function main calls before it serves forever is left
// behind for the rest of the program.
package main

func sink(int) {}

func feed(jobs chan<- int, items []int) {
	for _, it := range items {
		jobs <- it
	}
}

// badBatch returns to main, which serves forever: the worker stays behind.
func badBatch(items []int) {
	jobs := make(chan int)
	go func() {
		for j := range jobs { // want `range over jobs never ends: nothing closes jobs`
			sink(j)
		}
	}()
	feed(jobs, items)
}

func serve() {
	for {
		sink(0)
	}
}

// main's own worker ends with the process when main returns; a batch run
// on one path leaves its worker to the server on the other.
func main() {
	jobs := make(chan int)
	go func() {
		for j := range jobs {
			sink(j)
		}
	}()
	feed(jobs, []int{1, 2, 3})
	if len(jobs) == 0 {
		badBatch([]int{1, 2})
		serve()
	}
}
