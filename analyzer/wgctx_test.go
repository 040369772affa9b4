package analyzer_test

import "testing"

// TestWaitGroupAcrossMethods: a WaitGroup field added to in one method, done
// in the goroutine it starts and waited on in another method of its type.
func TestWaitGroupAcrossMethods(t *testing.T) {
	run(t, "wgmethods")
}

// TestContextOrigin: a receive on the Done channel of a context that the
// model knows never fires.
func TestContextOrigin(t *testing.T) {
	run(t, "ctxorigin")
}

// TestContextOriginProgram: in a command, code nothing calls never runs: a
// cancel function only it calls is never called.
func TestContextOriginProgram(t *testing.T) {
	run(t, "ctxmain")
}
