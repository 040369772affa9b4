package leak

// A collector that receives until it has counted as many results as its
// starter announces on a second channel, once every job was queued, takes
// every result the workers send: a counted receive loop written as a
// select. Its twin may also leave when told to quit, with results still to
// come.

type indexed struct{ idx, v int }

func collectCounted(out chan<- []int, results <-chan indexed, expected <-chan int) {
	want, got := -1, 0
	var vals []int
	for got != want {
		select {
		case r := <-results:
			for len(vals) <= r.idx {
				vals = append(vals, 0)
			}
			vals[r.idx] = r.v
			got++
		case n := <-expected:
			want = n
		}
	}
	out <- vals
}

func parSquares(workers int, in []int) []int {
	out := make(chan []int)
	jobs := make(chan indexed, 16)
	results := make(chan indexed, 4)
	expected := make(chan int)
	go collectCounted(out, results, expected)
	for range workers {
		go func() {
			for j := range jobs {
				results <- indexed{j.idx, j.v * j.v}
			}
		}()
	}
	for i, v := range in {
		jobs <- indexed{i, v}
	}
	expected <- len(in)
	vals := <-out
	close(jobs)
	return vals
}

// collectOrQuit may also leave when told to quit, with workers' results
// still to come.
func collectOrQuit(out chan<- []int, results <-chan indexed, expected <-chan int, quit <-chan struct{}) {
	want, got := -1, 0
	var vals []int
	for got != want {
		select {
		case r := <-results:
			vals = append(vals, r.v)
			got++
		case n := <-expected:
			want = n
		case <-quit:
			return
		}
	}
	out <- vals
}

func parSquaresQuit(workers int, in []int, quit <-chan struct{}) []int {
	out := make(chan []int)
	jobs := make(chan indexed, 16)
	results := make(chan indexed, 4)
	expected := make(chan int)
	go collectOrQuit(out, results, expected, quit)
	for range workers {
		go func() { // want `goroutine leak: send on results blocks forever`
			for j := range jobs {
				results <- indexed{j.idx, j.v * j.v}
			}
		}()
	}
	for i, v := range in {
		jobs <- indexed{i, v}
	}
	expected <- len(in)
	vals := <-out
	close(jobs)
	return vals
}
