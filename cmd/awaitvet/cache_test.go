package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestResultCache runs the command on a copy of a testdata package with the
// standalone result cache on: the second run over the same code prints what
// the first printed, from the cache (shown by tampering with the stored
// entry), and a changed source file is a miss that analyses again.
func TestResultCache(t *testing.T) {
	t.Parallel()
	gopath := t.TempDir()
	src := filepath.Join(gopath, "src", "doublelock")
	if err := os.MkdirAll(src, 0o755); err != nil {
		t.Fatal(err)
	}
	from, err := filepath.Abs(filepath.Join("..", "..", "testdata", "src", "doublelock"))
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(from, "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata in %s: %v", from, err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(src, filepath.Base(f)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cache := t.TempDir()
	sarif := filepath.Join(t.TempDir(), "out.sarif")
	env := []string{"GOPATH=" + gopath, "GO111MODULE=off", "AWAITVET_CACHE=" + cache, "AWAITVET_RESULT_CACHE="}
	vet := func() (result, string) {
		t.Helper()
		os.Remove(sarif)
		r := command(t, filepath.Join(gopath, "src"), env, awaitvetBin, "-checks=all", "-sarif", sarif, "doublelock")
		s, err := os.ReadFile(sarif)
		if err != nil {
			t.Fatal(err)
		}
		return r, string(s)
	}

	first, firstSARIF := vet()
	if first.code != exitFindings || !strings.Contains(first.stdout, "double lock") {
		t.Fatalf("first run: exit %d, stdout:\n%s\nstderr:\n%s", first.code, first.stdout, first.stderr)
	}
	entries, _ := filepath.Glob(filepath.Join(cache, "*", "*", "stdout"))
	if len(entries) != 1 {
		t.Fatalf("want one cache entry after the first run, have %d", len(entries))
	}

	second, secondSARIF := vet()
	if second != first || secondSARIF != firstSARIF {
		t.Fatalf("second run differs from the first:\n--- first\n%+v\n--- second\n%+v", first, second)
	}

	// The second run came from the entry: a run after the entry is changed
	// prints the change.
	if err := os.WriteFile(entries[0], []byte("from the cache\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if r, _ := vet(); r.stdout != "from the cache\n" || r.code != first.code {
		t.Fatalf("third run did not replay the cache entry: exit %d, stdout:\n%s", r.code, r.stdout)
	}

	// AWAITVET_RESULT_CACHE=off: the run analyses again and stores no
	// entry, though the entry of this very run is there.
	env = append(env, "AWAITVET_RESULT_CACHE=off")
	if r, _ := vet(); r != first {
		t.Fatalf("run with AWAITVET_RESULT_CACHE=off: want the first run's output, have:\n%+v", r)
	}
	env = env[:len(env)-1]
	if entries, _ := filepath.Glob(filepath.Join(cache, "*", "*", "stdout")); len(entries) != 1 {
		t.Fatalf("want one cache entry after the run with AWAITVET_RESULT_CACHE=off, have %d", len(entries))
	}

	// One source file changed: analysed again, a new entry.
	f := filepath.Join(src, filepath.Base(files[0]))
	data, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(f, append(data, []byte("\n// changed\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	if r, _ := vet(); r != first {
		t.Fatalf("run after an edit: want the first run's output, have:\n%+v", r)
	}
	if entries, _ := filepath.Glob(filepath.Join(cache, "*", "*", "stdout")); len(entries) != 2 {
		t.Fatalf("want two cache entries after the edit, have %d", len(entries))
	}
}

// TestTrimDirTo: entries older than cacheMaxAge go; of the rest, the least
// recently used go while the directory holds more than the bound (here 250
// bytes), whether an entry is a file or a directory of files. Times are set
// explicitly: nothing here reads the clock.
func TestTrimDirTo(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 1, 10, 12, 0, 0, 0, time.UTC)
	put := func(name string, size int, age time.Duration, asDir bool) string {
		path := filepath.Join(dir, name[:2], name)
		file := path
		if asDir {
			file = filepath.Join(path, "data")
		}
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, make([]byte, size), 0o644); err != nil {
			t.Fatal(err)
		}
		used := now.Add(-age)
		if err := os.Chtimes(path, used, used); err != nil {
			t.Fatal(err)
		}
		return path
	}
	expired := put("aa01", 10, cacheMaxAge+time.Hour, false)
	oldest := put("bb01", 100, 3*time.Hour, true)
	older := put("aa02", 100, 2*time.Hour, false)
	recent := put("cc01", 100, time.Hour, false)
	newest := put("bb02", 100, time.Minute, true)
	other := filepath.Join(dir, "trim.txt") // not an entry: left alone
	if err := os.WriteFile(other, make([]byte, 1000), 0o644); err != nil {
		t.Fatal(err)
	}
	trimDirTo(dir, 250, now)
	for path, want := range map[string]bool{expired: false, oldest: false, older: false, recent: true, newest: true, other: true} {
		if _, err := os.Stat(path); (err == nil) != want {
			t.Errorf("%s: present %v, want %v", path, err == nil, want)
		}
	}
}

// TestCacheOffBuildFiles: a file the build leaves out (another platform's)
// is part of what the claims rest on (analyzer/offbuild.go), so the
// standalone command reads it, and an edit of it alone is a miss of both
// caches: once it stops naming a channel, the channel's missing sender is
// reported.
func TestCacheOffBuildFiles(t *testing.T) {
	t.Parallel()
	gopath := t.TempDir()
	src := filepath.Join(gopath, "src", "buildtags")
	if err := os.MkdirAll(src, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"buildtags.go", "watcher_other.go", "gen.go"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "src", "buildtags", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(src, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	env := []string{"GOPATH=" + gopath, "GO111MODULE=off", "AWAITVET_CACHE=" + t.TempDir(), "AWAITVET_RESULT_CACHE="}
	vet := func() result {
		t.Helper()
		return command(t, filepath.Join(gopath, "src"), env, awaitvetBin, "-checks=all", "buildtags")
	}
	const ready = "receive from (*watcher).ready blocks forever"
	first := vet()
	if first.code != exitFindings || !strings.Contains(first.stdout, "(*watcher).started") || strings.Contains(first.stdout, ready) {
		t.Fatalf("first run: exit %d, want started reported and ready not, stdout:\n%s\nstderr:\n%s", first.code, first.stdout, first.stderr)
	}
	other := filepath.Join(src, "watcher_other.go")
	if err := os.WriteFile(other, []byte("//go:build windows\n\npackage buildtags\n\nfunc (w *watcher) loop() { defer w.wg.Done(); for range w.events {} }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := vet(); r.code != exitFindings || !strings.Contains(r.stdout, ready) {
		t.Fatalf("run after the edit of watcher_other.go: exit %d, want ready reported, stdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
}
