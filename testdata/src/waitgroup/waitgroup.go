// Package waitgroup tests the waitgroup check: sync.WaitGroup misuse that
// makes Wait block forever or return too early. Four findings:
//
//   - a goroutine counted by wg.Add whose body calls wg.Done without defer
//     and can return before reaching it (early return, a select case, a
//     branch): reported at the go statement (done.go);
//   - wg.Wait inside a goroutine that wg itself counts, so it waits for
//     itself: reported at the Wait (selfwait.go);
//   - wg.Add inside the goroutine it counts, which races with the spawner's
//     Wait: reported at the Add (add.go);
//   - wg.Wait when Done can be called fewer times than Add added, for
//     example Add(2) with one goroutine or Add(len(xs)) with a loop that
//     skips some starts: reported at the Wait (count.go).
//
// Cases cover closures, named functions receiving a *sync.WaitGroup, method
// values, generic functions and a WaitGroup held in a struct field (shown as
// (*Pool).wg). wg.Go never misses a Done. Every badX case has a goodX twin
// of the same shape with the bug fixed, which must stay silent.
//
// Correct shapes found on real code that must stay silent too: counted
// loops of every form (loops.go), goroutines that add for themselves
// (selfcount.go), slices and arrays of WaitGroups (elements.go), and a
// WaitGroup counting work items handed to a worker pool (items.go).
package waitgroup

import (
	"context"
	"errors"
	"strconv"
	"sync"
)

var errEmpty = errors.New("empty")

// process stands in for work that can fail.
func process(s string) error {
	if s == "" {
		return errEmpty
	}
	return nil
}

// Pool runs tasks and collects their errors; its wg counts the running tasks.
type Pool struct {
	mu   sync.Mutex
	wg   sync.WaitGroup
	errs []error
}

// fail records a task error.
func (p *Pool) fail(err error) {
	p.mu.Lock()
	p.errs = append(p.errs, err)
	p.mu.Unlock()
}

// Server counts hits per path; its methods are started as goroutines through
// method values.
type Server struct {
	mu   sync.Mutex
	hits map[string]int
}

// --- WaitGroup.Done not reached on every path ---

// badEarlyReturn: a parse error returns before wg.Done.
func badEarlyReturn(fields []string) []int {
	out := make([]int, len(fields))
	var wg sync.WaitGroup
	for i, f := range fields {
		wg.Add(1)
		go func() { // want `WaitGroup\.Done not reached on every path of the goroutine wg counts`
			n, err := strconv.Atoi(f)
			if err != nil {
				return
			}
			out[i] = n
			wg.Done()
		}()
	}
	wg.Wait()
	return out
}

// goodEarlyReturn defers wg.Done first, so the error path reaches it too.
func goodEarlyReturn(fields []string) []int {
	out := make([]int, len(fields))
	var wg sync.WaitGroup
	for i, f := range fields {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n, err := strconv.Atoi(f)
			if err != nil {
				return
			}
			out[i] = n
		}()
	}
	wg.Wait()
	return out
}

// badDoneInBranch: wg.Done is only called when the lookup hits.
func badDoneInBranch(keys []string, cache map[string]int) []int {
	out := make([]int, len(keys))
	var wg sync.WaitGroup
	for i, k := range keys {
		wg.Add(1)
		go func() { // want `WaitGroup\.Done not reached on every path of the goroutine wg counts`
			if v, ok := cache[k]; ok {
				out[i] = v
				wg.Done()
			}
		}()
	}
	wg.Wait()
	return out
}

// goodDoneInBranch defers wg.Done, so a miss reaches it too.
func goodDoneInBranch(keys []string, cache map[string]int) []int {
	out := make([]int, len(keys))
	var wg sync.WaitGroup
	for i, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if v, ok := cache[k]; ok {
				out[i] = v
			}
		}()
	}
	wg.Wait()
	return out
}

// badSelectReturn: the cancellation case returns without wg.Done.
func badSelectReturn(ctx context.Context, ins []<-chan int) []int {
	out := make([]int, len(ins))
	var wg sync.WaitGroup
	for i, in := range ins {
		wg.Add(1)
		go func() { // want `WaitGroup\.Done not reached on every path of the goroutine wg counts`
			select {
			case <-ctx.Done():
				return
			case v := <-in:
				out[i] = v
			}
			wg.Done()
		}()
	}
	wg.Wait()
	return out
}

// goodSelectReturn defers wg.Done, so cancellation reaches it too.
func goodSelectReturn(ctx context.Context, ins []<-chan int) []int {
	out := make([]int, len(ins))
	var wg sync.WaitGroup
	for i, in := range ins {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case <-ctx.Done():
				return
			case v := <-in:
				out[i] = v
			}
		}()
	}
	wg.Wait()
	return out
}

// parseBad stores one parsed page and marks it done, but not when parsing fails.
func parseBad(wg *sync.WaitGroup, page string, out *int) {
	n, err := strconv.Atoi(page)
	if err != nil {
		return
	}
	*out = n
	wg.Done()
}

// parseGood defers wg.Done first.
func parseGood(wg *sync.WaitGroup, page string, out *int) {
	defer wg.Done()
	n, err := strconv.Atoi(page)
	if err != nil {
		return
	}
	*out = n
}

// badNamedWorker starts parseBad, which can return before wg.Done.
func badNamedWorker(pages []string) []int {
	out := make([]int, len(pages))
	var wg sync.WaitGroup
	for i, p := range pages {
		wg.Add(1)
		go parseBad(&wg, p, &out[i]) // want `WaitGroup\.Done not reached on every path of the goroutine wg counts`
	}
	wg.Wait()
	return out
}

// goodNamedWorker starts parseGood.
func goodNamedWorker(pages []string) []int {
	out := make([]int, len(pages))
	var wg sync.WaitGroup
	for i, p := range pages {
		wg.Add(1)
		go parseGood(&wg, p, &out[i])
	}
	wg.Wait()
	return out
}

// recordBad counts a hit and marks it done, but not for an empty path.
func (s *Server) recordBad(wg *sync.WaitGroup, path string) {
	if path == "" {
		return
	}
	s.mu.Lock()
	s.hits[path]++
	s.mu.Unlock()
	wg.Done()
}

// recordGood defers wg.Done first.
func (s *Server) recordGood(wg *sync.WaitGroup, path string) {
	defer wg.Done()
	if path == "" {
		return
	}
	s.mu.Lock()
	s.hits[path]++
	s.mu.Unlock()
}

// badMethodValue starts the method value s.recordBad, which can skip wg.Done.
func (s *Server) badMethodValue(paths []string) {
	var wg sync.WaitGroup
	record := s.recordBad
	for _, p := range paths {
		wg.Add(1)
		go record(&wg, p) // want `WaitGroup\.Done not reached on every path of the goroutine wg counts`
	}
	wg.Wait()
}

// goodMethodValue starts the method value s.recordGood.
func (s *Server) goodMethodValue(paths []string) {
	var wg sync.WaitGroup
	record := s.recordGood
	for _, p := range paths {
		wg.Add(1)
		go record(&wg, p)
	}
	wg.Wait()
}

// badParallelMap (generic): an error from f returns before wg.Done.
func badParallelMap[T, U any](xs []T, f func(T) (U, error)) []U {
	out := make([]U, len(xs))
	var wg sync.WaitGroup
	for i, x := range xs {
		wg.Add(1)
		go func() { // want `WaitGroup\.Done not reached on every path of the goroutine wg counts`
			u, err := f(x)
			if err != nil {
				return
			}
			out[i] = u
			wg.Done()
		}()
	}
	wg.Wait()
	return out
}

// goodParallelMap (generic) defers wg.Done first.
func goodParallelMap[T, U any](xs []T, f func(T) (U, error)) []U {
	out := make([]U, len(xs))
	var wg sync.WaitGroup
	for i, x := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			u, err := f(x)
			if err != nil {
				return
			}
			out[i] = u
		}()
	}
	wg.Wait()
	return out
}

// badFieldEarlyReturn: a failing task returns before p.wg.Done.
func (p *Pool) badFieldEarlyReturn(tasks []func() error) {
	for _, t := range tasks {
		p.wg.Add(1)
		go func() { // want `WaitGroup\.Done not reached on every path of the goroutine \(\*Pool\)\.wg counts`
			if err := t(); err != nil {
				p.fail(err)
				return
			}
			p.wg.Done()
		}()
	}
	p.wg.Wait()
}

// goodFieldEarlyReturn defers p.wg.Done first.
func (p *Pool) goodFieldEarlyReturn(tasks []func() error) {
	for _, t := range tasks {
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			if err := t(); err != nil {
				p.fail(err)
				return
			}
		}()
	}
	p.wg.Wait()
}

// runTaskBad runs one task counted by p.wg, skipping Done when it fails.
func (p *Pool) runTaskBad(t func() error) {
	if err := t(); err != nil {
		p.fail(err)
		return
	}
	p.wg.Done()
}

// runTaskGood defers p.wg.Done first.
func (p *Pool) runTaskGood(t func() error) {
	defer p.wg.Done()
	if err := t(); err != nil {
		p.fail(err)
	}
}

// badFieldMethod starts the method runTaskBad, which can skip p.wg.Done.
func (p *Pool) badFieldMethod(tasks []func() error) {
	for _, t := range tasks {
		p.wg.Add(1)
		go p.runTaskBad(t) // want `WaitGroup\.Done not reached on every path of the goroutine \(\*Pool\)\.wg counts`
	}
	p.wg.Wait()
}

// goodFieldMethod starts runTaskGood.
func (p *Pool) goodFieldMethod(tasks []func() error) {
	for _, t := range tasks {
		p.wg.Add(1)
		go p.runTaskGood(t)
	}
	p.wg.Wait()
}

// goodGoMethod uses wg.Go, which calls Done however the function returns.
func goodGoMethod(fields []string) []int {
	out := make([]int, len(fields))
	var wg sync.WaitGroup
	for i, f := range fields {
		wg.Go(func() {
			n, err := strconv.Atoi(f)
			if err != nil {
				return
			}
			out[i] = n
		})
	}
	wg.Wait()
	return out
}
