package analyzer

import "testing"

// withMeasured replaces the measured precision table for one test.
func withMeasured(t *testing.T, m map[string]Precision) {
	t.Helper()
	old := measured
	measured = m
	t.Cleanup(func() { measured = old })
}

func TestTierRule(t *testing.T) {
	for _, tc := range []struct {
		p    Precision
		want Tier
	}{
		{Precision{}, Default},                             // nothing reported on the corpus
		{Precision{Labelled: 3}, Default},                  // nothing false
		{Precision{Labelled: 3, False: 1}, Experimental},   // too few to earn the default with a false one
		{Precision{Labelled: 10, False: 2}, Default},       // 80% over 10
		{Precision{Labelled: 10, False: 3}, Experimental},  // 70%
		{Precision{Labelled: 74, False: 72}, Experimental}, // the record that made tiers necessary
		{Precision{Labelled: 50, False: 10}, Default},
	} {
		withMeasured(t, map[string]Precision{"leak": tc.p})
		if got := Lookup("leak").Tier(); got != tc.want {
			t.Errorf("%+v: tier %v, want %v", tc.p, got, tc.want)
		}
	}
}

// TestTierSelection checks that the words of -checks select by tier and
// that naming an experimental check runs it.
func TestTierSelection(t *testing.T) {
	withMeasured(t, map[string]Precision{"doublelock": {Labelled: 24, False: 24}})
	for _, tc := range []struct {
		checks     string
		doubleLock bool // experimental here
		lockOrder  bool // default: nothing measured
	}{
		{"default", false, true},
		{"", false, true},
		{"all", true, true},
		{"experimental", true, false},
		{"default,doublelock", true, true},
		{"doublelock", true, false},
	} {
		setFlags(t, "checks", tc.checks)
		if got := enabled("doublelock"); got != tc.doubleLock {
			t.Errorf("-checks=%q: doublelock enabled %v, want %v", tc.checks, got, tc.doubleLock)
		}
		if got := enabled("lockorder"); got != tc.lockOrder {
			t.Errorf("-checks=%q: lockorder enabled %v, want %v", tc.checks, got, tc.lockOrder)
		}
	}
	if got := Lookup("doublelock").Measured(); got != "0% of 24 findings right on "+corpusName {
		t.Errorf("Measured() = %q", got)
	}
}
