package main

import (
	"cmp"
	"fmt"
	"go/build"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis/checker"

	"github.com/awaitvet/awaitvet/analyzer"
	"github.com/awaitvet/awaitvet/report"
)

// A finding is one diagnostic, resolved to file positions so that it can be
// compared, deduplicated and sorted independently of the package it came from.
type finding struct {
	pos, end token.Position
	category string
	message  string
	related  []hop
}

// A hop is one analysis.RelatedInformation: a step of the chain that leads
// to the finding.
type hop struct {
	pos, end token.Position
	message  string
}

// findings gathers the diagnostics of the root actions, once each.
//
// With tests loaded, a file of package p belongs both to p and to its test
// variant "p [p.test]", which are analyzed separately and report the same
// diagnostic twice; two diagnostics at the same position with the same
// category and message are one finding. The result is sorted by file, line,
// column and message, so the output does not depend on the order in which
// the driver's goroutines finished.
func findings(graph *checker.Graph) []finding {
	type key struct {
		file              string
		line, col         int
		category, message string
	}
	seen := make(map[key]bool)
	var out []finding
	// Like go vet, which vets a package together with its test files, take a
	// package's findings from its test variant "p [p.test]" when there is
	// one: the two can differ (test types add implementations to interface
	// calls), and the modes must agree.
	hasVariant := testVariants(graph)
	for _, act := range graph.Roots {
		if act.Err != nil || act.Package.ID == act.Package.PkgPath && hasVariant[act.Package.PkgPath] {
			continue
		}
		fset := act.Package.Fset
		for _, d := range act.Diagnostics {
			f := finding{
				pos:      fset.Position(d.Pos),
				end:      fset.Position(cmp.Or(d.End, d.Pos)),
				category: d.Category,
				message:  d.Message,
			}
			k := key{f.pos.Filename, f.pos.Line, f.pos.Column, f.category, f.message}
			if seen[k] {
				continue
			}
			seen[k] = true
			for _, r := range d.Related {
				f.related = append(f.related, hop{
					pos:     fset.Position(r.Pos),
					end:     fset.Position(cmp.Or(r.End, r.Pos)),
					message: r.Message,
				})
			}
			out = append(out, f)
		}
	}
	sortFindings(out)
	return out
}

// testVariants names the packages that have a test variant "p [p.test]"
// among the roots.
func testVariants(graph *checker.Graph) map[string]bool {
	has := make(map[string]bool)
	for _, act := range graph.Roots {
		if p := act.Package; p.ID != p.PkgPath && strings.HasPrefix(p.ID, p.PkgPath+" [") {
			has[p.PkgPath] = true
		}
	}
	return has
}

// reportPos converts a position for the report model.
func reportPos(p token.Position) report.Pos {
	return report.Pos{File: p.Filename, Line: p.Line, Col: p.Column}
}

func sortFindings(fs []finding) {
	slices.SortStableFunc(fs, func(a, b finding) int {
		return cmp.Or(
			cmp.Compare(a.pos.Filename, b.pos.Filename),
			cmp.Compare(a.pos.Line, b.pos.Line),
			cmp.Compare(a.pos.Column, b.pos.Column),
			cmp.Compare(a.message, b.message),
			cmp.Compare(a.category, b.category),
		)
	})
}

// printText writes the findings in the usual compiler format, paths relative
// to base when they are inside it (as go vet shows them):
//
//	file:line:col: message
//		file:line:col: related message
//
// The related lines are indented with a tab so that tools that scan for
// "file:line:col: " at the start of a line (editors, CI annotations) take
// only the finding itself as an error location. (unitchecker instead puts
// the tab after the position: "file:line:col: \tmessage".)
//
// With contextLines >= 0, each location is followed by its source lines,
// numbered, with that many lines before and after.
func printText(w io.Writer, fs []finding, base string, contextLines int) {
	src := make(map[string][]string) // file name -> lines, read once
	source := func(indent string, pos, end token.Position) {
		if contextLines < 0 || !pos.IsValid() {
			return
		}
		lines, ok := src[pos.Filename]
		if !ok {
			data, _ := os.ReadFile(pos.Filename) // no source, no context
			lines = strings.Split(string(data), "\n")
			src[pos.Filename] = lines
		}
		last := max(end.Line, pos.Line)
		for i := pos.Line - contextLines; i <= last+contextLines; i++ {
			if 1 <= i && i <= len(lines) {
				fmt.Fprintf(w, "%s%d\t%s\n", indent, i, lines[i-1])
			}
		}
	}
	for _, f := range fs {
		// the check's name, as staticcheck and golangci-lint print theirs:
		// what -checks and //awaitvet:ignore take
		check := ""
		if f.category != "" {
			check = " [" + f.category + "]"
		}
		fmt.Fprintf(w, "%s: %s%s\n", relPosition(f.pos, base), f.message, check)
		source("", f.pos, f.end)
		for _, h := range f.related {
			fmt.Fprintf(w, "\t%s: %s\n", relPosition(h.pos, base), h.message)
			source("\t", h.pos, h.end)
		}
	}
}

// relPosition renders p as file:line:col with the file relative to base.
func relPosition(p token.Position, base string) string {
	p.Filename = relPath(p.Filename, base)
	return p.String()
}

// relPos is relPosition for positions that go/packages has already turned
// into strings ("file:line:col").
func relPos(pos, base string) string {
	if !filepath.IsAbs(pos) {
		return pos
	}
	// The file name ends at the first ":" that is followed by a line number;
	// everything before it is the path (which may itself contain ':' on
	// Windows, as in C:\...).
	for i := 0; i < len(pos); i++ {
		if pos[i] == ':' && i+1 < len(pos) && '0' <= pos[i+1] && pos[i+1] <= '9' {
			return relPath(pos[:i], base) + pos[i:]
		}
	}
	return relPath(pos, base)
}

// relPath returns name relative to base if name is inside base; a file of
// the module cache as module@version/path (as -trimpath records it: a
// dependency's position the reader can find in any checkout); otherwise
// name unchanged, so that files outside the tree (in GOROOT, elsewhere)
// keep paths that mean something.
func relPath(name, base string) string {
	if !filepath.IsAbs(name) {
		return name
	}
	if base != "" {
		rel, err := filepath.Rel(base, name)
		if err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return rel
		}
	}
	if cache := modCache(); cache != "" {
		if rel, err := filepath.Rel(cache, name); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return filepath.ToSlash(rel)
		}
	}
	return name
}

// modCache is the module cache directory, as the go command finds it:
// $GOMODCACHE, else pkg/mod in the first GOPATH entry.
var modCache = sync.OnceValue(func() string {
	if dir := os.Getenv("GOMODCACHE"); filepath.IsAbs(dir) {
		return dir
	}
	gopath := filepath.SplitList(build.Default.GOPATH)
	if len(gopath) == 0 || !filepath.IsAbs(gopath[0]) {
		return ""
	}
	return filepath.Join(gopath[0], "pkg", "mod")
})

// printSkipped writes a note for each function of the root packages that was
// too large to analyse, once even when a package and its test variant both
// hold it, sorted: findings in them cannot be reported, and the reader should
// know.
func printSkipped(w io.Writer, graph *checker.Graph, base string) {
	seen := make(map[string]bool)
	var notes []string
	for _, act := range graph.Roots {
		res, _ := act.Result.(*analyzer.Result)
		if res == nil {
			continue
		}
		for _, s := range res.Skipped {
			s.Pos.Filename = relPath(s.Pos.Filename, base)
			if n := s.String(); !seen[n] {
				seen[n] = true
				notes = append(notes, n)
			}
		}
	}
	slices.Sort(notes)
	for _, n := range notes {
		fmt.Fprintf(w, "awaitvet: note: %s\n", n)
	}
}

// printGitHub prints the findings as GitHub Actions workflow commands, which
// annotate the lines in the pull request for teams that do not use code
// scanning: "::error file=F,line=L,col=C,title=awaitvet CHECK::MESSAGE",
// with the chain on the following lines of the message. Findings of the
// default tier are errors, experimental ones notices (as SARIF levels them
// below the default).
func printGitHub(w io.Writer, found []finding, base string) {
	for _, f := range found {
		level := "error"
		if c := analyzer.Lookup(f.category); c != nil && c.Tier() == analyzer.Experimental {
			level = "notice"
		}
		msg := f.message
		for _, h := range f.related {
			msg += "\n" + filepath.ToSlash(relPath(h.pos.Filename, base)) + ":" + fmt.Sprint(h.pos.Line) + ": " + h.message
		}
		fmt.Fprintf(w, "::%s file=%s,line=%d,col=%d,title=%s::%s\n", level,
			ghProperty(filepath.ToSlash(relPath(f.pos.Filename, base))), f.pos.Line, f.pos.Column,
			ghProperty("awaitvet "+f.category), ghData(msg))
	}
}

// ghData escapes a workflow command's message, as the runner's toolkit does.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a workflow command's property value.
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
