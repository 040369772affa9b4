package main

import (
	"go/token"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"
)

func TestIsVetInvocation(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want bool
	}{
		{[]string{"-V=full"}, true},
		{[]string{"--V=full"}, true},
		{[]string{"-flags"}, true},
		{[]string{"/tmp/go-build1/b001/vet.cfg"}, true},
		{[]string{"-awaitvet.checks=doublelock", "/tmp/go-build1/b001/vet.cfg"}, true},
		{[]string{"-awaitvet.checks", "doublelock", "-json", "vet.cfg"}, true},
		{nil, false},
		{[]string{"./..."}, false},
		{[]string{"-checks=doublelock", "./..."}, false},
		{[]string{"help"}, false},
		{[]string{"version"}, false},
		{[]string{"-tags", "V", "./..."}, false},
		{[]string{"./...", "-flags"}, false}, // after the patterns: a pattern
		{[]string{"-c=x.cfg"}, false},
	} {
		if got := isVetInvocation(tc.args); got != tc.want {
			t.Errorf("isVetInvocation(%q) = %v, want %v", tc.args, got, tc.want)
		}
	}
}

func TestRelPos(t *testing.T) {
	base := filepath.FromSlash("/work/mod")
	for _, tc := range []struct{ pos, want string }{
		{"/work/mod/a/a.go:3:13", "a/a.go:3:13"},
		{"/work/mod/a/a.go", "a/a.go"},
		{"/work/other/a.go:3:13", "/work/other/a.go:3:13"},
		{"/work/modx/a.go:1:1", "/work/modx/a.go:1:1"},
		{"a/a.go:3", "a/a.go:3"},
		{"-", "-"},
	} {
		if got := relPos(filepath.FromSlash(tc.pos), base); got != filepath.FromSlash(tc.want) {
			t.Errorf("relPos(%q) = %q, want %q", tc.pos, got, tc.want)
		}
	}
}

// TestRelPathModCache: a dependency's file in the module cache is shown as
// module@version/path, the same in every checkout and on every machine.
func TestRelPathModCache(t *testing.T) {
	cache := modCache()
	if cache == "" {
		t.Skip("no module cache directory")
	}
	name := filepath.Join(cache, "github.com", "x", "y@v1.2.3", "levels.go")
	if got, want := relPath(name, filepath.FromSlash("/work/mod")), "github.com/x/y@v1.2.3/levels.go"; got != want {
		t.Errorf("relPath(%q) = %q, want %q", name, got, want)
	}
}

func TestSortFindings(t *testing.T) {
	f := func(file string, line, col int, msg string) finding {
		return finding{pos: token.Position{Filename: file, Line: line, Column: col}, message: msg}
	}
	got := []finding{
		f("b.go", 1, 1, "x"),
		f("a.go", 10, 1, "x"),
		f("a.go", 2, 5, "y"),
		f("a.go", 2, 5, "b"),
		f("a.go", 2, 1, "z"),
	}
	sortFindings(got)
	want := []finding{
		f("a.go", 2, 1, "z"),
		f("a.go", 2, 5, "b"),
		f("a.go", 2, 5, "y"),
		f("a.go", 10, 1, "x"),
		f("b.go", 1, 1, "x"),
	}
	if !slices.EqualFunc(got, want, func(a, b finding) bool { return a.pos == b.pos && a.message == b.message }) {
		t.Errorf("sorted:\n%v\nwant:\n%v", got, want)
	}
}

// TestNewerGoErrors: packages written for a newer Go than awaitvet was
// built with fail to type-check by the hundred (the newer standard library
// first); one line says why and what to do, -v prints them all.
func TestNewerGoErrors(t *testing.T) {
	std := &packages.Package{PkgPath: "internal/poll", Name: "poll", GoFiles: []string{"splice_linux.go"},
		Errors: []packages.Error{{Pos: "/go/src/internal/poll/splice_linux.go:237:21", Msg: "unknown field rfd in struct literal of type splicePipe", Kind: packages.TypeError}}}
	mine := &packages.Package{PkgPath: "example.com/m", Name: "m", GoFiles: []string{"m.go"}, Imports: map[string]*packages.Package{"internal/poll": std},
		Errors: []packages.Error{
			{Msg: "package requires newer Go version go1.27 (application built with go1.26)", Kind: packages.TypeError},
			{Msg: "package requires newer Go version go1.27.1 (application built with go1.26)", Kind: packages.TypeError},
		}}
	var out strings.Builder
	n := printLoadErrors(&out, []*packages.Package{mine}, "", false)
	want := "awaitvet: the packages need go1.27.1, newer than the " + runtime.Version() + " awaitvet was built with: nothing was analysed; build awaitvet with go1.27.1 or later (-v prints the 3 errors)\n"
	if n != 3 || out.String() != want {
		t.Errorf("printLoadErrors = %d\n%s\nwant 3\n%s", n, out.String(), want)
	}
	out.Reset()
	if n := printLoadErrors(&out, []*packages.Package{mine}, "", true); n != 3 || !strings.Contains(out.String(), "unknown field rfd") {
		t.Errorf("-v: printLoadErrors = %d\n%s", n, out.String())
	}
	if v, _ := newerGo([]*packages.Package{std}); v != "" {
		t.Errorf("newerGo without the message = %q, want none", v)
	}
}
