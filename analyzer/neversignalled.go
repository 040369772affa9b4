package analyzer

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// Conds only this package can name, which it waits on and never signals:
// the reasoning of neverfed.go and neverdone.go for sync.Cond. An
// unexported package-level *sync.Cond, or an unexported *sync.Cond field
// of a struct of this package, reaches code outside the package only if
// the package lets the pointer out. When every Cond stored in it is made
// for it alone (sync.NewCond's result, or a &sync.Cond{...} used for
// nothing else), and nothing in the package signals it, broadcasts on it
// or lets the pointer go anywhere but a Wait or a read of its L, a Wait on
// it never returns: a Wait returns only after a Signal or Broadcast (the
// loop around it re-checks, but no wakeup ever comes).
//
// Unlike the channel and WaitGroup checks, code a program never runs still
// counts: a Cond's Wait sits in a loop on a condition, and the code that
// would signal it is usually the code that would make the condition true;
// with both dead, the Wait is never reached.
//
// A Cond held by value in an unexported field is the same: its address
// is the field's, it is made when its L is set, and the uses of the
// address are classified like those of the pointer. (Local Conds are the
// cond check's: a function sees all of their uses itself.)

// A condHome is one such variable or field and what the package does with
// it.
type condHome struct {
	obj      *types.Var
	name     string
	made     []chanSite // stores of a Cond made for it alone (by value: of its L)
	waits    []chanSite // its Waits (plain calls)
	signaled bool       // signalled, broadcast, stored from elsewhere, or let out
}

// unsignalledConds returns, in source order of their declarations, the
// Conds only this package can name that it makes and waits on and never
// signals.
func (ps *passState) unsignalledConds() []*condHome {
	homes := make(map[*types.Var]*condHome)
	home := func(obj *types.Var, name string) *condHome {
		h := homes[obj]
		if h == nil {
			h = &condHome{obj: obj, name: name}
			homes[obj] = h
		}
		return h
	}
	for _, fn := range ps.packageFuncs() {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch x := instr.(type) {
				case *ssa.FieldAddr:
					if obj, ok := ps.ownStructField(x.X.Type(), x.Field); ok {
						switch {
						case isCondPtr(obj.Type()):
							home(obj, fieldClass(x.X.Type(), obj.Name(), Class{}).show(ps.pkgPath)).addressUses(fn, x)
						case isCondPtr(types.NewPointer(obj.Type())):
							home(obj, fieldClass(x.X.Type(), obj.Name(), Class{}).show(ps.pkgPath)).valueUses(fn, x)
						}
					}
				case *ssa.Field:
					if obj, ok := ps.ownStructField(x.X.Type(), x.Field); ok {
						switch {
						case isCondPtr(obj.Type()):
							home(obj, fieldClass(x.X.Type(), obj.Name(), Class{}).show(ps.pkgPath)).valueUses(fn, x)
						case isCondPtr(types.NewPointer(obj.Type())):
							home(obj, fieldClass(x.X.Type(), obj.Name(), Class{}).show(ps.pkgPath)).signaled = true // a copy
						}
					}
				}
				for _, opnd := range instr.Operands(nil) {
					g, ok := (*opnd).(*ssa.Global)
					if !ok {
						continue
					}
					obj, ok := ps.ownGlobal(g)
					if !ok || !isCondPtr(obj.Type()) {
						continue
					}
					home(obj, obj.Name()).globalUse(fn, instr, g)
				}
			}
		}
	}
	out := orderHomes(ps, homes, func(h *condHome) bool { return !h.signaled && len(h.made) > 0 && len(h.waits) > 0 },
		func(h *condHome) (*types.Var, string, [][]chanSite) { return h.obj, h.name, [][]chanSite{h.waits} })
	return out
}

// addressUses classifies the uses of the field's address: loads of the
// pointer, and stores into it.
func (h *condHome) addressUses(fn *ssa.Function, addr ssa.Value) {
	for _, r := range *addr.Referrers() {
		h.globalUse(fn, r, addr)
	}
}

// globalUse classifies one use r of addr, the address of the variable or
// field that holds the pointer.
func (h *condHome) globalUse(fn *ssa.Function, r ssa.Instruction, addr ssa.Value) {
	switch r := r.(type) {
	case *ssa.UnOp:
		if r.Op == token.MUL && r.X == addr {
			h.valueUses(fn, r)
			return
		}
	case *ssa.Store:
		if r.Addr == addr {
			if freshCond(r.Val, r) {
				h.made = append(h.made, chanSite{r.Pos(), fn})
			} else {
				h.signaled = true
			}
			return
		}
	case *ssa.DebugRef:
		return
	}
	h.signaled = true
}

// valueUses classifies the uses of the pointer v read from the home.
func (h *condHome) valueUses(fn *ssa.Function, v ssa.Value) {
	for _, r := range *v.Referrers() {
		switch r := r.(type) {
		case *ssa.FieldAddr: // &c.L, for c.L.Lock()
			if r.X == v && lockerOnly(r) {
				if _, value := v.(*ssa.FieldAddr); value && storedInto(r) {
					h.made = append(h.made, chanSite{r.Pos(), fn}) // a Cond held by value, its L set
				}
				continue
			}
		case ssa.CallInstruction:
			c := r.Common()
			if callee := c.StaticCallee(); callee != nil && len(c.Args) > 0 && c.Args[0] == v && !slices.Contains(c.Args[1:], v) {
				switch e := syncAPI[callee.String()]; {
				case e.res == ResCond && e.op == OpCondWait:
					if _, plain := r.(*ssa.Call); plain {
						h.waits = append(h.waits, chanSite{r.Pos(), fn})
					}
					continue
				}
			}
		case *ssa.BinOp, *ssa.DebugRef: // a comparison with nil
			continue
		}
		h.signaled = true // Signal, Broadcast, or the pointer let out
	}
}

// freshCond reports whether v, stored by st, is a Cond made for the home
// alone: sync.NewCond's result or a &sync.Cond{...}, used for nothing but
// that store (and, for the composite literal, setting its fields).
func freshCond(v ssa.Value, st *ssa.Store) bool {
	switch v := v.(type) {
	case *ssa.Call:
		callee := v.Call.StaticCallee()
		if callee == nil || callee.String() != "sync.NewCond" {
			return false
		}
	case *ssa.Alloc:
		if !isCondPtr(v.Type()) {
			return false
		}
	default:
		return false
	}
	for _, r := range *v.Referrers() {
		switch r := r.(type) {
		case *ssa.Store:
			if r != st {
				return false
			}
		case *ssa.FieldAddr: // &sync.Cond{L: mu}
			for _, u := range *r.Referrers() {
				if s, ok := u.(*ssa.Store); !ok || s.Addr != r {
					return false
				}
			}
		case *ssa.DebugRef:
		default:
			return false
		}
	}
	return true
}

// lockerOnly reports whether fa is the address of a Cond's L, only read
// (c.L.Lock()) or set: neither lets the Cond out.
func lockerOnly(fa *ssa.FieldAddr) bool {
	st, ok := deref(fa.X.Type()).Underlying().(*types.Struct)
	if !ok || st.Field(fa.Field).Name() != "L" {
		return false
	}
	for _, r := range *fa.Referrers() {
		switch r := r.(type) {
		case *ssa.UnOp:
			if r.Op != token.MUL {
				return false
			}
		case *ssa.Store:
			if r.Addr != fa {
				return false
			}
		case *ssa.DebugRef:
		default:
			return false
		}
	}
	return true
}

// storedInto reports whether some instruction stores into addr.
func storedInto(addr ssa.Value) bool {
	for _, r := range *addr.Referrers() {
		if st, ok := r.(*ssa.Store); ok && st.Addr == addr {
			return true
		}
	}
	return false
}

// checkUnsignalledConds reports the Waits on Conds only this package can
// name that it makes and never signals.
func (ps *passState) checkUnsignalledConds() {
	for _, h := range ps.unsignalledConds() {
		m := h.made[0]
		for _, w := range h.waits {
			ps.reportNeverSignalled(w.pos, h.name,
				Hop{Pos: ps.position(w.pos), Func: ps.name(w.fn), What: "waits on " + h.name},
				Hop{Pos: ps.position(m.pos), Func: ps.name(m.fn), What: "makes " + h.name})
		}
	}
}
