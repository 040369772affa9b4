package analyzer

import "testing"

func TestParseDirective(t *testing.T) {
	for _, tc := range []struct{ text, check, problem string }{
		{"//awaitvet:ignore doublelock the caller holds a different shard", "doublelock", ""},
		{"//awaitvet:ignore doublelock", "", `missing reason after "doublelock"`},
		{"//awaitvet:ignore", "", "missing check name and reason"},
		{"//awaitvet:ignore   ", "", "missing check name and reason"},
		{"//awaitvet:ignore doublelok typo", "", `unknown check "doublelok" (see awaitvet help)`},
		{"//awaitvet:ignore ignore why", "", `unknown check "ignore" (see awaitvet help)`},
	} {
		check, problem := parseDirective(tc.text)
		if check != tc.check || problem != tc.problem {
			t.Errorf("parseDirective(%q) = %q, %q; want %q, %q", tc.text, check, problem, tc.check, tc.problem)
		}
	}
}

// FuzzParseDirective: any comment text yields either a known check or a
// problem, never both, never neither, and never a panic.
func FuzzParseDirective(f *testing.F) {
	for _, s := range []string{"//awaitvet:ignore doublelock reason", "//awaitvet:ignore", "//awaitvet:ignore \x00 \xff", "//awaitvet:ignorelockorder x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		check, problem := parseDirective(ignorePrefix + " " + text)
		if (check == "") == (problem == "") {
			t.Fatalf("parseDirective(%q) = %q, %q: want exactly one of check and problem", text, check, problem)
		}
		if check != "" && Lookup(check) == nil {
			t.Fatalf("parseDirective(%q) returned unknown check %q", text, check)
		}
	})
}
