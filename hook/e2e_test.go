//go:build unix

package hook_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The end-to-end tests build examples/stuck, let it hang, and read what
// the hook installed in it says: on SIGUSR1, and with -dump in a binary
// built with the goroutineleak profile.

func buildStuck(t *testing.T, env ...string) string {
	t.Helper()
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	exe := filepath.Join(t.TempDir(), "stuck")
	cmd := exec.Command(gobin, "build", "-o", exe, "../examples/stuck")
	cmd.Env = append(os.Environ(), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./examples/stuck: %v\n%s", err, out)
	}
	return exe
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func waitText(t *testing.T, b *syncBuffer, want string) string {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if s := b.String(); strings.Contains(s, want) {
			return s
		}
	}
	t.Fatalf("timed out waiting for %q in:\n%s", want, b.String())
	return ""
}

var cycleRE = regexp.MustCompile(`deadlock: goroutine (\d+) → mutex \(\*stuck\.Hub\)\.mu held by goroutine (\d+) → chan \(\*stuck\.Hub\)\.events received by goroutine (\d+)`)

// checkStuck checks what the hook says about examples/stuck: the hub's
// cycle with both goroutines and both resources, and leaf's chain, its
// five functions in order, the channel, and that nothing can send on it.
func checkStuck(t *testing.T, out string, leaked bool) {
	t.Helper()
	m := cycleRE.FindStringSubmatch(out)
	if m == nil || m[1] != m[3] || m[1] == m[2] {
		t.Fatalf("no hub cycle in:\n%s", out)
	}
	run, publish := chainBlock(out, m[1]), chainBlock(out, m[2])
	if !strings.Contains(run, "main.(*Hub).run") || !strings.Contains(run, "held by goroutine "+m[2]+" since main.go:") {
		t.Errorf("run's chain:\n%s", run)
	}
	if !strings.Contains(publish, "main.(*Hub).Publish") || !strings.Contains(publish, "received by goroutine "+m[1]) {
		t.Errorf("Publish's chain:\n%s", publish)
	}
	leak := regexp.MustCompile(`(?s)goroutine \d+ \[chan receive[^\n]*\]: leak: [^\n]*no live goroutine can send on or close it\n.*?\n\n`).FindString(out + "\n\n")
	if leak == "" {
		t.Fatalf("no leaked receive (is examples/stuck/stuck.graph.json stale? go generate ./examples/stuck) in:\n%s", out)
	}
	if !regexp.MustCompile(`(?s)main\.job .*main\.foo .*main\.bar .*main\.baz .*main\.leaf main\.go:\d+: chan receive`).MatchString(leak) {
		t.Errorf("leaf's chain lacks job → foo → bar → baz → leaf:\n%s", leak)
	}
	if !strings.Contains(leak, "waits on chan answers (main.main)") || !strings.Contains(leak, "sent on by main.fetch: no live goroutine is in it or can reach it") {
		t.Errorf("leaf's chain lacks the channel or its partner:\n%s", leak)
	}
	if leaked != strings.Contains(leak, "[chan receive, leaked]") {
		t.Errorf("leak profile marker: want %v:\n%s", leaked, leak)
	}
}

// chainBlock is the text of goroutine id's chain.
func chainBlock(out, id string) string {
	i := strings.Index(out, "\ngoroutine "+id+" [")
	if i < 0 {
		return ""
	}
	block := out[i+1:]
	if j := strings.Index(block, "\n\n"); j >= 0 {
		block = block[:j]
	}
	return block
}

func TestStuckOnSignal(t *testing.T) {
	t.Parallel()
	cmd := exec.Command(buildStuck(t))
	var stderr syncBuffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	waitText(t, &stderr, "hanging")
	// Let it get stuck, then ask.
	time.Sleep(300 * time.Millisecond)
	if err := cmd.Process.Signal(syscall.SIGUSR1); err != nil {
		t.Fatal(err)
	}
	out := waitText(t, &stderr, "counted down by")
	if !strings.Contains(out, "=== awaitvet hook ") {
		t.Errorf("no report title:\n%s", out)
	}
	checkStuck(t, out, false)
}

func TestStuckLeakProfile(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the standard library with GOEXPERIMENT=goroutineleakprofile")
	}
	t.Parallel()
	out, err := exec.Command(buildStuck(t, "GOEXPERIMENT=goroutineleakprofile"), "-dump=300ms").Output()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	checkStuck(t, string(out), true)
	if !strings.Contains(string(out), "deadlock: on a deadlock cycle (above); the runtime's goroutineleak profile proves it leaked") {
		t.Errorf("the deadlocked goroutines are not marked leaked:\n%s", out)
	}
}
