package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/awaitvet/awaitvet/analyzer"
)

// TestREADMEExample keeps README.md true: the output it shows for the
// bundled examples is what the binary prints on them today.
func TestREADMEExample(t *testing.T) {
	skipShort(t)
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

// TestREADMETiers keeps README.md's tier table true: each check's row names
// its tier and, when it has a record, the figures analyzer/precision.go
// holds.
func TestREADMETiers(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	i := strings.Index(text, "### Tiers")
	if i < 0 {
		t.Fatal("README.md has no Tiers section")
	}
	table := text[i:]
	table = table[:strings.Index(table, "\n\n| check |")+strings.Index(table[strings.Index(table, "\n\n| check |")+2:], "\n\n")+2]
	for _, c := range analyzer.Checks {
		var row string
		for _, line := range strings.Split(table, "\n") {
			if strings.HasPrefix(line, "| ") && strings.Contains(line, "`"+c.Name+"`") {
				row = line
			}
		}
		if row == "" {
			t.Errorf("README.md's tier table has no row for %s", c.Name)
			continue
		}
		if !strings.Contains(row, "| "+c.Tier().String()+" |") {
			t.Errorf("README.md's row for %s does not say %s: %s", c.Name, c.Tier(), row)
		}
		if p := c.Precision(); p.Labelled > 0 && !strings.Contains(row, fmt.Sprintf("| %d | %d |", p.Labelled, p.False)) {
			t.Errorf("README.md's row for %s does not give %d judged, %d false: %s", c.Name, p.Labelled, p.False, row)
		}
	}
}
