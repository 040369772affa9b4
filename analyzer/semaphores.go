package analyzer

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// Semaphores.
//
// A channel of capacity one that goroutines send a token on before some
// work and receive it back after (sem <- struct{}{}; work(); <-sem) is a
// lock: while one goroutine holds the token, another's send waits. Two
// lock orders reached only while the token is held never run at once, as
// under an outer mutex, so a call made holding it is recorded as holding a
// lock class of its own ("sem:" and the channel's make site or field
// class; see recordCallHeld), which gates lock-order edges and witnesses
// of concurrency like any other.
//
// The channel is such a lock only when every receive from it gives a token
// back: a plain receive that a send on it by the same function comes
// before (dominates), or one in a closure that function defers after its
// send. A receive anywhere else (a consumer draining it, a select case, a
// range), a close, or the channel handed to code out of sight (an
// argument, an interface, a return), and it is a queue: nothing is
// recorded. A call of a method that does nothing but send on its receiver,
// or receive from it (type Sem chan struct{}; func (s Sem) Acquire() {
// s <- struct{}{} }), is that send or receive where it is called (semOp).

// semIndex is the package's capacity-one channels that only ever serve as
// semaphores, by key.
type semIndex struct {
	fieldCaps map[string][]int // capacities of the channels stored in each field class
	valid     map[string]bool
	sends     map[*ssa.Function][]semSend // each function's sends on valid semaphores
}

// semSend is a send on the semaphore key (a send, or a call of a
// wrapper that sends).
type semSend struct {
	send ssa.Instruction
	key  string
}

// semOp returns the channel instr sends on (send) or receives from, not
// in a select: a plain send or receive, or a call of a function of this
// package that does nothing else with the channel it is given as its one
// argument (see wrapsChanOp). A deferred one is a call.
func semOp(instr ssa.Instruction) (ch ssa.Value, send, ok bool) {
	switch x := instr.(type) {
	case *ssa.Send:
		return x.Chan, true, true
	case *ssa.UnOp:
		if x.Op == token.ARROW {
			return x.X, false, true
		}
	case *ssa.Call, *ssa.Defer: // (not a go statement: another goroutine's)
		c := x.(ssa.CallInstruction).Common()
		if f := c.StaticCallee(); f != nil && len(c.Args) == 1 {
			if send, ok := wrapsChanOp(f); ok {
				return c.Args[0], send, true
			}
		}
	}
	return nil, false, false
}

// wrapsChanOp reports whether fn's body is one send on its one parameter,
// a channel, or one receive from it whose value it drops, and nothing
// else that acts.
func wrapsChanOp(fn *ssa.Function) (send, ok bool) {
	if len(fn.Params) != 1 || len(fn.Blocks) != 1 || fn.Signature.Results().Len() != 0 {
		return false, false
	}
	if _, ok := fn.Params[0].Type().Underlying().(*types.Chan); !ok {
		return false, false
	}
	p, ops := fn.Params[0], 0
	for _, instr := range fn.Blocks[0].Instrs {
		switch x := instr.(type) {
		case *ssa.DebugRef, *ssa.Return:
		case *ssa.Send:
			if x.Chan != p || x.X == p {
				return false, false
			}
			send, ops = true, ops+1
		case *ssa.UnOp:
			if x.Op != token.ARROW || x.X != p || x.CommaOk {
				return false, false
			}
			ops++
		default:
			return false, false
		}
	}
	return send, ops == 1
}

// semaphores computes the index once per pass.
func (ps *passState) semaphores() *semIndex {
	if ps.sems != nil {
		return ps.sems
	}
	ix := &semIndex{fieldCaps: make(map[string][]int), valid: make(map[string]bool), sends: make(map[*ssa.Function][]semSend)}
	ps.sems = ix
	fns := ps.packageFuncs()
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if st, ok := instr.(*ssa.Store); ok {
					if f, ok := st.Addr.(*ssa.FieldAddr); ok {
						// A field given any other channel (a parameter, a
						// copy) has a capacity the package cannot tell.
						n := inf
						if mc, ok := st.Val.(*ssa.MakeChan); ok {
							n = capacity(mc)
						}
						k := fieldClass(f.X.Type(), fieldName(f.X.Type(), f.Field), Class{}).Key
						ix.fieldCaps[k] = append(ix.fieldCaps[k], n)
					}
				}
			}
		}
	}
	invalid := make(map[string]bool)
	seen := make(map[string]bool)
	for _, fn := range fns {
		for _, fv := range fn.FreeVars {
			if k, ok := ps.semKey(fv); ok && escapesSem(fv) {
				invalid[k] = true
			}
		}
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if ch, send, ok := semOp(instr); ok {
					k, isSem := ps.semKey(ch)
					switch {
					case !isSem:
					case send:
						seen[k] = true
					case commaOk(instr) || !ps.givesBack(fn, instr, k):
						invalid[k] = true
					}
				}
				switch x := instr.(type) {
				case *ssa.Select:
					for _, s := range x.States {
						if k, ok := ps.semKey(s.Chan); ok {
							invalid[k] = true
						}
					}
				}
				// Every other use of a candidate's value is a way out of
				// sight (close, an argument, a store, a conversion).
				for _, v := range semValues(instr) {
					if k, ok := ps.semKey(v); ok && escapesSem(v) {
						invalid[k] = true
					}
				}
			}
		}
	}
	for k := range seen {
		if !invalid[k] {
			ix.valid[k] = true
		}
	}
	if len(ix.valid) == 0 {
		return ix
	}
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if ch, send, ok := semOp(instr); ok && send {
					if _, deferred := instr.(*ssa.Defer); deferred {
						continue
					}
					if k, ok := ps.semKey(ch); ok && ix.valid[k] {
						ix.sends[fn] = append(ix.sends[fn], semSend{instr, k})
					}
				}
			}
		}
	}
	return ix
}

// semValues lists the channel-typed values instr defines that a semaphore
// may be: a made channel, a load of a field or of a captured cell.
func semValues(instr ssa.Instruction) []ssa.Value {
	switch x := instr.(type) {
	case *ssa.MakeChan:
		return []ssa.Value{x}
	case *ssa.UnOp:
		if x.Op == token.MUL {
			return []ssa.Value{x}
		}
	}
	return nil
}

// escapesSem reports whether the channel v is used other than by sends,
// receives, a closure's capture (whose own uses are checked where the
// closure loads it) and a store into a field or a captured variable (whose
// loads are checked).
func escapesSem(v ssa.Value) bool {
	refs := v.Referrers()
	if refs == nil {
		return false
	}
	for _, r := range *refs {
		switch r := r.(type) {
		case *ssa.Send:
			if r.X == v {
				return true // the channel sent as a value
			}
		case *ssa.UnOp:
			if r.Op != token.ARROW {
				return true
			}
		case *ssa.MakeClosure, *ssa.DebugRef:
		case *ssa.Store:
			// into a field (whose loads are checked) or a captured
			// variable's cell that is only loaded
			if r.Val != v {
				return true
			}
			switch a := r.Addr.(type) {
			case *ssa.FieldAddr:
			case *ssa.Alloc:
				if !cellOnlyLoaded(a) {
					return true
				}
			default:
				return true
			}
		case *ssa.Select:
			// a case: invalid where the select is seen
		case ssa.CallInstruction:
			if _, _, ok := semOp(r); !ok {
				return true
			}
		default:
			return true
		}
	}
	return false
}

// commaOk reports whether instr is a receive that also asks whether the
// channel was closed.
func commaOk(instr ssa.Instruction) bool {
	r, ok := instr.(*ssa.UnOp)
	return ok && r.CommaOk
}

// semKey names the capacity-one channel v is: its make site, or the field
// class of an unexported field of this package it is loaded from, when
// every channel the package stores there has capacity one. A captured
// variable is the value its closures are all made with.
func (ps *passState) semKey(v ssa.Value) (string, bool) {
	if _, ok := v.Type().Underlying().(*types.Chan); !ok {
		return "", false // most loads: no channel at all
	}
	for range 8 {
		switch x := v.(type) {
		case *ssa.ChangeType:
			v = x.X
			continue
		case *ssa.MakeChan:
			if capacity(x) != 1 {
				return "", false
			}
			return "sem:" + siteName(ps.pass.Fset, x.Parent().String(), x.Pos(), x.Name()), true
		case *ssa.FreeVar:
			bound, ok := ps.boundValue(x)
			if !ok {
				return "", false
			}
			v = bound
			continue
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return "", false
			}
			switch a := x.X.(type) {
			case *ssa.FieldAddr:
				k, own := ps.ownFieldKey(a)
				if !own {
					return "", false
				}
				caps := ps.semaphores().fieldCaps[k]
				if len(caps) == 0 {
					return "", false
				}
				for _, c := range caps {
					if c != 1 {
						return "", false
					}
				}
				return "sem:" + k, true
			case *ssa.Alloc:
				if stored := uniqueStore(a); stored != nil {
					v = stored
					continue
				}
			case *ssa.FreeVar:
				bound, ok := ps.boundValue(a)
				if !ok {
					return "", false
				}
				if cell, ok := bound.(*ssa.Alloc); ok {
					if stored := uniqueStore(cell); stored != nil {
						v = stored
						continue
					}
				}
			}
		}
		return "", false
	}
	return "", false
}

// boundValue is the value every closure of fv's function is made with for
// fv.
func (ps *passState) boundValue(fv *ssa.FreeVar) (ssa.Value, bool) {
	bound, ok := ps.ctxIndex().bindings(fv)
	if !ok || slices.ContainsFunc(bound, func(v ssa.Value) bool { return v != bound[0] }) {
		return nil, false
	}
	return bound[0], true
}

// givesBack reports whether the receive recv from the semaphore k in fn
// returns a token: a send on k by fn comes before it, or fn is a closure
// its function defers, after a send on k, and makes for nothing else.
func (ps *passState) givesBack(fn *ssa.Function, recv ssa.Instruction, k string) bool {
	if ps.sendBefore(fn, recv, k) != nil {
		return true
	}
	if fn.Parent() == nil {
		return false
	}
	mcs := ps.ctxIndex().closures[fn]
	if len(mcs) == 0 {
		return false
	}
	for _, mc := range mcs {
		refs := mc.Referrers()
		if refs == nil || len(*refs) != 1 {
			return false
		}
		d, ok := (*refs)[0].(*ssa.Defer)
		if !ok || d.Call.Value != ssa.Value(mc) || ps.sendBefore(mc.Parent(), d, k) == nil {
			return false
		}
	}
	return true
}

// sendBefore returns a send on the semaphore k in fn (not deferred) that
// comes before instr on every path to it.
func (ps *passState) sendBefore(fn *ssa.Function, instr ssa.Instruction, k string) ssa.Instruction {
	for _, b := range fn.Blocks {
		for _, x := range b.Instrs {
			if _, deferred := x.(*ssa.Defer); deferred {
				continue
			}
			if ch, send, ok := semOp(x); ok && send && instrBefore(x, instr) {
				if sk, ok := ps.semKey(ch); ok && sk == k {
					return x
				}
			}
		}
	}
	return nil
}

// semsHeldAt lists the semaphores fn holds at instr: a send on the
// semaphore comes before instr on every path, and no path from a receive
// that gives it back reaches instr without passing that send again.
func (ps *passState) semsHeldAt(fn *ssa.Function, instr ssa.Instruction) []string {
	var held []string
	for _, s := range ps.semaphores().sends[fn] {
		if instrBefore(s.send, instr) && !slices.Contains(held, s.key) && !ps.givenBackBefore(fn, s.send, instr, s.key) {
			held = append(held, s.key)
		}
	}
	return held
}

// givenBackBefore reports whether a receive from the semaphore k in fn
// reaches instr by a path that does not pass the send s.
func (ps *passState) givenBackBefore(fn *ssa.Function, s ssa.Instruction, instr ssa.Instruction, k string) bool {
	for _, b := range fn.Blocks {
		for i, x := range b.Instrs {
			if _, deferred := x.(*ssa.Defer); deferred {
				continue // gives it back only as fn returns
			}
			ch, send, ok := semOp(x)
			if !ok || send {
				continue
			}
			if rk, ok := ps.semKey(ch); !ok || rk != k {
				continue
			}
			if reachesAvoiding(b, i, instr, s) {
				return true
			}
		}
	}
	return false
}

// reachesAvoiding reports whether a path leads from instruction i of block
// b to instr without running avoid.
func reachesAvoiding(b *ssa.BasicBlock, i int, instr, avoid ssa.Instruction) bool {
	return reachesAvoidingAny(b.Instrs[i], instr, []ssa.Instruction{avoid}) // wgphases.go
}

// cellOnlyLoaded reports whether the captured variable's cell a is stored
// once and otherwise only loaded, by its function and the closures that
// capture it.
func cellOnlyLoaded(a *ssa.Alloc) bool {
	stores := 0
	for _, r := range *a.Referrers() {
		if st, ok := r.(*ssa.Store); ok && st.Addr == a {
			stores++
			continue
		}
		if !onlyLoads(r, a, 8) {
			return false
		}
	}
	return stores == 1
}

// onlyLoads reports whether the use r of the cell v only reads it: a
// load, or a capture by a closure whose variable for it is only read in
// turn (through closures it makes too, down to depth).
func onlyLoads(r ssa.Instruction, v ssa.Value, depth int) bool {
	switch r := r.(type) {
	case *ssa.UnOp:
		return r.Op == token.MUL
	case *ssa.DebugRef:
		return true
	case *ssa.MakeClosure:
		fn := r.Fn.(*ssa.Function)
		for i, b := range r.Bindings {
			if b != v || i >= len(fn.FreeVars) {
				continue
			}
			if depth == 0 {
				return false
			}
			for _, u := range *fn.FreeVars[i].Referrers() {
				if !onlyLoads(u, fn.FreeVars[i], depth-1) {
					return false
				}
			}
		}
		return true
	}
	return false
}
