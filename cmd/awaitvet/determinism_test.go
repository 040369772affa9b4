package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDeterministicRuns runs the command several times, each a process of
// its own, on the analyzer's determinism testdata (see the analyzer's
// TestDeterministic) and wants the same bytes each time, SARIF included.
func TestDeterministicRuns(t *testing.T) {
	skipShort(t)
	t.Parallel()
	testdata, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(testdata, "src")
	// Every process analyses the standard library from source too, not
	// from the fact cache the other tests share.
	env := []string{"GOPATH=" + testdata, "GO111MODULE=off", "AWAITVET_CACHE=off"}
	const runs = 3
	var first, firstSARIF, firstJSON string
	for i := range runs {
		sarif := filepath.Join(t.TempDir(), "out.sarif")
		r := command(t, dir, env, awaitvetBin, "-checks=all", "-sarif", sarif, "determinism/...")
		if r.code != exitFindings || r.stderr != "" {
			t.Fatalf("run %d: exit %d (want %d), stderr:\n%s", i, r.code, exitFindings, r.stderr)
		}
		data, err := os.ReadFile(sarif)
		if err != nil {
			t.Fatal(err)
		}
		s := string(data)
		// -json too: the x/tools JSON lists a package's diagnostics in the
		// order the analyzer reported them.
		js := command(t, dir, env, awaitvetBin, "-checks=all", "-json", "determinism/...").stdout
		if i == 0 {
			first, firstSARIF, firstJSON = r.stdout, s, js
			if strings.Count(first, "lock-order cycle") < 5 {
				t.Fatalf("too few findings to test anything:\n%s", first)
			}
			continue
		}
		if r.stdout != first {
			t.Fatalf("run %d differs from run 0:\n--- run 0\n%s--- run %d\n%s", i, first, i, r.stdout)
		}
		if s != firstSARIF {
			t.Fatalf("run %d: SARIF differs from run 0's", i)
		}
		if js != firstJSON {
			t.Fatalf("run %d: -json differs from run 0's", i)
		}
	}
}
