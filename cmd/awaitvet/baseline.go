package main

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"

	"github.com/awaitvet/awaitvet/report"
)

// A baseline is the set of findings a team has accepted when adopting
// awaitvet on a large codebase: with -baseline=FILE, only findings not in it
// are reported (and only they make the exit status 3). Findings are keyed
// by report.Fingerprint, which survives edits that move them to other
// lines, with a count for findings that share one.
//
// The file is text, one finding per line ("fingerprint<TAB>check<TAB>file:
// message", the last two for people reading diffs of it), sorted, so that
// it can be committed and reviewed.
type baseline map[string]int // fingerprint → how many findings have it

// baselineHeader starts every baseline file.
const baselineHeader = "# awaitvet baseline: findings accepted; regenerate by deleting this file and running awaitvet -baseline=FILE"

// readBaseline reads a baseline file; ok is false when it does not exist.
func readBaseline(path string) (b baseline, ok bool, err error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	defer f.Close()
	b = make(baseline)
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fp, _, _ := strings.Cut(line, "\t")
		if len(fp) != 64 || strings.Trim(fp, "0123456789abcdef") != "" {
			return nil, false, fmt.Errorf("%s:%d: not a baseline line (want a fingerprint, a tab, the check and the finding)", path, n)
		}
		b[fp]++
	}
	return b, true, sc.Err()
}

// writeBaseline writes the findings as a baseline file.
func writeBaseline(path string, found []finding, base string) error {
	var lines []string
	for _, f := range reportFindings(found) {
		file := f.Pos.File
		if rel, ok := strings.CutPrefix(file, base+string(os.PathSeparator)); ok && base != "" {
			file = rel
		}
		lines = append(lines, report.Fingerprint(f, base)+"\t"+f.Check+"\t"+file+": "+oneLine(f.Message))
	}
	slices.Sort(lines)
	return os.WriteFile(path, []byte(baselineHeader+"\n"+strings.Join(lines, "\n")+"\n"), 0o666)
}

// newFindings returns the findings the baseline does not hold: of the
// findings sharing a fingerprint, as many as the baseline has are old, the
// later ones in output order new.
func (b baseline) newFindings(found []finding, base string) []finding {
	seen := make(map[string]int)
	var out []finding
	for i, f := range reportFindings(found) {
		fp := report.Fingerprint(f, base)
		seen[fp]++
		if seen[fp] > b[fp] {
			out = append(out, found[i])
		}
	}
	return out
}

func oneLine(s string) string { return strings.ReplaceAll(s, "\n", " ") }
