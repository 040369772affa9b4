package analyzer

import "go/types"

// stdNoReturn lists the exported functions of the standard library that
// never return: they exit the process, end the goroutine or panic on every
// path (os.Exit, log.Fatal, t.Fatal, ...). Under go vet and the standalone
// driver the same is derived from their bodies and reaches callers as a
// NoReturnFact; but a build system may run analyzers without analysing the
// standard library at all (Bazel's nogo compiles it once, with no facts), and
// then a lock held before log.Fatal would be reported as left held on the
// path that follows it. The list is what the derivation gives on the
// standard library's own source (TestStdNoReturnTable checks it against
// that, so the list never claims more than the bodies say), keyed by
// package path, receiver type name ("" for a function) and name.
var stdNoReturn = map[[3]string]bool{
	{"os", "", "Exit"}:               true,
	{"syscall", "", "Exit"}:          true,
	{"runtime", "", "Goexit"}:        true,
	{"log", "", "Fatal"}:             true,
	{"log", "", "Fatalf"}:            true,
	{"log", "", "Fatalln"}:           true,
	{"log", "", "Panic"}:             true,
	{"log", "", "Panicf"}:            true,
	{"log", "", "Panicln"}:           true,
	{"log", "Logger", "Fatal"}:       true,
	{"log", "Logger", "Fatalf"}:      true,
	{"log", "Logger", "Fatalln"}:     true,
	{"log", "Logger", "Panic"}:       true,
	{"log", "Logger", "Panicf"}:      true,
	{"log", "Logger", "Panicln"}:     true,
	{"testing", "", "Main"}:          true,
	{"testing", "common", "FailNow"}: true, // promoted to T, B and F
	{"testing", "common", "Fatal"}:   true,
	{"testing", "common", "Fatalf"}:  true,
	{"testing", "common", "SkipNow"}: true,
	{"testing", "common", "Skip"}:    true,
	{"testing", "common", "Skipf"}:   true,
}

// knownStdNoReturn reports whether fn is one of stdNoReturn's functions.
func knownStdNoReturn(fn *types.Func) bool {
	return fn.Pkg() != nil && stdNoReturn[funcKey(fn)]
}

// funcKey is fn's package path, receiver type name ("" for a function, or
// for a receiver of no named type) and name.
func funcKey(fn *types.Func) [3]string {
	recv := ""
	if r := fn.Signature().Recv(); r != nil {
		t := r.Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := types.Unalias(t).(*types.Named); ok {
			recv = n.Obj().Name()
		}
	}
	return [3]string{fn.Pkg().Path(), recv, fn.Name()}
}
