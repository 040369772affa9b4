package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"testing"

	model "github.com/awaitvet/awaitvet"
	"github.com/awaitvet/awaitvet/internal/stdseed"
)

// shippedOrSkip returns the seed this binary ships, skipping the test when
// it was made with another Go release (its keys hash that release's files,
// so no package of this one can match them).
func shippedOrSkip(t *testing.T) *stdseed.Seed {
	t.Helper()
	s := stdseed.Embedded()
	if s == nil {
		t.Fatal("no standard library seed embedded, or it cannot be decoded: run scripts/std-seed.sh")
	}
	if s.GoVersion != runtime.Version() {
		t.Skipf("the seed was made with %s, this is %s", s.GoVersion, runtime.Version())
	}
	return s
}

// TestStdSeedCurrent recomputes the facts of part of the standard library
// (net/http and what it imports, cgo's net included) the way
// scripts/std-seed.sh does, and requires the shipped seed to hold each of
// them under the same key, byte for byte. It fails after any change to the
// model that changes a fact, or its fingerprint, until the seed is made
// again: a stale seed is never read (its fingerprint differs), but every
// first run would then analyse the standard library from source.
func TestStdSeedCurrent(t *testing.T) {
	if awaitvetBin == "" {
		t.Skip("no go command")
	}
	s := shippedOrSkip(t)
	if s.Fingerprint != model.ModelFingerprint() {
		t.Fatalf("the shipped seed was made by another model (fingerprint %.12s, this one %.12s): run scripts/std-seed.sh", s.Fingerprint, model.ModelFingerprint())
	}
	mod := t.TempDir()
	for name, text := range map[string]string{
		"go.mod":  "module seedcheck\n\ngo 1.24\n",
		"main.go": "package main\n\nimport _ \"net/http\"\n\nfunc main() {}\n",
	} {
		if err := os.WriteFile(filepath.Join(mod, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "std.seed")
	// Flags that only choose what is reported change no fact: the seed,
	// made with none, must serve these.
	r := command(t, mod, []string{"AWAITVET_CACHE=" + t.TempDir(), writeSeedEnv + "=" + out}, awaitvetBin, "-checks=all", "-disable=leak", "-exclude=zz/", ".")
	if r.code != exitClean {
		t.Fatalf("exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fresh, err := stdseed.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(fresh.Entries) < 50 {
		t.Fatalf("only %d packages in the recomputed seed", len(fresh.Entries))
	}
	stale := 0
	for _, e := range fresh.Entries {
		payload, ok := s.Lookup(e.Key)
		if !ok || !bytes.Equal(payload, e.Payload) {
			if stale++; stale <= 5 {
				t.Errorf("%s: the shipped seed has no entry for its facts (found: %v, or another payload): run scripts/std-seed.sh", e.Package, ok)
			}
		}
	}
	if stale > 5 {
		t.Errorf("... and %d more", stale-5)
	}
}

// TestStdSeedFirstRun runs the command with an empty cache directory on a
// package whose findings rest on facts: the standard library is read from
// export data with the seed's facts, and the output is the same as with
// every package analysed from source (the cache off).
func TestStdSeedFirstRun(t *testing.T) {
	if awaitvetBin == "" {
		t.Skip("no go command")
	}
	shippedOrSkip(t)
	mod := t.TempDir()
	copyTree(t, filepath.Join("testdata", "e2e"), mod)
	off := command(t, mod, []string{"AWAITVET_CACHE=off"}, awaitvetBin, "-checks=all", "./crossdown/...")
	first := command(t, mod, []string{"AWAITVET_CACHE=" + t.TempDir()}, awaitvetBin, "-v", "-checks=all", "./crossdown/...")
	if first.stdout != off.stdout || first.code != off.code || off.code != exitFindings {
		t.Errorf("the first run with the seed differs from a run without any cache:\n--- cache off (exit %d)\n%s\n--- seed (exit %d)\n%s", off.code, off.stdout, first.code, first.stdout)
	}
	m := regexp.MustCompile(`(\d+) from export data`).FindStringSubmatch(first.stderr)
	if m == nil {
		t.Fatalf("no load summary on stderr:\n%s", first.stderr)
	}
	if n, _ := strconv.Atoi(m[1]); n < 10 {
		t.Errorf("first run: %d packages from export data with their facts, want the standard library's from the seed:\n%s", n, first.stderr)
	}
}

// TestStdSeedOtherModel: a seed made by another model is not read.
func TestStdSeedOtherModel(t *testing.T) {
	if usableSeed(nil) {
		t.Error("a missing seed is usable")
	}
	if usableSeed(&stdseed.Seed{Fingerprint: "another model"}) {
		t.Error("a seed of another model is usable")
	}
	if !usableSeed(&stdseed.Seed{Fingerprint: model.ModelFingerprint()}) {
		t.Error("a seed of this model is not usable")
	}
}
