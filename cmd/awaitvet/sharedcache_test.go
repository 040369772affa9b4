package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestSharedCache runs scripts/shared-cache.sh: go vet -vettool=awaitvet on
// two simulated machines (checkout paths, binaries and GOCACHEs of their
// own) sharing one cache through GOCACHEPROG, the second reusing the first's
// results with the same findings and facts. It installs go-tool-cache from
// the module proxy and takes minutes, so it runs only with
// AWAITVET_SHARED_CACHE=1 (as scripts/proxy-tests.sh sets it).
func TestSharedCache(t *testing.T) {
	if os.Getenv("AWAITVET_SHARED_CACHE") != "1" {
		t.Skip("set AWAITVET_SHARED_CACHE=1 to run scripts/shared-cache.sh (needs the module proxy)")
	}
	script, err := filepath.Abs(filepath.Join("..", "..", "scripts", "shared-cache.sh"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 40*time.Minute)
	defer cancel()
	// The examples (findings, facts across packages) and the standard
	// library packages they import: the whole repository would compile
	// every dependency from an empty cache three times, minutes of CI.
	cmd := exec.CommandContext(ctx, "bash", script, "./examples/...")
	cmd.Env = append(os.Environ(), "WORK="+t.TempDir())
	out, err := cmd.CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Fatalf("scripts/shared-cache.sh: %v", err)
	}
}
