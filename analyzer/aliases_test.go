package analyzer_test

import "testing"

// TestAliases covers locks reached through a field that names a lock of
// its own object (a Cond's L, a sync.Locker field).
func TestAliases(t *testing.T) {
	run(t, "aliases", "aliases/storepkg", "aliases/usepkg")
}
