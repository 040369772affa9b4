package analyzer

import (
	"cmp"
	"context"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"

	"github.com/awaitvet/awaitvet/callgraph"
	"github.com/awaitvet/awaitvet/report"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// Result is what the pass hands to drivers that ask for it: the package's
// lock-order edges, the raw material of its wait-for graph. (Summaries are
// not kept: the standalone driver holds every result until the end of the
// run, and they would keep every package's SSA alive with them.)
type Result struct {
	Edges []Edge
	Graph *report.Graph // the package's wait-for graph, when WantGraph is set
	// Skipped lists the functions too large to analyse (more than maxBlocks
	// basic blocks), by position: drivers print them as notes, since no
	// finding in them can be reported.
	Skipped []Skipped
}

// Skipped is a function the pass did not analyse because of its size.
type Skipped struct {
	Pos    token.Position
	Name   string
	Blocks int
}

func (s Skipped) String() string {
	return fmt.Sprintf("%s: %s not analysed: %d basic blocks, more than %d", s.Pos, s.Name, s.Blocks, maxBlocks)
}

// maxBlocks bounds the functions the dataflow visits; larger ones (generated
// tables, giant switch statements) are skipped and listed in Result.Skipped.
const maxBlocks = 5000

// passState is everything one run of the analyzer over one package shares.
type passState struct {
	pass  *analysis.Pass
	graph *callgraph.Graph
	conc  *concurrency // concurrency witnesses, built on first use (concurrent.go)
	// offBuild holds the names files of the package this build leaves
	// out mention, read on first use (offbuild.go).
	offBuild map[string]bool
	pkgPath  string
	pkgName  string
	sums     map[*ssa.Function]*Summary
	ext      map[*ssa.Function]*Summary     // imported functions' summaries, from facts
	methods  map[*types.Package]MethodTable // imported methods' summaries by full name, see importedSummary
	imports  map[*types.Package]bool        // the package's direct imports
	edges    []Edge                         // lock-order edges between known classes found here
	// edgeParams: per function, the parameters whose locks its edges
	// name; sharedFirst: those of them the function itself may publish
	// before it draws such an edge; ownedArgs: per static call of such a
	// function, those of them its caller owns there (ownedcalls.go)
	edgeParams  map[*ssa.Function]uint64
	sharedFirst map[*ssa.Function]uint64
	ownedArgs   map[ssa.CallInstruction]uint64
	files       map[string]*token.File
	directed    map[string][]lineAt // files' lines that //line directives map elsewhere, by "file:line" (directedPos)
	skipped     []*ssa.Function

	factsOnly bool                        // analysed for its facts only: no check runs (see FactsOnly)
	noReturns *noReturns                  // the functions that never return (noreturn.go)
	goStmts   map[*ssa.Function]bool      // functions with a go statement of their own, see startsGoroutines
	generated map[*token.File]generatedBy // the package's generated files, see inGenerated

	names        map[*ssa.Function]string       // funcName, memoized: it is asked at every call
	fmtFuncOf    map[*ssa.Function]fmtFuncEntry // see fmtFunc
	assigned     map[*types.Var]bool            // struct fields some function stores into, see neverAssigned
	homes        *[]*chanHome                   // channels only this package names, see chanHomes
	homeMap      map[*types.Var]*chanHome       // every such channel's home, fed or not, see chanHomeOf
	exits        *exitFinder                    // calls that end the process, see exits.go
	backs        map[string]bool                // elementsReturn's answers, by owner type, field and path
	timerUses    map[string][]timerTouch        // who resets or replaces each timer class (timers.go)
	allocated    map[*types.Var]bool            // the fields of the structs some function allocates, see neverAssigned
	assignedAnon map[string]bool                // the same as assigned, for anonymous struct types by anonField
	sync         *syncIndex                     // the package-wide uses of sync the checks ask about, see syncIndex
	inGoroutine  map[*ssa.Function]bool         // functions some goroutine of the package runs, see indexDones
	written      map[string]bool                // lock classes some function write-locks, see dropWriterless
	// guardedWrites lists each class's write locks with the locks held
	// there (outerguard.go).
	guardedWrites map[string][]guardedWrite
	callHeld      []callHeld                 // direct calls with the locks held there, see inheritGates
	entryHeld     map[*ssa.Function][]string // lock classes a function's callers must hold, see inheritGates
	ctxIdx        *ctxIndex                  // what the package does with contexts' holders, see ctxNeverFires
	dynCands      map[string][]*ssa.Function // a dynamic call's candidates of this package, by signature or method name (see dynamicCandidates)
	dynStores     map[string]bool            // whether a dynamic call's candidates may store a field, by candidates and field name (see dynamicMayStore)
	varsWritten   map[*ssa.Global]bool       // package variables written (or their address taken) outside initialisation, see setOnce
	sems          *semIndex                  // the channels that serve as semaphores, see semaphores.go
	cas           *casIndex                  // the fields swapped as gates, see casgates.go
	dispatch      *dispatchTypes             // the types interface values can hold, see dispatch.go
	pkgIdx        *pkgIndex                  // the package's stores and calls, see stores.go

	// ifaceCalls lists the interface calls made with locks held (see ifacecalls.go).
	ifaceCalls []IfaceCall

	unlockedAfter map[*ssa.Function]bool               // conditional helpers whose callers unlock after them
	condVia       map[*ssa.Function][]*ssa.Function    // functions that pass a conditional helper's lock on to their callers, see passOnCondHeld
	yieldExits    map[*ssa.Function]map[int]*yieldExit // range-over-func bodies: lock effects of their exits, by jump code

	instEdges []instanceEdge                 // nestings of two known instances of one class (instances.go)
	privates  map[ssa.Instruction]*privateAt // locks taken on objects only their taker reaches, per instruction (separate.go)
	goLocks   map[ssa.Instruction][]Ref      // the locks of the goroutine a go statement starts, in its frame (separate.go)
	aliases   *aliasTable                    // fields that name a lock of their own object (aliases.go)

	findingSide
}

// findingSide is what the checks have found so far in the pass, and what
// later checks read of it: the summaries and facts never depend on it.
type findingSide struct {
	findings     []finding
	unfed        []*ssa.Function                    // unfedFuncs, computed once
	freshSends   map[string]bool                    // sentFreshOnce, by pointer type
	calls        map[*ssa.Function][]*ssa.Call      // staticCalls, computed on first use
	emitted      []finding                          // the findings reported, after suppression
	blocked      map[*Spawn]blockedOn               // goroutines found blocked forever, see checkFutures
	condFindings map[*ssa.Function][]pendingFinding // conditional helpers' findings, see confirmConditional
}

// run is the pass: a short list of phases.
func run(pass *analysis.Pass) (res any, err error) {
	if err := checkFlags(); err != nil {
		return nil, err
	}
	// Profiles (the standalone driver's -cpuprofile) can then be split by
	// package and by kind of run: go tool pprof -tagfocus=run=facts.
	kind := "full"
	if FactsOnly != nil && FactsOnly(pass) {
		kind = "facts"
	}
	pprof.Do(context.Background(), pprof.Labels("package", pass.Pkg.Path(), "run", kind), func(context.Context) {
		res, err = runPass(pass)
	})
	return res, err
}

func runPass(pass *analysis.Pass) (any, error) {
	ps := &passState{
		pass:    pass,
		pkgPath: pass.Pkg.Path(),
		pkgName: pass.Pkg.Name(),
		sums:    make(map[*ssa.Function]*Summary),
		ext:     make(map[*ssa.Function]*Summary),
		methods: make(map[*types.Package]MethodTable),
		imports: make(map[*types.Package]bool),
		files:   make(map[string]*token.File),
		names:   make(map[*ssa.Function]string),
		written: make(map[string]bool),

		factsOnly: FactsOnly != nil && FactsOnly(pass),

		unlockedAfter: make(map[*ssa.Function]bool),
		condVia:       make(map[*ssa.Function][]*ssa.Function),
		findingSide: findingSide{
			blocked:      make(map[*Spawn]blockedOn),
			condFindings: make(map[*ssa.Function][]pendingFinding),
		},
	}
	for _, p := range pass.Pkg.Imports() {
		ps.imports[p] = true
	}
	ps.noReturns = findNoReturns(pass) // exported for every package: the SSA of importers needs them
	hasFact := func(fn *types.Func) bool { return fn.Pkg() != pass.Pkg && ps.importedSummary(fn) != nil }
	if !relevant(pass.TypesInfo, sourceFiles(pass), hasFact) {
		return &Result{}, nil
	}
	ssaPkg, srcFuncs := buildSSA(pass, ps.noReturns.NoReturn)
	ps.graph = callgraph.Build(ssaPkg, srcFuncs, callgraph.IgnoreTypes(func(tn *types.TypeName) bool {
		return inTestFile(pass.Fset, tn)
	}))
	for _, f := range pass.Files {
		if tf := pass.Fset.File(f.Pos()); tf != nil {
			ps.files[tf.Name()] = tf
		}
	}
	ps.aliases = ps.findAliases()
	ps.summarize()    // bottom-up summaries, findings inside functions
	ps.inheritGates() // outer locks every caller holds, on the edges drawn below them
	ps.dropOwnedEdges()
	// Other packages' interface calls this package's conversions resolve.
	ps.resolveIfaceCalls()
	if ps.factsOnly {
		ps.exportFacts()
		ps.dropEdgeFuncs()
		return &Result{Edges: ps.edges}, nil
	}
	ps.confirmConditional()         // conditional lock helpers no caller treats as such
	ps.neverReleased()              // locks nothing in the package releases (neverreleased.go)
	ps.dropHandedOver()             // locks left held for an exported releaser to take over
	ps.dropSentWith()               // locks sent with a message to a goroutine that releases them
	ps.checkFieldChannels()         // channel fields used under a lock their goroutine needs
	ps.checkUnfedChannels()         // receives from the package's own channels nothing feeds (neverfed.go)
	ps.checkUndoneWaitGroups()      // waits on the package's own WaitGroups nothing counts down (neverdone.go)
	ps.checkUnsignalledConds()      // waits on the package's own Conds nothing signals (neversignalled.go)
	ps.checkFixedWaits()            // Cond waits in loops whose condition nothing changes (fixedloops.go)
	ps.checkFieldOwnDeferredClose() // a wait inside the function whose deferred close alone ends it (commclose.go)
	ps.checkFieldHeldAcrossClose()  // a receive under a lock its only closer needs (commclose.go)
	ps.exportFacts()                // what callers in other packages need
	ps.lockOrderCycles()            // cycles over this package's and its dependencies' edges
	ps.dropWriterless()             // recursive read locks no writer can block
	ps.witnessWriters()             // and those a writer running at once blocks
	ps.witnessComm()                // communication deadlocks between goroutines shown to run at once
	ps.emit()                       // suppression, sorting, reporting
	ps.dropEdgeFuncs()
	res := &Result{Edges: ps.edges, Skipped: ps.skippedNotes()}
	if WantGraph != nil && WantGraph(ps.pkgPath) {
		res.Graph = ps.buildGraph()
	}
	return res, nil
}

// dropEdgeFuncs forgets the functions that drew the edges: the edges
// outlive the pass (Result, facts); its SSA must not.
func (ps *passState) dropEdgeFuncs() {
	for i := range ps.edges {
		ps.edges[i].fn = nil
	}
}

// summarize visits the call graph's components callees-first. A recursive
// component is iterated until its summaries stop growing (they are bounded),
// then visited once more to report.
func (ps *passState) summarize() {
	for _, scc := range ps.graph.BottomUp() {
		if ps.graph.Recursive(scc) {
			for iter := 0; iter < 4; iter++ {
				changed := false
				for _, fn := range scc {
					before := ps.sums[fn].size()
					ps.analyze(fn, false)
					changed = changed || ps.sums[fn].size() != before
				}
				if !changed {
					break
				}
			}
		}
		for _, fn := range scc {
			ps.analyze(fn, true)
		}
	}
}

func (ps *passState) analyze(fn *ssa.Function, final bool) {
	if len(fn.Blocks) > maxBlocks {
		if final {
			ps.skipped = append(ps.skipped, fn)
		}
		return
	}
	fa := &fnAnalysis{ps: ps, fn: fn, name: ps.name(fn), r: newResolver(fn, ps.pass.Fset),
		ops: extractOps(fn, ps.graph), final: final}
	fa.r.getter = fa.getter
	fa.r.alias = ps.aliases
	fa.r.fieldOf = fa.resultField
	fa.r.local = fa.staysLocal
	fa.run()
	fa.sum.Returns = append(fa.returnRefs(), fa.resultFields()...)
	fa.sum.dropChecking()
	fa.sum.normalize()
	ps.sums[fn] = &fa.sum
}

// skippedNotes lists the functions skipped as too large, by position.
func (ps *passState) skippedNotes() []Skipped {
	var notes []Skipped
	for _, fn := range ps.skipped {
		notes = append(notes, Skipped{Pos: ps.position(fn.Pos()), Name: ps.name(fn), Blocks: len(fn.Blocks)})
	}
	slices.SortFunc(notes, func(a, b Skipped) int {
		return cmp.Or(strings.Compare(a.Pos.Filename, b.Pos.Filename), a.Pos.Line-b.Pos.Line)
	})
	return notes
}

// summary returns a callee's summary: computed here if the callee's body is in
// this package, imported from facts otherwise. It may be nil.
func (ps *passState) summary(fn *ssa.Function) *Summary {
	if ps.graph.Contains(fn) {
		return ps.sums[fn]
	}
	if s, ok := ps.ext[fn]; ok {
		return s
	}
	var s *Summary
	if obj, ok := fn.Object().(*types.Func); ok && obj.Pkg() != nil && obj.Pkg() != ps.pass.Pkg {
		s = ps.importedSummary(obj)
	}
	ps.ext[fn] = s
	return s
}

// position converts a token.Pos of this package into a storable position.
func (ps *passState) position(pos token.Pos) token.Position {
	if !pos.IsValid() {
		return token.Position{}
	}
	return ps.pass.Fset.Position(pos)
}

// tokenPos converts a stored position back into a token.Pos when the file
// belongs to this package.
func (ps *passState) tokenPos(p token.Position) (token.Pos, bool) {
	tf := ps.files[p.Filename]
	if tf == nil {
		return ps.directedPos(p)
	}
	if p.Line < 1 || p.Line > tf.LineCount() {
		return token.NoPos, false
	}
	pos := tf.LineStart(p.Line) + token.Pos(max(p.Column-1, 0))
	if int(pos) > tf.Base()+tf.Size() {
		return token.NoPos, false
	}
	return pos, true
}

// A lineAt is a line of a file of the package that a //line directive
// maps elsewhere, and the column its start maps to.
type lineAt struct {
	tf   *token.File
	line int
	col  int
}

// directedPos is tokenPos for a position that a //line directive gave:
// cmd/cgo's rewrite of a user's file, which the go command hands the
// analyzer, maps its lines back to the user's file, and the positions
// hops keep are those. The package's files with directives are indexed
// by the file and line their lines map to, once.
func (ps *passState) directedPos(p token.Position) (token.Pos, bool) {
	if ps.directed == nil {
		ps.directed = make(map[string][]lineAt)
		for _, f := range ps.pass.Files {
			tf := ps.pass.Fset.File(f.Pos())
			if tf == nil || !hasLineDirective(f) {
				continue
			}
			for l := 1; l <= tf.LineCount(); l++ {
				at := ps.pass.Fset.Position(tf.LineStart(l))
				if at.Filename != tf.Name() {
					k := at.Filename + ":" + strconv.Itoa(at.Line)
					ps.directed[k] = append(ps.directed[k], lineAt{tf, l, at.Column})
				}
			}
		}
	}
	for _, c := range ps.directed[p.Filename+":"+strconv.Itoa(p.Line)] {
		off := p.Column - c.col
		if off < 0 {
			continue
		}
		pos := c.tf.LineStart(c.line) + token.Pos(off)
		if int(pos) > c.tf.Base()+c.tf.Size() {
			continue
		}
		if q := ps.pass.Fset.Position(pos); q.Filename == p.Filename && q.Line == p.Line && q.Column == p.Column {
			return pos, true
		}
	}
	return token.NoPos, false
}

// hasLineDirective reports whether a comment of f is a //line directive.
func hasLineDirective(f *ast.File) bool {
	for _, g := range f.Comments {
		for _, c := range g.List {
			if strings.HasPrefix(c.Text, "//line ") {
				return true
			}
		}
	}
	return false
}

// name is funcName, memoized.
func (ps *passState) name(fn *ssa.Function) string {
	n, ok := ps.names[fn]
	if !ok {
		n = funcName(fn)
		ps.names[fn] = n
	}
	return n
}

// funcName is the name a Go programmer would use for fn, qualified by its
// package name as in a stack trace: "pkg.(*T).M", "pkg.F.func1".
func funcName(fn *ssa.Function) string {
	if o := fn.Origin(); o != nil {
		fn = o
	}
	pkg := funcPkg(fn)
	name := fn.String()
	if pkg != nil {
		name = pkg.Name() + "." + fn.RelString(pkg)
	}
	name = strings.ReplaceAll(name, "$bound", "-fm")
	name = strings.ReplaceAll(name, "$thunk", "")
	return strings.ReplaceAll(name, "$", ".func")
}
