package analyzer

import "testing"

// TestAppendKey checks that appendKey writes the bytes of key, which the
// binding's memo relies on to tell Refs apart exactly as key does.
func TestAppendKey(t *testing.T) {
	refs := []Ref{
		{},
		{Base: BaseParam, Index: 0, Name: "mu"},
		{Base: BaseParam, Index: 123, Path: []string{"*", "mu"}, Inexact: true},
		{Base: BaseFree, Index: 7, Path: []string{"$fv1", "[]"}},
		{Base: BaseGlobal, Name: "example.com/p.mu", Path: []string{"f"}},
		{Base: BaseAlloc, Name: "x.go:1:2", Inexact: true},
		{Base: BaseResult, Index: 2},
		{Base: BaseOpaque, Name: "t0", Path: []string{"#r", "c"}},
		{Base: BaseParam, Index: -1},
	}
	for _, r := range refs {
		if got, want := string(r.appendKey([]byte("prefix"))), "prefix"+r.key(); got != want {
			t.Errorf("appendKey(%+v) = %q, want %q", r, got, want)
		}
	}
	// memoKey tells apart what key and the class key together tell apart.
	a := Ref{Base: BaseGlobal, Name: "p.a", Class: Class{Key: "bc"}}
	b := Ref{Base: BaseGlobal, Name: "p.ab", Class: Class{Key: "c"}}
	if string(memoKey(nil, a)) == string(memoKey(nil, b)) {
		t.Errorf("memoKey(%+v) = memoKey(%+v)", a, b)
	}
}
