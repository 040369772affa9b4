package plugin

import (
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/awaitvet/awaitvet/analyzer"
)

// The settings as golangci-lint passes them: decoded YAML, lists as []any.
func list(s ...string) []any {
	var l []any
	for _, x := range s {
		l = append(l, x)
	}
	return l
}

// flagValues returns the analyzer flags the plugin maps settings onto.
func flagValues() map[string]string {
	m := make(map[string]string)
	for _, name := range known {
		m[name] = analyzer.Analyzer.Flags.Lookup(name).Value.String()
	}
	return m
}

// resetFlags restores the analyzer's default flags after the test (the
// flags are global; the tests of this package are not parallel).
func resetFlags(t *testing.T) {
	t.Cleanup(func() {
		if _, err := New(nil); err != nil {
			t.Fatal(err)
		}
	})
}

func TestRegistered(t *testing.T) {
	newPlugin, err := register.GetPlugin("awaitvet")
	if err != nil {
		t.Fatal(err)
	}
	resetFlags(t)
	p, err := newPlugin(nil)
	if err != nil {
		t.Fatal(err)
	}
	as, err := p.BuildAnalyzers()
	if err != nil || len(as) != 1 || as[0].Name != analyzer.Analyzer.Name || as[0].Doc != analyzer.Analyzer.Doc {
		t.Errorf("BuildAnalyzers() = %v, %v; want the awaitvet analyzer", as, err)
	}
	if m := p.GetLoadMode(); m != register.LoadModeTypesInfo {
		t.Errorf("GetLoadMode() = %q, want %q", m, register.LoadModeTypesInfo)
	}
}

func TestSettings(t *testing.T) {
	resetFlags(t)
	for _, tc := range []struct {
		name string
		raw  any
		want map[string]string
	}{
		{"none", nil, map[string]string{"checks": "default", "disable": "", "exclude": ""}},
		{"empty", map[string]any{}, map[string]string{"checks": "default", "disable": "", "exclude": ""}},
		{"all", map[string]any{
			"checks":  list("lockorder", "doublelock", "leak"),
			"disable": list("leak"),
			"exclude": list("*_test.go", "gen/", `_test\.go$`),
		}, map[string]string{"checks": "lockorder,doublelock,leak", "disable": "leak", "exclude": `*_test.go,gen/,_test\.go$`}},
		{"checks all", map[string]any{"checks": list("all")}, map[string]string{"checks": "all", "disable": "", "exclude": ""}},
		{"tiers", map[string]any{"checks": list("default", "experimental")}, map[string]string{"checks": "default,experimental", "disable": "", "exclude": ""}},
		// Configuring again leaves nothing of the previous settings.
		{"again", map[string]any{"disable": list("cond")}, map[string]string{"checks": "default", "disable": "cond", "exclude": ""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := New(tc.raw)
			if err != nil {
				t.Fatalf("New(%v): %v", tc.raw, err)
			}
			if p == nil {
				t.Fatal("New returned nil plugin")
			}
			got := flagValues()
			for k, v := range tc.want {
				if got[k] != v {
					t.Errorf("flag -%s = %q, want %q", k, got[k], v)
				}
			}
			if err := analyzer.CheckFlags(); err != nil {
				t.Errorf("CheckFlags after New: %v", err)
			}
		})
	}
}

func TestSettingsErrors(t *testing.T) {
	resetFlags(t)
	for _, tc := range []struct {
		name string
		raw  any
		want []string // substrings of the error
	}{
		{"typo", map[string]any{"chekcs": list("all")},
			[]string{`unknown setting "chekcs"`, "(known: checks, disable, exclude)"}},
		{"two typos", map[string]any{"checks": list("all"), "exlude": list("x"), "confidence": "high"},
			[]string{`unknown settings "confidence", "exlude"`}},
		// golangci-lint lowercases keys; anything else is not ours.
		{"case", map[string]any{"Checks": list("all")}, []string{`unknown setting "Checks"`}},
		{"unknown check", map[string]any{"checks": list("lockorder", "lockordr")},
			[]string{`checks: unknown check "lockordr"`, "known: ", "lockorder"}},
		{"unknown disabled check", map[string]any{"disable": list("leek")},
			[]string{`disable: unknown check "leek"`}},
		{"bad glob", map[string]any{"exclude": list("gen/[")}, []string{`exclude: bad glob "gen/["`}},
		{"bad regexp", map[string]any{"exclude": list(`(gen|`)}, []string{`exclude: bad regexp "(gen|"`}},
		{"comma", map[string]any{"checks": list("lockorder,leak")},
			[]string{`checks: "lockorder,leak": one name or pattern per list item`}},
		{"string for list", map[string]any{"checks": "lockorder"},
			[]string{"settings: ", "checks", "[]string", "is a list of strings"}},
		{"not a mapping", list("checks"), []string{"want a mapping with keys checks, disable, exclude"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := New(tc.raw)
			if err == nil {
				t.Fatalf("New(%v) = %v, want an error", tc.raw, p)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("New(%v): %v\nwant it to contain %q", tc.raw, err, w)
				}
			}
			if p != nil {
				t.Errorf("New returned a plugin with the error")
			}
		})
	}
}

// A rejected configuration leaves the analyzer as it was.
func TestSettingsErrorKeepsFlags(t *testing.T) {
	resetFlags(t)
	if _, err := New(map[string]any{"disable": list("leak")}); err != nil {
		t.Fatal(err)
	}
	before := flagValues()
	if _, err := New(map[string]any{"checks": list("lockorder"), "disable": list("nosuch")}); err == nil {
		t.Fatal("want an error")
	}
	if after := flagValues(); after["checks"] != before["checks"] || after["disable"] != before["disable"] || after["exclude"] != before["exclude"] {
		t.Errorf("flags after a rejected configuration: %v, want %v", after, before)
	}
}

// TestOtherModule: under golangci-lint, the packages of the standard
// library and of versioned dependencies are analysed for their facts only;
// those of the main module and of a workspace's modules (no version) in
// full.
func TestOtherModule(t *testing.T) {
	for _, c := range []struct {
		m    *analysis.Module
		want bool
	}{
		{nil, true},
		{&analysis.Module{}, true},
		{&analysis.Module{Path: "go.etcd.io/bbolt", Version: "v1.4.0"}, true},
		{&analysis.Module{Path: "example.com/lib", Version: "v0.0.0-20260101000000-abcdefabcdef", Replace: &analysis.Module{Path: "../lib"}}, true},
		{&analysis.Module{Path: "example.com/app"}, false},
	} {
		if got := otherModule(&analysis.Pass{Module: c.m}); got != c.want {
			t.Errorf("otherModule(%+v) = %v, want %v", c.m, got, c.want)
		}
	}
}
