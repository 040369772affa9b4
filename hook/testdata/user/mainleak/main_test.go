// Package mainleak's tests pass, but leave a goroutine blocked:
// VerifyTestMain must fail the run with its chain.
package mainleak

import (
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
}
