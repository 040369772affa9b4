package analyzer

import (
	"cmp"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// A resolver turns the SSA values of one function into Refs. It follows
// values through field selections, loads of captured cells, phis and
// conversions; anything it cannot follow becomes an Opaque Ref that is equal
// only to itself.
type resolver struct {
	fn   *ssa.Function
	fset *token.FileSet
	memo map[ssa.Value]Ref
	// getter, when set, resolves result i of a call through the callee's
	// summary (see Summary.Returns).
	getter func(call *ssa.Call, i int) (Ref, bool)
	alias  *aliasTable // fields that name a lock of their own object (aliases.go)
	// fieldOf, when set, resolves a field of result i of a call through
	// the callee's summary (see fieldbind.go).
	fieldOf func(call *ssa.Call, i int, field string) (Ref, bool)
	// local, when set, reports whether an allocation of this function
	// stays in it and the goroutines and callees it hands it to (see
	// ownClosure).
	local func(a *ssa.Alloc) bool
}

func newResolver(fn *ssa.Function, fset *token.FileSet) *resolver {
	return &resolver{fn: fn, fset: fset, memo: make(map[ssa.Value]Ref)}
}

// resolve returns the Ref naming the resource v points to (or is).
func (r *resolver) resolve(v ssa.Value) Ref {
	if ref, ok := r.memo[v]; ok {
		return ref
	}
	// A placeholder breaks cycles through phis.
	r.memo[v] = r.opaque(v)
	ref := r.compute(v)
	if r.alias != nil {
		ref = r.alias.aliased(r, v, ref)
	}
	r.memo[v] = ref
	return ref
}

// valueName names a value of fn that has no other identity by where it is
// made. One result of a call with several (_, c := f()) is named by the
// call's site and the result's index, which is as unique as the register
// name and says where the value comes from (see origin).
func valueName(fset *token.FileSet, fn *ssa.Function, v ssa.Value) string {
	if x, ok := v.(*ssa.Extract); ok && !v.Pos().IsValid() && x.Tuple.Pos().IsValid() {
		return siteName(fset, fn.String(), x.Tuple.Pos(), "") + "#" + strconv.Itoa(x.Index)
	}
	return siteName(fset, fn.String(), v.Pos(), v.Name())
}

func (r *resolver) opaque(v ssa.Value) Ref {
	ref := Ref{Base: BaseOpaque, Name: valueName(r.fset, r.fn, v)}
	if _, isChan := v.Type().Underlying().(*types.Chan); isChan {
		// A channel from a call (a generator) is shown by the variable it
		// is assigned to.
		if name := assignedName(r.fn.Syntax(), v.Pos()); name != "" {
			ref.Class = Class{Key: "chan:" + ref.Name, Text: name}
			if pkg := funcPkg(r.fn); pkg != nil {
				ref.Class.Pkg = pkg.Path()
			}
			return ref
		}
	}
	// Anything else gets a name for messages only (a class with no key is
	// no class: it joins no lock order and matches nothing).
	ref.Class = Class{Text: r.displayName(v)}
	return ref
}

// displayName names an opaque value for messages: the variable it is
// assigned to (t, c := New() names both results), else a word for what it
// is — never "lock" for a channel or a WaitGroup.
func (r *resolver) displayName(v ssa.Value) string {
	pos, index := v.Pos(), 0
	if x, ok := v.(*ssa.Extract); ok {
		pos, index = x.Tuple.Pos(), x.Index
	}
	if name := assignedNameAt(r.fn.Syntax(), pos, index); name != "" {
		return name
	}
	t := v.Type()
	if _, isChan := t.Underlying().(*types.Chan); isChan {
		return "channel"
	}
	if n, ok := types.Unalias(deref(t)).(*types.Named); ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "sync" {
		switch n.Obj().Name() {
		case "Mutex", "RWMutex", "Locker":
			return "lock"
		default: // WaitGroup, Cond, Once
			return n.Obj().Name()
		}
	}
	return "value"
}

func (r *resolver) compute(v ssa.Value) Ref {
	switch v := v.(type) {
	case *ssa.Parameter:
		for i, p := range r.fn.Params {
			if p == v {
				return Ref{Base: BaseParam, Index: i, Name: v.Name()}
			}
		}
	case *ssa.FreeVar:
		for i, fv := range r.fn.FreeVars {
			if fv == v {
				return Ref{Base: BaseFree, Index: i, Name: v.Name()}
			}
		}
	case *ssa.Global:
		if v.Pkg == nil {
			break
		}
		pkg := v.Pkg.Pkg.Path()
		return Ref{Base: BaseGlobal, Name: pkg + "." + v.Name(),
			Class: Class{Key: pkg + "." + v.Name(), Pkg: pkg, Text: v.Name()}}
	case *ssa.Alloc:
		// A local struct initialised once by copying another value (w :=
		// worker{...}, a value receiver's cell) shares that value's
		// channels, maps and pointers: name it by where the copy came from.
		if stored := uniqueStore(v); stored != nil && isStruct(deref(v.Type())) {
			if ld, ok := stored.(*ssa.UnOp); ok && ld.Op == token.MUL {
				return r.resolve(ld.X)
			}
			if p, ok := stored.(*ssa.Parameter); ok {
				return r.resolve(p)
			}
		}
		return r.allocSite(v)
	case *ssa.MakeChan:
		if home, ok := r.fieldHome(v); ok {
			return r.resolve(home)
		}
		site := siteName(r.fset, r.fn.String(), v.Pos(), v.Name())
		path := ""
		if pkg := funcPkg(r.fn); pkg != nil {
			path = pkg.Path()
		}
		return Ref{Base: BaseAlloc, Name: site, Class: Class{Key: "chan:" + site, Pkg: path, Text: chanName(r.fn, v)}}
	case *ssa.FieldAddr:
		if ref, ok := r.inCopy(v); ok { // copies.go
			return ref
		}
		base := r.resolve(v.X)
		f := fieldName(v.X.Type(), v.Field)
		return base.withPath(f, pointerField(fieldClass(v.X.Type(), f, base.Class), deref(v.Type())))
	case *ssa.Field:
		base := r.resolve(v.X)
		f := fieldName(v.X.Type(), v.Field)
		return base.withPath(f, pointerField(fieldClass(v.X.Type(), f, base.Class), v.Type()))
	case *ssa.UnOp:
		if v.Op == token.MUL {
			return r.load(v.X)
		}
	case *ssa.IndexAddr:
		return r.resolve(v.X).withPath("[]", Class{})
	case *ssa.Index:
		return r.resolve(v.X).withPath("[]", Class{})
	case *ssa.Lookup:
		return r.resolve(v.X).withPath("[]", Class{})
	case *ssa.MakeInterface:
		return r.resolve(v.X)
	case *ssa.ChangeType:
		return r.resolve(v.X)
	case *ssa.ChangeInterface:
		return r.resolve(v.X)
	case *ssa.Convert:
		// (*T)(p) for an unsafe.Pointer p, and back: the same object, however
		// many times it is converted (atomic.LoadPointer idioms).
		if isUnsafePointer(v.X.Type()) || isUnsafePointer(v.Type()) {
			return r.resolve(v.X)
		}
	case *ssa.TypeAssert:
		if !v.CommaOk {
			return r.resolve(v.X)
		}
	case *ssa.Phi:
		return r.phi(v)
	case *ssa.Extract:
		if call, ok := v.Tuple.(*ssa.Call); ok && r.getter != nil {
			if ref, ok := r.getter(call, v.Index); ok {
				return ref
			}
		}
	case *ssa.Call:
		if r.getter != nil {
			if ref, ok := r.getter(v, 0); ok {
				return ref
			}
		}
		name, _ := calleeName(v.Common())
		switch syncAPI[name].op {
		case OpRLocker:
			return r.resolve(v.Call.Args[0]).withPath("#r", Class{})
		case OpNewCond:
			// Each sync.NewCond makes a Cond: an allocation site.
			site := siteName(r.fset, r.fn.String(), v.Pos(), v.Name())
			text := assignedName(r.fn.Syntax(), v.Pos())
			if text == "" {
				text = "cond"
			}
			ref := Ref{Base: BaseAlloc, Name: site, Class: Class{Key: "cond:" + site, Text: text}}
			if pkg := funcPkg(r.fn); pkg != nil {
				ref.Class.Pkg = pkg.Path()
			}
			return ref
		}
	}
	return r.opaque(v)
}

// allocSite names an allocation by its site: each execution makes a new
// object of the same class.
func (r *resolver) allocSite(v *ssa.Alloc) Ref {
	site := siteName(r.fset, r.fn.String(), v.Pos(), v.Name())
	pkg := funcPkg(r.fn)
	name := v.Comment
	switch name {
	case "new": // new(sync.Mutex): the literal field or the variable it is written to
		if n := cmp.Or(literalFieldName(r.fn.Syntax(), v.Pos()), assignedName(r.fn.Syntax(), v.Pos())); n != "" {
			name = n
		}
	case "", "complit", "slicelit":
		name = assignedName(r.fn.Syntax(), v.Pos())
	}
	if name == "" {
		name = "local " + types.TypeString(deref(v.Type()), types.RelativeTo(pkg))
	}
	path := ""
	if pkg != nil {
		path = pkg.Path()
	}
	return Ref{Base: BaseAlloc, Name: site, Class: Class{Key: "alloc:" + site, Pkg: path, Text: name}}
}

// load resolves *p. Loads of a captured cell keep a "*" so the call site can
// resolve the cell; loads of a local cell with a single store see through to
// the stored value; any other load (of a field, a global) is transparent, since
// the pointer and the value it holds name the same lock.
func (r *resolver) load(p ssa.Value) Ref {
	switch p := p.(type) {
	case *ssa.FreeVar:
		return r.resolve(p).withPath("*", Class{})
	case *ssa.Alloc:
		if stored := uniqueStore(p); stored != nil {
			return r.resolve(stored)
		}
		if isStruct(deref(p.Type())) {
			return r.resolve(p) // loading a struct value: the same fields
		}
		if ref, ok := r.closureCell(p); ok { // cellflow.go
			return ref
		}
		return r.resolve(p).withPath("*", Class{})
	}
	return r.resolve(p)
}

// phi names a phi by what flows into it: one object, when every value
// that reaches it through phis (cycles round a loop aside) names the same
// one. A nil that reaches it names no other object: `in := ch; for in !=
// nil { if _, ok := <-in; !ok { in = nil } }` receives from ch whenever it
// receives at all (an operation on nil blocks, and a nil lock panics), so
// the variable is ch on every path on which it is used.
func (r *resolver) phi(v *ssa.Phi) Ref {
	var first *Ref
	for _, e := range phiLeaves(v) {
		ref := r.resolve(e)
		if first == nil {
			first = &ref
		} else if ref.key() != first.key() {
			return r.opaque(v)
		}
	}
	if first == nil {
		return r.opaque(v)
	}
	return *first
}

// phiLeaves lists the values other than phis and nil constants that reach
// phi v through its edges and those of the phis among them.
func phiLeaves(v *ssa.Phi) []ssa.Value {
	var out []ssa.Value
	phiEdges(v, func(_ *ssa.Phi, _ int, e ssa.Value) bool {
		if !isNilConst(e) && !slices.Contains(out, e) {
			out = append(out, e)
		}
		return true
	})
	return out
}

// phiEdges calls f with each edge of phi v, and of the phis that reach it
// through its edges, that is not itself a phi: the phi, the edge's index
// (its predecessor block's), and the value. It stops when f returns false,
// and reports whether it went through every edge.
func phiEdges(v *ssa.Phi, f func(p *ssa.Phi, j int, e ssa.Value) bool) bool {
	seen := map[*ssa.Phi]bool{v: true}
	work := []*ssa.Phi{v}
	for len(work) > 0 {
		p := work[len(work)-1]
		work = work[:len(work)-1]
		for j, e := range p.Edges {
			if q, ok := e.(*ssa.Phi); ok {
				if !seen[q] {
					seen[q] = true
					work = append(work, q)
				}
				continue
			}
			if !f(p, j, e) {
				return false
			}
		}
	}
	return true
}

// ownClosure resolves a callee's path that leads from v, an object this
// function allocates, to a free variable of a closure this function makes
// (root.monitor.handlers.[].$fv0@F$1): the closure kept there is the one
// made here, when it is made once per call (outside every loop) and the
// object stays in this function and the goroutines and callees it hands it
// to (it does not escape): no other call of this function, and nothing
// else, can put another closure of that literal into it. It returns the
// closure and the path from its free variable on.
func (r *resolver) ownClosure(v ssa.Value, path []string) (ssa.Value, []string, bool) {
	a, ok := v.(*ssa.Alloc)
	if !ok || a.Parent() != r.fn || r.local == nil {
		return nil, nil, false
	}
	for k, elem := range path {
		_, fn, ok := parseFreeVar(elem)
		if !ok {
			continue
		}
		mc := r.madeOnce(fn)
		if mc == nil || k == 0 || !r.local(a) {
			return nil, nil, false
		}
		return mc, path[k:], true
	}
	return nil, nil, false
}

// madeOnce returns the one MakeClosure of the closure named fn in this
// function, outside every loop; nil when there is none, or more.
func (r *resolver) madeOnce(fn string) *ssa.MakeClosure {
	var found *ssa.MakeClosure
	for _, b := range r.fn.Blocks {
		for _, instr := range b.Instrs {
			mc, ok := instr.(*ssa.MakeClosure)
			if !ok || mc.Fn.(*ssa.Function).Parent() != r.fn || mc.Fn.String() != fn {
				continue
			}
			if found != nil || inLoop(b) {
				return nil
			}
			found = mc
		}
	}
	return found
}

// uniqueStore returns the only value ever stored in a local cell, or nil.
func uniqueStore(a *ssa.Alloc) ssa.Value {
	var val ssa.Value
	for _, ref := range *a.Referrers() {
		if st, ok := ref.(*ssa.Store); ok && st.Addr == a {
			if val != nil {
				return nil
			}
			val = st.Val
		}
	}
	return val
}

// storedClosure returns, for a cell stored several times (`unlock :=
// mu.RUnlock; ...; unlock = mu.Unlock`), the one closure stored in it that
// the free-variable element elem names ("$fv0@(*sync.RWMutex).Unlock$bound"),
// when the cell's other uses only load it. An operation of the closure a
// call of the cell's value ran is then one of that closure's: each
// candidate's names its own (see candidateReleases).
func storedClosure(a *ssa.Alloc, elem string) ssa.Value {
	_, fn, ok := parseFreeVar(elem)
	if !ok || fn == "" {
		return nil
	}
	stores, ok := cellStores(a)
	if !ok {
		return nil
	}
	var found ssa.Value
	for _, st := range stores {
		if mc, ok := st.Val.(*ssa.MakeClosure); ok && mc.Fn.String() == fn {
			if found != nil {
				return nil
			}
			found = mc
		}
	}
	return found
}

// resolvePath rewrites a callee's path against the caller's value v: a
// leading "*" on a captured cell is resolved to what the caller stored in it.
func (r *resolver) resolvePath(v ssa.Value, path []string) Ref {
	ref, _ := r.resolveCalleePath(v, path)
	return ref
}

// resolveCalleePath is resolvePath, which also reports false when the path
// names a free variable of a closure other than the one v holds here: the
// operation it comes from belongs to a candidate that this value is not.
func (r *resolver) resolveCalleePath(v ssa.Value, path []string) (Ref, bool) {
	if mc, rest, ok := r.ownClosure(v, path); ok {
		v, path = mc, rest
	}
walk:
	for len(path) > 0 {
		switch {
		case path[0] == "*":
			a, ok := v.(*ssa.Alloc)
			if !ok {
				break walk
			}
			stored := uniqueStore(a)
			if stored == nil && len(path) > 1 {
				stored = storedClosure(a, path[1])
			}
			if stored == nil {
				break walk
			}
			v, path = stored, path[1:]
		case strings.HasPrefix(path[0], freeVarPrefix):
			// A free variable of the closure made here (see bind).
			mc, ok := v.(*ssa.MakeClosure)
			i, fn, okElem := parseFreeVar(path[0])
			if !ok || !okElem || i >= len(mc.Bindings) {
				break walk
			}
			if fn != "" && mc.Fn.String() != fn {
				return Ref{}, false
			}
			v, path = mc.Bindings[i], path[1:]
		default:
			if len(path) > 1 && strings.HasPrefix(path[1], freeVarPrefix) {
				// A closure kept in a field bound at construction: its
				// free variables are those of the closure made here.
				if mc := r.boundClosure(v, path[0]); mc != nil {
					v, path = mc, path[1:]
					continue
				}
				if ref, cell, ok := r.boundFactoryVar(v, path[0], path[1]); ok {
					rest := path[2:]
					if cell && len(rest) > 0 && rest[0] == "*" {
						rest = rest[1:]
					}
					return extendPath(ref, rest), true
				}
			}
			if ref, ok := r.boundField(v, path[0]); ok { // fieldbind.go
				return extendPath(ref, path[1:]), true
			}
			break walk
		}
	}
	if isCopy(v) && copiedSync(v.Type(), path) { // copies.go
		ref := r.opaque(v)
		ref.Inexact = true
		return extendPath(ref, path), true
	}
	return extendPath(r.resolve(v), path), true
}

// extendPath appends a callee's remaining path to the caller's Ref.
func extendPath(ref Ref, path []string) Ref {
	if len(path) == 0 {
		return ref
	}
	full := make([]string, len(ref.Path), len(ref.Path)+len(path))
	copy(full, ref.Path)
	for _, p := range path {
		if p == "*" && ref.Base != BaseFree && ref.Base != BaseAlloc && !afterFreeVar(full) {
			continue // a load of a non-cell is transparent
		}
		full = append(full, p)
	}
	ref.Path = full
	return ref
}

// afterFreeVar reports whether a path ends at a closure's free variable,
// whose load ("*") is a load of the captured variable's cell.
func afterFreeVar(path []string) bool {
	return len(path) > 0 && strings.HasPrefix(path[len(path)-1], freeVarPrefix)
}

func fieldName(typ types.Type, i int) string {
	if p, ok := typ.Underlying().(*types.Pointer); ok {
		typ = p.Elem()
	}
	if st, ok := typ.Underlying().(*types.Struct); ok && i < st.NumFields() {
		return st.Field(i).Name()
	}
	return "?"
}

func deref(t types.Type) types.Type {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// calleeName is the qualified name used as the key of the sync API table:
// "(*sync.Mutex).Lock" for a static call, "(sync.Locker).Lock" for an
// interface call; generic instances are named by their origin.
func calleeName(c *ssa.CallCommon) (string, bool) {
	if c.IsInvoke() {
		t := c.Value.Type()
		if _, ok := t.(*types.TypeParam); ok {
			// A method of a type parameter is its constraint's, as
			// declared: l.Unlock() of [L sync.Locker] is sync.Locker's.
			if recv := c.Method.Type().(*types.Signature).Recv(); recv != nil {
				t = recv.Type()
			}
		}
		return "(" + types.TypeString(t, nil) + ")." + c.Method.Name(), true
	}
	if fn := c.StaticCallee(); fn != nil {
		if o := fn.Origin(); o != nil {
			fn = o
		}
		return fn.String(), true
	}
	return "", false
}

// funcPkg is the package a function belongs to; synthetic wrappers have no
// ssa.Package but their method's object has one. It may be nil.
func funcPkg(fn *ssa.Function) *types.Package {
	if fn.Pkg != nil {
		return fn.Pkg.Pkg
	}
	if obj := fn.Object(); obj != nil {
		return obj.Pkg()
	}
	return nil
}

func isStruct(t types.Type) bool {
	_, ok := t.Underlying().(*types.Struct)
	return ok
}

// chanName recovers the variable a channel was made for: the captured
// variable's cell it is stored in, or the identifier it is assigned to.
func chanName(fn *ssa.Function, mc *ssa.MakeChan) string {
	for _, ref := range *mc.Referrers() {
		if st, ok := ref.(*ssa.Store); ok && st.Val == mc {
			switch a := st.Addr.(type) {
			case *ssa.Alloc:
				if a.Comment != "" {
					return a.Comment
				}
			case *ssa.FieldAddr:
				return fieldName(a.X.Type(), a.Field)
			}
		}
	}
	if name := assignedName(fn.Syntax(), mc.Pos()); name != "" {
		return name
	}
	return "channel made at line " + strconv.Itoa(fn.Prog.Fset.Position(mc.Pos()).Line)
}

// assignedName finds the identifier on the left of the assignment or
// declaration whose right-hand side starts at pos.
func assignedName(syntax ast.Node, pos token.Pos) string {
	return assignedNameAt(syntax, pos, 0)
}

// literalFieldName names a value written at pos as a field of a composite
// literal (`&pump{done: new(sync.Mutex)}`) by that field: "(*pump).done",
// or "pump.done" for a literal that is not addressed. The innermost
// literal holding pos decides; "" when pos is no such field's value.
func literalFieldName(syntax ast.Node, pos token.Pos) string {
	if syntax == nil || !pos.IsValid() {
		return ""
	}
	name := ""
	var addressed *ast.CompositeLit
	covers := func(n ast.Node) bool { return n != nil && n.Pos() <= pos && pos < n.End() }
	field := func(lit *ast.CompositeLit, ptr bool) {
		for _, e := range lit.Elts {
			kv, ok := e.(*ast.KeyValueExpr)
			if !ok || !covers(kv.Value) || lit.Type == nil {
				continue
			}
			key, ok := kv.Key.(*ast.Ident)
			if !ok {
				continue
			}
			typ := types.ExprString(lit.Type)
			if ptr {
				name = "(*" + typ + ")." + key.Name
			} else {
				name = typ + "." + key.Name
			}
		}
	}
	ast.Inspect(syntax, func(n ast.Node) bool {
		if !covers(n) {
			return false
		}
		switch n := n.(type) {
		case *ast.UnaryExpr:
			if lit, ok := n.X.(*ast.CompositeLit); ok && n.Op == token.AND {
				addressed = lit
			}
		case *ast.CompositeLit:
			field(n, n == addressed)
		}
		return true
	})
	return name
}

// assignedNameAt is assignedName for result index of a call with several
// results (a, b := f()): the index-th identifier on the left.
func assignedNameAt(syntax ast.Node, pos token.Pos, index int) string {
	if syntax == nil || !pos.IsValid() {
		return ""
	}
	name := ""
	ast.Inspect(syntax, func(n ast.Node) bool {
		if name != "" || n == nil || n.Pos() > pos || n.End() < pos {
			return name == ""
		}
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, rhs := range n.Rhs {
				if rhs.Pos() <= pos && pos < rhs.End() {
					if len(n.Rhs) == 1 {
						i = index
					}
					if i < len(n.Lhs) {
						if id, ok := n.Lhs[i].(*ast.Ident); ok && id.Name != "_" {
							name = id.Name
						}
					}
				}
			}
		case *ast.ValueSpec:
			for i, v := range n.Values {
				if v.Pos() <= pos && pos < v.End() {
					if len(n.Values) == 1 {
						i = index
					}
					if i < len(n.Names) && n.Names[i].Name != "_" {
						name = n.Names[i].Name
					}
				}
			}
		}
		return name == ""
	})
	return name
}

func isUnsafePointer(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Kind() == types.UnsafePointer
}

// pointerField marks the class of a field of type typ that holds a pointer
// or an interface (see Class.Ptr).
func pointerField(c Class, typ types.Type) Class {
	switch typ.Underlying().(type) {
	case *types.Pointer, *types.Interface:
		c.Ptr = c.known()
	}
	return c
}
