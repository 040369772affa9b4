package main

import (
	"go/token"
	"path/filepath"
	"slices"
	"testing"
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
