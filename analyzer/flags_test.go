package analyzer

import (
	"os"
	"strings"
	"testing"
)

// TestMain enables every check, experimental ones included: each testdata
// package tests its checks whatever their tier, and fails if any other check
// reports something in it.
func TestMain(m *testing.M) {
	config.checks = "all"
	os.Exit(m.Run())
}

// setFlags sets the analyzer's flags as a driver would, and restores the
// state TestMain set up when the test ends. Tests that use it must not be
// parallel: the flags are global, and the other tests expect every check
// enabled.
func setFlags(t *testing.T, kv ...string) {
	t.Helper()
	t.Cleanup(func() {
		for _, name := range []string{"checks", "disable", "exclude"} {
			f := Analyzer.Flags.Lookup(name)
			v := f.DefValue
			if name == "checks" {
				v = "all"
			}
			if err := f.Value.Set(v); err != nil {
				t.Fatal(err)
			}
		}
	})
	for i := 0; i < len(kv); i += 2 {
		if err := Analyzer.Flags.Set(kv[i], kv[i+1]); err != nil {
			t.Fatal(err)
		}
	}
}

func TestCheckFlags(t *testing.T) {
	for _, tc := range []struct {
		kv   []string
		want string // substring of the error, "" for none
	}{
		{nil, ""},
		{[]string{"checks", "all"}, ""},
		{[]string{"checks", "default,experimental,leak"}, ""},
		{[]string{"checks", "experimentl"}, `-checks: unknown check "experimentl" (known: abandoned, callrelock, commcycle, `},
		{[]string{"checks", "lockordr"}, "; tiers: all, default, experimental)"},
		{[]string{"disable", "experimental"}, `-disable: unknown check "experimental"`},
		{[]string{"checks", "lockorder, doublelock", "disable", "doublelock"}, ""},
		{[]string{"checks", "lockordr"}, `-checks: unknown check "lockordr" (known: `},
		{[]string{"disable", "leak,lek"}, `-disable: unknown check "lek"`},
		{[]string{"disable", "all"}, `-disable: unknown check "all"`},
		{[]string{"checks", ""}, `-checks: empty: name checks, or a tier`},
		{[]string{"checks", " "}, `-checks: empty`},
		{[]string{"checks", "leak,doublelock", "disable", "doublelock,leak"}, `-disable: "doublelock,leak" switches off every check -checks="leak,doublelock" selects`},
		{[]string{"checks", "leak,doublelock", "disable", "leak"}, ""},
		{[]string{"exclude", "*_test.go,gen/,_test\\.go$"}, ""},
		{[]string{"exclude", "a/[b"}, `-exclude: bad glob "a/[b"`},
		{[]string{"exclude", "(gen"}, `-exclude: bad regexp "(gen"`},
	} {
		t.Run(strings.Join(tc.kv, " "), func(t *testing.T) {
			setFlags(t, tc.kv...)
			err := CheckFlags()
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("CheckFlags: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("CheckFlags: %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

func TestEnabled(t *testing.T) {
	setFlags(t, "checks", "default")
	for _, c := range Checks {
		if got, want := enabled(c.Name), c.Tier() == Default; got != want {
			t.Errorf("-checks=default: enabled(%q) = %v, want %v (tier %v)", c.Name, got, want, c.Tier())
		}
	}
	setFlags(t, "checks", "lockorder, doublelock", "disable", "doublelock,leak")
	for name, want := range map[string]bool{"lockorder": true, "doublelock": false, "leak": false, "unreleased": false} {
		if got := enabled(name); got != want {
			t.Errorf("enabled(%q) = %v, want %v", name, got, want)
		}
	}
	setFlags(t, "checks", "all", "disable", "leak")
	if !enabled("lockorder") || enabled("leak") {
		t.Errorf("-checks=all -disable=leak: lockorder %v, leak %v", enabled("lockorder"), enabled("leak"))
	}
}

func TestExcluded(t *testing.T) {
	for _, tc := range []struct {
		patterns string
		file     string
		want     bool
	}{
		{"", "/m/a.go", false},
		{"*_test.go", "/m/p/a_test.go", true},
		{"*_test.go", "/m/p/a.go", false},
		{"a.go", "/m/p/a.go", true},
		{"a.go", "/m/p/data.go", false}, // a glob: "." is literal
		{"gen", "/m/gen/x/a.go", true},  // a directory, at any depth
		{"gen/", "/m/gen/a.go", true},
		{"gen/", "/m/generated/a.go", false},
		{"gen/*.go", "/m/p/gen/a.go", true},
		{"gen/*.go", "/m/p/gen/x/a.go", false},
		{"internal/*/testdata", "/m/internal/x/testdata/t.go", true},
		{"/m/p", "/m/p/a.go", true},
		{"/m/p", "/x/m/p/a.go", false}, // a leading slash anchors at the root
		{`_test\.go$`, "/m/p/a_test.go", true},
		{`_test\.go$`, "/m/p/a_test.go.orig", false},
		{`/gen/`, "/m/gen/a.go", false}, // no regexp character: a glob, and no element is "/gen/"
		{`(^|/)gen/`, "/m/gen/a.go", true},
		{`(^|/)gen/`, "/m/agen/a.go", false},
		{"x.go, *_test.go", "/m/a_test.go", true}, // a list, spaces trimmed
	} {
		setFlags(t, "exclude", tc.patterns)
		if got := excluded(tc.file); got != tc.want {
			t.Errorf("-exclude=%q: excluded(%q) = %v, want %v", tc.patterns, tc.file, got, tc.want)
		}
	}
}
