package hook_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/awaitvet/awaitvet/hook"
)

// fakeT records what VerifyNone says instead of failing the real test.
type fakeT struct {
	mu       sync.Mutex
	name     string
	errors   []string
	cleanups []func()
}

func (f *fakeT) Helper() {}

func (f *fakeT) Errorf(format string, args ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.errors = append(f.errors, fmt.Sprintf(format, args...))
}

func (f *fakeT) Name() string { return f.name }

func (f *fakeT) Cleanup(fn func()) { f.cleanups = append(f.cleanups, fn) }

// finish runs the cleanups, as the testing package does when a test ends.
func (f *fakeT) finish() {
	for i := len(f.cleanups) - 1; i >= 0; i-- {
		f.cleanups[i]()
	}
}

func (f *fakeT) text() string { return strings.Join(f.errors, "\n") }

// The goroutines these tests leave behind say when they have started:
// a goroutine that has not run yet shows only the wrapper of its go
// statement, not its function, and a test that looked before then would
// depend on the scheduler.
func blockOn(started, ch chan struct{}) { close(started); <-ch }

func TestVerifyNoneReports(t *testing.T) {
	t.Parallel()
	ch, started := make(chan struct{}), make(chan struct{})
	defer close(ch)
	go blockOn(started, ch)
	<-started
	ft := &fakeT{name: t.Name()}
	hook.VerifyNone(ft, hook.MaxWait(50*time.Millisecond), hook.NoLeakProfile())
	if len(ft.errors) != 1 || !strings.Contains(ft.text(), "hook: goroutines left at the end of the test: 1") ||
		!strings.Contains(ft.text(), "hook_test.blockOn verify_test.go:") {
		t.Errorf("VerifyNone said:\n%s", ft.text())
	}
}

func TestVerifyNoneWaitsForFinishing(t *testing.T) {
	t.Parallel()
	go time.Sleep(30 * time.Millisecond)
	ft := &fakeT{name: t.Name()}
	hook.VerifyNone(ft, hook.MaxWait(2*time.Second))
	if len(ft.errors) != 0 {
		t.Errorf("a goroutine that finishes was reported:\n%s", ft.text())
	}
}

func TestVerifyNoneIgnore(t *testing.T) {
	t.Parallel()
	ch, started := make(chan struct{}), make(chan struct{})
	defer close(ch)
	go blockOn(started, ch)
	<-started
	ft := &fakeT{name: t.Name()}
	hook.VerifyNone(ft, hook.MaxWait(10*time.Millisecond), hook.IgnoreFunc("hook_test.blockOn"))
	if len(ft.errors) != 0 {
		t.Errorf("an ignored goroutine was reported:\n%s", ft.text())
	}
	// IgnoreCurrent: what exists before is not the test's business.
	ft = &fakeT{name: t.Name()}
	base := hook.IgnoreCurrent()
	hook.VerifyNone(ft, hook.MaxWait(10*time.Millisecond), base)
	if len(ft.errors) != 0 {
		t.Errorf("a goroutine older than IgnoreCurrent was reported:\n%s", ft.text())
	}
}

func leakA(started, ch chan struct{}) { close(started); <-ch }

func leakB(started, ch chan struct{}) { close(started); <-ch }

// Parallel tests each see their own goroutines: those their goroutine
// created, transitively.
func TestVerifyNoneParallel(t *testing.T) {
	for _, tc := range []struct {
		name string
		leak func(started, ch chan struct{})
		want string
		not  string
	}{
		{"a", leakA, "hook_test.leakA", "hook_test.leakB"},
		{"b", leakB, "hook_test.leakB", "hook_test.leakA"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ch, started := make(chan struct{}), make(chan struct{})
			defer close(ch)
			go func() { tc.leak(started, ch) }()
			<-started
			time.Sleep(20 * time.Millisecond) // let the other subtest start its goroutine
			ft := &fakeT{name: t.Name()}
			hook.VerifyNone(ft, hook.MaxWait(20*time.Millisecond), hook.NoLeakProfile())
			if !strings.Contains(ft.text(), tc.want) || strings.Contains(ft.text(), tc.not) {
				t.Errorf("want %s and not %s in:\n%s", tc.want, tc.not, ft.text())
			}
		})
	}
}

func orphan(started, ch chan struct{}) { close(started); <-ch }

// Track finds goroutines through a go statement in a goroutine that has
// exited, by the label they inherit; plain ancestry cannot.
func TestTrack(t *testing.T) {
	ch := make(chan struct{})
	defer close(ch)
	ft := &fakeT{name: t.Name() + "/fake"}
	hook.Track(ft, hook.MaxWait(20*time.Millisecond), hook.NoLeakProfile())
	done, started := make(chan bool), make(chan struct{})
	go func() {
		go orphan(started, ch)
		done <- true
	}()
	<-done
	<-started
	ft.finish()
	if !strings.Contains(ft.text(), "hook_test.orphan") || !strings.Contains(ft.text(), `awaitvet.test="`+ft.name+`"`) {
		t.Errorf("Track did not find the orphan:\n%s", ft.text())
	}
	// Without Track, the orphan's parent is gone: not attributed.
	ft2 := &fakeT{name: t.Name()}
	hook.VerifyNone(ft2, hook.MaxWait(10*time.Millisecond))
	if strings.Contains(ft2.text(), "hook_test.orphan") {
		t.Errorf("the orphan was attributed without Track:\n%s", ft2.text())
	}
}

func TestCheckPasses(t *testing.T) {
	defer hook.Check(t)
	var wg sync.WaitGroup
	wg.Go(func() { time.Sleep(time.Millisecond) })
	wg.Wait()
}
