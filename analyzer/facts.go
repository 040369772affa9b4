package analyzer

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"go/token"
	"go/types"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// FuncFact carries a function's summary to the passes of packages that call
// it. Under go vet each package is analysed alone and sees imported functions
// without bodies: this is all they know about them.
type FuncFact struct {
	Summary Summary
}

func (*FuncFact) AFact() {}
func (f *FuncFact) String() string {
	return fmt.Sprintf("summary(%d acquires, %d held at exit, %d releases, %d pending edges)",
		len(f.Summary.Acquires), len(f.Summary.HeldAtExit), len(f.Summary.Releases), len(f.Summary.Pending))
}

// PackageFact holds the lock-order edges this package adds to the program,
// one witness per pair of lock classes. Importers combine the edges of all
// their dependencies to find cycles that no single package can see.
type PackageFact struct {
	Edges []Edge
	// Methods holds the summaries of the package's exported methods, sorted
	// by name. They travel in the package fact rather than as object facts
	// because x/tools re-exports every method's object fact into the facts
	// of every package importing it, transitively: with them, one etcd
	// package's facts were 6.5 MB, nearly all of them its dependencies'
	// methods, decoded again by every importer. A package fact is read only
	// by direct importers, so a method is known where its package is
	// imported (in both drivers alike; see methodSummary).
	//
	// Under go vet the table is decoded only when the importer first looks
	// a method of the package up: x/tools decodes every direct import's
	// facts before the pass, and most importers call the methods of few of
	// them (see MethodTable).
	Methods MethodTable
	// IfaceCalls lists the calls of interfaces the package declares made
	// with locks held, by lock class: importers that convert their types to
	// those interfaces resolve them (see ifacecalls.go).
	IfaceCalls []IfaceCall
}

// MethodFact is one method's summary, by types.Func.FullName.
type MethodFact struct {
	Name    string
	Summary Summary
}

// MethodTable is a package fact's method summaries, sorted by name. Under
// go vet, x/tools decodes every direct import's facts before the pass, and
// an importer calls few of each package's methods: so gob encodes the table
// as the names and one gob stream of the summaries, a zero Summary first
// (it carries the type definitions) and then one message per method, with
// where each ends; decoding keeps the stream, and Lookup decodes one
// method's summary, the first time it is asked for, from the first message
// and its own. Copies share the table (ImportPackageFact copies the fact),
// and Lookup may be called concurrently (the standalone driver runs passes
// in parallel; there the table never leaves memory).
type MethodTable struct{ t *methodTable }

type methodTable struct {
	names []string
	// In memory: sums[i] is method i's summary. Decoded from gob: sums[i]
	// is nil until Lookup decodes it from blob[ends[i-1]:ends[i]] (blob[:prime]
	// for i = -1).
	sums  []*Summary
	blob  []byte
	prime int
	ends  []int
	mu    sync.Mutex
}

// methodWire is a MethodTable's gob form.
type methodWire struct {
	Names []string
	Prime int
	Ends  []int
	Blob  []byte
}

// NewMethodTable holds list, sorted by name.
func NewMethodTable(list []MethodFact) MethodTable {
	t := &methodTable{names: make([]string, len(list)), sums: make([]*Summary, len(list))}
	for i := range list {
		t.names[i], t.sums[i] = list[i].Name, &list[i].Summary
	}
	return MethodTable{t}
}

// Len is the number of methods.
func (m MethodTable) Len() int {
	if m.t == nil {
		return 0
	}
	return len(m.t.names)
}

// Lookup is the summary of the method named name (types.Func.FullName), or
// nil. A summary that cannot be decoded is nil too (a .vetx file from
// another build of awaitvet does not get this far: go vet keys them by the
// tool's build ID).
func (m MethodTable) Lookup(name string) *Summary {
	if m.t == nil {
		return nil
	}
	i, ok := slices.BinarySearch(m.t.names, name)
	if !ok {
		return nil
	}
	return m.t.summary(i)
}

func (t *methodTable) summary(i int) *Summary {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.sums[i] == nil && t.blob != nil {
		start := t.prime
		if i > 0 {
			start = t.ends[i-1]
		}
		dec := gob.NewDecoder(io.MultiReader(bytes.NewReader(t.blob[:t.prime]), bytes.NewReader(t.blob[start:t.ends[i]])))
		var prime, s Summary
		if dec.Decode(&prime) == nil && dec.Decode(&s) == nil {
			t.sums[i] = &s
		}
	}
	return t.sums[i]
}

// GobEncode encodes the table as a methodWire.
func (m MethodTable) GobEncode() ([]byte, error) {
	if m.t == nil {
		return nil, nil
	}
	w := methodWire{Names: m.t.names, Prime: m.t.prime, Ends: m.t.ends, Blob: m.t.blob}
	if w.Blob == nil {
		var buf bytes.Buffer
		enc := gob.NewEncoder(&buf)
		if err := enc.Encode(Summary{}); err != nil {
			return nil, err
		}
		w.Prime = buf.Len()
		w.Ends = make([]int, len(m.t.sums))
		for i, s := range m.t.sums {
			if err := enc.Encode(s); err != nil {
				return nil, err
			}
			w.Ends[i] = buf.Len()
		}
		w.Blob = buf.Bytes()
	}
	var out bytes.Buffer
	err := gob.NewEncoder(&out).Encode(&w)
	return out.Bytes(), err
}

// GobDecode keeps the summaries encoded, for Lookup.
func (m *MethodTable) GobDecode(data []byte) error {
	var w methodWire
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&w); err != nil {
		return err
	}
	if len(w.Ends) != len(w.Names) || w.Prime > len(w.Blob) || len(w.Ends) > 0 && w.Ends[len(w.Ends)-1] > len(w.Blob) {
		return fmt.Errorf("malformed method table")
	}
	m.t = &methodTable{names: w.Names, sums: make([]*Summary, len(w.Names)), blob: w.Blob, prime: w.Prime, ends: w.Ends}
	return nil
}

func (*PackageFact) AFact() {}
func (f *PackageFact) String() string {
	return fmt.Sprintf("edges(%d) methods(%d)", len(f.Edges), f.Methods.Len())
}

// exportFacts exports the summaries of functions other packages can name and
// this package's own lock-order edges. Facts are exported only when non-empty.
func (ps *passState) exportFacts() {
	var methods []MethodFact
	z := ps.portablizer()
	for _, fn := range ps.graph.Funcs() {
		obj, ok := fn.Object().(*types.Func)
		if !ok || !obj.Exported() || obj.Pkg() != ps.pass.Pkg || ps.testEntry(obj) {
			continue
		}
		if s := exportable(ps.sums[fn]); !s.empty() || s != nil && len(s.FreshObjs)+len(s.ParamPublishes)+len(s.ParamStores)+len(s.ParamHandedOn) > 0 {
			if obj.Signature().Recv() != nil {
				methods = append(methods, MethodFact{Name: obj.FullName(), Summary: *z.compact(s)})
			} else {
				ps.pass.ExportObjectFact(obj, &FuncFact{Summary: *z.compact(s)})
			}
		}
	}
	slices.SortFunc(methods, func(a, b MethodFact) int { return strings.Compare(a.Name, b.Name) })
	ps.edges = bestPerClassPair(ps.edges)
	calls := ps.exportedIfaceCalls()
	if len(ps.edges) > 0 || len(methods) > 0 || len(calls) > 0 {
		ps.pass.ExportPackageFact(&PackageFact{Edges: ps.portableEdges(), Methods: NewMethodTable(methods), IfaceCalls: calls})
	}
}

// portableEdges is a copy of the package's lock-order edges for its fact,
// with every file named without the directory of the checkout it was
// analysed in (see portablePos). The edges the pass keeps for itself keep
// their full names. A fact must not depend on where the code sits on disk:
// go vet keys its cache by the facts of the dependencies, byte for byte, so
// facts that named /home/ci-17/src/... would make every machine of a fleet
// (and every checkout path) miss the results another one computed.
func (ps *passState) portableEdges() []Edge {
	z := ps.portablizer()
	portable := func(c Chain) Chain {
		if c == nil {
			return nil
		}
		out := slices.Clone(c)
		for i := range out {
			out[i].Pos = z.pos(out[i].Pos)
		}
		return out
	}
	out := make([]Edge, len(ps.edges))
	for i, e := range ps.edges {
		e.Pos = z.pos(e.Pos)
		e.FromChain, e.ToChain = portable(e.FromChain), portable(e.ToChain)
		e.fn = nil // the SSA stays with the pass
		out[i] = e
	}
	return out
}

// portablePos names a file of the package (one in dirs) by the package's
// import path and its base name, "example.com/m/pkg/file.go": the same on
// every machine, ordered as the directories are within a module (edges
// from several dependencies are ranked by position, see betterEdge), and
// shown by its base name like every other hop. A file elsewhere keeps only
// its base name, as in summaries (compactPos); a name that is already a
// base name stays as it is.
func portablePos(pkgPath string, dirs map[string]bool, p token.Position) token.Position {
	dir, base := filepath.Split(p.Filename)
	switch {
	case dir == "":
	case dirs[filepath.Clean(dir)]:
		p.Filename = pkgPath + "/" + base
	default:
		p.Filename = base
	}
	return p
}

// testEntry reports whether obj is a test, benchmark, fuzz test or example
// function of a _test.go file: the testing package calls it, never another
// package, so its summary would be dead weight in the facts.
func (ps *passState) testEntry(obj *types.Func) bool {
	if obj.Signature().Recv() != nil || !strings.HasSuffix(ps.pass.Fset.Position(obj.Pos()).Filename, "_test.go") {
		return false
	}
	for _, prefix := range []string{"Test", "Benchmark", "Fuzz", "Example"} {
		if strings.HasPrefix(obj.Name(), prefix) {
			return true
		}
	}
	return false
}

// importedSummary is the summary another package exported for obj: an
// object fact for a function, the package fact for a method. Methods are
// looked up only in this package's direct imports, the only package facts
// go vet hands a package; the standalone driver would also have the others,
// and the two modes must agree.
func (ps *passState) importedSummary(obj *types.Func) *Summary {
	if obj.Signature().Recv() == nil {
		var fact FuncFact
		if ps.pass.ImportObjectFact(obj, &fact) {
			return &fact.Summary
		}
		return nil
	}
	obj = obj.Origin()
	methods, ok := ps.methods[obj.Pkg()]
	if !ok {
		var fact PackageFact
		if ps.imports[obj.Pkg()] && ps.pass.ImportPackageFact(obj.Pkg(), &fact) {
			methods = fact.Methods
		}
		ps.methods[obj.Pkg()] = methods
	}
	return methods.Lookup(obj.FullName())
}

// exportable is the part of a summary a caller in another package can use:
// channel operations and counts on what the caller can name (its arguments,
// the results it receives, package-level variables). Operations on the
// function's own channels stay home.
func exportable(s *Summary) *Summary {
	if s == nil {
		return nil
	}
	out := *s
	out.Chans = nil
	for _, c := range s.Chans {
		if c.exportable() {
			out.Chans = append(out.Chans, c)
		}
	}
	out.Counts = nil
	for _, n := range s.Counts {
		if n.Ref.rewritable() {
			out.Counts = append(out.Counts, n)
		}
	}
	out.Spawns = nil
	for _, sp := range s.Spawns {
		var ops []ChanOp
		for _, c := range sp.Ops {
			if c.exportable() {
				ops = append(ops, c)
			}
		}
		var counts []ChanCount
		for _, n := range sp.Counts {
			if n.Ref.rewritable() {
				counts = append(counts, n)
			}
		}
		if len(ops)+len(counts)+len(sp.CountedBy) == 0 {
			continue
		}
		sp.Ops, sp.Counts = ops, counts
		out.Spawns = append(out.Spawns, sp)
	}
	return &out
}

// Facts travel: the go command stores a package's facts with it, and facts
// about methods are copied into the facts of every package that imports it,
// directly or not. So what a summary says is kept, but its witnesses are cut
// down for the trip: chains to their first hops and the operation, files to
// their base names (which is all a hop in another package shows), and at
// most a few of each kind of entry.
const (
	factChain    = 2  // hops per chain in a fact: the first step and the operation
	factEntries  = 12 // acquisitions, channel operations, spawns... per fact
	factSpawnOps = 6  // channel operations per spawned goroutine in a fact
)

func (z portablizer) compact(s *Summary) *Summary {
	out := *s
	var over []Acquire
	out.Acquires, over = z.compactAcquires(s.Acquires)
	out.Overflow = z.compactList(append(over, s.Overflow...))
	out.HeldAtExit = z.compactList(s.HeldAtExit)
	out.CondHeld = z.compactList(s.CondHeld)
	out.Pending = nil
	for _, e := range first(s.Pending, factEntries) {
		e.FromChain, e.ToChain, e.Pos = z.compactChain(e.FromChain), z.compactChain(e.ToChain), z.pos(e.Pos)
		out.Pending = append(out.Pending, e)
	}
	out.ParamCalls = nil
	for _, c := range first(s.ParamCalls, factEntries) {
		c.Chain, c.Held = z.compactChain(c.Chain), z.compactList(c.Held)
		out.ParamCalls = append(out.ParamCalls, c)
	}
	out.IfaceCalls = nil
	for _, c := range s.IfaceCalls {
		c.Chain, c.Held = z.compactChain(c.Chain), z.compactList(c.Held)
		out.IfaceCalls = append(out.IfaceCalls, c)
	}
	out.ParamEscapes = slices.Clone(s.ParamEscapes)
	out.ParamPublishes, out.ParamReturned = slices.Clone(s.ParamPublishes), slices.Clone(s.ParamReturned)
	out.ParamHandedOn = slices.Clone(s.ParamHandedOn)
	out.ParamStores = slices.Clone(s.ParamStores)
	out.NonNilResults = nil // known only inside the package (see resultNonNil)
	// Function-value uses keep their chains whole, their files by base
	// name like every other hop of a fact: a fact must read the same in
	// every checkout directory (go vet's cache keys hash it).
	out.FuncUses = nil
	for _, u := range s.FuncUses {
		u.Chain = slices.Clone(u.Chain)
		for i := range u.Chain {
			u.Chain[i].Pos = z.pos(u.Chain[i].Pos)
		}
		out.FuncUses = append(out.FuncUses, u)
	}
	out.Chans = z.compactOps(capOps(&out, s.Chans, factEntries))
	out.Counts = capCounts(&out, s.Counts, 2*factEntries)
	out.Spawns = nil
	for i, sp := range s.Spawns {
		if i >= factEntries {
			capOps(&out, sp.Ops, 0)
			capCounts(&out, sp.Counts, 0)
			continue
		}
		sp.Chain, sp.Ops = z.compactChain(sp.Chain), z.compactOps(capOps(&out, sp.Ops, factSpawnOps))
		sp.Counts = capCounts(&out, sp.Counts, 2*factEntries)
		out.Spawns = append(out.Spawns, sp)
	}
	return &out
}

func first[T any](xs []T, n int) []T {
	if len(xs) > n {
		return xs[:n]
	}
	return xs
}

// compactAcquires keeps up to factEntries acquisitions, one per class and
// mode of those a caller knows only by class (the callee's own allocations
// and opaque values: fresh at every call, so only lock order can use them).
// Without that, every function writing to an io.Writer carried a dozen
// copies of io.pipe's locks, one per allocation along the way. It also
// returns, of those past factEntries, the ones whose lock a caller can name
// (see splitAcquires): the fact keeps them in Overflow, for double locks.
func (z portablizer) compactAcquires(as []Acquire) (out, nameable []Acquire) {
	seen := make(map[string]bool)
	for _, a := range as {
		if len(out) == factEntries {
			if nameableRef(a.Ref) {
				nameable = append(nameable, a)
			}
			continue
		}
		if a.Ref.Base == BaseAlloc || a.Ref.Base == BaseOpaque {
			k := a.Ref.Class.Key + "|" + strconv.Itoa(int(a.Mode))
			if seen[k] {
				continue
			}
			seen[k] = true
		}
		a.Chain = z.compactChain(a.Chain)
		out = append(out, a)
	}
	return out, nameable
}

// compactList is compactAcquires's first result.
func (z portablizer) compactList(as []Acquire) []Acquire {
	out, _ := z.compactAcquires(as)
	return out
}

func (z portablizer) compactOps(ops []ChanOp) []ChanOp {
	var out []ChanOp
	for _, c := range ops {
		c.Chain = z.compactChain(c.Chain)
		c.block = nil // a fact outlives the pass (the standalone driver keeps it): the SSA must not
		out = append(out, c)
	}
	return out
}

func (z portablizer) compactChain(c Chain) Chain {
	out := make(Chain, 0, min(len(c), factChain))
	for i, h := range c {
		if len(c) > factChain && i >= factChain-1 && i < len(c)-1 {
			continue // keep the first hops and the operation itself
		}
		h.Pos = z.pos(h.Pos)
		out = append(out, h)
	}
	return out
}

// A portablizer names the files of a fact's hops the same on every machine
// (see portablePos): a file of the package being analysed by the package's
// import path and its base name; a name already made portable by the fact
// of a dependency stays as it is.
type portablizer struct {
	pkgPath string
	dirs    map[string]bool
}

func (ps *passState) portablizer() portablizer {
	dirs := make(map[string]bool)
	for _, f := range ps.pass.Files {
		dirs[filepath.Dir(ps.pass.Fset.File(f.Pos()).Name())] = true
	}
	return portablizer{ps.pass.Pkg.Path(), dirs}
}

func (z portablizer) pos(p token.Position) token.Position {
	if filepath.IsAbs(p.Filename) {
		p = portablePos(z.pkgPath, z.dirs, p)
	}
	return token.Position{Filename: p.Filename, Line: p.Line, Column: p.Column}
}
