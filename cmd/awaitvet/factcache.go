package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"flag"
	"fmt"
	"go/types"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/types/objectpath"
)

// The fact cache: each dependency's facts, stored after the run that
// analysed it from source, under a key of everything those facts depend on.
// A later run reads that dependency from export data and its facts from
// here, so after the first run only the packages that changed (and those
// importing them) are type-checked and analysed: the go command's own
// scheme for vet facts (.vetx files keyed by content), kept in the
// awaitvet cache directory.
//
// The key of a package hashes:
//   - the run-wide part: the awaitvet executable, the analyzer's flags, the
//     build tags and the environment the go command reads (as for the
//     result cache, cache.go);
//   - the package: its ID, path, name and module, and the name and contents
//     of every file the compiler sees (CompiledGoFiles), and of the Go
//     files this build leaves out (IgnoredFiles, which the claims read);
//   - the key of each package it imports.
//
// The standard library is keyed the same way, by the contents of its files:
// another Go release gives other keys.
//
// Facts are stored by object path (golang.org/x/tools/go/types/objectpath),
// gob-encoded, as go vet stores them; a fact whose object has no path (a
// method of a type local to a function) cannot be named in another package
// and is not stored, and one whose object the export data leaves out is
// dropped when read back: go vet's .vetx files carry neither.

const factCacheVersion = "awaitvet fact cache 4"

type factCache struct {
	dir   string         // where the entries live
	base  []byte         // the run-wide part of every key
	types []reflect.Type // the analyzer's fact types; an entry names a fact by its index here

	mu   sync.Mutex
	keys map[*packages.Package]string // "" when the package cannot be cached
}

// newFactCache returns the fact cache of a run of a, or nil when caching is
// off or its run-wide key cannot be computed.
func newFactCache(o options, a *analysis.Analyzer) *factCache {
	dir := cacheDir()
	if dir == "" {
		return nil
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\n", factCacheVersion)
	exe, err := os.Executable()
	if err != nil {
		return nil
	}
	if err := hashFile(h, exe); err != nil {
		return nil
	}
	a.Flags.VisitAll(func(f *flag.Flag) { fmt.Fprintf(h, "flag %s=%q\n", f.Name, f.Value.String()) })
	fmt.Fprintf(h, "tags %q\nenv %q\n", o.tags, keyEnvironment())
	c := &factCache{dir: filepath.Join(dir, "facts"), base: h.Sum(nil), keys: make(map[*packages.Package]string)}
	for _, f := range a.FactTypes {
		c.types = append(c.types, reflect.TypeOf(f))
	}
	return c
}

// key returns p's key, "" when p cannot be cached (a file that cannot be
// read, a package without export data).
func (c *factCache) key(p *packages.Package) string {
	c.mu.Lock()
	k, ok := c.keys[p]
	c.mu.Unlock()
	if ok {
		return k
	}
	k = c.computeKey(p)
	c.mu.Lock()
	c.keys[p] = k
	c.mu.Unlock()
	return k
}

func (c *factCache) computeKey(p *packages.Package) string {
	h := sha256.New()
	h.Write(c.base)
	fmt.Fprintf(h, "package %q %q %q\n", p.ID, p.PkgPath, p.Name)
	if m := p.Module; m != nil {
		fmt.Fprintf(h, "module %q %q %q\n", m.Path, m.Version, m.GoVersion)
	}
	for _, f := range p.CompiledGoFiles {
		fmt.Fprintf(h, "file %q ", filepath.Base(f))
		if err := hashFile(h, f); err != nil {
			return ""
		}
	}
	// What the files this build leaves out name changes what the package's
	// claims may rest on (analyzer/offbuild.go).
	for _, f := range p.IgnoredFiles {
		if !strings.HasSuffix(f, ".go") || strings.HasSuffix(f, "_test.go") {
			continue
		}
		fmt.Fprintf(h, "ignored %q ", filepath.Base(f))
		if err := hashFile(h, f); err != nil {
			return ""
		}
	}
	paths := make([]string, 0, len(p.Imports))
	for path := range p.Imports {
		paths = append(paths, path)
	}
	slices.Sort(paths)
	for _, path := range paths {
		if path == "unsafe" {
			continue
		}
		k := c.key(p.Imports[path])
		if k == "" {
			return ""
		}
		fmt.Fprintf(h, "import %q %s\n", path, k)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func (c *factCache) entry(key string) string { return filepath.Join(c.dir, key[:2], key) }

// has reports whether facts are stored under key, whole: an entry is its
// payload's SHA-256 followed by the payload, and one whose hash does not
// match (a truncated write, a disk error) counts as absent, so that the
// package is analysed from source again and its entry rewritten.
func (c *factCache) has(key string) bool {
	if key == "" {
		return false
	}
	_, err := c.read(key)
	return err == nil
}

// read returns the payload stored under key, checked against its hash.
func (c *factCache) read(key string) ([]byte, error) {
	data, err := os.ReadFile(c.entry(key))
	if err != nil {
		return nil, err
	}
	if len(data) < sha256.Size {
		return nil, fmt.Errorf("fact cache entry %s: truncated", key)
	}
	sum, payload := data[:sha256.Size], data[sha256.Size:]
	if h := sha256.Sum256(payload); !bytes.Equal(h[:], sum) {
		return nil, fmt.Errorf("fact cache entry %s: corrupt", key)
	}
	return payload, nil
}

// factsHeader opens an entry: what each of the facts that follow it in the
// same gob stream is about. One stream for the whole entry sends each fact
// type's description once, not once per fact.
type factsHeader struct {
	Objects []string // the object path of each object fact, sorted, in order
	Types   []int    // each fact's index into the analyzer's fact types: the object facts', then the package facts'
}

// record makes pass remember the facts it exports, for save: the pass's
// AllObjectFacts would also list every fact inherited from its
// dependencies, transitively, which is most of them.
func record(pass *analysis.Pass) *exported {
	e := &exported{objects: make(map[objectFactKey]analysis.Fact)}
	exportObject, exportPackage := pass.ExportObjectFact, pass.ExportPackageFact
	pass.ExportObjectFact = func(obj types.Object, f analysis.Fact) {
		exportObject(obj, f)
		e.objects[objectFactKey{obj, reflect.TypeOf(f)}] = f
	}
	pass.ExportPackageFact = func(f analysis.Fact) {
		exportPackage(f)
		e.pkg = append(e.pkg, f)
	}
	return e
}

// exported is what one pass exported about its own package.
type exported struct {
	objects map[objectFactKey]analysis.Fact
	pkg     []analysis.Fact
}

type objectFactKey struct {
	obj types.Object
	typ reflect.Type
}

// save stores the facts a pass exported under key. Failures are ignored:
// the package is then analysed again next time.
func (c *factCache) save(key string, ex *exported) {
	type objectFact struct {
		path string
		typ  int
		fact analysis.Fact
	}
	var objs []objectFact
	var enc objectpath.Encoder // caches what it learns of the package between objects
	for k, f := range ex.objects {
		path, err := enc.For(k.obj)
		if err != nil {
			continue
		}
		i := slices.Index(c.types, k.typ)
		if i < 0 {
			return
		}
		objs = append(objs, objectFact{string(path), i, f})
	}
	slices.SortFunc(objs, func(a, b objectFact) int {
		if n := strings.Compare(a.path, b.path); n != 0 {
			return n
		}
		return a.typ - b.typ
	})
	var h factsHeader
	facts := make([]analysis.Fact, 0, len(objs)+len(ex.pkg))
	for _, o := range objs {
		h.Objects = append(h.Objects, o.path)
		h.Types = append(h.Types, o.typ)
		facts = append(facts, o.fact)
	}
	for _, f := range ex.pkg {
		i := slices.Index(c.types, reflect.TypeOf(f))
		if i < 0 {
			return
		}
		h.Types = append(h.Types, i)
		facts = append(facts, f)
	}
	var buf bytes.Buffer
	ge := gob.NewEncoder(&buf)
	if err := ge.Encode(&h); err != nil {
		return
	}
	for _, f := range facts {
		if err := ge.Encode(f); err != nil {
			return
		}
	}
	name := c.entry(key)
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), "tmp-")
	if err != nil {
		return
	}
	sum := sha256.Sum256(buf.Bytes())
	_, err = tmp.Write(append(sum[:], buf.Bytes()...))
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
}

// restore exports to pass the facts stored under key, as if the pass had
// computed them.
func (c *factCache) restore(key string, pass *analysis.Pass) error {
	data, err := c.read(key)
	if err != nil {
		return err
	}
	bad := func(err error) error { return fmt.Errorf("fact cache entry %s: %v", key, err) }
	dec := gob.NewDecoder(bytes.NewReader(data))
	var h factsHeader
	if err := dec.Decode(&h); err != nil {
		return bad(err)
	}
	if len(h.Objects) > len(h.Types) {
		return bad(fmt.Errorf("%d object facts, %d types", len(h.Objects), len(h.Types)))
	}
	now := time.Now()
	os.Chtimes(c.entry(key), now, now) // recently used: kept by trim
	for i, t := range h.Types {
		if t < 0 || t >= len(c.types) {
			return bad(fmt.Errorf("unknown fact type %d", t))
		}
		v := reflect.New(c.types[t].Elem())
		if err := dec.Decode(v.Interface()); err != nil {
			return bad(err)
		}
		f := v.Interface().(analysis.Fact)
		if i >= len(h.Objects) {
			pass.ExportPackageFact(f)
			continue
		}
		obj, err := objectpath.Object(pass.Pkg, objectpath.Path(h.Objects[i]))
		if err != nil {
			// An unexported object the export data leaves out, since
			// nothing exported refers to it: no importer can name it
			// either. (go vet drops such facts alike.)
			continue
		}
		pass.ExportObjectFact(obj, f)
	}
	return nil
}

// trim removes the entries not used for cacheMaxAge, and the least
// recently used past cacheMaxBytes, at most once an hour (it lists every
// entry): the time of the last trim is trim.txt's.
func (c *factCache) trim() {
	mark := filepath.Join(c.dir, "trim.txt")
	if fi, err := os.Stat(mark); err == nil && time.Since(fi.ModTime()) < time.Hour {
		return
	}
	trimDir(c.dir)
	os.WriteFile(mark, nil, 0o644)
}
