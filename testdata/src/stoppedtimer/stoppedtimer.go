// Package stoppedtimer: the drain idiom "if !t.Stop() { <-t.C }" on a
// path from a receive of t.C with no Reset between blocks forever: the
// value is gone and Stop returns false.
package stoppedtimer

import (
	"context"
	"time"
)

// badLoop: the timer case goes round without Reset; a reset request then
// finds Stop false and waits on an empty channel.
func badLoop(ctx context.Context, reset <-chan struct{}) {
	t := time.NewTimer(time.Second)
	for {
		select {
		case <-t.C:
		case <-reset:
			if !t.Stop() {
				<-t.C // want `timer drain blocks forever: receive from the timer's C after Stop returned false; its value was already received and nothing reset it`
			}
			t.Reset(time.Second)
		case <-ctx.Done():
			t.Stop()
			return
		}
	}
}

// goodLoop: the timer case resets the timer, so on every path to the
// drain the timer is running (or its value pending): Stop can return
// false only with a value to drain.
func goodLoop(ctx context.Context, reset <-chan struct{}) {
	t := time.NewTimer(time.Second)
	for {
		select {
		case <-t.C:
			t.Reset(time.Second)
		case <-reset:
			if !t.Stop() {
				<-t.C
			}
			t.Reset(time.Second)
		case <-ctx.Done():
			return
		}
	}
}

// goodFresh: a timer just made has not fired: its drain never runs on a
// taken value.
func goodFresh() *time.Timer {
	t := time.NewTimer(time.Hour)
	if !t.Stop() {
		<-t.C
	}
	return nil
}

// A strategy whose loop runs in a closure over a field timer.
type strategy struct {
	timer *time.Timer
	reset chan struct{}
}

func (s *strategy) badStart(ctx context.Context) {
	s.timer = time.NewTimer(time.Second)
	go func() {
		for {
			select {
			case <-s.timer.C:
			case <-s.reset:
				if !s.timer.Stop() {
					<-s.timer.C // want `timer drain blocks forever: receive from \(\*strategy\)\.timer\.C after Stop returned false`
				}
				s.timer.Reset(time.Second)
			case <-ctx.Done():
				return
			}
		}
	}()
}

// A pacer whose timer another method resets: another goroutine may reset
// it between the receive and the Stop, so nothing is claimed.
type pacer struct {
	timer *time.Timer
	kick  chan struct{}
}

func (p *pacer) Nudge() { p.timer.Reset(time.Millisecond) }

func (p *pacer) goodLoop(ctx context.Context) {
	for {
		select {
		case <-p.timer.C:
		case <-p.kick:
			if !p.timer.Stop() {
				<-p.timer.C
			}
			p.timer.Reset(time.Second)
		case <-ctx.Done():
			return
		}
	}
}

// goodFlag: the timer case sets a flag that the drain tests first, so the
// drain runs only while the value is still to come. The walk does not go
// through a branch on program state.
func goodFlag(ctx context.Context, reset <-chan struct{}) {
	t := time.NewTimer(time.Second)
	fired := false
	for {
		select {
		case <-t.C:
			fired = true
		case <-reset:
			if !fired && !t.Stop() {
				<-t.C
			}
			t.Reset(time.Second)
			fired = false
		case <-ctx.Done():
			return
		}
	}
}

// A loop whose timer case resets through a closure of its own.
type ticker struct {
	timer *time.Timer
	reset chan struct{}
}

func (k *ticker) goodLoop(ctx context.Context) {
	rearm := func() { k.timer.Reset(time.Second) }
	for {
		select {
		case <-k.timer.C:
			rearm()
		case <-k.reset:
			if !k.timer.Stop() {
				<-k.timer.C
			}
			rearm()
		case <-ctx.Done():
			return
		}
	}
}
