package analyzer_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/awaitvet/awaitvet/analyzer"
	"golang.org/x/tools/go/analysis/analysistest"
)

// bigFunc writes a package whose function has loops and n branches, each
// locking and unlocking, with a deferred unlock and early returns: the shape
// that makes path-enumerating tools time out. One branch forgets to unlock
// on an early return, so the analysis must also get the answer right.
func bigFunc(t testing.TB, n int) string {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("package big\n\nimport \"sync\"\n\ntype S struct {\n\tmu, other sync.Mutex\n\tn   int\n}\n\n")
	b.WriteString("func (s *S) Big(xs []int) int {\n\tdefer s.other.Unlock()\n\ts.other.Lock()\n")
	b.WriteString("\tfor _, x := range xs {\n\t\tfor i := 0; i < x; i++ {\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "\t\t\tif x == %d {\n\t\t\t\ts.mu.Lock()\n\t\t\t\ts.n += %d\n", i, i)
		if i == n/2 {
			b.WriteString("\t\t\t\tif s.n > 1000 {\n\t\t\t\t\treturn s.n // want `lock not released`\n\t\t\t\t}\n")
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

// TestLargeFunction: a function with loops and 200 branches is analysed in
// well under a second (the dataflow visits blocks, it never enumerates paths),
// and the one real bug in it is found.
func TestLargeFunction(t *testing.T) {
	dir := bigFunc(t, 200)
	start := time.Now()
	analysistest.Run(ignoreFacts{t}, dir, analyzer.Analyzer, "big")
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("loading and analysing a 200-branch function took %v", d)
	}
}

func BenchmarkLargeFunction(b *testing.B) {
	dir := bigFunc(b, 200)
	for b.Loop() {
		analysistest.Run(b, dir, analyzer.Analyzer, "big")
	}
}
