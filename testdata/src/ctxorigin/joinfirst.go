package ctxorigin

import (
	"context"
	"sync"
)

// A goroutine that waits for its context's cancel and counts the group
// down only after that, against a function that calls cancel only once
// the group's Wait has returned: each waits for the other. Deferred calls
// run last registered first, so `defer cancel(); defer wg.Wait()` waits
// before it cancels. The twins cancel first: the Wait deferred before the
// cancel, or the cancel called before the Wait.

func waitThenCancel() {
	var wg sync.WaitGroup
	ctx, cancel := context.WithCancel(context.Background())
	wg.Add(1)
	go func() {
		defer wg.Done()
		<-ctx.Done() // want `context never cancelled: receive from ctx\.Done\(\) blocks forever: ctx is context\.WithCancel\(context\.Background\(\)\) whose cancel function is called only after a Wait for the goroutine that waits on it`
	}()
	wg.Wait()
	cancel()
}

func deferredInWrongOrder(n int) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var wg sync.WaitGroup
	defer wg.Wait()
	for i := 0; i < n; i++ {
		wg.Add(1)
		go watchUntilCancel(ctx, &wg)
	}
}

func watchUntilCancel(ctx context.Context, wg *sync.WaitGroup) {
	defer wg.Done()
	<-ctx.Done() // want `context never cancelled: receive from ctx\.Done\(\) blocks forever: ctx is every caller's context\.WithCancel\(context\.Background\(\)\) whose cancel function is called only after a Wait`
}

func cancelThenWait() {
	var wg sync.WaitGroup
	ctx, cancel := context.WithCancel(context.Background())
	wg.Add(1)
	go func() {
		defer wg.Done()
		<-ctx.Done()
	}()
	cancel()
	wg.Wait()
}

func deferredInRightOrder(n int) {
	var wg sync.WaitGroup
	defer wg.Wait()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-ctx.Done()
		}()
	}
}
