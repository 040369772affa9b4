package analyzer_test

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"

	"github.com/awaitvet/awaitvet/analyzer"
)

// TestFactsPortable analyses the testdata packages whose facts other
// packages of the testdata import (their summaries, lock-order edges and
// no-return marks travel) in two copies at different paths and wants the
// same facts from both, gob-encoded byte for byte; and the same again from a
// third copy whose comment lines are longer (every byte offset moves, no
// line does). go vet keys a package's cached results by the bytes of its
// dependencies' facts: a fact that named the checkout's directory would make
// every machine of a CI fleet (each with its own checkout path) miss the
// results another one computed, and its importers' with them.
func TestFactsPortable(t *testing.T) {
	skipShort(t)
	src := filepath.Join(testdataDir(t), "src")
	var first map[string][]byte
	for i, dir := range []string{t.TempDir(), filepath.Join(t.TempDir(), "a", "longer", "checkout"), t.TempDir()} {
		if err := os.CopyFS(filepath.Join(dir, "src"), os.DirFS(src)); err != nil {
			t.Fatal(err)
		}
		if i == 2 {
			lengthenComments(t, filepath.Join(dir, "src"))
		}
		facts := encodedFacts(t, dir)
		if i == 0 {
			first = facts
			if len(facts) < 20 {
				t.Fatalf("only %d facts: too few to test anything", len(facts))
			}
			continue
		}
		for _, k := range sortedFactKeys(first, facts) {
			if !bytes.Equal(first[k], facts[k]) {
				t.Errorf("%s: facts differ between checkouts:\n%q\n%q", k, first[k], facts[k])
			}
		}
	}
}

// lengthenComments appends spaces to every comment line of the Go files
// under dir: every later byte offset moves, no line or column of code does.
// The facts must not change (TestFactsPortable): go vet reruns a package's
// importers when its facts change, and an edit inside a line (a longer
// comment, a renamed local) is the commonest edit there is.
func lengthenComments(t *testing.T, dir string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		lines := strings.Split(string(src), "\n")
		for i, l := range lines {
			if strings.HasPrefix(strings.TrimSpace(l), "//") {
				lines[i] = l + "      "
			}
		}
		return os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// encodedFacts analyses every package of the GOPATH tree at gopath and
// returns, by package, object and fact type, each fact the packages of the
// tree export about their own objects, gob-encoded as go vet's fact files
// encode them.
func encodedFacts(t *testing.T, gopath string) map[string][]byte {
	pkgs := loadGOPATH(t, gopath, "crosspkg/...", "depcause/...", "commcross/...", "noreturn/...", "lockorder/...", "waitgroup/...")
	graph, err := checker.Analyze([]*analysis.Analyzer{analyzer.Analyzer}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	out := make(map[string][]byte)
	add := func(key string, fact analysis.Fact) {
		var b bytes.Buffer
		if err := gob.NewEncoder(&b).Encode(fact); err != nil {
			t.Fatalf("%s: %v", key, err)
		}
		out[key] = b.Bytes()
	}
	for act := range graph.All() {
		pkg := act.Package.Types
		if len(act.Package.Syntax) > 0 && strings.HasPrefix(act.Package.Fset.File(act.Package.Syntax[0].Pos()).Name(), filepath.Join(gopath, "src")) {
			for _, f := range act.AllObjectFacts() {
				if f.Object.Pkg() == pkg {
					add(fmt.Sprintf("%s %s %T", act.Package.ID, types.ObjectString(f.Object, nil), f.Fact), f.Fact)
				}
			}
			for _, f := range act.AllPackageFacts() {
				if f.Package == pkg {
					add(fmt.Sprintf("%s %T", act.Package.ID, f.Fact), f.Fact)
				}
			}
		}
	}
	return out
}

func sortedFactKeys(a, b map[string][]byte) []string {
	var keys []string
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}
