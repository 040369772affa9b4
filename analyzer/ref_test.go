package analyzer

import (
	"strconv"
	"strings"
	"testing"
)

// TestAppendKey checks the bytes of key, which appendKey appends to what
// dst holds: the binding's memo relies on them to tell Refs apart exactly
// as key does.
func TestAppendKey(t *testing.T) {
	for _, tc := range []struct {
		ref  Ref
		want string
	}{
		{Ref{}, "o:"},
		{Ref{Base: BaseParam, Index: 0, Name: "mu"}, "p0"},
		{Ref{Base: BaseParam, Index: 123, Path: []string{"*", "mu"}, Inexact: true}, "p123.*.mu~"},
		{Ref{Base: BaseFree, Index: 7, Path: []string{"$fv1", "[]"}}, "f7.$fv1.[]"},
		{Ref{Base: BaseGlobal, Name: "example.com/p.mu", Path: []string{"f"}}, "g:example.com/p.mu.f"},
		{Ref{Base: BaseAlloc, Name: "x.go:1:2", Inexact: true}, "a:x.go:1:2~"},
		{Ref{Base: BaseResult, Index: 2}, "r2"},
		{Ref{Base: BaseOpaque, Name: "t0", Path: []string{"#r", "c"}}, "o:t0.#r.c"},
		{Ref{Base: BaseParam, Index: -1}, "p-1"},
		{Ref{Base: BaseGlobal, Name: strings.Repeat("x", 200)}, "g:" + strings.Repeat("x", 200)}, // longer than key's stack buffer
	} {
		if got := tc.ref.key(); got != tc.want {
			t.Errorf("key(%+v) = %q, want %q", tc.ref, got, tc.want)
		}
		if got, want := string(tc.ref.appendKey([]byte("prefix"))), "prefix"+tc.want; got != want {
			t.Errorf("appendKey(%+v) = %q, want %q", tc.ref, got, want)
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
