package doublelock

import "sync"

// A stage stored under the lock before a loop that calls hooks: a hook is
// a func value, and of the functions this package uses as values of its
// type none stores the stage (only this package can write an unexported
// field), so the stage the loop's helper tests is the one stored.

type hookPhase int

const (
	hookRunning hookPhase = iota + 1
	hookDraining
)

type hookRunner struct {
	mu    sync.Mutex
	stage hookPhase
	calls int
	hooks []func()
}

func (c *hookRunner) runHook(h func()) {
	if c.stage == hookRunning {
		c.mu.Lock()
		c.calls++
		c.mu.Unlock()
	} else {
		c.calls++
	}
	h()
}

func (c *hookRunner) Stop() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stage = hookDraining
	for _, h := range c.hooks {
		c.runHook(h) // draining: runHook does not lock
	}
}

func newHookRunner(log func(string)) *hookRunner {
	c := &hookRunner{stage: hookRunning}
	c.hooks = append(c.hooks, func() { log("stopping") })
	return c
}

// The twin's package has a hook that resumes the runner: a hook may set
// the state back to running, and the next turn's runHook locks again.

type resumeRunner struct {
	mu    sync.Mutex
	state hookPhase
	calls int
	hooks []func()
}

func (c *resumeRunner) runHook(h func()) {
	if c.state == hookRunning {
		c.mu.Lock()
		c.calls++
		c.mu.Unlock()
	}
	h()
}

func (c *resumeRunner) Stop() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.state = hookDraining
	for _, h := range c.hooks {
		c.runHook(h) // want `double lock: \(\*resumeRunner\).mu acquired while already held \(through \(\*resumeRunner\).runHook\)`
	}
}

func newResumeRunner() *resumeRunner {
	c := &resumeRunner{state: hookRunning}
	c.hooks = append(c.hooks, func() { c.state = hookRunning })
	return c
}
