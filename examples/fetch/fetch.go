// Package fetch asks several mirrors for the same thing and keeps the first
// answer. It has the goroutine leaks that pattern is known for.
package fetch

import (
	"context"
	"sync"
)

// Get asks every mirror and returns the first answer. The other mirrors'
// goroutines block forever on their send: nobody receives it.
func Get(ctx context.Context, mirrors []string, get func(string) string) (string, error) {
	answers := make(chan string)
	for _, m := range mirrors {
		go func() {
			answers <- get(m)
		}()
	}
	select {
	case a := <-answers:
		return a, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// Warm fetches every mirror in parallel and waits for all of them. A mirror
// that fails returns before Done, so Wait never returns.
func Warm(mirrors []string, get func(string) (string, error)) {
	var wg sync.WaitGroup
	for _, m := range mirrors {
		wg.Add(1)
		go func() {
			if _, err := get(m); err != nil {
				return
			}
			wg.Done()
		}()
	}
	wg.Wait()
}

// Stream sends the answers to a pool of printers; it forgets to close the
// channel they range over.
func Stream(answers []string, print func(string)) {
	work := make(chan string)
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for a := range work {
				print(a)
			}
		}()
	}
	for _, a := range answers {
		work <- a
	}
	wg.Wait()
}
