package analyzer_test

import "testing"

// TestInstances covers two instances of one lock class nested in opposite
// orders by concurrent goroutines, within a package and across packages.
func TestInstances(t *testing.T) {
	run(t, "instances", "instances/bank", "instances/user")
}
