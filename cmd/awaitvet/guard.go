package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// debugPanics is set by AWAITVET_DEBUG=panic: leave panics alone so that
// whoever is debugging the analyzer gets the real stack trace.
var debugPanics = strings.Contains(os.Getenv("AWAITVET_DEBUG"), "panic")

// guard returns a copy of a whose Run turns a panic into an ordinary error.
//
// Both drivers (checker.Analyze and unitchecker) call Run on goroutines of
// their own, so a panic cannot be recovered by the caller of the driver: it
// would kill the process with a dump of every goroutine and no hint of which
// package triggered it. Wrapping Run is the one place where it can be caught.
// The error then flows through the driver like any other analysis error: it
// is printed with the package it belongs to, makes the exit status 1, and
// the packages that depend on it are skipped as "failed prerequisites".
//
// The copy keeps the analyzer's name, flags, fact types, result type and
// prerequisites, so drivers treat it exactly like the original (facts are
// keyed by their Go type, results of prerequisites by the prerequisites'
// own pointers, which are shared). Prerequisites, if the analyzer had any,
// would not be wrapped: an analyzer looks their results up by pointer.
//
// withPkg puts "package PATH: " in front of the message, for unitchecker,
// which prints analysis errors without saying which package they came from.
func guard(a *analysis.Analyzer, withPkg bool) *analysis.Analyzer {
	if debugPanics {
		return a
	}
	g := *a
	run := a.Run
	g.Run = func(pass *analysis.Pass) (result any, err error) {
		defer func() {
			if r := recover(); r != nil {
				err = &crashError{value: r, site: panicSite()}
				if withPkg {
					err = fmt.Errorf("package %s: %w", pass.Pkg.Path(), err)
				}
				result = nil
			}
		}()
		return run(pass)
	}
	return &g
}

// crashError is a panic of the analyzer, reported as an error.
type crashError struct {
	value any
	site  string // function and file:line that panicked, if known
}

func (e *crashError) Error() string {
	msg := fmt.Sprintf("internal error: analyzer crashed: %v", e.value)
	if e.site != "" {
		msg += " (in " + e.site + ")"
	}
	return msg + "; please report it, with AWAITVET_DEBUG=panic output"
}

// panicSite names the function that panicked, to be called from the deferred
// function that recovers. One frame is enough to locate the bug for a report;
// the full trace is one environment variable away (AWAITVET_DEBUG=panic).
func panicSite() string {
	pcs := make([]uintptr, 64)
	n := runtime.Callers(2, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	inPanic := false
	for {
		f, more := frames.Next()
		switch {
		case f.Function == "runtime.gopanic":
			inPanic = true
		case inPanic && !strings.HasPrefix(f.Function, "runtime."):
			fn := f.Function[strings.LastIndex(f.Function, "/")+1:]
			return fmt.Sprintf("%s at %s:%d", fn, filepath.Base(f.File), f.Line)
		}
		if !more {
			return ""
		}
	}
}
