// Package mainclean's tests leave nothing behind, though one goroutine
// ends only after its test has: VerifyTestMain must exit 0.
package mainclean

import (
	"sync"
	"testing"

	"github.com/awaitvet/awaitvet/hook"
)

func TestMain(m *testing.M) {
	hook.VerifyTestMain(m)
}

func TestWaits(t *testing.T) {
	var wg sync.WaitGroup
	wg.Go(func() {})
	wg.Wait()
}

func TestEndsAfter(t *testing.T) {
	done := make(chan struct{})
	go func() { <-done }()
	t.Cleanup(func() { close(done) })
}
