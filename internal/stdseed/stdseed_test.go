package stdseed

import (
	"bytes"
	"testing"
)

// TestEncode: a seed is written with its entries sorted, so that the same
// entries in any order give the same bytes, and reads back whole.
func TestEncode(t *testing.T) {
	entries := []Entry{{Key: "b", Package: "io", Payload: []byte{2}}, {Key: "a", Package: "sync", Payload: []byte{1}}, {Key: "c", Package: "os"}}
	var one, two bytes.Buffer
	s1 := &Seed{Fingerprint: "f", GoVersion: "go", Entries: append([]Entry(nil), entries...)}
	s2 := &Seed{Fingerprint: "f", GoVersion: "go", Entries: []Entry{entries[2], entries[0], entries[1]}}
	if err := s1.Encode(&one); err != nil {
		t.Fatal(err)
	}
	if err := s2.Encode(&two); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(one.Bytes(), two.Bytes()) {
		t.Error("the same entries in another order give other bytes")
	}
	got, err := Decode(bytes.NewReader(one.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if got.Fingerprint != "f" || got.GoVersion != "go" || len(got.Entries) != 3 {
		t.Fatalf("decoded %+v", got)
	}
	for _, e := range entries {
		p, ok := got.Lookup(e.Key)
		if !ok || !bytes.Equal(p, e.Payload) {
			t.Errorf("Lookup(%q) = %v, %v; want %v", e.Key, p, ok, e.Payload)
		}
	}
	if _, ok := got.Lookup("d"); ok {
		t.Error("Lookup of a missing key found something")
	}
	if _, err := Decode(bytes.NewReader([]byte("not a seed"))); err == nil {
		t.Error("Decode accepted garbage")
	}
}

// TestEmbedded: the shipped seed decodes and holds the standard library.
func TestEmbedded(t *testing.T) {
	s := Embedded()
	if s == nil {
		t.Fatal("no seed embedded, or it cannot be decoded: run scripts/std-seed.sh")
	}
	found := false
	for _, e := range s.Entries {
		found = found || e.Package == "sync"
	}
	if len(s.Entries) < 150 || !found {
		t.Errorf("%d entries, sync among them: %v", len(s.Entries), found)
	}
}
