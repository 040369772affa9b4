package main

import "context"

// A cancel function called only from the initial value of a package-level
// variable: the package initializer runs before main, so that code runs,
// and the wait on the context it cancels ends. (badTx is the twin: its
// cancel is reached only from Rollback, which nothing calls.)

type initTx struct {
	cancel context.CancelFunc
	ctx    context.Context
}

func beginInit(ctx context.Context) *initTx {
	ctx, cancel := context.WithCancel(ctx)
	tx := &initTx{cancel: cancel, ctx: ctx}
	go tx.awaitDone()
	return tx
}

func (tx *initTx) awaitDone() { <-tx.ctx.Done() }

func (tx *initTx) close() { tx.cancel() }

func warmUp() *initTx {
	tx := beginInit(context.Background())
	tx.close()
	return tx
}

var warmed = warmUp()
