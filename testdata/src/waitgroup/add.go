package waitgroup

import (
	"strings"
	"sync"
)

// WaitGroup.Add inside the goroutine it counts: the spawner's Wait can run
// before the goroutine gets to its Add, see a zero counter and return while
// the work is still running. Reported at the Add. The fix is to Add before
// the go statement.

// Batch indexes documents; its wg counts the indexing goroutines.
type Batch struct {
	mu    sync.Mutex
	wg    sync.WaitGroup
	words int
}

// badAddInGoroutine: each goroutine adds itself.
func badAddInGoroutine(files []string) []int {
	sizes := make([]int, len(files))
	var wg sync.WaitGroup
	for i, f := range files {
		go func() {
			wg.Add(1) // want `WaitGroup\.Add inside the goroutine it counts races with Wait`
			defer wg.Done()
			sizes[i] = len(f)
		}()
	}
	wg.Wait()
	return sizes
}

// goodAddInGoroutine adds before the go statement.
func goodAddInGoroutine(files []string) []int {
	sizes := make([]int, len(files))
	var wg sync.WaitGroup
	for i, f := range files {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sizes[i] = len(f)
		}()
	}
	wg.Wait()
	return sizes
}

// countWordsBad adds itself to wg after it has been started.
func countWordsBad(wg *sync.WaitGroup, text string, out *int) {
	wg.Add(1) // want `WaitGroup\.Add inside the goroutine it counts races with Wait`
	defer wg.Done()
	*out = len(strings.Fields(text))
}

// countWordsGood leaves the Add to its caller.
func countWordsGood(wg *sync.WaitGroup, text string, out *int) {
	defer wg.Done()
	*out = len(strings.Fields(text))
}

// badAddInNamed starts countWordsBad, which adds itself.
func badAddInNamed(texts []string) []int {
	out := make([]int, len(texts))
	var wg sync.WaitGroup
	for i, t := range texts {
		go countWordsBad(&wg, t, &out[i])
	}
	wg.Wait()
	return out
}

// goodAddInNamed adds before starting countWordsGood.
func goodAddInNamed(texts []string) []int {
	out := make([]int, len(texts))
	var wg sync.WaitGroup
	for i, t := range texts {
		wg.Add(1)
		go countWordsGood(&wg, t, &out[i])
	}
	wg.Wait()
	return out
}

// badFieldAdd: the goroutine adds itself to b.wg.
func (b *Batch) badFieldAdd(docs []string) int {
	for _, d := range docs {
		go func() {
			b.wg.Add(1) // want `WaitGroup\.Add inside the goroutine it counts races with Wait`
			defer b.wg.Done()
			n := len(strings.Fields(d))
			b.mu.Lock()
			b.words += n
			b.mu.Unlock()
		}()
	}
	b.wg.Wait()
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.words
}

// goodFieldAdd adds to b.wg before the go statement.
func (b *Batch) goodFieldAdd(docs []string) int {
	for _, d := range docs {
		b.wg.Add(1)
		go func() {
			defer b.wg.Done()
			n := len(strings.Fields(d))
			b.mu.Lock()
			b.words += n
			b.mu.Unlock()
		}()
	}
	b.wg.Wait()
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.words
}

// badForEach (generic): each goroutine adds itself.
func badForEach[T any](xs []T, f func(T)) {
	var wg sync.WaitGroup
	for _, x := range xs {
		go func() {
			wg.Add(1) // want `WaitGroup\.Add inside the goroutine it counts races with Wait`
			defer wg.Done()
			f(x)
		}()
	}
	wg.Wait()
}

// goodForEach (generic) adds before the go statement.
func goodForEach[T any](xs []T, f func(T)) {
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(x)
		}()
	}
	wg.Wait()
}

// indexBad counts a hit for path, adding itself to wg after it started.
func (s *Server) indexBad(wg *sync.WaitGroup, path string) {
	wg.Add(1) // want `WaitGroup\.Add inside the goroutine it counts races with Wait`
	defer wg.Done()
	s.mu.Lock()
	s.hits[path]++
	s.mu.Unlock()
}

// indexGood leaves the Add to its caller.
func (s *Server) indexGood(wg *sync.WaitGroup, path string) {
	defer wg.Done()
	s.mu.Lock()
	s.hits[path]++
	s.mu.Unlock()
}

// badAddInMethodValue starts the method value s.indexBad, which adds itself.
func (s *Server) badAddInMethodValue(paths []string) {
	var wg sync.WaitGroup
	index := s.indexBad
	for _, p := range paths {
		go index(&wg, p)
	}
	wg.Wait()
}

// goodAddInMethodValue adds before starting the method value s.indexGood.
func (s *Server) goodAddInMethodValue(paths []string) {
	var wg sync.WaitGroup
	index := s.indexGood
	for _, p := range paths {
		wg.Add(1)
		go index(&wg, p)
	}
	wg.Wait()
}
