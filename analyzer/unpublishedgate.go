package analyzer

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// unpublishedGatedAfter reports whether the goroutine that the go statement
// g starts begins by waiting only on channel fields of an object its
// starter made and shows to nobody else before then:
//
//	p := &Producer{queue: make(chan *Message), flush: make(chan chan int)}
//	go p.batcher()        // for { select { case m := <-p.queue: ...; case r := <-p.flush: ... } }
//	conn.mu.Lock(); p.mu.Lock() ... // then
//	return p              // Send and Flush feed p's channels from here on
//
// Its first wait needs a value or a close that comes from outside the
// goroutine: from the starter, which feeds those fields only where then is
// not reached after, or from code that reaches the object, which nothing
// can before the starter publishes it, after then. Each field must hold
// only channels made for it (a chanHome that is neither let out under
// another name nor given a channel from elsewhere).
func (ps *passState) unpublishedGatedAfter(g, then ssa.Instruction) bool {
	gi, ok := g.(*ssa.Go)
	if !ok {
		return false
	}
	body, bound := goBinding(gi)
	wait := firstWait(body)
	var chans []ssa.Value
	switch x := wait.(type) {
	case *ssa.UnOp:
		if x.Op != token.ARROW {
			return false
		}
		chans = append(chans, x.X)
	case *ssa.Select:
		if !x.Blocking {
			return false
		}
		for _, st := range x.States {
			if st.Dir != types.RecvOnly {
				return false
			}
			chans = append(chans, st.Chan)
		}
	default:
		return false
	}
	var obj *ssa.Alloc
	for j, ch := range chans {
		// A request the starter sends there before then is no opening
		// when the goroutine answers it and the starter waits for the
		// answer first (requestreply.go).
		answered := func(feed ssa.Instruction, pos token.Pos) bool {
			sent := sentAt(feed, pos)
			if sent == nil {
				return false
			}
			rep, ok := ps.replyTo(body, bound, wait, j)
			return ok && answeredBefore(feed, sent, rep, then)
		}
		load, ok := chanOperand(ch).(*ssa.UnOp)
		if !ok || load.Op != token.MUL {
			return false
		}
		fx, ok := load.X.(*ssa.FieldAddr)
		if !ok {
			return false
		}
		base, ok := boundOutside(fx.X, bound).(*ssa.Alloc)
		if !ok || !base.Heap || base.Parent() != gi.Parent() || obj != nil && base != obj {
			return false
		}
		obj = base
		field, ok := ps.ownChanField(fx.X.Type(), fx.Field)
		if !ok || !ps.fedOnlyOnceShown(field, gi, then, answered) {
			return false
		}
	}
	return obj != nil && ps.shownOnlyAfter(obj, gi, then)
}

// fedOnlyOnceShown reports whether every send on and close of the channel
// field is either the starter's, where then is not reached after, or in
// another function, which can reach the starter's object only once it
// is shown (shownOnlyAfter), or a request the goroutine answers before
// then (answered); the field holds only channels made for it.
func (ps *passState) fedOnlyOnceShown(field *types.Var, gi *ssa.Go, then ssa.Instruction, answered func(ssa.Instruction, token.Pos) bool) bool {
	h := ps.allChanHomes()[field]
	if h == nil || h.leaked || h.foreign || len(h.made) == 0 {
		return false
	}
	for i, sites := range [][]chanSite{h.sends, h.closes} {
		for _, s := range sites {
			if s.fn != gi.Parent() {
				continue
			}
			at := ps.feedsAt(s)
			if len(at) == 0 {
				return false
			}
			for _, instr := range at {
				if _, deferred := instr.(*ssa.Defer); !deferred && instrReaches(instr, then) && (i > 0 || !answered(instr, s.pos)) {
					return false
				}
			}
		}
	}
	return true
}

// shownOnlyAfter reports whether the starter shows the object it made to
// nobody but the goroutine gi before then: on a path to then, it only
// reads and writes its fields, locks its mutexes (a sync method on a
// field's address) and starts gi with it; anything else (a call given it,
// a store or send of it, a return) comes only where then is not reached
// after.
func (ps *passState) shownOnlyAfter(obj *ssa.Alloc, gi *ssa.Go, then ssa.Instruction) bool {
	for _, u := range *obj.Referrers() {
		switch u := u.(type) {
		case *ssa.DebugRef:
			continue
		case *ssa.FieldAddr:
			if fieldOnlyUsed(u) {
				continue
			}
		case *ssa.Go:
			if u == gi {
				continue
			}
		case *ssa.MakeClosure:
			if gi.Call.Value == u {
				continue
			}
		}
		if instrReaches(u, then) {
			return false
		}
	}
	return true
}

// fieldOnlyUsed reports whether the address of an object's field is only
// read through, written through or given to package sync (a Lock of the
// object's own mutex, a sync.NewCond over it).
func fieldOnlyUsed(fx *ssa.FieldAddr) bool {
	for _, r := range *fx.Referrers() {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case *ssa.UnOp:
			if r.Op != token.MUL {
				return false
			}
		case *ssa.Store:
			if r.Addr != ssa.Value(fx) {
				return false
			}
		case *ssa.Call:
			if !syncCallOn(r, fx) {
				return false
			}
		case *ssa.MakeInterface: // a sync.Locker for sync.NewCond
			for _, ir := range *r.Referrers() {
				if c, ok := ir.(*ssa.Call); !ok || !syncCallOn(c, r) {
					return false
				}
			}
		default:
			return false
		}
	}
	return true
}

// syncCallOn reports whether c calls a function or method of package sync
// with v as its first argument (the receiver of a method).
func syncCallOn(c *ssa.Call, v ssa.Value) bool {
	f := c.Call.StaticCallee()
	return f != nil && f.Pkg != nil && f.Pkg.Pkg.Path() == "sync" && len(c.Call.Args) > 0 && c.Call.Args[0] == v
}

// feedsAt returns the instructions of a channel's send or close site: the
// send or call there, or the select with a send case there.
func (ps *passState) feedsAt(s chanSite) []ssa.Instruction {
	out := ps.instrsAt(s.fn, ps.position(s.pos))
	for _, b := range s.fn.Blocks {
		for _, instr := range b.Instrs {
			if sel, ok := instr.(*ssa.Select); ok && slices.ContainsFunc(sel.States, func(st *ssa.SelectState) bool { return st.Pos == s.pos }) {
				out = append(out, sel)
			}
		}
	}
	return out
}
