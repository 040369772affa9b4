package main

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The standalone result cache. A standalone run lists, loads and analyses
// its packages (the dependencies' facts from the fact cache when they are
// unchanged: factcache.go); run again over the same code it would do all of
// that again. Instead, a run's complete output (standard output, standard
// error less the progress line, the SARIF file and the exit status) is stored under a
// key that hashes everything the output depends on, and a later run with
// the same key prints it without loading anything:
//
//   - the awaitvet executable (its bytes: a new build is a new key), the
//     command line, the working directory (file names are printed relative
//     to it) and the environment the go command and the analyzer read
//     (GO*, CGO_*, AWAITVET_*, less the variables that only tune speed or
//     locate caches);
//   - every package of the run, dependencies and the standard library
//     included, as go list reports it under the same flags: import path,
//     directory, module, errors, and the name and contents of each of its
//     source files.
//
// That is the go command's own notion of "unchanged" (file contents, not
// times), taken for the whole run: one changed file anywhere in the
// dependency graph makes the run a miss, in which the fact cache spares
// the unchanged dependencies (the packages named on the command line are
// always analysed from source).
//
// The cache lives in $AWAITVET_CACHE, or else os.UserCacheDir()/awaitvet;
// AWAITVET_CACHE=off disables it, and AWAITVET_RESULT_CACHE=off this
// result cache alone (each run analyses its packages again, reading the
// unchanged dependencies' facts from the fact cache). Runs that write elsewhere (-fix,
// -baseline) or profile themselves are never cached. Entries not used for
// cacheMaxAge are removed when a new one is stored, and then the least
// recently used while a cache directory holds more than cacheMaxBytes.

const cacheMaxAge = 7 * 24 * time.Hour

// cacheVersion changes when what an entry holds, or what the key covers,
// changes.
const cacheVersion = "awaitvet standalone cache 1"

// resultCache is one run's view of the cache: where its entry is.
type resultCache struct {
	dir   string // the cache directory
	key   string // hex key of this run
	sarif string // the -sarif file, "" if none
}

// cacheFor returns the cache entry of this run, or nil when the run is not
// to be cached or its key cannot be computed (the run then goes on
// uncached: the cache only ever saves time).
func cacheFor(o options, args, patterns []string) *resultCache {
	dir := cacheDir()
	if dir == "" || os.Getenv("AWAITVET_RESULT_CACHE") == "off" || o.fix || o.baseline != "" || o.cpuprofile != "" || o.memprofile != "" {
		return nil
	}
	key, err := cacheKey(o, args, patterns)
	if err != nil {
		return nil
	}
	return &resultCache{dir: dir, key: key, sarif: o.sarif}
}

// cacheKey hashes everything a standalone run's output depends on (see
// the comment at the top of this file).
func cacheKey(o options, args, patterns []string) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n", cacheVersion)
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	if err := hashFile(h, exe); err != nil {
		return "", err
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	fmt.Fprintf(h, "wd %q\nargs %q\n", wd, args)
	fmt.Fprintf(h, "env %q\n", keyEnvironment())

	// The package graph, as go/packages will load it.
	listArgs := []string{"list", "-e", "-deps", "-json=ImportPath,Dir,Module,GoFiles,CgoFiles,CFiles,CXXFiles,HFiles,SFiles,SysoFiles,FFiles,MFiles,TestGoFiles,XTestGoFiles,EmbedFiles,IgnoredGoFiles,Error,DepsErrors,ForTest"}
	if o.tests {
		listArgs = append(listArgs, "-test")
	}
	if o.tags != "" {
		listArgs = append(listArgs, "-tags="+o.tags)
	}
	listArgs = append(listArgs, "--")
	listArgs = append(listArgs, patterns...)
	var out, errOut bytes.Buffer
	whileGoRuns(func(ctx context.Context) { // interrupt.go
		cmd := exec.CommandContext(ctx, "go", listArgs...)
		cmd.Stdout, cmd.Stderr = &out, &errOut
		err = cmd.Run()
	})
	if err != nil {
		return "", err
	}
	fmt.Fprintf(h, "go list stderr %q\n", errOut.String())
	dec := json.NewDecoder(&out)
	for {
		var p struct {
			ImportPath, Dir, ForTest string
			Module                   json.RawMessage
			Error                    json.RawMessage
			DepsErrors               json.RawMessage
			GoFiles, CgoFiles, CFiles, CXXFiles, HFiles, SFiles, SysoFiles, FFiles, MFiles,
			TestGoFiles, XTestGoFiles, EmbedFiles, IgnoredGoFiles []string
		}
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "package %q %q %q\nmodule %s\nerror %s %s\n", p.ImportPath, p.Dir, p.ForTest, p.Module, p.Error, p.DepsErrors)
		for _, files := range [][]string{p.GoFiles, p.CgoFiles, p.CFiles, p.CXXFiles, p.HFiles, p.SFiles, p.SysoFiles, p.FFiles, p.MFiles, p.TestGoFiles, p.XTestGoFiles, p.EmbedFiles, p.IgnoredGoFiles} {
			for _, f := range files {
				if !filepath.IsAbs(f) {
					f = filepath.Join(p.Dir, f)
				}
				fmt.Fprintf(h, "file %q ", f)
				if err := hashFile(h, f); err != nil {
					fmt.Fprintf(h, "unreadable %q\n", err)
				}
			}
		}
	}
	if o.context >= 0 {
		// -c shows source lines: of the files above, already hashed.
		fmt.Fprintf(h, "context %d\n", o.context)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// cacheDir is the directory of awaitvet's caches: $AWAITVET_CACHE, or
// else os.UserCacheDir()/awaitvet; "" when caching is off
// (AWAITVET_CACHE=off) or there is no such directory.
func cacheDir() string {
	dir := os.Getenv("AWAITVET_CACHE")
	if dir == "off" {
		return ""
	}
	if dir == "" {
		d, err := os.UserCacheDir()
		if err != nil {
			return ""
		}
		dir = filepath.Join(d, "awaitvet")
	}
	return dir
}

// keyEnvironment is the part of the environment a cache key covers (see
// keyEnv), sorted.
func keyEnvironment() []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if keyEnv(name) {
			env = append(env, kv)
		}
	}
	slices.Sort(env)
	return env
}

// keyEnv reports whether an environment variable can change a run's
// output: the go command's and cgo's settings and awaitvet's own, but not
// those that only tune speed or say where caches are.
func keyEnv(name string) bool {
	switch name {
	case "GOCACHE", "GOCACHEPROG", "GOMODCACHE", "GOMAXPROCS", "GOMEMLIMIT", "GOGC", "GOTRACEBACK", "GOTMPDIR", "AWAITVET_CACHE", "AWAITVET_RESULT_CACHE", writeSeedEnv:
		return false
	}
	return strings.HasPrefix(name, "GO") || strings.HasPrefix(name, "CGO_") || strings.HasPrefix(name, "AWAITVET_")
}

func hashFile(h io.Writer, name string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	fh := sha256.New()
	n, err := io.Copy(fh, f)
	if err != nil {
		return err
	}
	fmt.Fprintf(h, "%d %x\n", n, fh.Sum(nil))
	return nil
}

func (c *resultCache) entry() string { return filepath.Join(c.dir, c.key[:2], c.key) }

// replay prints a stored run and returns its exit status; ok is false on a
// miss.
func (c *resultCache) replay(stdout, stderr io.Writer) (code int, ok bool) {
	e := c.entry()
	data, err := os.ReadFile(filepath.Join(e, "exit"))
	if err != nil {
		return 0, false
	}
	code, err = strconv.Atoi(strings.TrimSpace(string(data)))
	if err != nil {
		return 0, false
	}
	out, err1 := os.ReadFile(filepath.Join(e, "stdout"))
	errOut, err2 := os.ReadFile(filepath.Join(e, "stderr"))
	if err1 != nil || err2 != nil {
		return 0, false
	}
	if c.sarif != "" {
		s, err := os.ReadFile(filepath.Join(e, "sarif"))
		if err != nil {
			return 0, false
		}
		if err := os.WriteFile(c.sarif, s, 0o644); err != nil {
			return 0, false
		}
	}
	now := time.Now()
	os.Chtimes(e, now, now) // recently used: kept by trim
	stdout.Write(out)
	stderr.Write(errOut)
	return code, true
}

// store records a finished run. Failures are ignored: the next run is then
// a miss.
func (c *resultCache) store(code int, stdout, stderr []byte) {
	if code != exitClean && code != exitFindings {
		return // errors may be passing (a killed go list, a full disk): run again next time
	}
	e := c.entry()
	if err := os.MkdirAll(filepath.Dir(e), 0o755); err != nil {
		return
	}
	tmp, err := os.MkdirTemp(filepath.Dir(e), "tmp-")
	if err != nil {
		return
	}
	defer os.RemoveAll(tmp)
	files := map[string][]byte{"stdout": stdout, "stderr": stderr, "exit": []byte(strconv.Itoa(code) + "\n")}
	if c.sarif != "" {
		s, err := os.ReadFile(c.sarif)
		if err != nil {
			return
		}
		files["sarif"] = s
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(tmp, name), data, 0o644); err != nil {
			return
		}
	}
	os.RemoveAll(e)
	if err := os.Rename(tmp, e); err != nil && !errors.Is(err, os.ErrExist) {
		return
	}
	c.trim()
}

// trim removes the entries not used for cacheMaxAge.
func (c *resultCache) trim() { trimDir(c.dir) }

// trimDir removes the entries of a cache directory (dir/xx/key, where xx
// is the key's first two hex digits) not used for cacheMaxAge, then, while
// the rest is larger than cacheMaxBytes, the least recently used. Anything
// else in dir (the fact cache's own directory) is left alone.
func trimDir(dir string) { trimDirTo(dir, cacheMaxBytes, time.Now()) }

// cacheMaxBytes bounds each cache directory: every new awaitvet binary
// keys its facts anew, so a day of rebuilds (a developer's, a CI fleet's)
// can otherwise fill a disk long before the entries age out.
const cacheMaxBytes = 4 << 30

func trimDirTo(dir string, maxBytes int64, now time.Time) {
	type entry struct {
		path string
		used time.Time
		size int64
	}
	var kept []entry
	var total int64
	shards, _ := os.ReadDir(dir)
	for _, s := range shards {
		if len(s.Name()) != 2 {
			continue
		}
		entries, _ := os.ReadDir(filepath.Join(dir, s.Name()))
		for _, e := range entries {
			fi, err := e.Info()
			if err != nil {
				continue
			}
			path := filepath.Join(dir, s.Name(), e.Name())
			if now.Sub(fi.ModTime()) > cacheMaxAge {
				os.RemoveAll(path)
				continue
			}
			size := entrySize(path, fi)
			kept = append(kept, entry{path, fi.ModTime(), size})
			total += size
		}
	}
	if total <= maxBytes {
		return
	}
	slices.SortFunc(kept, func(a, b entry) int {
		return cmp.Or(a.used.Compare(b.used), strings.Compare(a.path, b.path))
	})
	for _, e := range kept {
		if total <= maxBytes {
			break
		}
		os.RemoveAll(e.path)
		total -= e.size
	}
}

// entrySize is the size of a cache entry: a file's, or the sum of the
// files of an entry that is a directory.
func entrySize(path string, fi os.FileInfo) int64 {
	if !fi.IsDir() {
		return fi.Size()
	}
	var n int64
	filepath.WalkDir(path, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}
