// Command ctxmain tests the context origins of a program: in package main
// nothing outside the package can call a function, so one that nothing in
// the package calls (directly, as a value, or through an interface its
// type may meet) never runs. A cancel function read only by such code is
// never called, and a wait on its context never ends. Every badX has a
// goodX twin that must stay silent.
package main

import (
	"context"
	"fmt"
)

type badTx struct {
	cancel context.CancelFunc
	ctx    context.Context
}

func beginBad(ctx context.Context) *badTx {
	ctx, cancel := context.WithCancel(ctx)
	tx := &badTx{cancel: cancel, ctx: ctx}
	go tx.awaitDone()
	return tx
}

func (tx *badTx) awaitDone() {
	<-tx.ctx.Done() // want `context never cancelled: receive from tx\.ctx\.Done\(\) blocks forever: \(\*badTx\)\.ctx is only ever set to context\.WithCancel\(every caller's context\.Background\(\)\) whose cancel function \(kept in \(\*badTx\)\.cancel\) is called only by code the program never runs`
}

// Rollback would cancel, but the program never calls it.
func (tx *badTx) Rollback() { tx.close() }

func (tx *badTx) close() { tx.cancel() }

type goodTx struct {
	cancel context.CancelFunc
	ctx    context.Context
}

func beginGood(ctx context.Context) *goodTx {
	ctx, cancel := context.WithCancel(ctx)
	tx := &goodTx{cancel: cancel, ctx: ctx}
	go tx.awaitDone()
	return tx
}

func (tx *goodTx) awaitDone() { <-tx.ctx.Done() }

func (tx *goodTx) Rollback() { tx.close() }

func (tx *goodTx) close() { tx.cancel() }

// goodIface: Rollback of this type may run through the interface its
// values are converted to.
type goodIface struct {
	cancel context.CancelFunc
	ctx    context.Context
}

func beginIface(ctx context.Context) *goodIface {
	ctx, cancel := context.WithCancel(ctx)
	tx := &goodIface{cancel: cancel, ctx: ctx}
	go tx.awaitDone()
	return tx
}

func (tx *goodIface) awaitDone() { <-tx.ctx.Done() }

func (tx *goodIface) Rollback() { tx.cancel() }

type rollbacker interface{ Rollback() }

func main() {
	beginBad(context.Background())
	beginGood(context.Background()).Rollback()
	var r any = beginIface(context.Background())
	fmt.Println(r)

	ctx, cancel := context.WithCancel(context.Background())
	_ = cancel
	go func() { <-ctx.Done() }() // want `context never cancelled: receive from ctx\.Done\(\) blocks forever: ctx is context\.WithCancel\(context\.Background\(\)\) whose cancel function is dropped`
	// main blocking for good while its goroutines serve is an idiom of
	// programs, as select {} is: not reported.
	<-ctx.Done()
}
