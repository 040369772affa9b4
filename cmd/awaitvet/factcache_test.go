package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestFactCache runs the command on crossdown, whose findings exist only
// through the facts of its dependency crossup, with the fact cache on and
// the result cache emptied before each run:
//   - the first run type-checks every package from source (crossup and the
//     standard library included) and stores their facts;
//   - the second type-checks only the roots and reads every dependency from
//     export data and its facts from the cache, and prints the same bytes;
//   - damaged entries are misses, not errors;
//   - after crossup's source changes, its facts (and only its) are computed
//     again;
//   - after crossup stops returning locked, the finding that needed that
//     fact is gone (a stale entry would keep it).
func TestFactCache(t *testing.T) {
	t.Parallel()
	mod := t.TempDir()
	copyTree(t, filepath.Join("testdata", "e2e"), mod)
	cache := t.TempDir()
	loaded := regexp.MustCompile(`(\d+) type-checked from source, (\d+) from export data with their facts from the cache`)
	run := func() (r result, src, cached int) {
		t.Helper()
		// Empty the result cache (cache/xx/key): every run analyses.
		shards, _ := filepath.Glob(filepath.Join(cache, "??"))
		for _, s := range shards {
			os.RemoveAll(s)
		}
		r = command(t, mod, []string{"AWAITVET_CACHE=" + cache, "AWAITVET_RESULT_CACHE="}, awaitvetBin, "-v", "-checks=all", "./crossdown/...")
		m := loaded.FindStringSubmatch(r.stderr)
		if m == nil {
			t.Fatalf("no load summary on stderr:\n%s", r.stderr)
		}
		src, _ = strconv.Atoi(m[1])
		cached, _ = strconv.Atoi(m[2])
		return r, src, cached
	}
	// With an empty cache directory, the only facts at hand are the
	// standard library's shipped ones (seed.go), if this Go release's:
	// crossup and the roots are analysed from source.
	first, firstSource, seeded := run()
	if first.code != exitFindings || !strings.Contains(first.stdout, "lock-order cycle: (*Cache).mu acquired while holding (*crossup.Registry).mu") {
		t.Fatalf("first run: exit %d\n%s\n%s", first.code, first.stdout, first.stderr)
	}
	entries, _ := filepath.Glob(filepath.Join(cache, "facts", "*", "*"))
	if len(entries) == 0 {
		t.Fatal("no fact cache entry after the first run")
	}

	second, roots, cached := run()
	if cached < 10 || cached <= seeded || roots >= firstSource {
		t.Errorf("second run: %d packages from export data (the first run: %d), %d from source (the first run: %d); want crossup and the standard library from the cache",
			cached, seeded, roots, firstSource)
	}
	if second.stdout != first.stdout || second.code != first.code {
		t.Errorf("second run, crossup from the cache, differs:\n--- first\n%s\n--- second\n%s", first.stdout, second.stdout)
	}

	// A damaged entry (a truncated write, a disk error) is a miss: the
	// package is analysed from source again, with the same output.
	for _, e := range entries {
		if err := os.WriteFile(e, []byte("damaged"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	damaged, fromSource, _ := run()
	if fromSource != firstSource || damaged.stdout != first.stdout || damaged.code != first.code {
		t.Errorf("with every entry damaged: %d packages from source (want %d, as the first run), exit %d, stdout:\n%s\nstderr:\n%s",
			fromSource, firstSource, damaged.code, damaged.stdout, damaged.stderr)
	}

	up := filepath.Join(mod, "crossup", "crossup.go")
	src, err := os.ReadFile(up)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(up, append(src, "\n// An edit that changes no fact.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	third, fromSource, _ := run()
	if fromSource != roots+1 || third.stdout != first.stdout {
		t.Errorf("after an edit of crossup: %d packages from source (want %d: the roots and crossup), stdout:\n%s", fromSource, roots+1, third.stdout)
	}

	// Begin no longer returns locked: the cycle through it is gone.
	fixed := strings.Replace(string(src), "func (r *Registry) Begin() { r.mu.Lock() }", "func (r *Registry) Begin() {}", 1)
	if fixed == string(src) {
		t.Fatal("crossup.go no longer has the Begin this test edits")
	}
	if err := os.WriteFile(up, []byte(fixed), 0o644); err != nil {
		t.Fatal(err)
	}
	fourth, _, _ := run()
	if strings.Contains(fourth.stdout, "lock-order cycle") {
		t.Errorf("after Begin stopped locking, a finding still needs its old facts:\n%s", fourth.stdout)
	}
}

// copyTree copies the regular files under from to to.
func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(from, path)
		if err != nil {
			return err
		}
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestFactCacheTrim: entries unused for cacheMaxAge go, at the first trim of
// a day; the others stay.
func TestFactCacheTrim(t *testing.T) {
	dir := t.TempDir()
	c := &factCache{dir: dir}
	old, recent := filepath.Join(dir, "ab", "ab01"), filepath.Join(dir, "cd", "cd01")
	for _, f := range []string{old, recent} {
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	long := time.Now().Add(-cacheMaxAge - time.Hour)
	if err := os.Chtimes(old, long, long); err != nil {
		t.Fatal(err)
	}
	c.trim()
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Errorf("an entry unused for longer than %v is still there (%v)", cacheMaxAge, err)
	}
	if _, err := os.Stat(recent); err != nil {
		t.Errorf("a recent entry was removed: %v", err)
	}

	// Within the day, trim does not list the entries again.
	if err := os.WriteFile(old, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(old, long, long); err != nil {
		t.Fatal(err)
	}
	c.trim()
	if _, err := os.Stat(old); err != nil {
		t.Errorf("a second trim on the same day removed an entry: %v", err)
	}
}
