package analyzer

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Calls that end the process. A panic may be recovered further up and a
// Goexit ends only its goroutine: the goroutines they leave behind live on.
// os.Exit and the loggers' Fatal functions end every goroutine, so a path
// that ends in one leaves no goroutine blocked behind it.

// processExits lists the functions that end the process on every call, by
// package path, receiver type name ("" for a function) and name.
var processExits = map[[3]string]bool{
	{"os", "", "Exit"}:                                 true,
	{"syscall", "", "Exit"}:                            true,
	{"log", "", "Fatal"}:                               true,
	{"log", "", "Fatalf"}:                              true,
	{"log", "", "Fatalln"}:                             true,
	{"log", "Logger", "Fatal"}:                         true,
	{"log", "Logger", "Fatalf"}:                        true,
	{"log", "Logger", "Fatalln"}:                       true,
	{"k8s.io/klog/v2", "", "Fatal"}:                    true,
	{"k8s.io/klog/v2", "", "Fatalf"}:                   true,
	{"k8s.io/klog/v2", "", "Fatalln"}:                  true,
	{"k8s.io/klog/v2", "", "Exit"}:                     true,
	{"k8s.io/klog/v2", "", "Exitf"}:                    true,
	{"go.uber.org/zap", "Logger", "Fatal"}:             true,
	{"go.uber.org/zap", "SugaredLogger", "Fatal"}:      true,
	{"go.uber.org/zap", "SugaredLogger", "Fatalf"}:     true,
	{"go.uber.org/zap", "SugaredLogger", "Fatalw"}:     true,
	{"github.com/sirupsen/logrus", "", "Fatal"}:        true,
	{"github.com/sirupsen/logrus", "", "Fatalf"}:       true,
	{"github.com/sirupsen/logrus", "Logger", "Fatal"}:  true,
	{"github.com/sirupsen/logrus", "Logger", "Fatalf"}: true,
	{"github.com/sirupsen/logrus", "Entry", "Fatal"}:   true,
	{"github.com/sirupsen/logrus", "Entry", "Fatalf"}:  true,
}

// exitFinder answers exitsProcess, remembering each function's answer at
// each depth (a package's fatalf helpers are asked about at every call).
type exitFinder map[exitKey]bool

type exitKey struct {
	fn    *ssa.Function
	depth int
}

// exitsProcess reports whether a call to fn ends the process: one of
// processExits, or a function of this package every path of which ends in
// such a call (a fatalf helper), looked at to a small depth.
func (x exitFinder) exitsProcess(fn *ssa.Function, depth int) bool {
	if fn == nil {
		return false
	}
	if obj, ok := fn.Object().(*types.Func); ok && obj.Pkg() != nil && processExits[funcKey(obj)] {
		return true
	}
	if depth > 2 || len(fn.Blocks) == 0 || fn.Pkg == nil || fn.Object() == nil {
		return false
	}
	k := exitKey{fn, depth}
	if v, ok := x[k]; ok {
		return v
	}
	x[k] = false // (a recursive helper: not known to end while being asked)
	v := x.blocks(fn, depth+1)[fn.Blocks[0]]
	x[k] = v
	return v
}

// blocks returns the blocks of fn from which every path ends in a call that
// ends the process.
func (x exitFinder) blocks(fn *ssa.Function, depth int) map[*ssa.BasicBlock]bool {
	out := make(map[*ssa.BasicBlock]bool)
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if c, ok := instr.(*ssa.Call); ok && x.exitsProcess(c.Call.StaticCallee(), depth) {
				out[b] = true
				break
			}
		}
	}
	closeBackward(fn, out)
	return out
}
