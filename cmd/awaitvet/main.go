// Command awaitvet reports lock deadlocks: a mutex locked twice by the
// goroutine that holds it, an RWMutex upgraded from read to write, a lock
// left held on a return path, lock-order cycles, and more (run "awaitvet
// help" for the list).
//
// It runs in two ways, with the same analysis and the same findings:
//
//	go vet -vettool=$(command -v awaitvet) [-awaitvet.checks=...] ./...
//	awaitvet [-checks=...] [-json] [-tags=...] [-test=false] ./...
//
// Under go vet the go command drives the build: it asks the tool for its
// flags (-flags) and its identity (-V=full) and then runs it once per
// package with a *.cfg file describing that package. awaitvet recognises
// those invocations and hands them to unitchecker, which implements that
// protocol; the analyzer's flags are then spelled -awaitvet.NAME.
//
// Run on its own, awaitvet loads the packages itself (with their tests,
// as go vet does) and prints each finding as
//
//	file:line:col: message
//		file:line:col: related location (one per hop of the chain)
//
// on standard output, one finding per line, sorted by position, with a
// finding reported once even when its file belongs to both a package and
// that package's test variant.
//
// Other commands:
//
//	awaitvet help         list the checks
//	awaitvet graph        draw the wait-for graph
//	awaitvet chains       read a goroutine dump: cycles, chains, leaks
//	awaitvet help NAME    explain one check, with a wrong and a right example
//	awaitvet version      print the version of awaitvet and of Go
//
// (To analyze a package directory called help or version, write ./help.)
//
// Exit status, standalone:
//
//	0  no findings
//	1  an error: no package matched, a package failed to load, parse or
//	   type-check, or the analysis failed (a crash of the analyzer is
//	   reported as an error naming the package, not as a stack trace)
//	2  usage error: bad flag, no package pattern, unknown help topic
//	3  findings were reported (and no error occurred)
//
// With -json, findings and analysis errors are part of the JSON document
// on standard output and the exit status is 0, as with the other
// golang.org/x/tools drivers; it is still 1 when packages cannot be loaded
// and 2 on usage errors.
//
// Exit status under go vet is go vet's: 1 when anything was reported.
//
// Setting AWAITVET_DEBUG=panic in the environment lets a crash of the
// analyzer propagate with its full stack trace, for debugging awaitvet
// itself; by default it becomes an error message naming the package.
package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"golang.org/x/tools/go/analysis"

	"github.com/awaitvet/awaitvet/analyzer"
)

// Exit codes shared by all modes that awaitvet itself controls (under go vet,
// unitchecker chooses them). Usage errors get their own code, as with the
// flag package and the go command, so that scripts can tell "you called me
// wrong" from "the code could not be analyzed".
const (
	exitClean    = 0
	exitError    = 1
	exitUsage    = 2
	exitFindings = 3
)

func main() {
	os.Exit(run(analyzer.Analyzer, os.Args[1:], os.Stdout, os.Stderr))
}

// run dispatches on the command line and returns the exit status. The
// analyzer is a parameter so that the tests can run the whole command,
// under go vet too, with a stand-in analyzer whose findings they know.
func run(a *analysis.Analyzer, args []string, stdout, stderr io.Writer) int {
	setGCPercent()
	// The vet protocol must be recognised before anything else touches
	// flag.CommandLine: unitchecker lists every flag registered there in
	// its -flags answer to go vet, and go vet then forwards them.
	if isVetInvocation(args) {
		runVet(a) // does not return
	}

	if len(args) > 0 {
		switch args[0] {
		case "help":
			return help(a, stdout, stderr, args[1:])
		case "graph":
			return graphCmd(a, args[1:], stdout, stderr)
		case "chains":
			return chainsCmd(a, args[1:], os.Stdin, stdout, stderr)
		case "version":
			if len(args) > 1 {
				fmt.Fprintln(stderr, "awaitvet: version takes no arguments")
				return exitUsage
			}
			printVersion(stdout)
			return exitClean
		}
	}

	return standalone(a, args, stdout, stderr)
}

// gcPercent is the garbage collector's target when GOGC is not set. The
// analysis allocates a great deal that lives briefly (path counts, chains,
// bindings): at Go's default of 100 a first standalone run spent about a
// fifth of its CPU marking. At 200 it spends less, for a higher peak heap,
// which late type-checking (hybrid.go) left room for: a first run's peak
// RSS stays below nilness's (BENCHMARKS.md, "Garbage collection").
const gcPercent = 200

// setGCPercent applies gcPercent unless the user chose GOGC (or a memory
// limit, which the collector then keeps to whatever the percent).
func setGCPercent() {
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(gcPercent)
	}
}
