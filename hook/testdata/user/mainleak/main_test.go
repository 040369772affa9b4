// Package mainleak's tests pass, but leave a goroutine blocked:
// VerifyTestMain must fail the run with its chain.
package mainleak

import (
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/awaitvet/awaitvet/hook"
)

func TestMain(m *testing.M) {
	hook.VerifyTestMain(m, hook.MaxWait(10*time.Millisecond))
}

func leaf(answers chan int) int { return <-answers }

func job(answers chan int) { leaf(answers) }

func TestLeaves(t *testing.T) {
	answers := make(chan int)
	go job(answers)
	// Return only once job waits in leaf's receive: the check after the
	// tests must see that wait, not a goroutine the scheduler has not run
	// yet, however busy the machine.
	for !waitingInLeaf() {
		runtime.Gosched()
	}
}

func waitingInLeaf() bool {
	for _, g := range hook.Take(false).Goroutines {
		if g.State == "chan receive" && len(g.Frames) > 0 && strings.HasSuffix(g.Frames[0].Func, "/mainleak.leaf") {
			return true
		}
	}
	return false
}
