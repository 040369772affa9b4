package doublelock

import "testing"

// TestNothing exists so that the package has a test variant
// ("example.com/e2e/doublelock [example.com/e2e/doublelock.test]"): the
// standalone driver must report each finding once, not once per variant.
func TestNothing(t *testing.T) {
	var s Server
	_ = &s
}
