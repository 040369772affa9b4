package main

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"os"
	"reflect"
	"runtime"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/gcexportdata"
	"golang.org/x/tools/go/packages"
)

// The standalone loader. go/packages offers two ways to load a program: every
// package from source (what an analyzer with facts needs, since it runs on
// each dependency) or the roots from source and every dependency from the
// compiler's export data (what nilness and other fact-free passes use). The
// first type-checks and analyses the whole standard library and every module
// dependency on every run: most of the cost of a standalone run.
//
// awaitvet needs the source of a dependency only once. A dependency (of the
// standard library or of a module) whose facts are in the fact cache
// (factcache.go) is read from export data, its facts from the cache; only
// the roots, the dependencies with no cached facts and whatever imports one
// of those are parsed, type-checked and analysed. The standard library gets
// no exception: its facts (functions that call back their arguments, for
// instance) reach the findings of real code, so they are computed once and
// cached like any other package's.
//
// go list -export builds the export data (or finds it in the build cache),
// as it does for nilness; the loader below then fills in the packages the
// way go/packages would have: Types, Fset and TypesSizes for all, Syntax and
// TypesInfo for the packages loaded from source, Errors and IllTyped. A
// package loaded from source is parsed and type-checked only when its
// analysis starts, and a dependency's syntax and type information are
// dropped when its analysis ends (checkLate): go/packages would hold those
// of every package at once, which on a first run (every dependency from
// source) is most of the memory. With the cache off there is nothing to
// read from export data, and every package is loaded from source by
// go/packages itself.

// listMode asks go list for the package graph and the export data files,
// without type-checking anything.
const listMode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
	packages.NeedImports | packages.NeedDeps | packages.NeedModule | packages.NeedExportFile |
	packages.NeedTypesSizes

// loadPlan records how each package of a run was loaded.
type loadPlan struct {
	fromSource map[*packages.Package]bool
	root       map[*packages.Package]bool
	byTypes    map[*types.Package]*packages.Package
	facts      *factCache // nil: no fact cache

	// loader type-checks the packages loaded from source when their
	// analysis starts (see checkLate); nil when go/packages loaded them.
	loader *hybridLoader
}

// newLoadPlan returns an empty plan for these roots.
func newLoadPlan(roots []*packages.Package, fc *factCache) *loadPlan {
	plan := &loadPlan{
		fromSource: make(map[*packages.Package]bool),
		root:       make(map[*packages.Package]bool, len(roots)),
		byTypes:    make(map[*types.Package]*packages.Package),
		facts:      fc,
	}
	for _, p := range roots {
		plan.root[p] = true
	}
	return plan
}

// loadHybrid lists the packages matching patterns and type-checks them: the
// roots, every dependency whose facts are not in fc and everything that
// imports one of those from source, the rest from export data. With fc nil,
// every package is loaded from source.
func loadHybrid(cfg *packages.Config, patterns []string, fc *factCache) ([]*packages.Package, *loadPlan, error) {
	if fc == nil {
		return loadSource(cfg, patterns)
	}
	c := *cfg
	c.Mode = listMode
	roots, err := packages.Load(&c, patterns...)
	if err != nil {
		return nil, nil, err
	}

	// Every package, dependencies before the packages that import them.
	var order []*packages.Package
	packages.Visit(roots, nil, func(p *packages.Package) { order = append(order, p) })
	plan := newLoadPlan(roots, fc)
	for _, p := range order {
		src := plan.root[p] || p.ExportFile == "" || len(p.Errors) > 0 || !fc.has(p)
		// Export data never refers to a package type-checked from source
		// here: whatever imports a source package is loaded from source.
		// (unsafe, which has neither source nor export data, is the
		// universe's own package.)
		for _, imp := range p.Imports {
			src = src || plan.fromSource[imp] && imp.PkgPath != "unsafe"
		}
		plan.fromSource[p] = src
	}

	l := &hybridLoader{fset: token.NewFileSet(), plan: plan, done: make(map[*packages.Package]chan struct{}), checked: make(map[*packages.Package]bool)}
	plan.loader = l
	for _, p := range order {
		l.done[p] = make(chan struct{})
		p.Fset = l.fset
		if p.PkgPath == "unsafe" {
			p.Types = types.Unsafe
		} else {
			// Created up front, as go/packages does, so that reading export
			// data fills these in rather than creating packages of its own.
			p.Types = types.NewPackage(p.PkgPath, p.Name)
		}
		plan.byTypes[p.Types] = p
	}
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for _, p := range order {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer close(l.done[p])
			for _, imp := range p.Imports {
				<-l.done[imp]
			}
			sem <- struct{}{}
			defer func() { <-sem }()
			l.load(p)
		}()
	}
	wg.Wait()
	for _, p := range order {
		if !l.late(p) {
			setIllTyped(p)
		}
	}
	return roots, plan, nil
}

// setIllTyped marks p ill-typed when it or one of its imports has errors.
func setIllTyped(p *packages.Package) {
	p.IllTyped = len(p.Errors) > 0
	for _, imp := range p.Imports {
		p.IllTyped = p.IllTyped || imp.IllTyped
	}
}

type hybridLoader struct {
	fset *token.FileSet
	plan *loadPlan
	done map[*packages.Package]chan struct{} // closed when the package is loaded

	// checkedMu guards checked: the packages loaded from source that have
	// been parsed and type-checked.
	checkedMu sync.Mutex
	checked   map[*packages.Package]bool

	// exportMu serialises reading export data: gcexportdata.Read may fill
	// in the types.Package of any package in the view it is given.
	exportMu sync.Mutex
}

func (l *hybridLoader) load(p *packages.Package) {
	if p.PkgPath == "unsafe" {
		p.Syntax = []*ast.File{}
		p.TypesInfo = newTypesInfo()
		return
	}
	if !l.plan.fromSource[p] {
		if err := l.readExport(p); err != nil {
			p.Errors = append(p.Errors, packages.Error{Pos: "-", Msg: err.Error(), Kind: packages.UnknownError})
		}
	}
	// A package loaded from source is parsed and type-checked when its
	// analysis starts (checkLate).
}

// late reports whether p is loaded from source, when its analysis starts.
func (l *hybridLoader) late(p *packages.Package) bool {
	return l.plan.fromSource[p] && p.PkgPath != "unsafe"
}

// checkLate parses and type-checks p if that has not been done yet, and
// reports whether it did. The packages loaded from source are checked one
// by one as the analysis reaches them, after their imports (which the
// analysis visits first, for their facts), and a dependency's syntax and
// type information are dropped once it has been analysed (release): only
// the packages being analysed hold theirs at any time, where loading them
// all first held every dependency's at once, most of the peak memory of a
// first run.
func (l *hybridLoader) checkLate(p *packages.Package) bool {
	l.checkedMu.Lock()
	done := l.checked[p]
	l.checked[p] = true
	l.checkedMu.Unlock()
	if done || !l.late(p) {
		return false
	}
	l.check(p)
	setIllTyped(p)
	return true
}

// checkRest checks the packages the analysis never reached (it skips
// the importers of a package with errors), dependencies first, so that
// their errors are known and printed like the others'.
func (l *hybridLoader) checkRest(roots []*packages.Package) {
	packages.Visit(roots, nil, func(p *packages.Package) {
		if l.checkLate(p) && !l.plan.root[p] {
			release(p, nil)
		}
	})
}

// release drops the syntax and type information of a dependency analysed
// from source: its importers need only its types, and the analysis its
// facts.
func release(p *packages.Package, pass *analysis.Pass) {
	p.Syntax, p.TypesInfo = nil, nil
	if pass != nil {
		pass.Files, pass.TypesInfo = nil, nil
	}
}

// readExport fills in p.Types from its export data file.
func (l *hybridLoader) readExport(p *packages.Package) error {
	l.exportMu.Lock()
	defer l.exportMu.Unlock()
	f, err := os.Open(p.ExportFile)
	if err != nil {
		return err
	}
	defer f.Close()
	r, err := gcexportdata.NewReader(f)
	if err != nil {
		return fmt.Errorf("reading %s: %v", p.ExportFile, err)
	}
	// The packages export data may name: p's transitive imports, by path.
	view := map[string]*types.Package{p.PkgPath: p.Types}
	var visit func(imports map[string]*packages.Package)
	visit = func(imports map[string]*packages.Package) {
		for _, q := range imports {
			if _, ok := view[q.PkgPath]; !ok {
				view[q.PkgPath] = q.Types
				visit(q.Imports)
			}
		}
	}
	visit(p.Imports)
	if _, err := gcexportdata.Read(r, l.fset, view, p.PkgPath); err != nil {
		return fmt.Errorf("reading %s: %v", p.ExportFile, err)
	}
	return nil
}

// check parses and type-checks p, as go/packages does for a package loaded
// from source.
func (l *hybridLoader) check(p *packages.Package) {
	listed := p.Errors
	p.Errors = nil
	defer func() { p.Errors = append(keepListErrors(listed, len(p.Errors) > 0), p.Errors...) }()
	addError := func(err error) {
		switch err := err.(type) {
		case scanner.ErrorList:
			for _, e := range err {
				p.Errors = append(p.Errors, packages.Error{Pos: e.Pos.String(), Msg: e.Msg, Kind: packages.ParseError})
			}
		case *os.PathError:
			p.Errors = append(p.Errors, packages.Error{Pos: err.Path + ":1", Msg: err.Err.Error(), Kind: packages.ParseError})
		case types.Error:
			p.TypeErrors = append(p.TypeErrors, err)
			p.Errors = append(p.Errors, packages.Error{Pos: err.Fset.Position(err.Pos).String(), Msg: err.Msg, Kind: packages.TypeError})
		default:
			p.Errors = append(p.Errors, packages.Error{Pos: "-", Msg: err.Error(), Kind: packages.UnknownError})
		}
	}
	for _, name := range p.CompiledGoFiles {
		src, err := os.ReadFile(name)
		if err != nil {
			addError(err)
			continue
		}
		f, err := parser.ParseFile(l.fset, name, src, parser.AllErrors|parser.ParseComments)
		if err != nil {
			addError(err)
		}
		if f != nil {
			p.Syntax = append(p.Syntax, f)
		}
	}
	p.TypesInfo = newTypesInfo()
	tc := &types.Config{
		Importer: importerFunc(func(path string) (*types.Package, error) {
			if path == "unsafe" {
				return types.Unsafe, nil
			}
			q := p.Imports[path]
			if q == nil && path == "C" {
				// go list hands over the files cgo was to translate as
				// they are when it could not.
				return nil, errors.New(noCgo)
			}
			if q == nil {
				return nil, fmt.Errorf("no metadata for %s", path)
			}
			if !q.Types.Complete() {
				return nil, fmt.Errorf("could not load %s", path)
			}
			return q.Types, nil
		}),
		Error: func(err error) {
			// A file with two import "C" declarations (two preambles) is
			// one package C to cgo, two to a type checker that sees the
			// files cgo did not translate: an echo of the failure above.
			if e, ok := err.(types.Error); ok && cgoEcho(e.Msg) {
				return
			}
			addError(err)
		},
		Sizes: p.TypesSizes,
	}
	if p.Module != nil && p.Module.GoVersion != "" {
		tc.GoVersion = "go" + p.Module.GoVersion
	}
	err := types.NewChecker(tc, l.fset, p.Types, p.TypesInfo).Files(p.Syntax)
	if err != nil && len(p.Errors) == 0 {
		addError(err)
	}
	// Without cgo processing (CGO_ENABLED=0), import "C" would pass
	// unnoticed; the package is then incomplete.
	// (Said once: the type checker has said so already when it could not
	// import C.)
	if len(p.Errors) > 0 {
		return
	}
	for _, f := range p.Syntax {
		for _, imp := range f.Imports {
			if imp.Path.Value == `"C"` {
				addError(types.Error{Fset: l.fset, Pos: imp.Pos(), Msg: `import "C" ignored: ` + noCgo})
				return
			}
		}
	}
}

// cgoEcho reports whether a type checker's message only echoes that cgo
// did not process a package (see noCgo): the second import "C" of a file
// with two preambles, and where the first was.
func cgoEcho(msg string) bool {
	return msg == "C redeclared in this block" || msg == "\tother declaration of C"
}

// noCgo says why a package that imports "C" cannot be analysed.
const noCgo = "cgo did not process this package: CGO_ENABLED=0, or its C compiler or headers are missing here (go build says which); it is not analysed"

// keepListErrors returns the errors go list reported for a package, less
// the compiler's output when the package's own parse or type errors are
// known (checked): go list -export compiles the package for its export
// data, and reports a failure as "# path" followed by the compiler's
// messages, which the type checker's then repeat.
func keepListErrors(listed []packages.Error, checked bool) []packages.Error {
	if !checked {
		return listed
	}
	var keep []packages.Error
	for _, e := range listed {
		if !strings.HasPrefix(e.Msg, "# ") {
			keep = append(keep, e)
		}
	}
	return keep
}

func newTypesInfo() *types.Info {
	return &types.Info{
		Types:        make(map[ast.Expr]types.TypeAndValue),
		Defs:         make(map[*ast.Ident]types.Object),
		Uses:         make(map[*ast.Ident]types.Object),
		Implicits:    make(map[ast.Node]types.Object),
		Instances:    make(map[*ast.Ident]types.Instance),
		Scopes:       make(map[ast.Node]*types.Scope),
		Selections:   make(map[*ast.SelectorExpr]*types.Selection),
		FileVersions: make(map[*ast.File]string),
	}
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// wrap returns a copy of a that, on the packages loaded from export data,
// does not run: the package gives the facts stored in the fact cache. After
// a dependency loaded from source has been analysed, its facts are stored
// there.
func (plan *loadPlan) wrap(a *analysis.Analyzer) *analysis.Analyzer {
	g := *a
	run := a.Run
	none := skipped(a).Run
	g.Run = func(pass *analysis.Pass) (any, error) {
		p := plan.byTypes[pass.Pkg]
		if p != nil && plan.loader != nil && plan.loader.checkLate(p) {
			// The pass was made before the package was checked.
			pass.Files, pass.TypesInfo, pass.TypeErrors = p.Syntax, p.TypesInfo, p.TypeErrors
			if p.IllTyped && !a.RunDespiteErrors {
				return nil, errSkipped
			}
		}
		switch {
		case p == nil || plan.root[p]:
			return run(pass)
		case !plan.fromSource[p]:
			res, _ := none(pass)
			return res, plan.facts.restore(p, pass)
		}
		if plan.loader != nil {
			defer release(p, pass)
		}
		if plan.facts == nil || len(p.Errors) > 0 {
			return run(pass)
		}
		ex := record(pass)
		res, err := run(pass)
		if err == nil {
			plan.facts.save(p, ex)
		}
		return res, err
	}
	return &g
}

// errSkipped is the checker's own error for an ill-typed package, which the
// pass of a package checked late has to give itself.
var errSkipped = errors.New("analysis skipped due to errors in package")

// skipped returns a copy of a that does not run: it exports no fact and
// returns a's zero result.
func skipped(a *analysis.Analyzer) *analysis.Analyzer {
	g := *a
	var none any
	if a.ResultType != nil {
		none = reflect.Zero(a.ResultType).Interface()
	}
	g.Run = func(*analysis.Pass) (any, error) { return none, nil }
	return &g
}

// loadSource loads every package from source, as go/packages does with
// cfg's mode, and returns the plan that says so.
func loadSource(cfg *packages.Config, patterns []string) ([]*packages.Package, *loadPlan, error) {
	roots, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, nil, err
	}
	plan := newLoadPlan(roots, nil)
	packages.Visit(roots, nil, func(p *packages.Package) {
		plan.fromSource[p] = true
		if p.Types != nil {
			plan.byTypes[p.Types] = p
		}
	})
	return roots, plan, nil
}
