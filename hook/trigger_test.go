//go:build unix

package hook_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/awaitvet/awaitvet/hook"
)

// Not parallel: they own SIGUSR2 while they run.

func TestInstallSignal(t *testing.T) {
	name := unique(t)
	labelled(name, func() { go recvNil() })
	id := chainIn(t, settle(t, name, 1), "recvNil").G.ID

	var out syncBuffer
	file := filepath.Join(t.TempDir(), "chains.txt")
	stop := hook.Install(hook.OnSignal(syscall.SIGUSR2), hook.Output(&out), hook.NoLeakProfile())
	stopFile := hook.Install(hook.OnSignal(syscall.SIGUSR2), hook.OutputFile(file), hook.NoLeakProfile())
	syscall.Kill(os.Getpid(), syscall.SIGUSR2)
	text := waitText(t, &out, "=== awaitvet hook ") // written in one piece
	stop()
	stopFile()
	if !mentions(text, id, "chan receive (nil chan)]") {
		t.Errorf("signal report lacks goroutine %d:\n%s", id, text)
	}
	for _, c := range strings.Split(text, "\ngoroutine ")[1:] {
		if strings.Contains(c, "hook.Install") {
			t.Errorf("the hook's own goroutine is in the report:\n%s", c)
		}
	}
	data, err := os.ReadFile(file)
	if err != nil || !strings.Contains(string(data), "recvNil") {
		t.Errorf("file report (%v):\n%s", err, data)
	}
}

func TestWatchdog(t *testing.T) {
	name := unique(t)
	var out syncBuffer
	stop := hook.Install(hook.OnSignal(), hook.Output(&out), hook.Watchdog(100*time.Millisecond), hook.WatchdogInterval(10*time.Millisecond), hook.RateLimit(0))
	defer stop()
	labelled(name, func() { go recvNil() })
	id := chainIn(t, settle(t, name, 1), "recvNil").G.ID
	var text string
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if text = out.String(); mentions(text, id, "chan receive (nil chan), for ") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the watchdog did not report goroutine %d:\n%s", id, text)
		}
	}
	if !strings.Contains(text, "goroutines blocked longer than 100ms") {
		t.Errorf("watchdog report:\n%s", text)
	}
	// Once per chain: later reports do not repeat it.
	time.Sleep(300 * time.Millisecond)
	if reports := strings.Split(out.String(), "=== awaitvet hook"); len(reports) > 2 {
		for _, r := range reports[2:] {
			if mentions(r, id, "chan receive (nil chan), for ") {
				t.Errorf("reported again:\n%s", r)
			}
		}
	}
}
