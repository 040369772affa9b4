package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestInterruptStopsGo: a SIGTERM that arrives while the go command runs
// stops that command too, and awaitvet ends by the signal. A stand-in go
// on PATH writes its process id and waits; the test waits for it, signals
// awaitvet, waits for awaitvet to end, and then finds the stand-in gone.
// (Every wait is for an event; the test's own deadline bounds them.)
func TestInterruptStopsGo(t *testing.T) {
	if awaitvetBin == "" || runtime.GOOS == "windows" {
		t.Skip("needs the built command and POSIX signals")
	}
	dir := t.TempDir()
	pidFile := filepath.Join(dir, "go.pid")
	script := "#!/bin/sh\necho $$ >> " + pidFile + "\nexec sleep 100000\n"
	if err := os.WriteFile(filepath.Join(dir, "go"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, cacheOn := range []bool{true, false} {
		os.Remove(pidFile)
		cmd := exec.Command(awaitvetBin, "./...")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "PATH="+dir+string(os.PathListSeparator)+os.Getenv("PATH"))
		if !cacheOn {
			cmd.Env = append(cmd.Env, "AWAITVET_CACHE=off")
		} else {
			cmd.Env = append(cmd.Env, "AWAITVET_CACHE="+filepath.Join(dir, "cache"))
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		var goPid int
		for goPid == 0 {
			if b, err := os.ReadFile(pidFile); err == nil && strings.HasSuffix(string(b), "\n") {
				goPid, _ = strconv.Atoi(strings.Fields(string(b))[0])
			}
			time.Sleep(10 * time.Millisecond)
		}
		if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
			t.Fatal(err)
		}
		err := cmd.Wait()
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			t.Fatalf("cache %v: awaitvet ended with %v, want ended by SIGTERM", cacheOn, err)
		}
		if ws, ok := exit.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGTERM {
			t.Errorf("cache %v: awaitvet ended with %v, want ended by SIGTERM", cacheOn, err)
		}
		// awaitvet waited for its child before it ended itself: the
		// stand-in is gone (or a zombie, if awaitvet ended first).
		if alive(goPid) {
			syscall.Kill(goPid, syscall.SIGKILL)
			t.Errorf("cache %v: the go command awaitvet started (pid %d) still runs after awaitvet ended", cacheOn, goPid)
		}
	}
}

// alive reports whether process pid exists and is not a zombie.
func alive(pid int) bool {
	if syscall.Kill(pid, 0) != nil {
		return false
	}
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return true // no /proc: it exists
	}
	f := strings.Fields(string(b))
	return len(f) < 3 || f[2] != "Z"
}
