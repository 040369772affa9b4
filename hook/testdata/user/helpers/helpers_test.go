// Package helpers has tests that fail on purpose: each leaves a goroutine
// blocked, and the hook must report the failure at the line marked
// "// @name" in this file, never inside the hook.
package helpers

import (
	"testing"
	"time"

	"github.com/awaitvet/awaitvet/hook"
)

var opts = []hook.Option{hook.MaxWait(10 * time.Millisecond), hook.NoLeakProfile()}

func block(ch chan struct{}) { <-ch }

func TestTrack(t *testing.T) {
	hook.Track(t, opts...) // @TestTrack
	go block(make(chan struct{}))
}

func TestTrackSubtest(t *testing.T) {
	t.Run("sub", func(t *testing.T) {
		hook.Track(t, opts...) // @TestTrackSubtest/sub
		go block(make(chan struct{}))
	})
}

func TestVerifyNone(t *testing.T) {
	go block(make(chan struct{}))
	hook.VerifyNone(t, opts...) // @TestVerifyNone
}

func TestCheck(t *testing.T) {
	defer hook.Check(t, opts...)
	go block(make(chan struct{}))
} // @TestCheck
