package analyzer_test

import "testing"

// TestNeverFed: receives from channels only the package can name (an
// unexported package-level variable or struct field) that it makes but
// never sends on, closes or hands out; among them the awaitwhat example,
// job → foo → bar → baz → leaf under a WaitGroup. Each has a fixed twin,
// and every way the channel can reach a sender keeps it silent.
func TestNeverFed(t *testing.T) {
	run(t, "awaitwhat")
}

// TestClosedSomePaths: a receive whose channel is closed on some paths
// only is reported with that reason, never as "no sender"; the twins that
// close on every path stay silent.
func TestClosedSomePaths(t *testing.T) {
	run(t, "closedsome")
}

// TestCommClose: close() as the partner that ends a wait: a receive under
// a lock that the only closer takes first (a local channel, and a field's
// channel closed by a run loop), and a wait for one's own deferred close;
// and rings of three or more goroutines each receiving before it sends.
func TestCommClose(t *testing.T) {
	run(t, "commclose")
}

// TestNeverDone: Waits on WaitGroups only the package can name (an
// unexported package-level variable or value field) that it adds to and
// never counts down; the twins that call Done, Go or Add with an unknown
// delta, or let the WaitGroup's address out, stay silent.
func TestNeverDone(t *testing.T) {
	run(t, "neverdone")
}

// TestNeverSignalled: Waits on Conds only the package can name (an
// unexported *sync.Cond field or package-level variable, made for it
// alone) that nothing in the package signals; the twins that broadcast,
// hand the Cond out, share it with another holder or pass its Signal on
// stay silent.
func TestNeverSignalled(t *testing.T) {
	run(t, "neversignalled")
}

// TestDeadCodePartners: in a program (package main) a partner in code
// nothing reaches (a receive, a Done) ends no wait for the closed checks;
// the twins whose partner main reaches stay silent.
func TestDeadCodePartners(t *testing.T) {
	run(t, "deadcode")
}
