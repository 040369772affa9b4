package main

import (
	"bytes"
	"fmt"
	"go/format"
	"io"
	"os"
	"sort"

	"golang.org/x/tools/go/analysis/checker"
)

// An edit is one TextEdit of a suggested fix, as byte offsets in a file.
type edit struct {
	start, end int
	text       string
}

// applyFixes applies the first suggested fix of every finding of the root
// packages, writes the changed files back (gofmt'ed) and says what it did.
// The same edit reported by a package and its test variant is applied once;
// an edit that overlaps one already taken is skipped and reported.
func applyFixes(graph *checker.Graph, stderr io.Writer) error {
	byFile := make(map[string][]edit)
	seen := make(map[string]map[edit]bool)
	for _, act := range graph.Roots {
		if act.Err != nil {
			continue
		}
		fset := act.Package.Fset
		for _, d := range act.Diagnostics {
			if len(d.SuggestedFixes) == 0 {
				continue
			}
			for _, te := range d.SuggestedFixes[0].TextEdits {
				start, end := fset.Position(te.Pos), fset.Position(te.End)
				if !te.End.IsValid() {
					end = start
				}
				e := edit{start.Offset, end.Offset, string(te.NewText)}
				if seen[start.Filename] == nil {
					seen[start.Filename] = make(map[edit]bool)
				}
				if !seen[start.Filename][e] {
					seen[start.Filename][e] = true
					byFile[start.Filename] = append(byFile[start.Filename], e)
				}
			}
		}
	}
	files := make([]string, 0, len(byFile))
	for f := range byFile {
		files = append(files, f)
	}
	sort.Strings(files)
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		out, skipped := apply(src, byFile[name])
		if skipped > 0 {
			fmt.Fprintf(stderr, "awaitvet: %s: %d overlapping edits not applied\n", name, skipped)
		}
		if formatted, err := format.Source(out); err == nil {
			out = formatted
		}
		if bytes.Equal(out, src) {
			continue
		}
		if err := os.WriteFile(name, out, 0o644); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "awaitvet: fixed %s\n", name)
	}
	return nil
}

// apply applies non-overlapping edits to src, the earliest first among
// those that overlap, and returns how many it had to skip.
func apply(src []byte, edits []edit) ([]byte, int) {
	sort.SliceStable(edits, func(i, j int) bool {
		if edits[i].start != edits[j].start {
			return edits[i].start < edits[j].start
		}
		return edits[i].end < edits[j].end
	})
	var out bytes.Buffer
	last, skipped := 0, 0
	for _, e := range edits {
		if e.start < last || e.end > len(src) {
			skipped++
			continue
		}
		out.Write(src[last:e.start])
		out.WriteString(e.text)
		last = e.end
	}
	out.Write(src[last:])
	return out.Bytes(), skipped
}
