package hook

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/awaitvet/awaitvet/internal/dumpgen"
)

// A go test run in which two test binaries time out: their dumps share
// goroutine IDs, and test output surrounds them.
const twoTimeouts = `=== RUN   TestA
--- PASS: TestA (0.00s)
=== RUN   TestHang
panic: test timed out after 1s
	running tests:
		TestHang (1s)

goroutine 17 [running]:
testing.(*M).startAlarm.func1()
	/usr/local/go/src/testing/testing.go:2802 +0x354
created by time.goFunc
	/usr/local/go/src/time/sleep.go:215 +0x2d

goroutine 7 [chan receive, 2 minutes]:
example.com/a.TestHang(0xc000003340)
	/src/a/a_test.go:12 +0x25
testing.tRunner(0xc000003340, 0x5930d0)
	/usr/local/go/src/testing/testing.go:2036 +0xea
created by testing.(*T).Run in goroutine 1
	/usr/local/go/src/testing/testing.go:2101 +0x4c5
FAIL	example.com/a	1.012s
goroutine 7 [select]:
example.com/b.wait()
	/src/b/b.go:5 +0x25
created by example.com/b.Start in goroutine 1
	/src/b/b.go:9 +0x45
exit status 2
FAIL	example.com/b	1.010s
`

func TestExtractDumps(t *testing.T) {
	ds := ExtractDumps([]byte(twoTimeouts))
	if len(ds) != 2 {
		t.Fatalf("%d dumps, want 2", len(ds))
	}
	a, b := ds[0], ds[1]
	if a.Kind != "test timeout" || a.Line != 4 || len(a.Running) != 1 || a.Running[0] != "TestHang (1s)" {
		t.Errorf("first dump: %+v", a)
	}
	if len(a.Goroutines) != 2 || a.Goroutines[1].Minutes != 2 || a.Goroutines[1].CreatedBy == nil {
		t.Errorf("first dump's goroutines: %v", a.Goroutines)
	}
	if b.Kind != "goroutine dump" || len(b.Goroutines) != 1 || b.Goroutines[0].State != "select" || b.Truncated {
		t.Errorf("second dump: %+v %v", b, b.Goroutines)
	}
}

// TestExtractCrash: GOTRACEBACK=crash prints each thread's stacks after
// the dump; they are not another dump, and goroutine 0 is no goroutine.
func TestExtractCrash(t *testing.T) {
	text := `SIGQUIT: quit
PC=0x40866e m=0 sigcode=0

goroutine 0 gp=0x5841a0 m=0 mp=0x584f60 [idle]:
runtime.mcall()
	/usr/local/go/src/runtime/asm_amd64.s:496 +0x55 fp=0x7ffeab2bf338 sp=0x7ffeab2bf320 pc=0x47da15

goroutine 1 gp=0x2fd001c421e0 m=nil [chan receive]:
main.main()
	/tmp/x/main.go:16 +0xb9 fp=0x2fd001caef48 sp=0x2fd001caeef8 pc=0x49e879

rax    0xfffffffffffffffc
rflags 0x246
cs     0x33

-----

SIGQUIT: quit
PC=0x481023 m=1 sigcode=0

goroutine 0 gp=0x2fd001c425a0 m=1 mp=0x2fd001c7c008 [idle]:
runtime.futex(0x5857a0, 0x80, 0x0, 0x0, 0x0, 0x0)
	/usr/local/go/src/runtime/sys_linux_amd64.s:557 +0x21 fp=0x2fd001c67e68 sp=0x2fd001c67e60 pc=0x481021

goroutine 1 gp=0x2fd001c421e0 m=nil [chan receive]:
main.main()
	/tmp/x/main.go:16 +0xb9 fp=0x2fd001caef48 sp=0x2fd001caeef8 pc=0x49e879

-----
`
	ds := ExtractDumps([]byte(text))
	if len(ds) != 1 || ds[0].Kind != "signal" || len(ds[0].Goroutines) != 1 || ds[0].Goroutines[0].ID != 1 {
		t.Fatalf("dumps: %+v", ds)
	}
	if f := ds[0].Goroutines[0].Frames; len(f) != 1 || f[0].Line != 16 {
		t.Errorf("frames: %+v", f)
	}
}

// TestExtractAsleep: the runtime's deadlock proof marks every goroutine,
// and a goroutine with nothing known about its partners is stuck, not a
// leak: it may be on a cycle nobody can name without the static graph.
func TestExtractAsleep(t *testing.T) {
	text := "fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [chan receive]:\nmain.main()\n\t/tmp/x/main.go:9 +0x1d\nexit status 2\n"
	ds := ExtractDumps([]byte(text))
	if len(ds) != 1 || ds[0].Kind != "deadlock" || !ds[0].Goroutines[0].Asleep {
		t.Fatalf("dumps: %+v", ds)
	}
	r := Analyze(ds[0].Snapshot())
	if len(r.Chains) != 1 || r.Chains[0].Verdict != Stuck || r.Chains[0].Why != asleepWhy {
		t.Fatalf("report:\n%s", r)
	}
}

// TestExtractTruncated: a dump cut in the middle of a frame is kept and
// said to be truncated.
func TestExtractTruncated(t *testing.T) {
	text := "goroutine 1 [chan receive]:\nmain.main()\n\t/tmp/x/main.go:9 +0x1d\n\ngoroutine 5 [select, 4 minutes]:\nmain.loop(0xc0000"
	ds := ExtractDumps([]byte(text))
	if len(ds) != 1 || !ds[0].Truncated || len(ds[0].Goroutines) != 2 {
		t.Fatalf("dumps: %+v", ds)
	}
	r := Analyze(ds[0].Snapshot())
	if !strings.Contains(r.String(), "truncated") {
		t.Errorf("no note of the truncation:\n%s", r)
	}
}

// TestExtractTestdata: the dumps of testdata, each with text around it,
// give the goroutines Parse gives on the dump alone.
func TestExtractTestdata(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txt")
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		want := 0
		for _, g := range Parse(data) {
			if g.ID != 0 {
				want++
			}
		}
		mixed := append([]byte("=== RUN   TestX\nsome log line: ok (fine)\n\n"), data...)
		mixed = append(mixed, "\nFAIL\texample.com/x\t0.5s\n"...)
		got := 0
		for _, d := range ExtractDumps(mixed) {
			got += len(d.Goroutines)
		}
		if got != want {
			t.Errorf("%s: %d goroutines extracted, Parse finds %d", name, got, want)
		}
	}
}

func TestCountProfile(t *testing.T) {
	text := "goroutine profile: total 3\n2 @ 0x43e2ce 0x40a8c5\n#\t0x4a1b2c\tmain.leak+0x2c\t/tmp/main.go:12\n"
	if !CountProfile([]byte(text)) || len(ExtractDumps([]byte(text))) != 0 {
		t.Error("a debug=1 profile is not recognised as one")
	}
}

// TestViewFitsScreen: the grouped view of a 50,000-goroutine dump with
// -top=20 is three lines a chain and a few more.
func TestViewFitsScreen(t *testing.T) {
	ds := ExtractDumps(dumpgen.Dump(50000, 200))
	if len(ds) != 1 || len(ds[0].Goroutines) != 50001 {
		t.Fatalf("%d dumps", len(ds))
	}
	r := Analyze(ds[0].Snapshot())
	r.Rank()
	var b bytes.Buffer
	r.WriteView(&b, View{Top: 20})
	lines := strings.Count(b.String(), "\n")
	if lines > 62 {
		t.Errorf("%d lines with -top=20:\n%s", lines, b.String())
	}
	if !strings.Contains(b.String(), "… and 181 more chains") {
		t.Errorf("no count of the chains left out:\n%s", b.String())
	}
}

func BenchmarkExtractAnalyze50k(b *testing.B) {
	dump := dumpgen.Dump(50000, 200)
	b.SetBytes(int64(len(dump)))
	for b.Loop() {
		ds := ExtractDumps(dump)
		r := Analyze(ds[0].Snapshot())
		r.Rank()
		var out bytes.Buffer
		r.WriteView(&out, View{Top: 20})
	}
}

func FuzzExtractDumps(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.txt")
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
		f.Add(append([]byte("panic: test timed out after 1s\n\trunning tests:\n\t\tTestX (1s)\n\n"), data...))
		f.Add(data[:len(data)/2])
	}
	f.Add([]byte(twoTimeouts))
	f.Add([]byte(twoTimeouts[:len(twoTimeouts)/3]))
	f.Add([]byte("SIGQUIT: quit\n-----\n\ngoroutine 0 [idle]:\nfatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [chan receive]:\n"))
	f.Add(dumpgen.Dump(30, 4))
	f.Fuzz(func(t *testing.T, text []byte) {
		for _, d := range ExtractDumps(text) {
			if len(d.Goroutines) == 0 || d.Line < 1 {
				t.Fatalf("empty or misplaced dump %+v", d)
			}
			for _, g := range d.Goroutines {
				if g.ID == 0 {
					t.Fatal("goroutine 0 kept")
				}
			}
			r := Analyze(d.Snapshot())
			r.Rank()
			r.Focus("main")
			var b bytes.Buffer
			r.WriteView(&b, View{Top: 3})
			r.WriteView(&b, View{Full: true})
		}
		CountProfile(text)
	})
}

// TestViewLabelsAncestry: the grouped view shows pprof labels, and the
// goroutines tracebackancestors remembered, exited ones said so; -focus
// finds a chain by a label.
func TestViewLabelsAncestry(t *testing.T) {
	for _, c := range []struct{ file, focus, want string }{
		{"testdata/labels.txt", `a=x]"y, z`, `labels: a="x]\"y, z" é="\t"`},
		{"testdata/ancestors.txt", "main.main.func2.1.1", "goroutine 8 (main.main.func2.1 at main.go:61) → main.main.func2.1.1 main.go:61: chan receive"},
	} {
		data, err := os.ReadFile(c.file)
		if err != nil {
			t.Fatal(err)
		}
		ds := ExtractDumps(data)
		if len(ds) != 1 {
			t.Fatalf("%s: %d dumps", c.file, len(ds))
		}
		r := Analyze(ds[0].Snapshot())
		r.Rank()
		if !r.Focus(c.focus) {
			t.Errorf("%s: -focus=%s keeps nothing", c.file, c.focus)
		}
		var b bytes.Buffer
		r.WriteView(&b, View{})
		if !strings.Contains(b.String(), c.want) {
			t.Errorf("%s: no %q in:\n%s", c.file, c.want, b.String())
		}
	}
}

// TestExtractLeakProfile: the goroutineleak profile at debug=2 marks the
// goroutines its collection proved leaked; the dump says it is one, and
// the verdict is the runtime's.
func TestExtractLeakProfile(t *testing.T) {
	text := "goroutine 1 [running]:\nmain.main()\n\t/tmp/x/main.go:20 +0x1d\n\ngoroutine 9 [chan send (leaked)]:\nmain.produce(0xc000012345)\n\t/tmp/x/main.go:9 +0x1d\ncreated by main.main in goroutine 1\n\t/tmp/x/main.go:18 +0x2f\n"
	ds := ExtractDumps([]byte(text))
	if len(ds) != 1 || !ds[0].LeakProfile {
		t.Fatalf("dumps: %+v", ds)
	}
	r := Analyze(ds[0].Snapshot())
	if len(r.Chains) != 1 || r.Chains[0].Verdict != Leak || !strings.Contains(r.Chains[0].Why, "goroutineleak profile proves it leaked") {
		t.Fatalf("report:\n%s", r)
	}
}
