package hook

import (
	"strconv"
	"strings"

	"github.com/awaitvet/awaitvet/report"
)

// blockingStates are the wait reasons of a goroutine that waits for another
// goroutine: the ones a chain is worth drawing for. Sleeping, I/O and
// syscalls wait for the world, not for the program, and are left out.
var blockingStates = map[string]bool{
	"chan receive":            true,
	"chan send":               true,
	"chan receive (nil chan)": true,
	"chan send (nil chan)":    true,
	"select":                  true,
	"select (no cases)":       true,
	"sync.Mutex.Lock":         true,
	"sync.RWMutex.Lock":       true,
	"sync.RWMutex.RLock":      true,
	"sync.WaitGroup.Wait":     true,
	"sync.Cond.Wait":          true,
	"semacquire":              true,
}

// Blocked reports whether g waits for another goroutine (a channel, a lock,
// a WaitGroup, a Cond, a select).
func (g *Goroutine) Blocked() bool { return blockingStates[g.State] }

// forever reports whether g's wait reason alone proves it never ends.
func (g *Goroutine) forever() bool {
	return g.State == "chan receive (nil chan)" || g.State == "chan send (nil chan)" || g.State == "select (no cases)"
}

// funcPkg is the import path of a function name as the runtime prints it:
// everything up to the first dot after the last slash (the linker escapes
// dots in the last path element as %2e, so that dot is the separator).
func funcPkg(fn string) string {
	i := strings.LastIndexByte(fn, '/')
	j := strings.IndexByte(fn[i+1:], '.')
	if j < 0 {
		return ""
	}
	return fn[:i+1+j]
}

// shortFunc drops the import path but the package name: what the analyzer
// calls a function ("stuck.(*Hub).run").
func shortFunc(fn string) string {
	return fn[strings.LastIndexByte(fn, '/')+1:]
}

// library reports whether a frame belongs to the standard library (or to
// this package): code the reader did not write and does not want to see in
// a chain. A package path whose first element has a dot is a module; so is
// main. A dotless path is the standard library unless its file lies
// outside any .../src/<path>/ tree (or .../src/runtime/, where sync's and
// time's blocking functions live), which is how a dotless module path
// (module example) shows up in a dump taken without -trimpath.
func library(f Frame) bool {
	if strings.HasPrefix(f.Func, selfPkg+".") {
		return true
	}
	pkg := funcPkg(f.Func)
	if pkg == "main" || pkg == "" {
		return false
	}
	first, _, _ := strings.Cut(pkg, "/")
	if strings.Contains(first, ".") {
		return false
	}
	if strings.HasPrefix(f.File, "/") && !strings.Contains(f.File, "/src/"+pkg+"/") && !strings.Contains(f.File, "/src/runtime/") {
		return false
	}
	return true
}

// split returns g's user frames, root first, and the library function the
// innermost of them called to block (empty when the runtime hid it, as it
// does for channel operations and select). A goroutine without any user
// frame (a standard library worker) keeps all its frames.
func split(g *Goroutine) (user []Frame, call string) {
	inner := -1
	for i, f := range g.Frames {
		if !library(f) {
			inner = i
			break
		}
	}
	if inner < 0 {
		return reversed(g.Frames), ""
	}
	if inner > 0 {
		call = g.Frames[inner-1].Func
	}
	for i := len(g.Frames) - 1; i >= inner; i-- {
		if !library(g.Frames[i]) {
			user = append(user, g.Frames[i])
		}
	}
	return user, call
}

func reversed(fs []Frame) []Frame {
	out := make([]Frame, len(fs))
	for i, f := range fs {
		out[len(fs)-1-i] = f
	}
	return out
}

// addressed are the library calls whose first argument, when the runtime
// printed it without a '?', is the address of what they wait on.
var addressed = map[string]report.NodeKind{
	"internal/sync.(*Mutex).lockSlow": report.Mutex,
	"sync.(*Mutex).Lock":              report.Mutex,
	"sync.(*RWMutex).Lock":            report.RWMutex,
	"sync.(*RWMutex).RLock":           report.RWMutex,
	"sync.(*WaitGroup).Wait":          report.WaitGroup,
	"sync.(*Cond).Wait":               report.Cond,
}

// waitAddress finds the address of the sync object g waits on, from the
// arguments the runtime printed; 0 when it did not print a reliable one.
func waitAddress(g *Goroutine) (report.NodeKind, uintptr) {
	for _, f := range g.Frames {
		kind, ok := addressed[f.Func]
		if !ok {
			continue
		}
		arg := strings.TrimPrefix(f.Args, "(")
		arg, _, _ = strings.Cut(arg, ",")
		arg = strings.TrimSuffix(arg, ")")
		if strings.HasSuffix(arg, "?") || !strings.HasPrefix(arg, "0x") {
			continue
		}
		if a, err := strconv.ParseUint(arg[2:], 16, 64); err == nil && a != 0 {
			return kind, uintptr(a)
		}
	}
	return "", 0
}
