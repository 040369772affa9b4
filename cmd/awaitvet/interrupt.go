package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// Signals while the go command runs.
//
// The standalone command runs the go command (go list, through go/packages
// and for the result cache's key), which may build export data for
// minutes on a cold cache. A SIGINT or SIGTERM that stops awaitvet must
// stop that child too: killed outright, awaitvet would leave it running on
// its own, compiling for nobody (a CI step's timeout, a scripted `timeout
// 600 awaitvet ./...`). So while the go command may run, the two signals
// cancel a context with which go/packages and exec.CommandContext stop
// their child; once it has stopped, awaitvet ends itself by the same
// signal, so that its parent sees the status it expects. Outside those
// windows the signals keep their default action: the analysis starts no
// process.

// whileGoRuns runs f with a context that a SIGINT or SIGTERM cancels and,
// when one came, ends the process by it once f has returned.
func whileGoRuns(f func(ctx context.Context)) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	ctx, cancel := context.WithCancel(context.Background())
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		select {
		case s := <-ch:
			ch <- s // (kept for the check below)
			cancel()
		case <-ctx.Done():
		}
	}()
	f(ctx)
	signal.Stop(ch)
	cancel()
	<-watched
	select {
	case s := <-ch: // taken by the watcher, or come just as f returned
		signal.Reset(s)
		if p, err := os.FindProcess(os.Getpid()); err == nil {
			p.Signal(s)
		}
		time.Sleep(time.Minute) // the signal's default action ends the process
		os.Exit(exitError)
	default:
	}
}
