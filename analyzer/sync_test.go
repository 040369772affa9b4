package analyzer_test

import "testing"

// The goroutine-synchronisation checks: sync.WaitGroup and sync.Cond misuse,
// and communication cycles that mix locks, channels and WaitGroups. Each
// test reuses run (analyzer_test.go), so every check is enabled and a
// package also fails on any unexpected finding, including lock and channel
// findings from the other checks.

// TestWaitGroup: a counted goroutine that can return before Done (at the go
// statement), Wait inside a goroutine the same WaitGroup counts (at the
// Wait), Add inside the goroutine it counts (at the Add), and Wait with
// fewer Done calls than Add added (at the Wait).
func TestWaitGroup(t *testing.T) {
	run(t, "waitgroup")
}

// TestCond: Cond.Wait on a Cond nothing Signals or Broadcasts, and Cond.Wait
// outside a loop where a wakeup can fall between the check and the Wait;
// both at the Wait. Silent on an if whose condition is read under the lock
// kept until the Wait.
func TestCond(t *testing.T) {
	run(t, "cond")
}

// TestEndlessWait: a Cond.Wait every turn of a loop reaches, when the loop's
// condition reads only locals nothing changes and the body cannot leave;
// silent when the body, a closure or a pointer changes the condition, when a
// break, return or call that ends the process leaves the loop, when the
// condition is a constant, and when the Wait is reached only on some turns.
func TestEndlessWait(t *testing.T) {
	run(t, "endlesswait")
}

// TestMixed: communication deadlocks (check commcycle): a send or receive,
// or a WaitGroup.Wait, while holding a mutex the partner needs first, and
// two goroutines that each receive before sending; at the blocking
// operation.
func TestMixed(t *testing.T) {
	run(t, "mixed")
}
