package analyzer_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/awaitvet/awaitvet/analyzer"
)

// TestFixesReanalysed applies every suggested fix of package fixes on its
// own, writes the package with the fixed file to a fresh tree (a package
// fixedN per fix, all analysed in one run), without the
// // want comment of the finding the fix is for, and analyses it again. The
// run then fails if the finding is still there (an unexpected diagnostic),
// if another finding went away with it (a want no longer met) or if the fix
// made a new one. The fixes are chosen so that this silence is the bug's
// end, not only the finding's: the Done deferred is the one of the finding's
// WaitGroup, the buffer holds every value nobody receives, and the select
// watches the context the receiver leaves by (see ctxSendFix).
func TestFixesReanalysed(t *testing.T) {
	dir := filepath.Join(testdataDir(t), "src", "fixes")
	results := analysistest.Run(ignoreFacts{t}, testdataDir(t), analyzer.Analyzer, "fixes")
	if len(results) != 1 {
		t.Fatalf("%d results, want 1", len(results))
	}
	fset := results[0].Action.Package.Fset
	root := t.TempDir()
	var variants, offered []string
	for _, d := range results[0].Action.Diagnostics {
		for _, fix := range d.SuggestedFixes {
			at := fset.Position(d.Pos)
			name := filepath.Base(at.Filename)
			variant := "fixed" + strconv.Itoa(len(variants))
			variants = append(variants, variant)
			offered = append(offered, name+":"+strconv.Itoa(at.Line)+": "+fix.Message)
			func() {
				src, err := os.ReadFile(at.Filename)
				if err != nil {
					t.Fatal(err)
				}
				type edit struct {
					start, end int
					text       string
				}
				var edits []edit
				for _, te := range fix.TextEdits {
					s, e := fset.Position(te.Pos), fset.Position(te.End)
					if s.Filename != at.Filename || !te.End.IsValid() {
						e = s
					}
					if s.Filename != at.Filename {
						t.Fatalf("edit in %s, finding in %s", s.Filename, at.Filename)
					}
					edits = append(edits, edit{s.Offset, e.Offset, string(te.NewText)})
				}
				// The finding's own want comment goes: the fixed code must not report it.
				lineEnd := at.Offset + bytes.IndexByte(src[at.Offset:], '\n')
				w := bytes.Index(src[at.Offset:lineEnd], []byte("// want"))
				if w < 0 {
					t.Fatalf("%s: no want comment on the finding's line", at)
				}
				edits = append(edits, edit{at.Offset + w, lineEnd, ""})
				slices.SortFunc(edits, func(a, b edit) int { return a.start - b.start })
				var out bytes.Buffer
				last := 0
				for _, e := range edits {
					if e.start < last {
						t.Fatalf("overlapping edits in %s", name)
					}
					out.Write(src[last:e.start])
					out.WriteString(e.text)
					last = e.end
				}
				out.Write(src[last:])

				pkg := filepath.Join(root, "src", variant)
				if err := os.MkdirAll(pkg, 0o755); err != nil {
					t.Fatal(err)
				}
				files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
				for _, f := range files {
					data, err := os.ReadFile(f)
					if err != nil {
						t.Fatal(err)
					}
					if f == at.Filename {
						data = out.Bytes()
					}
					if err := os.WriteFile(filepath.Join(pkg, filepath.Base(f)), data, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}()
		}
	}
	// Exactly these fixes, and no others: no select on a context nobody
	// cancels or the receiver does not leave by (ctxnofix.go's detached,
	// otherContext; droppedCancel has no finding: its ctx.Done() never
	// fires, so the receiver cannot leave), no deferred Done when the finding's Done
	// is in a helper (wgfix.go's helperDone).
	const (
		buffer1 = "give the channel room for every sender: make(..., 1)"
		selCtx  = "select on ctx.Done() so the send gives up when the context is cancelled"
		doneWG  = "call done.Done() in a defer, first thing in the goroutine"
	)
	want := []string{
		"ctxfix.go:9: " + selCtx,
		"ctxfix.go:9: " + buffer1,
		"ctxfix.go:23: " + selCtx,
		"ctxnofix.go:14: " + selCtx,
		"ctxnofix.go:14: " + buffer1,
		"ctxnofix.go:30: " + buffer1,
		"ctxnofix.go:64: " + buffer1,
		"fixes.go:14: give the channel room for every sender: make(..., len(xs))",
		"fixes.go:24: " + buffer1,
		"fixes.go:38: call wg.Done() in a defer, first thing in the goroutine",
		"wgfix.go:13: " + doneWG,
		"wgfix.go:34: " + doneWG,
	}
	slices.Sort(offered)
	slices.Sort(want)
	if !slices.Equal(offered, want) {
		t.Errorf("fixes offered:\n\t%s\nwant:\n\t%s", strings.Join(offered, "\n\t"), strings.Join(want, "\n\t"))
	}
	// One run for all of them: the dependencies are loaded once.
	analysistest.Run(ignoreFacts{t}, root, analyzer.Analyzer, variants...)
}
