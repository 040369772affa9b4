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
	t.Parallel()
	testdata, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(testdata, "src")
	env := []string{"GOPATH=" + testdata, "GO111MODULE=off"}
	const runs = 5
	var first, firstSARIF string
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
		if i == 0 {
			first, firstSARIF = r.stdout, s
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
	}
}
