package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestREADMEExample keeps README.md true: the output it shows for the
// bundled examples is what the binary prints on them today.
func TestREADMEExample(t *testing.T) {
	t.Parallel()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	const begin, end = "<!-- begin example output -->\n```text\n", "```\n<!-- end example output -->"
	text := string(readme)
	i, j := strings.Index(text, begin), strings.Index(text, end)
	if i < 0 || j < i {
		t.Fatalf("README.md has no example output block between %q and %q", begin, end)
	}
	shown := text[i+len(begin) : j]
	got := awaitvet(t, root, "./examples/...")
	if got.code != exitFindings {
		t.Errorf("awaitvet ./examples/... exited %d, want %d; stderr:\n%s", got.code, exitFindings, got.stderr)
	}
	if got.stdout != shown {
		t.Errorf("README.md's example output is stale; awaitvet ./examples/... now prints:\n%s", got.stdout)
	}
}
