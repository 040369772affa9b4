package guards

import (
	"context"
	"sync"
)

// A context that carries a marker is an "already locked" flag: a function
// that takes a lock (itself or through a callee) only when ctx.Value(key)
// is nil is called with context.WithValue(ctx, key, true) by the code that
// holds the lock, and skips it. Derived contexts (WithCancel, WithTimeout,
// another key) keep the marker; Background holds none.

type innerCall struct{}

type otherKey struct{}

type tokenClient struct {
	mu    sync.Mutex
	token string
}

// do refreshes the token first, unless the request is refresh's own.
func (c *tokenClient) do(ctx context.Context) {
	if ctx.Value(innerCall{}) == nil {
		c.refresh(ctx)
	}
}

func (c *tokenClient) refresh(ctx context.Context) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.do(context.WithValue(ctx, innerCall{}, true))
	c.token = "new"
}

// refreshDerived marks the context, then derives it again: the marker
// stays.
func (c *tokenClient) refreshDerived(ctx context.Context) {
	c.mu.Lock()
	defer c.mu.Unlock()
	marked := context.WithValue(ctx, innerCall{}, true)
	ctx2, cancel := context.WithCancel(context.WithValue(marked, otherKey{}, 1))
	defer cancel()
	c.do(ctx2)
}

// refreshUnmarked passes its own context on: do refreshes, and locks again.
func (c *tokenClient) refreshUnmarked(ctx context.Context) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.do(ctx) // want `double lock: \(\*tokenClient\)\.mu acquired while already held \(through \(\*tokenClient\)\.refresh\)`
}

// refreshOtherKey marks another key: do still refreshes.
func (c *tokenClient) refreshOtherKey() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.do(context.WithValue(context.Background(), otherKey{}, true)) // want `double lock: \(\*tokenClient\)\.mu acquired while already held \(through \(\*tokenClient\)\.refresh\)`
}

// refreshNilMarker stores nil under the key: ctx.Value is nil, do refreshes.
func (c *tokenClient) refreshNilMarker(ctx context.Context) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.do(context.WithValue(ctx, innerCall{}, nil)) // want `double lock: \(\*tokenClient\)\.mu acquired while already held \(through \(\*tokenClient\)\.refresh\)`
}

// A helper of the package that marks the context (one return of
// context.WithValue over its parameter) marks it as the call would; one
// that marks another key does not.
func markInner(ctx context.Context) context.Context {
	return context.WithValue(ctx, innerCall{}, true)
}

func markOther(ctx context.Context) context.Context {
	return context.WithValue(ctx, otherKey{}, true)
}

func (c *tokenClient) refreshHelper(ctx context.Context) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.do(markInner(ctx))
}

func (c *tokenClient) refreshOtherHelper(ctx context.Context) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.do(markOther(ctx)) // want `double lock: \(\*tokenClient\)\.mu acquired while already held \(through \(\*tokenClient\)\.refresh\)`
}
