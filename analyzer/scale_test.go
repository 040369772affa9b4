package analyzer_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/awaitvet/awaitvet/analyzer"
	"golang.org/x/tools/go/analysis/analysistest"
)

// bigFunc writes a package whose function has loops and n branches, each
// locking and unlocking, with a deferred unlock and early returns: the shape
// that makes path-enumerating tools time out. One branch forgets to unlock
// on an early return, so the analysis must also get the answer right.
func bigFunc(t testing.TB, n int, want bool) string {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("package big\n\nimport \"sync\"\n\ntype S struct {\n\tmu, other sync.Mutex\n\tn   int\n}\n\n")
	b.WriteString("func (s *S) Big(xs []int) int {\n\tdefer s.other.Unlock()\n\ts.other.Lock()\n")
	b.WriteString("\tfor _, x := range xs {\n\t\tfor i := 0; i < x; i++ {\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "\t\t\tif x == %d {\n\t\t\t\ts.mu.Lock()\n\t\t\t\ts.n += %d\n", i, i)
		if i == n/2 {
			comment := ""
			if want {
				comment = " // want `lock not released`"
			}
			b.WriteString("\t\t\t\tif s.n > 1000 {\n\t\t\t\t\treturn s.n" + comment + "\n\t\t\t\t}\n")
		}
		b.WriteString("\t\t\t\ts.mu.Unlock()\n\t\t\t} else if s.n < 0 {\n\t\t\t\tcontinue\n\t\t\t}\n")
	}
	b.WriteString("\t\t}\n\t}\n\treturn 0\n}\n")
	pkg := filepath.Join(dir, "src", "big")
	if err := os.MkdirAll(pkg, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(pkg, "big.go"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestLargeFunction: in a function with loops and 200 branches the one real
// bug is found. How long it takes (the dataflow visits blocks, it never
// enumerates paths) is BenchmarkLargeFunction's to measure: a test must not
// fail on a busy machine.
func TestLargeFunction(t *testing.T) {
	dir := bigFunc(t, 200, true)
	analysistest.Run(ignoreFacts{t}, dir, analyzer.Analyzer, "big")
}

func BenchmarkLargeFunction(b *testing.B) {
	dir := bigFunc(b, 200, true)
	for b.Loop() {
		analysistest.Run(b, dir, analyzer.Analyzer, "big")
	}
}

// TestTooLargeFunctionSkipped: a function with more basic blocks than the
// analysis visits is skipped (its bug is not reported) and named in
// Result.Skipped, which the drivers print as a note.
func TestTooLargeFunctionSkipped(t *testing.T) {
	dir := bigFunc(t, 3000, false)
	results := analysistest.Run(ignoreFacts{t}, dir, analyzer.Analyzer, "big")
	if len(results) != 1 {
		t.Fatalf("%d results, want 1", len(results))
	}
	res := results[0].Result.(*analyzer.Result)
	if len(res.Skipped) != 1 {
		t.Fatalf("Skipped = %v, want one function", res.Skipped)
	}
	s := res.Skipped[0]
	if s.Name != "big.(*S).Big" || s.Blocks <= 5000 || filepath.Base(s.Pos.Filename) != "big.go" || s.Pos.Line != 10 {
		t.Errorf("Skipped[0] = %+v, want big.(*S).Big at big.go:10 with more than 5000 blocks", s)
	}
	if got := s.String(); !strings.Contains(got, "big.(*S).Big not analysed") {
		t.Errorf("note %q does not name the function", got)
	}
}
