package analyzer

import (
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// Where an interface value is kept, for the interface calls other packages
// resolve (ifacecalls.go).
//
// An interface call whose receiver the calling package loaded from memory
// (l.R.Read inside io.LimitedReader, s.inv.Invalidate inside a Store) runs
// whatever dynamic value was stored there. A package that resolves such a
// call against one of its own types needs a witness that a value of that
// type can be there: a store of it, in this package, into that field or
// package-level variable, or a call that passes it to a function that
// stores that parameter there (store.New(c), bufio.NewReader(conn)). Without
// one the type is not an implementation of that call: converting a
// connection to io.Reader somewhere does not put it inside the LimitedReader
// crypto/rand reads from under another package's lock. A receiver whose
// origin is neither a parameter, a conversion nor a field or variable (a
// call's result, a map element) has no witness and is not resolved.
//
// The places are named by the field of a named struct type ("field:" and
// the type's package path, name and field) or the package-level variable
// ("global:" and its package path and name); only places of interface type
// matter.

// A ParamStore says that a function stores its parameter Param (or a value
// converted from it) into the place Into, itself or through the functions it
// calls.
type ParamStore struct {
	Param int
	Into  string
}

// placeOf names the field or package-level variable an address points to,
// when the value kept there is an interface; "" otherwise.
func placeOf(addr ssa.Value) string {
	switch a := addr.(type) {
	case *ssa.FieldAddr:
		return fieldPlace(deref(a.X.Type()), a.Field)
	case *ssa.Global:
		if types.IsInterface(deref(a.Type())) && a.Pkg != nil {
			return "global:" + a.Pkg.Pkg.Path() + "." + a.Name()
		}
	}
	return ""
}

// fieldPlace names field i of the named struct type t, when it holds an
// interface: by the field's lock class key, which names a field the same
// way.
func fieldPlace(t types.Type, i int) string {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return ""
	}
	st, ok := n.Underlying().(*types.Struct)
	if !ok || i >= st.NumFields() || !types.IsInterface(st.Field(i).Type()) {
		return ""
	}
	return "field:" + fieldClass(n, st.Field(i).Name(), Class{}).Key
}

// loadedFrom names the place an interface value was loaded from, through
// the conversions and assertions that keep its dynamic type; "" when it was
// not loaded from a field or package-level variable.
func loadedFrom(v ssa.Value) string {
	switch x := sameDynamic(v).(type) {
	case *ssa.UnOp:
		if x.Op == token.MUL {
			return placeOf(x.X)
		}
	case *ssa.Field:
		return fieldPlace(x.X.Type(), x.Field)
	}
	return ""
}

// placesOf lists, sorted, the places a value (or an interface value
// converted from it) is stored into: by this function, or by the
// functions it passes it to (their ParamStores).
func (ps *passState) placesOf(v ssa.Value) []string {
	out := make(map[string]bool)
	ps.storesOf(v, make(map[ssa.Value]bool), out)
	places := make([]string, 0, len(out)) // never nil: see convertedInto
	for p := range out {
		places = append(places, p)
	}
	slices.Sort(places)
	return places
}

func (ps *passState) storesOf(v ssa.Value, seen map[ssa.Value]bool, out map[string]bool) {
	if seen[v] || v.Referrers() == nil {
		return
	}
	seen[v] = true
	for _, r := range *v.Referrers() {
		switch x := r.(type) {
		case *ssa.MakeInterface:
			ps.storesOf(x, seen, out)
		case *ssa.ChangeInterface:
			ps.storesOf(x, seen, out)
		case *ssa.ChangeType:
			ps.storesOf(x, seen, out)
		case *ssa.Phi:
			ps.storesOf(x, seen, out)
		case *ssa.Store:
			if x.Val == v {
				if p := placeOf(x.Addr); p != "" {
					out[p] = true
				}
			}
		case ssa.CallInstruction:
			common := x.Common()
			callee := common.StaticCallee()
			if callee == nil {
				continue
			}
			sum := ps.summary(callee)
			if sum == nil {
				continue
			}
			for i, a := range common.Args {
				if a != v {
					continue
				}
				for _, s := range sum.ParamStores {
					if s.Param == i {
						out[s.Into] = true
					}
				}
			}
		}
	}
}

// paramStores lists where the function stores each of its parameters.
func (fa *fnAnalysis) paramStores() []ParamStore {
	var out []ParamStore
	for i, p := range fa.fn.Params {
		for _, place := range fa.ps.placesOf(p) {
			out = append(out, ParamStore{Param: i, Into: place})
		}
	}
	return out
}

// convertedInto reports whether the conversion cv's value can be in the
// place a record's receiver was loaded from (see the rule above). The
// places of a conversion are found once, on first use.
func (ps *passState) convertedInto(cv *conversion, place string) bool {
	if place == "" {
		return false
	}
	if cv.places == nil {
		cv.places = ps.placesOf(cv.at.X)
	}
	return slices.Contains(cv.places, place)
}

// showPlace is a place as messages show it: "io.LimitedReader.R".
func showPlace(place string) string {
	_, p, _ := strings.Cut(place, ":")
	return p[strings.LastIndex(p, "/")+1:]
}
