// Package hook labels the real wait chains of a running Go program: for
// every blocked goroutine, the goroutines that created it, its own frames
// from the root to the call that blocks, the wait reason and how long, the
// resource it waits on when that can be known, and the goroutines that hold
// or could release that resource — down to the cycle when there is one, or
// to "no live goroutine can", which is a leak.
//
// It is what awaitwhat does for asyncio, for goroutines. The evidence comes
// from three places, each optional:
//
//   - the runtime's own goroutine dump (runtime.Stack), parsed by [Parse]:
//     always there, it gives frames, wait reasons, minutes and ancestry;
//   - precise mode: [Mutex] and [RWMutex], drop-in replacements for sync's
//     that remember which goroutine holds them and where it locked them, at
//     a few nanoseconds per Lock (see mutex.go);
//   - static mode: the wait-for graph that "awaitvet graph -format=json"
//     writes, which says which functions send on, close, unlock, signal or
//     count down the resource each blocking site waits on ([WithGraph]).
//
// Nothing runs until it is asked: importing the package costs nothing.
// [Take] and [Analyze] do the work on demand; [Install] wires them to a
// signal and a watchdog; [Handler] serves them over HTTP next to
// net/http/pprof; [VerifyNone] (or [Track], or [Check]) fails a test
// whose goroutines are left blocked, and [VerifyTestMain] a package's run,
// in the spirit of go.uber.org/goleak.
//
// The package imports the standard library and awaitvet's report package
// only, so that a production binary does not pull in the analysis.
package hook
