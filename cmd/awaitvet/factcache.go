package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"flag"
	"fmt"
	"go/types"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/types/objectpath"

	model "github.com/awaitvet/awaitvet"
	"github.com/awaitvet/awaitvet/analyzer"
	"github.com/awaitvet/awaitvet/internal/stdseed"
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
//   - the run-wide part: the awaitvet executable, the analyzer's flags (but
//     those that only choose what is reported: analyzer.ReportOnlyFlags), the
//     build tags and the environment the go command reads (as for the
//     result cache, cache.go);
//   - the package: its ID, path, name and module, and the name and contents
//     of every file the compiler sees (CompiledGoFiles), and of the Go
//     files this build leaves out (IgnoredFiles, which the claims read);
//   - the same hash of each package it imports.
//
// The standard library is keyed the same way, by the contents of its files:
// another Go release gives other keys.
//
// Facts are stored by object path (golang.org/x/tools/go/types/objectpath),
// gob-encoded, as go vet stores them; a fact whose object has no path (a
// method of a type local to a function) cannot be named in another package
// and is not stored, and one whose object the export data leaves out is
// dropped when read back: go vet's .vetx files carry neither.

const factCacheVersion = "awaitvet fact cache 5"

type factCache struct {
	dir   string         // where the entries live
	base  []byte         // the run-wide part of every key
	types []reflect.Type // the analyzer's fact types; an entry names a fact by its index here

	// seedBase is the run-wide part of the keys of the shipped standard
	// library facts (seed.go), made when a key first needs it.
	seedBase func() []byte

	mu       sync.Mutex
	contents map[*packages.Package]string // "" when the package cannot be cached
	keys     map[*packages.Package]string
	seedKeys map[*packages.Package]string

	seed    func() *stdseed.Seed // the usable shipped seed, or nil
	seedOut *stdseed.Seed        // the seed this run writes (AWAITVET_WRITE_STD_SEED), or nil
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
	hashFactFlags(h, a)
	fmt.Fprintf(h, "tags %q\nenv %q\n", o.tags, keyEnvironment())
	c := &factCache{
		dir:      filepath.Join(dir, "facts"),
		base:     h.Sum(nil),
		seedBase: sync.OnceValue(func() []byte { return seedBase(a) }),
		contents: make(map[*packages.Package]string),
		keys:     make(map[*packages.Package]string),
		seedKeys: make(map[*packages.Package]string),
		seed:     sync.OnceValue(shippedSeed),
	}
	if os.Getenv(writeSeedEnv) != "" {
		// Every package of the seed is analysed from source, none read
		// from the seed it replaces.
		c.seedOut = &stdseed.Seed{Fingerprint: model.ModelFingerprint(), GoVersion: runtime.Version()}
		c.seed = func() *stdseed.Seed { return nil }
	}
	for _, f := range a.FactTypes {
		c.types = append(c.types, reflect.TypeOf(f))
	}
	return c
}

// hashFactFlags writes the analyzer's flags that can change a fact to h:
// all but those that only choose what is reported.
func hashFactFlags(h io.Writer, a *analysis.Analyzer) {
	a.Flags.VisitAll(func(f *flag.Flag) {
		if !slices.Contains(analyzer.ReportOnlyFlags, f.Name) {
			fmt.Fprintf(h, "flag %s=%q\n", f.Name, f.Value.String())
		}
	})
}

// key returns p's key in the cache directory, "" when p cannot be cached
// (a file that cannot be read, a package without export data).
func (c *factCache) key(p *packages.Package) string {
	return c.derived(c.keys, func() []byte { return c.base }, p)
}

// seedKey returns p's key in the shipped seed, "" when p cannot be cached.
func (c *factCache) seedKey(p *packages.Package) string {
	return c.derived(c.seedKeys, c.seedBase, p)
}

// derived returns the key of p under a run-wide base, memoized in keys.
func (c *factCache) derived(keys map[*packages.Package]string, base func() []byte, p *packages.Package) string {
	c.mu.Lock()
	k, ok := keys[p]
	c.mu.Unlock()
	if ok {
		return k
	}
	if content := c.content(p); content != "" {
		h := sha256.New()
		h.Write(base())
		h.Write([]byte(content))
		k = hex.EncodeToString(h.Sum(nil))
	}
	c.mu.Lock()
	keys[p] = k
	c.mu.Unlock()
	return k
}

// content returns the hash of the package itself, run-wide part aside (the
// package doc), "" when a file cannot be read.
func (c *factCache) content(p *packages.Package) string {
	c.mu.Lock()
	k, ok := c.contents[p]
	c.mu.Unlock()
	if ok {
		return k
	}
	k = c.computeContent(p)
	c.mu.Lock()
	c.contents[p] = k
	c.mu.Unlock()
	return k
}

func (c *factCache) computeContent(p *packages.Package) string {
	h := sha256.New()
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
		k := c.content(p.Imports[path])
		if k == "" {
			return ""
		}
		fmt.Fprintf(h, "import %q %s\n", path, k)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func (c *factCache) entry(key string) string { return filepath.Join(c.dir, key[:2], key) }

// has reports whether p's facts are stored, whole, in the cache directory
// or the shipped seed: an entry is its payload's SHA-256 followed by the
// payload, and one whose hash does not match (a truncated write, a disk
// error) counts as absent, so that the package is analysed from source
// again and its entry rewritten.
func (c *factCache) has(p *packages.Package) bool {
	_, err := c.payload(p)
	return err == nil
}

// payload returns the stored facts of p: from the cache directory, or
// else from the shipped seed.
func (c *factCache) payload(p *packages.Package) ([]byte, error) {
	key := c.key(p)
	if key == "" {
		return nil, fmt.Errorf("package %s cannot be cached", p.PkgPath)
	}
	data, err := c.read(key)
	if err == nil {
		now := time.Now()
		os.Chtimes(c.entry(key), now, now) // recently used: kept by trim
		return data, nil
	}
	if data, ok := c.fromSeed(p); ok {
		return data, nil
	}
	return nil, err
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

// save stores the facts a pass exported about p. Failures are ignored: the
// package is then analysed again next time.
func (c *factCache) save(p *packages.Package, ex *exported) {
	key := c.key(p)
	if key == "" {
		return
	}
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
	c.addToSeed(p, buf.Bytes())
	name := c.entry(key)
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return
	}
	sum := sha256.Sum256(buf.Bytes())
	writeFileAtomic(name, "tmp-", func(w io.Writer) error {
		_, err := w.Write(append(sum[:], buf.Bytes()...))
		return err
	})
}

// writeFileAtomic writes name through a temporary file beside it, renamed
// into place once whole: a reader never sees half a file, and a failed
// write leaves nothing behind.
func writeFileAtomic(name, prefix string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), prefix)
	if err != nil {
		return err
	}
	err = write(tmp)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// restore exports to pass the facts stored about p, as if the pass had
// computed them.
func (c *factCache) restore(p *packages.Package, pass *analysis.Pass) error {
	data, err := c.payload(p)
	if err != nil {
		return err
	}
	bad := func(err error) error { return fmt.Errorf("stored facts of %s: %v", p.PkgPath, err) }
	dec := gob.NewDecoder(bytes.NewReader(data))
	var h factsHeader
	if err := dec.Decode(&h); err != nil {
		return bad(err)
	}
	if len(h.Objects) > len(h.Types) {
		return bad(fmt.Errorf("%d object facts, %d types", len(h.Objects), len(h.Types)))
	}
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
