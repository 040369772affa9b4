package analyzer

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestFactsOnlySameFacts: a pass that only makes the facts (FactsOnly: go
// vet's dependencies, golangci-lint's other modules, the standalone
// driver's non-roots) exports the same facts, byte for byte, as a pass that
// also runs every check, on packages with lock orders, channels, gates,
// conditional helpers and cross-package facts.
func TestFactsOnlySameFacts(t *testing.T) {
	dir, err := filepath.Abs("../testdata")
	if err != nil {
		t.Fatal(err)
	}
	setFlags(t, "checks", "all")
	pkgs := []string{"crosspkg/downstream", "concurrent", "ownership", "leak", "guards", "waitgroup", "callbacks"}
	facts := func(only bool) map[string]string {
		if only {
			FactsOnly = func(*analysis.Pass) bool { return true }
			defer func() { FactsOnly = nil }()
		}
		out := make(map[string]string)
		for _, r := range analysistest.Run(quiet{}, dir, Analyzer, pkgs...) {
			if r.Err != nil {
				t.Fatalf("%s: %v", r.Pass.Pkg.Path(), r.Err)
			}
			for obj, fs := range r.Facts {
				name := r.Pass.Pkg.Path()
				if obj != nil {
					name = obj.String()
				}
				for _, f := range fs {
					var b bytes.Buffer
					if err := gob.NewEncoder(&b).Encode(f); err != nil {
						t.Fatalf("%s: %v", name, err)
					}
					out[fmt.Sprintf("%s %T", name, f)] = b.String()
				}
			}
		}
		return out
	}
	full, only := facts(false), facts(true)
	if len(full) == 0 {
		t.Fatal("no facts")
	}
	for k, v := range full {
		if w, ok := only[k]; !ok {
			t.Errorf("%s: exported by a full pass only", k)
		} else if w != v {
			t.Errorf("%s: differs between a full pass and a facts-only one", k)
		}
	}
	for k := range only {
		if _, ok := full[k]; !ok {
			t.Errorf("%s: exported by a facts-only pass only", k)
		}
	}
}
