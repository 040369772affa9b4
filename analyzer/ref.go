package analyzer

import (
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"
)

// A Ref names a resource (a lock, a Once, a channel…) by where it lives,
// without pointer analysis, in the style of gVisor's checklocks:
//
//   - Param i or FreeVar i, followed by a path: relative to the function's own
//     parameters or captured variables. Summaries are written in these terms and
//     rewritten to the caller's values at each call site.
//   - Global: a package-level variable, the same everywhere.
//   - Alloc: an allocation site inside one function (a local mutex).
//   - Opaque: anything else (a call result, a map lookup); equal only to itself
//     inside one function, and never across calls.
//
// Path elements are field names, "[]" for an element of a slice, array or map
// (never exact: two indices may differ), "*" for the load of a captured
// variable's cell (resolved against the closure's binding at the call site),
// "#r" for the read view returned by RWMutex.RLocker, and "$fvN@fn" for free
// variable N of the closure fn, which the path has reached (see binding.fnRef).
//
// Refs are stored in facts, so they hold strings and ints only.
type Ref struct {
	Base    BaseKind
	Index   int      // parameter or free-variable index
	Name    string   // Global: "pkgpath.name"; Alloc/Opaque: a site; Param/FreeVar: the name, for display
	Path    []string // fields and markers, see above
	Class   Class    // the lock class, for lock-order edges; zero when unknown (a bare parameter)
	Inexact bool     // the same Ref may name different resources (a fresh allocation per call)
}

// BaseKind says what a Ref's path starts from.
type BaseKind uint8

const (
	BaseOpaque BaseKind = iota
	BaseParam
	BaseFree
	BaseGlobal
	BaseAlloc
	BaseResult // a fresh channel the function returns, by result index
)

// A Class is the static identity of a lock shared by all its instances: the
// field of a named struct type, a package-level variable, or an allocation site.
// Lock-order edges are drawn between classes, as lockdep does.
type Class struct {
	Key  string // unique: "pkgpath.T.f", "pkgpath.name" or an allocation site
	Pkg  string // package path the class belongs to, for display
	Text string // display relative to Pkg: "(*T).f", "name"
	// Loose marks the class of a lock wrapper's field reached from a
	// value whose own class is unknown (a bare parameter): the field that
	// holds the wrapper, once a caller supplies it, names the lock better
	// (see fieldClass and calleeClass).
	Loose bool
	// Ptr marks the class of a lock reached through a field that holds a
	// pointer or an interface (mu *sync.Mutex, l sync.Locker): the class
	// names the holder, and the lock it points at may be any lock of the
	// program, of whatever class it has where it lives.
	Ptr bool
}

func (c Class) known() bool { return c.Key != "" }

// mayAlias reports whether a lock of class c may be a lock of class d by
// what the classes say: either is unknown or reached through a pointer
// field, or they are the same class.
func (c Class) mayAlias(d Class) bool {
	return !c.known() || !d.known() || c.Ptr || d.Ptr || c.Key == d.Key
}

// local reports whether the class is a function's own allocation (a local
// mutex, channel or Cond), shown by its variable name alone.
func (c Class) local() bool {
	return strings.HasPrefix(c.Key, "alloc:") || strings.HasPrefix(c.Key, "chan:") || strings.HasPrefix(c.Key, "cond:")
}

// show renders the class as seen from package path from: unqualified inside
// its own package, with the package name prefixed elsewhere.
func (c Class) show(from string) string {
	if c.Pkg == "" || c.Pkg == from || c.local() {
		return c.Text
	}
	name := pkgName(c.Pkg)
	if strings.HasPrefix(c.Text, "(*") {
		return "(*" + name + "." + c.Text[2:]
	}
	return name + "." + c.Text
}

// pkgName guesses a package's name from its path: the last element, skipping a
// major-version suffix.
func pkgName(path string) string {
	parts := strings.Split(path, "/")
	last := parts[len(parts)-1]
	if len(parts) > 1 && len(last) > 1 && last[0] == 'v' {
		if _, err := strconv.Atoi(last[1:]); err == nil {
			last = parts[len(parts)-2]
		}
	}
	return last
}

// key identifies the instance a Ref names, within one function's frame.
func (r Ref) key() string {
	var buf [128]byte // (on the stack: the string is the one allocation, and key is asked for at every comparison of Refs)
	return string(r.appendKey(buf[:0]))
}

// appendKey appends r.key() to dst, without allocating a string (the
// binding's memo writes its keys into a reused buffer).
func (r Ref) appendKey(dst []byte) []byte {
	switch r.Base {
	case BaseParam:
		dst = append(dst, 'p')
		dst = strconv.AppendInt(dst, int64(r.Index), 10)
	case BaseFree:
		dst = append(dst, 'f')
		dst = strconv.AppendInt(dst, int64(r.Index), 10)
	case BaseGlobal:
		dst = append(dst, "g:"...)
		dst = append(dst, r.Name...)
	case BaseAlloc:
		dst = append(dst, "a:"...)
		dst = append(dst, r.Name...)
	case BaseResult:
		dst = append(dst, 'r')
		dst = strconv.AppendInt(dst, int64(r.Index), 10)
	default:
		dst = append(dst, "o:"...)
		dst = append(dst, r.Name...)
	}
	for _, p := range r.Path {
		dst = append(dst, '.')
		dst = append(dst, p...)
	}
	if r.Inexact {
		dst = append(dst, '~')
	}
	return dst
}

// exact reports whether two acquisitions of a Ref with the same key are
// certainly acquisitions of the same lock.
func (r Ref) exact() bool {
	return !r.Inexact && !r.element()
}

// element reports whether r names an element of a slice, array or map (or
// something inside one): two uses with the same key may name different
// elements, s[i] and s[i+1].
func (r Ref) element() bool {
	return slices.Contains(r.Path, "[]")
}

// rewritable reports whether the Ref is relative to the function's frame and
// means something to a caller once rewritten.
func (r Ref) rewritable() bool {
	return r.Base == BaseParam || r.Base == BaseFree || r.Base == BaseResult
}

// show renders the Ref for messages: its class if known, else its name and path.
func (r Ref) show(from string) string {
	if r.Class.known() {
		return r.Class.show(from)
	}
	var parts []string
	name := r.Name
	if r.Base == BaseGlobal || r.Base == BaseAlloc || r.Base == BaseOpaque || name == "" {
		// An opaque value's class holds no key but its display name (see
		// resolver.displayName); "lock" is the last resort of a Ref made
		// without one.
		name = r.Class.Text
		if name == "" {
			name = "lock"
		}
		if r.Base == BaseGlobal {
			name = r.Name[strings.LastIndex(r.Name, ".")+1:]
		}
	}
	parts = append(parts, name)
	for _, p := range r.Path {
		if p != "*" && p != "#r" && !strings.HasPrefix(p, freeVarPrefix) {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ".")
}

// withPath returns r extended by one path element; a field element also sets
// the class (the field's own class, see fieldClass).
func (r Ref) withPath(elem string, class Class) Ref {
	r.Path = append(append([]string(nil), r.Path...), elem)
	if class.known() {
		r.Class = class
	}
	return r
}

// readView reports whether r names RWMutex.RLocker()'s view, and returns the
// underlying RWMutex.
func (r Ref) readView() (Ref, bool) {
	if n := len(r.Path); n > 0 && r.Path[n-1] == "#r" {
		r.Path = r.Path[:n-1]
		return r, true
	}
	return r, false
}

// fieldClass is the class of field f of the struct that typ (a struct or a
// pointer to one) denotes: "(*T).f" for a named T, the base's class plus ".f"
// for an anonymous struct.
//
// The field of a lock wrapper (a struct whose one field is an embedded mutex
// or wrapper: type Mutex struct{ sync.Mutex }) is the lock of the field
// that holds the wrapper: its class is the base's plus ".f", so that the
// wrappers held by different fields are different classes, as two
// sync.Mutex fields are. Without a base class (a bare parameter) it is the
// wrapper's own field, marked Loose for a caller to refine.
//
// A sync.Cond's L is such a field too: it holds the lock the Cond was
// made with, one per Cond, and is classed by the field (or variable) that
// holds the Cond, so that two Conds held by different fields are two
// classes, not one "(*sync.Cond).L" shared by every Cond of the program.
// (A Cond field made over a lock of its own object is that lock instead:
// see aliases.go.)
func fieldClass(typ types.Type, field string, base Class) Class {
	if p, ok := typ.Underlying().(*types.Pointer); ok {
		typ = p.Elem()
	}
	n, named := types.Unalias(typ).(*types.Named)
	wrapper := named && (lockWrapper(n, 0) || field == "L" && isSyncType(n, "Cond"))
	if wrapper && base.known() {
		return base.extend(field)
	}
	if named {
		obj := n.Origin().Obj()
		pkg := ""
		if obj.Pkg() != nil {
			pkg = obj.Pkg().Path()
		}
		return Class{Key: pkg + "." + obj.Name() + "." + field, Pkg: pkg, Text: "(*" + obj.Name() + ")." + field, Loose: wrapper}
	}
	if base.known() {
		return base.extend(field)
	}
	return Class{}
}

// extend is the class of field f of a value of class c.
func (c Class) extend(f string) Class {
	return Class{Key: c.Key + "." + f, Pkg: c.Pkg, Text: c.Text + "." + f, Loose: c.Loose}
}

// lockWrapper reports whether n is a struct whose one field is an embedded
// sync.Mutex, sync.RWMutex or lock wrapper (by value): a type that is a lock
// under another name. A struct that names its one mutex field is a type of
// its own and keeps its field's class.
func lockWrapper(n *types.Named, depth int) bool {
	st, ok := n.Underlying().(*types.Struct)
	if !ok || st.NumFields() != 1 || !st.Field(0).Embedded() || depth > 4 {
		return false
	}
	ft, ok := types.Unalias(st.Field(0).Type()).(*types.Named)
	if !ok {
		return false
	}
	if obj := ft.Obj(); obj.Pkg() != nil && obj.Pkg().Path() == "sync" {
		return obj.Name() == "Mutex" || obj.Name() == "RWMutex"
	}
	return lockWrapper(ft, depth+1)
}

// siteName names an allocation or opaque value by function and position; it
// is stable across runs and machines (base file name only).
func siteName(fset *token.FileSet, fn string, pos token.Pos, fallback string) string {
	if pos.IsValid() {
		p := fset.Position(pos)
		file := p.Filename[strings.LastIndex(p.Filename, "/")+1:]
		return fn + "@" + file + ":" + strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Column)
	}
	return fn + "#" + fallback
}

// freeVarPrefix starts the path element for a closure's free variable.
const freeVarPrefix = "$fv"

// freeVarElem is the path element for free variable i of the closure fn:
// "$fvI@fn". A function value may hold any of several closures (every
// closure stored into one field is a candidate of a call through it); the
// element says whose variable it is, so that a caller that knows which
// closure the value holds binds only that closure's variables.
func freeVarElem(i int, fn string) string {
	return freeVarPrefix + strconv.Itoa(i) + "@" + fn
}

// parseFreeVar returns the index and the closure of a free-variable path
// element.
func parseFreeVar(elem string) (int, string, bool) {
	rest, ok := strings.CutPrefix(elem, freeVarPrefix)
	if !ok {
		return 0, "", false
	}
	num, fn, _ := strings.Cut(rest, "@")
	i, err := strconv.Atoi(num)
	return i, fn, err == nil
}
