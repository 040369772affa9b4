package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/awaitvet/awaitvet/analyzer"
)

// TestLateCheck runs the standalone loader with an empty fact cache, so that
// every package is loaded from source, and checks what late checking
// promises: each package is type-checked before its analysis (the root's
// finding goes through the dependency's facts), a dependency's syntax and
// type information are dropped once it has been analysed while the root's
// stay for the printers, and a package the analysis never reaches, because
// one of its imports does not type-check, still has its own errors
// reported.
func TestLateCheck(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"go.mod": "module example.com/late\n\ngo 1.26\n",
		"dep/dep.go": `package dep

import "sync"

type Store struct{ mu sync.Mutex }

// Flush locks s.mu on every path.
func (s *Store) Flush() {
	s.mu.Lock()
	defer s.mu.Unlock()
}

func (s *Store) Lock() { s.mu.Lock() }
`,
		"root/root.go": `package root

import "example.com/late/dep"

func Close(s *dep.Store) {
	s.Lock()
	s.Lock()
}
`,
		"broken/broken.go": "package broken\n\nvar X int = \"s\"\n",
		"after/after.go":   "package after\n\nimport \"example.com/late/broken\"\n\nvar Y = broken.X\n\nvar Z int = \"t\"\n",
	})
	t.Chdir(dir)
	t.Setenv("AWAITVET_CACHE", t.TempDir())

	// The double lock in root is doublelock's, an experimental check.
	if err := analyzer.Analyzer.Flags.Set("checks", "all"); err != nil {
		t.Fatal(err)
	}
	defer analyzer.Analyzer.Flags.Set("checks", "default")
	var stderr bytes.Buffer
	graph, _, loadErrs := load(options{}, analyzer.Analyzer, []string{"./root", "./after"}, &stderr, nil)
	if graph == nil {
		t.Fatalf("no graph; stderr:\n%s", stderr.String())
	}
	var rootFound bool
	deps := 0
	for act := range graph.All() {
		p := act.Package
		switch p.PkgPath {
		case "example.com/late/root":
			if p.Syntax == nil || p.TypesInfo == nil {
				t.Errorf("root %s lost its syntax or type information", p.PkgPath)
			}
			rootFound = len(act.Diagnostics) > 0
		case "example.com/late/dep", "sync":
			deps++
			if p.Syntax != nil || p.TypesInfo != nil {
				t.Errorf("dependency %s keeps its syntax or type information after its analysis", p.PkgPath)
			}
			if p.Types == nil || !p.Types.Complete() {
				t.Errorf("dependency %s has no complete types", p.PkgPath)
			}
		}
	}
	if deps != 2 {
		t.Errorf("saw %d of the dependencies dep and sync in the graph, want 2", deps)
	}
	if !rootFound {
		t.Errorf("no finding in root: dep's facts did not reach it; stderr:\n%s", stderr.String())
	}
	for _, want := range []string{`broken/broken.go:3:13: cannot use "s"`, `after/after.go:7:13: cannot use "t"`} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}
	if loadErrs != 2 {
		t.Errorf("%d load errors, want 2; stderr:\n%s", loadErrs, stderr.String())
	}
}
