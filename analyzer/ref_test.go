package analyzer

import (
	"strconv"
	"testing"
)

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

// TestBindingMemo checks the binding's memo: the first rewrite of a key is
// the one it answers with.
func TestBindingMemo(t *testing.T) {
	var b binding
	global := func(i int, text string) Ref {
		return Ref{Base: BaseGlobal, Name: "p.v" + strconv.Itoa(i), Class: Class{Key: "p.v" + strconv.Itoa(i), Text: text}}
	}
	for n := 0; n < 24; n++ {
		if r, ok := b.ref(global(n, "first")); !ok || r.Class.Text != "first" || r.Name != global(n, "").Name {
			t.Fatalf("ref(%d) = %+v, %v", n, r, ok)
		}
		for i := 0; i <= n; i++ {
			if r, ok := b.ref(global(i, "again")); !ok || r.Class.Text != "first" || r.Name != global(i, "").Name {
				t.Fatalf("after %d rewrites, ref(%d) = %+v, %v", n+1, i, r, ok)
			}
		}
	}
	if len(b.memoed) != 24 || len(b.memo) != 24 {
		t.Errorf("%d rewrites memoized (%d keys), want 24", len(b.memoed), len(b.memo))
	}
}
