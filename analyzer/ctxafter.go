package analyzer

import "golang.org/x/tools/go/ssa"

// A context cancelled by the sender after its send.
//
//	ctx, cancel := context.WithCancel(context.Background())
//	go func() { ch <- v; cancel() }()
//	for {
//		select {
//		case x := <-ch: ...
//		case <-ctx.Done(): return
//		}
//	}
//
// The receiver's other case becomes ready only when ctx is cancelled, and
// the only one that cancels it is the sending goroutine, after its send (or
// the receiver itself on its way out, deferred): while the sender waits in
// its send the case cannot fire, as with a done channel the sender closes
// after sending (selectsWaitForSender). The context's parent must be one
// that never fires (ctxorigin.go), and the cancel function is used for
// nothing but those calls.

// cancelledOnlyAfter reports whether o, a receive case of a select, waits
// on the Done channel of a context made by context.WithCancel in the
// select's function from a parent that never fires, whose cancel function
// is only called by the sending goroutine after every one of its sends
// (or deferred by it), or deferred by the select's function.
func (ps *passState) cancelledOnlyAfter(o ChanOp, sender *participant, sends []ChanOp) bool {
	at := ps.chainSide(o.Chain)
	if at.fn == nil || len(o.Chain) != 1 || sender.spawn == nil || len(sends) == 0 {
		return false
	}
	sel, j := ps.selectCaseAt(at.fn, at.pos)
	if sel == nil {
		return false
	}
	done := sel.States[j].Chan
	call, ok := done.(*ssa.Call)
	if !ok || !call.Call.IsInvoke() || call.Call.Method.Name() != "Done" || !isContext(call.Call.Value.Type()) {
		return false
	}
	mk := ps.cancelMade(stableLoad(call.Call.Value), at.fn, sel) // ctxgate.go
	if mk == nil {
		return false
	}
	var sendInstrs []ssa.Instruction
	var body *ssa.Function
	for _, s := range sends {
		sat := ps.chainSide(s.Chain)
		if sat.fn == nil || s.Deferred || body != nil && sat.fn != body {
			return false
		}
		body = sat.fn
		si := ps.instrsAt(sat.fn, sat.pos)
		if len(si) == 0 {
			return false
		}
		sendInstrs = append(sendInstrs, si...)
	}
	for _, r := range *mk.Referrers() {
		cx, ok := r.(*ssa.Extract)
		if !ok || cx.Index != 1 {
			continue
		}
		if !cancelUsesAfter(cx, at.fn, body, sendInstrs) {
			return false
		}
	}
	return true
}

// cancelUsesAfter reports whether every use of the cancel function v (of
// the function starter, directly, through a variable a closure captures, or
// as an argument of the go statement that starts body) is a deferred call
// in starter, or a call in body (the sending goroutine) from which no path
// leads to one of sends, or a deferred call there.
func cancelUsesAfter(v ssa.Value, starter, body *ssa.Function, sends []ssa.Instruction) bool {
	return cancelUses(v, starter, body, func(r ssa.Instruction) bool {
		if _, deferred := r.(*ssa.Defer); deferred {
			return true
		}
		for _, s := range sends {
			if r == s || instrReaches(r, s) {
				return false
			}
		}
		return true
	})
}

// cancelUses reports whether every use of the cancel function v of the
// function starter (directly, through a variable a closure captures, or as
// an argument of the go statement that starts body) is a deferred call in
// starter, or a call or deferred call in body that call accepts.
func cancelUses(v ssa.Value, starter, body *ssa.Function, call func(ssa.Instruction) bool) bool {
	var use func(v ssa.Value, in *ssa.Function, depth int) bool
	use = func(v ssa.Value, in *ssa.Function, depth int) bool {
		if depth > 4 {
			return false
		}
		for _, r := range *v.Referrers() {
			switch r := r.(type) {
			case *ssa.DebugRef:
			case *ssa.Defer:
				if r.Call.Value != v || in != starter && in != body || in == body && !call(r) {
					return false
				}
			case *ssa.Call:
				if r.Call.Value != v || in != body || !call(r) {
					return false
				}
			case *ssa.Store:
				if r.Addr == v {
					continue // the one store into the variable (uniqueStore)
				}
				cell, ok := r.Addr.(*ssa.Alloc)
				if !ok || r.Val != v || uniqueStore(cell) != v || !use(cell, in, depth+1) {
					return false
				}
			case *ssa.UnOp: // the load of a captured variable
				if !use(r, in, depth+1) {
					return false
				}
			case *ssa.Go:
				// handed to the goroutine's function as an argument (go
				// worker(out, cancel)): its uses there
				fn, ok := r.Call.Value.(*ssa.Function)
				if !ok || fn != body || r.Call.Value == v || len(r.Call.Args) != len(fn.Params) {
					return false
				}
				for i, a := range r.Call.Args {
					if a == v && !use(fn.Params[i], fn, depth+1) {
						return false
					}
				}
			case *ssa.MakeClosure:
				fn, ok := r.Fn.(*ssa.Function)
				if !ok {
					return false
				}
				for i, b := range r.Bindings {
					if b == v && (i >= len(fn.FreeVars) || !use(fn.FreeVars[i], fn, depth+1)) {
						return false
					}
				}
			default:
				return false
			}
		}
		return true
	}
	return use(v, starter, 0)
}
