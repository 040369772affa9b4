package analyzer

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// Reply slots: a channel field of a request object, made with a buffer for
// each request and sent on once per request.
//
// `reqs <- &req{reply: make(chan error, 1)}` hands a server a fresh object
// with a fresh channel; the server answers with `r.reply <- err` once for
// each request it receives, and the requester may never read the answer.
// Nothing receives from the field, yet no send blocks: each channel gets
// at most one value, which its buffer holds. The claim that a send on such
// a field "blocks once its buffer is full" counts the sends of every
// request against one buffer; it holds only when some object can be sent
// on more often than its channel holds. A send is one such answer when,
// with a witness for each step:
//
//   - every channel stored in the field is made there, with a constant
//     buffer of at least one, and stored nowhere else (the store is its
//     only use: checkFieldNoReceiver leaves other fields alone);
//   - the object sent on was received from a channel by the sending
//     function (a receive, a select case or a range, possibly through a
//     type assertion), and no path from the send reaches another send on
//     that field of that value without receiving anew;
//   - every value of the object's type that the package sends on a
//     channel is one it has just allocated, sent once per allocation, and
//     no send puts an interface of unknown dynamic type where that type
//     could go: each object is received once.

// answersOnce reports whether s, a send on a channel field of a request
// object, is its function's one answer to one request (see above), given
// the buffers of the channels stored in the field (caps).
func (ps *passState) answersOnce(s *ssa.Send, caps []int) bool {
	if len(caps) == 0 || slices.Min(caps) < 1 {
		return false
	}
	f, root := replyField(s)
	if root == nil {
		return false
	}
	for _, b := range s.Parent().Blocks {
		for _, instr := range b.Instrs {
			o, ok := instr.(*ssa.Send)
			if !ok {
				continue
			}
			g, r := replyField(o)
			if r != root || g.Field != f.Field {
				continue
			}
			if reachesAvoiding(s.Block(), slices.Index(s.Block().Instrs, ssa.Instruction(s)), o, root) {
				return false // two answers to one request
			}
		}
	}
	return ps.sentFreshOnce(f.X.Type())
}

// replyField returns the field s sends on and the receive that gave its
// function the object (nil when it did not receive it).
func replyField(s *ssa.Send) (*ssa.FieldAddr, ssa.Instruction) {
	ld, ok := s.Chan.(*ssa.UnOp)
	if !ok || ld.Op != token.MUL {
		return nil, nil
	}
	f, ok := ld.X.(*ssa.FieldAddr)
	if !ok {
		return nil, nil
	}
	return f, receivedBy(f.X)
}

// receivedBy returns the receive (a receive expression or a select) whose
// value v is, through type assertions and conversions; nil otherwise.
func receivedBy(v ssa.Value) ssa.Instruction {
	for range 8 {
		switch x := v.(type) {
		case *ssa.TypeAssert:
			v = x.X
		case *ssa.ChangeType:
			v = x.X
		case *ssa.Extract:
			switch t := x.Tuple.(type) {
			case *ssa.TypeAssert:
				v = t.X
			case *ssa.Select:
				return t
			case *ssa.UnOp:
				if t.Op == token.ARROW {
					return t
				}
				return nil
			default:
				return nil
			}
		case *ssa.UnOp:
			if x.Op == token.ARROW {
				return x
			}
			return nil
		default:
			return nil
		}
	}
	return nil
}

// sentFreshOnce reports whether every value of the pointer type ptr that
// the package sends on a channel is one it has just allocated, sent once
// per allocation, and no send hands over an interface whose dynamic type
// may be ptr without saying so.
func (ps *passState) sentFreshOnce(ptr types.Type) bool {
	if ps.freshSends == nil {
		ps.freshSends = make(map[string]bool)
	}
	key := types.TypeString(ptr, nil)
	if ok, done := ps.freshSends[key]; done {
		return ok
	}
	ok := true
	check := func(send ssa.Instruction, v ssa.Value) {
		if mi, isIface := v.(*ssa.MakeInterface); isIface {
			v = mi.X
		} else if types.IsInterface(v.Type()) {
			if types.Implements(ptr, v.Type().Underlying().(*types.Interface)) {
				ok = false // forwarded: of any dynamic type
			}
			return
		}
		if !types.Identical(v.Type(), ptr) {
			return
		}
		// (a variable closures capture holds it in a cell, stored once)
		a, isAlloc := stableLoad(v).(*ssa.Alloc)
		if !isAlloc || a.Parent() != send.Parent() ||
			reachesAvoiding(send.Block(), slices.Index(send.Block().Instrs, send), send, a) {
			ok = false
		}
	}
	for _, fn := range ps.packageFuncs() {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch x := instr.(type) {
				case *ssa.Send:
					check(x, x.X)
				case *ssa.Select:
					for _, st := range x.States {
						if st.Dir == types.SendOnly {
							check(x, st.Send)
						}
					}
				}
			}
		}
	}
	ps.freshSends[key] = ok
	return ok
}
