package analyzer

import (
	"go/token"
	"go/types"
	"sort"

	"github.com/awaitvet/awaitvet/callgraph"
	"golang.org/x/tools/go/ssa"
)

// Channels only this package can name: an unexported package-level
// variable, or an unexported field of a struct type of this package. No
// other package can send on or close such a channel unless this package
// hands it out, so when every function of the package is in sight (test
// code aside, see sourceFiles) and none of them sends on it, closes it or
// lets it out under another name, a plain receive from it waits forever.
//
// The rule is conservative at every step; the channel counts as fed (and
// nothing is reported) when any function of the package
//   - sends on it (a plain send or a select case) or closes it (also
//     deferred);
//   - lets the channel value go anywhere but a receive, len or cap: passed
//     to a function (even one of this package: its summary is not
//     consulted), started with, stored, sent, returned, converted to an
//     interface, merged by a phi with another channel;
//   - takes the address of the variable or field for anything but a load
//     or a store;
//   - stores into it anything but a channel made for it alone (a parameter,
//     a channel also kept under another name: see aliasedStore).
//
// Returning it is not letting it out when the result is receive-only
// (`func (s *S) Done() <-chan struct{} { return s.done }`): whoever calls
// the getter, in this package or another, can only receive from what it
// gets. The package's own calls of such a getter are the channel under
// another name, and their results are followed like reads of it.
//
// It must also be made: a variable or field never assigned a made channel
// is nil, which checkNil words. Receives that are cases of a select are not
// reported (another case may fire); range loops are (they wait for a value
// or a close that never comes).

// A chanHome is one such variable or field and what the package does with it.
type chanHome struct {
	obj    *types.Var // the package-level variable, or the field's origin
	name   string     // as findings print it
	made   []chanSite // where a channel made for it alone is stored in it
	fed    bool       // sent on, or let out under another name
	recvs  []chanSite // its plain receives
	closes []chanSite // its closes (fed says nothing of them)

	ps      *passState             // for the package's static calls (staticCalls), on first use
	getters map[*ssa.Function]bool // functions returning it receive-only, followed once

	feedAt   chanSite // its first send
	deadFeed chanSite // in a program, a send or close in code that never runs

	sends   []chanSite // its sends, select cases included
	leaked  bool       // let out under another name (fed, but not by a send of its own)
	foreign bool       // stored a channel that was not made for it (nor nil)
}

// A chanSite is a position in a function.
type chanSite struct {
	pos token.Pos
	fn  *ssa.Function
}

// unfedChannels returns, in source order of their declarations, the
// channels only this package can name that it makes but never feeds.
func (ps *passState) unfedChannels() []*chanHome {
	var out []*chanHome
	for _, h := range ps.chanHomes() {
		if len(h.closes) == 0 {
			out = append(out, h)
		}
	}
	return out
}

// chanHomes returns, in source order of their declarations, the channels
// only this package can name that it makes and receives from, and sends
// on nowhere nor lets out: only a close (if any) ends their receives.
func (ps *passState) chanHomes() []*chanHome {
	if ps.homes != nil {
		return *ps.homes
	}
	homes := ps.allChanHomes()
	for obj, d := range ps.chanHomesIn(ps.deadFuncs()) {
		if h := homes[obj]; h != nil {
			h.deadFeed = d.feedAt
			if !h.deadFeed.pos.IsValid() && len(d.closes) > 0 {
				h.deadFeed = d.closes[0]
			}
		}
	}
	out := orderHomes(ps, homes, func(h *chanHome) bool { return !h.fed && len(h.made) > 0 && len(h.recvs) > 0 },
		func(h *chanHome) (*types.Var, string, [][]chanSite) { return h.obj, h.name, [][]chanSite{h.recvs} })
	ps.homes = &out
	return out
}

// allChanHomes returns the homes of every channel only this package can
// name, as the functions that may run use them (fed or not), computed once.
func (ps *passState) allChanHomes() map[*types.Var]*chanHome {
	if ps.homeMap == nil {
		ps.homeMap = ps.chanHomesIn(ps.unfedFuncs())
	}
	return ps.homeMap
}

// chanHomesIn classifies what the functions fns do with the channels only
// this package can name.
func (ps *passState) chanHomesIn(fns []*ssa.Function) map[*types.Var]*chanHome {
	homes := make(map[*types.Var]*chanHome)
	home := func(obj *types.Var, name string) *chanHome {
		h := homes[obj]
		if h == nil {
			h = &chanHome{obj: obj, name: name, ps: ps}
			homes[obj] = h
		}
		return h
	}
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch x := instr.(type) {
				case *ssa.FieldAddr:
					if obj, ok := ps.ownChanField(x.X.Type(), x.Field); ok {
						h := home(obj, fieldClass(x.X.Type(), obj.Name(), Class{}).show(ps.pkgPath))
						ps.addressUses(h, fn, x)
					}
				case *ssa.Field:
					if obj, ok := ps.ownChanField(x.X.Type(), x.Field); ok {
						h := home(obj, fieldClass(x.X.Type(), obj.Name(), Class{}).show(ps.pkgPath))
						h.valueUses(fn, x)
					}
				}
				for _, opnd := range instr.Operands(nil) {
					g, ok := (*opnd).(*ssa.Global)
					if !ok {
						continue
					}
					obj, ok := ps.ownChanGlobal(g)
					if !ok {
						continue
					}
					h := home(obj, obj.Name())
					switch x := instr.(type) {
					case *ssa.UnOp:
						if x.Op == token.MUL {
							h.valueUses(fn, x)
							continue
						}
						h.fed, h.leaked = true, true
					case *ssa.Store:
						if x.Addr == g {
							h.stored(fn, x)
							continue
						}
						h.fed, h.leaked = true, true
					case *ssa.DebugRef:
					default:
						h.fed, h.leaked = true, true
					}
				}
			}
		}
	}
	return homes
}

// orderHomes keeps the homes (of channels, WaitGroups, Conds) that keep
// says are findings, in source order of their declarations (then by name),
// and sorts the sites of each that about lists: findings and their hops
// come out in the same order on every run.
func orderHomes[H any](ps *passState, homes map[*types.Var]H, keep func(H) bool, about func(H) (*types.Var, string, [][]chanSite)) []H {
	var out []H
	for _, h := range homes {
		if keep(h) {
			out = append(out, h)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, an, _ := about(out[i])
		b, bn, _ := about(out[j])
		if c := callgraph.ComparePos(ps.pass.Fset, a.Pos(), b.Pos()); c != 0 {
			return c < 0
		}
		return an < bn
	})
	for _, h := range out {
		_, _, lists := about(h)
		for _, s := range lists {
			sort.Slice(s, func(i, j int) bool { return callgraph.ComparePos(ps.pass.Fset, s[i].pos, s[j].pos) < 0 })
		}
	}
	return out
}

// returned classifies a return of the channel value v by fn: receive-only,
// it stays the home's (see the rule above), and the results of fn's calls
// in this package are uses of it.
func (h *chanHome) returned(fn *ssa.Function, ret *ssa.Return, v ssa.Value) {
	ch, ok := v.Type().Underlying().(*types.Chan)
	if !ok || ch.Dir() != types.RecvOnly {
		h.fed, h.leaked = true, true
		return
	}
	if h.getters[fn] {
		return
	}
	if h.getters == nil {
		h.getters = make(map[*ssa.Function]bool)
	}
	h.getters[fn] = true
	for i, res := range ret.Results {
		if res != v {
			continue
		}
		for _, call := range h.ps.staticCalls()[fn] {
			if len(ret.Results) == 1 {
				h.valueUses(call.Parent(), call)
				continue
			}
			for _, r := range *call.Referrers() {
				if x, ok := r.(*ssa.Extract); ok && x.Index == i {
					h.valueUses(call.Parent(), x)
				}
			}
		}
	}
}

// staticCalls indexes the static calls of the functions unfedFuncs lists
// by their callee; built on first use (only getters need it).
func (ps *passState) staticCalls() map[*ssa.Function][]*ssa.Call {
	if ps.calls != nil {
		return ps.calls
	}
	ps.calls = make(map[*ssa.Function][]*ssa.Call)
	for _, fn := range ps.unfedFuncs() {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if call, ok := instr.(*ssa.Call); ok {
					if callee := call.Call.StaticCallee(); callee != nil {
						ps.calls[callee] = append(ps.calls[callee], call)
					}
				}
			}
		}
	}
	return ps.calls
}

// unfedFuncs lists the functions whose uses of the package's channels and
// WaitGroups are looked at: packageFuncs, and in a program (package main)
// only those that may run (mayRun): a send or a Done in code nothing
// reaches ends no wait, and a wait there never starts.
func (ps *passState) unfedFuncs() []*ssa.Function {
	if ps.unfed != nil {
		return ps.unfed
	}
	ix := ps.ctxIndex()
	fns := ps.packageFuncs()
	live := make([]*ssa.Function, 0, len(fns))
	for _, fn := range fns {
		if ix.mayRun(ps, fn) {
			live = append(live, fn)
		}
	}
	ps.unfed = live
	return live
}

// deadFuncs lists the functions of packageFuncs that a program never runs
// (none outside package main).
func (ps *passState) deadFuncs() []*ssa.Function {
	ix := ps.ctxIndex()
	var dead []*ssa.Function
	for _, fn := range ps.packageFuncs() {
		if !ix.mayRun(ps, fn) {
			dead = append(dead, fn)
		}
	}
	return dead
}

// packageFuncs lists the functions of the call graph, and the package
// initializer with the closures of its initial values, which make the
// channels of package-level variables and set their fields.
func (ps *passState) packageFuncs() []*ssa.Function {
	fns := ps.graph.Funcs()
	for _, fn := range fns {
		if fn.Pkg == nil {
			continue
		}
		if init := fn.Pkg.Func("init"); init != nil && !ps.graph.Contains(init) {
			fns = append(fns[:len(fns):len(fns)], init)
			for i := len(fns) - 1; i < len(fns); i++ {
				fns = append(fns, fns[i].AnonFuncs...)
			}
		}
		break
	}
	return fns
}

// ownGlobal returns the package-level variable g when it is unexported
// and of this package: only the package names it.
func (ps *passState) ownGlobal(g *ssa.Global) (*types.Var, bool) {
	obj, ok := g.Object().(*types.Var)
	return obj, ok && ps.sealed(obj)
}

// ownChanGlobal reports whether g is an unexported package-level channel
// variable of this package.
func (ps *passState) ownChanGlobal(g *ssa.Global) (*types.Var, bool) {
	obj, ok := ps.ownGlobal(g)
	if !ok {
		return nil, false
	}
	_, isChan := obj.Type().Underlying().(*types.Chan)
	return obj, isChan
}

// ownChanField reports whether field i of the struct typ (or pointer to
// one) is an unexported channel field declared in this package.
func (ps *passState) ownChanField(typ types.Type, i int) (*types.Var, bool) {
	f, ok := ps.ownStructField(typ, i)
	if !ok {
		return nil, false
	}
	_, isChan := f.Type().Underlying().(*types.Chan)
	return f, isChan
}

// ownStructField returns field i of the struct typ (or pointer to one) when it
// is unexported and declared in this package, and no file the build leaves
// out names it (offbuild.go): only the code in sight names it.
func (ps *passState) ownStructField(typ types.Type, i int) (*types.Var, bool) {
	f, ok := unexportedField(ps, typ, i)
	return f, ok && ps.sealed(f)
}

// unexportedField returns field i of the struct typ (or pointer to one)
// when it is unexported and declared in this package.
func unexportedField(ps *passState, typ types.Type, i int) (*types.Var, bool) {
	st, ok := deref(typ).Underlying().(*types.Struct)
	if !ok || i >= st.NumFields() {
		return nil, false
	}
	f := st.Field(i).Origin()
	if f.Exported() || f.Pkg() != ps.pass.Pkg {
		return nil, false
	}
	return f, true
}

// ownFieldKey is the class key of the field fa addresses, when the field
// is an unexported one of one of the package's types (only the package
// writes it).
func (ps *passState) ownFieldKey(fa *ssa.FieldAddr) (string, bool) {
	if _, own := unexportedField(ps, fa.X.Type(), fa.Field); !own {
		return "", false
	}
	return fieldClass(fa.X.Type(), fieldName(fa.X.Type(), fa.Field), Class{}).Key, true
}

// addressUses classifies the uses of the address of a channel field.
func (ps *passState) addressUses(h *chanHome, fn *ssa.Function, addr *ssa.FieldAddr) {
	for _, r := range *addr.Referrers() {
		switch r := r.(type) {
		case *ssa.UnOp:
			if r.Op == token.MUL {
				h.valueUses(fn, r)
				continue
			}
			h.fed, h.leaked = true, true
		case *ssa.Store:
			if r.Addr == addr {
				h.stored(fn, r)
				continue
			}
			h.fed, h.leaked = true, true
		case *ssa.DebugRef:
		default:
			h.fed, h.leaked = true, true
		}
	}
}

// stored classifies a store into the variable or field: a channel made
// for it alone (or nil) keeps it this home's only name.
func (h *chanHome) stored(fn *ssa.Function, st *ssa.Store) {
	if aliasedStore(st) {
		h.fed, h.leaked = true, true
		return
	}
	v := st.Val
	for {
		if ct, ok := v.(*ssa.ChangeType); ok {
			v = ct.X
			continue
		}
		break
	}
	if mc, ok := v.(*ssa.MakeChan); ok {
		h.made = append(h.made, chanSite{mc.Pos(), fn})
	} else if !isNilConst(v) {
		h.foreign = true
	}
}

// valueUses classifies the uses of the channel value v read from the home.
func (h *chanHome) valueUses(fn *ssa.Function, v ssa.Value) {
	for _, r := range *v.Referrers() {
		switch r := r.(type) {
		case *ssa.UnOp:
			if r.Op == token.ARROW && r.X == v {
				h.recvs = append(h.recvs, chanSite{r.Pos(), fn})
				continue
			}
			h.fed, h.leaked = true, true
		case *ssa.Send:
			h.fed = true
			if r.Chan != v {
				h.leaked = true // sent as a value
				continue
			}
			h.sends = append(h.sends, chanSite{r.Pos(), fn})
			if !h.feedAt.pos.IsValid() {
				h.feedAt = chanSite{r.Pos(), fn}
			}
		case *ssa.Select:
			for _, s := range r.States {
				if s.Chan == v && s.Dir != types.RecvOnly || s.Send == v {
					h.fed = true
				}
				if s.Send == v {
					h.leaked = true
				}
				if s.Chan == v && s.Dir != types.RecvOnly {
					h.sends = append(h.sends, chanSite{s.Pos, fn})
					if !h.feedAt.pos.IsValid() {
						h.feedAt = chanSite{s.Pos, fn}
					}
				}
			}
		case ssa.CallInstruction:
			if b, ok := r.Common().Value.(*ssa.Builtin); ok {
				switch b.Name() {
				case "len", "cap":
					continue
				case "close":
					h.closes = append(h.closes, chanSite{r.Pos(), fn})
					continue
				}
			}
			h.fed, h.leaked = true, true // the channel handed to code that may feed it
		case *ssa.ChangeType:
			h.valueUses(fn, r)
		case *ssa.Return:
			h.returned(fn, r, v)
		case *ssa.BinOp, *ssa.DebugRef:
			// (a comparison with nil or another channel)
		default:
			h.fed, h.leaked = true, true
		}
	}
}

// checkUnfedChannels reports the plain receives from channels only this
// package can name that it makes but never sends on or closes. Another
// check's finding on the same receive is folded into this one (emit).
func (ps *passState) checkUnfedChannels() {
	reported := make(map[token.Pos]bool)
	for _, h := range ps.unfedChannels() {
		for _, r := range h.recvs {
			if reported[r.pos] || !r.pos.IsValid() {
				continue
			}
			reported[r.pos] = true
			m := h.made[0]
			chain := Chain{
				{Pos: ps.position(r.pos), Func: ps.name(r.fn), What: "receives from " + h.name},
				{Pos: ps.position(m.pos), Func: ps.name(m.fn), What: "makes " + h.name},
			}
			if d := h.deadFeed; d.pos.IsValid() {
				chain = append(chain, Hop{Pos: ps.position(d.pos), Func: ps.name(d.fn), What: "sends on or closes it, in code the program never runs"})
			}
			ps.reportUnfed(r.pos, h.name, chain)
		}
	}
}
