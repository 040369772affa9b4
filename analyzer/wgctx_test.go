package analyzer_test

import "testing"

// TestWaitGroupAcrossMethods: a WaitGroup field added to in one method, done
// in the goroutine it starts and waited on in another method of its type.
func TestWaitGroupAcrossMethods(t *testing.T) {
	run(t, "wgmethods")
}
