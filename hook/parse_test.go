package hook

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// The recorded dumps in testdata were captured on linux/amd64 with Go
// 1.26 from programs stuck on purpose (paths rewritten to /home/gopher):
//
//	stuck.txt        go run ./examples/stuck -dump=300ms -raw
//	stuck-leak.txt   the same built with GOEXPERIMENT=goroutineleakprofile
//	stuck.graph.json the static graph examples/stuck embedded then
//	cgo-deep.txt     a goroutine in C, generics, a method value, 120 recursive frames
//	ancestors.txt    GODEBUG=tracebackancestors=5
//	synctest.txt     runtime.Stack inside a testing/synctest bubble
//	labels.txt       GODEBUG=tracebacklabels=1, labels with quotes, "]" and ", "
//	sigquit.txt      GOTRACEBACK=system and SIGQUIT: gp=/m= headers, fp=/sp=/pc=, registers

func parseFile(t *testing.T, name string) map[uint64]*Goroutine {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	out := make(map[uint64]*Goroutine)
	for _, g := range Parse(data) {
		if out[g.ID] != nil {
			t.Fatalf("%s: goroutine %d twice", name, g.ID)
		}
		out[g.ID] = g
	}
	return out
}

func TestParseStuck(t *testing.T) {
	gs := parseFile(t, "stuck.txt")
	if len(gs) != 8 {
		t.Fatalf("got %d goroutines, want 8", len(gs))
	}
	leaf := gs[11]
	if leaf.State != "chan receive" || leaf.Parent != 1 || leaf.CreatedBy.Func != "main.gather" || leaf.CreatedBy.Line != 79 {
		t.Errorf("goroutine 11: %+v, created by %+v", leaf, leaf.CreatedBy)
	}
	var funcs []string
	for _, f := range leaf.Frames {
		funcs = append(funcs, f.Func)
	}
	if want := "main.leaf main.baz main.bar main.foo main.job main.gather.func1"; strings.Join(funcs, " ") != want {
		t.Errorf("frames %v, want %s", funcs, want)
	}
	if f := leaf.Frames[0]; f.Args != "(...)" || f.File != "/home/gopher/awaitvet/examples/stuck/main.go" || f.Line != 95 {
		t.Errorf("innermost frame %+v", f)
	}
	if g := gs[8]; g.State != "sync.Mutex.Lock" || g.Frames[1].Args != "(0x1f381b3ba040)" {
		t.Errorf("goroutine 8: %+v %+v", g, g.Frames)
	}
	if g := gs[1]; g.CreatedBy != nil || g.Parent != 0 {
		t.Errorf("goroutine 1 has a creator: %+v", g.CreatedBy)
	}
}

func TestParseLeaked(t *testing.T) {
	gs := parseFile(t, "stuck-leak.txt")
	for id, g := range gs {
		want := id == 1 || id == 8 || id == 9 || id == 11
		if g.Leaked != want || strings.Contains(g.State, "leaked") {
			t.Errorf("goroutine %d [%s]: leaked %v, want %v", id, g.State, g.Leaked, want)
		}
	}
}

func TestParseCgoAndDeep(t *testing.T) {
	gs := parseFile(t, "cgo-deep.txt")
	if g := gs[20]; g.State != "syscall" || g.Frames[0].Func != "main._Cfunc_csleep" || g.Frames[0].File != "_cgo_gotypes.go" || g.Frames[0].Line != 46 {
		t.Errorf("cgo goroutine: %+v", g.Frames)
	}
	if g := gs[21]; g.Frames[0].Func != "main.G[...]" {
		t.Errorf("generic frame: %+v", g.Frames[0])
	}
	if g := gs[22]; g.Frames[0].Func != "main.(*T).M" {
		t.Errorf("method frame: %+v", g.Frames[0])
	}
	deep := gs[23]
	if deep.Elided != 21 || len(deep.Frames) != 100 || deep.CreatedBy == nil {
		t.Errorf("deep goroutine: elided %d, %d frames, created by %v", deep.Elided, len(deep.Frames), deep.CreatedBy)
	}
}

func TestParseAncestors(t *testing.T) {
	gs := parseFile(t, "ancestors.txt")
	g := gs[9]
	var ids []uint64
	for _, a := range g.Ancestors {
		ids = append(ids, a.ID)
	}
	if !reflect.DeepEqual(ids, []uint64{8, 7, 1}) || g.Parent != 8 {
		t.Fatalf("ancestors %v, parent %d", ids, g.Parent)
	}
	if a := g.Ancestors[0]; a.CreatedBy.Func != "main.main.func2" || a.Frames[0].Func != "main.main.func2.1" || a.Frames[0].Line != 62 {
		t.Errorf("ancestor 8: %+v created by %+v", a.Frames, a.CreatedBy)
	}
	if len(g.Frames) != 1 {
		t.Errorf("the ancestors' frames leaked into the goroutine's: %+v", g.Frames)
	}
	links := ancestry(g, map[uint64]*Goroutine{9: g})
	var got []string
	for _, l := range links {
		got = append(got, l.Func)
	}
	if want := "main.main main.main.func2 main.main.func2.1"; strings.Join(got, " ") != want {
		t.Errorf("ancestry %v, want %s", got, want)
	}
}

func TestParseSynctest(t *testing.T) {
	gs := parseFile(t, "synctest.txt")
	if g := gs[23]; g.State != "chan receive" || !g.Durable || g.Bubble != 1 {
		t.Errorf("goroutine 23: %+v", g)
	}
	if g := gs[22]; g.State != "synctest.Run" || !g.Durable {
		t.Errorf("goroutine 22: %+v", g)
	}
	if g := gs[24]; g.State != "running" || g.Durable || g.Bubble != 1 {
		t.Errorf("goroutine 24: %+v", g)
	}
}

func TestParseLabels(t *testing.T) {
	gs := parseFile(t, "labels.txt")
	want := map[string]string{"a": "x]\"y, z", "é": "\t"}
	if g := gs[7]; g.State != "chan receive" || !reflect.DeepEqual(g.Labels, want) {
		t.Errorf("goroutine 7: state %q labels %q", g.State, g.Labels)
	}
}

func TestParseSigquit(t *testing.T) {
	gs := parseFile(t, "sigquit.txt")
	if len(gs) != 9 {
		t.Errorf("got %d goroutines, want 9", len(gs))
	}
	g := gs[20]
	if g.State != "syscall" || g.Frames[0].Func != "runtime.cgocall" || g.Frames[0].Line != 167 || g.Frames[0].File != "/usr/local/go/src/runtime/cgocall.go" {
		t.Errorf("goroutine 20: %+v", g.Frames[0])
	}
	if last := g.Frames[len(g.Frames)-1]; last.Func != "runtime.goexit" || last.Args != "({})" {
		t.Errorf("last frame %+v", last)
	}
	if g := gs[22]; g.State != "sync.Mutex.Lock" || g.Parent != 1 {
		t.Errorf("goroutine 22: %+v", g)
	}
}

func TestParseOdd(t *testing.T) {
	dump := "garbage before\r\n" +
		"goroutine 5 [chan receive, 42 minutes, locked to thread]:\r\n" +
		"main.f()\r\n" +
		"\t/x/y.go:3 +0x1\r\n" +
		"\r\n" +
		"goroutine 6 [running]:\n" +
		"\tgoroutine running on other thread; stack unavailable\n" +
		"created by main.g in goroutine 5\n" +
		"\t/x/y.go:9 +0x2\n" +
		"\n" +
		"goroutine 7 gp=0xc000 m=nil [select (no cases), 3 minutes]:\n" +
		"non-Go function\n" +
		"\tpc=0x1234\n" +
		"main.h(0x1, ...)\n" +
		"\t/path with space/z.go:12\n" +
		"goroutine 8 [chan send (nil chan)]:\n" +
		"main.k(0x0?, 0x1)\n" +
		"\t/x/k.go:"
	gs := Parse([]byte(dump))
	if len(gs) != 4 {
		t.Fatalf("got %d goroutines: %+v", len(gs), gs)
	}
	if g := gs[0]; g.ID != 5 || g.State != "chan receive" || g.Minutes != 42 || !g.Locked || g.Frames[0].File != "/x/y.go" || g.Frames[0].Line != 3 {
		t.Errorf("goroutine 5: %+v %+v", g, g.Frames)
	}
	if g := gs[1]; !g.Unavailable || g.Parent != 5 || g.CreatedBy.Line != 9 || len(g.Frames) != 0 {
		t.Errorf("goroutine 6: %+v", g)
	}
	if g := gs[2]; g.State != "select (no cases)" || g.Minutes != 3 || len(g.Frames) != 1 || g.Frames[0].File != "/path with space/z.go" || g.Frames[0].Line != 12 {
		t.Errorf("goroutine 7: %+v %+v", g, g.Frames)
	}
	if g := gs[3]; !g.Truncated || g.State != "chan send (nil chan)" || !g.forever() {
		t.Errorf("goroutine 8: %+v", g)
	}
	if gs := Parse(nil); len(gs) != 0 {
		t.Errorf("empty dump: %v", gs)
	}
}

func TestHeader(t *testing.T) {
	for _, tc := range []struct {
		line string
		ok   bool
		want Goroutine
	}{
		{"goroutine 1 [running]:", true, Goroutine{ID: 1, State: "running"}},
		{"goroutine 18446744073709551615 [idle]:", true, Goroutine{ID: 1<<64 - 1, State: "idle"}},
		{"goroutine 18446744073709551616 [idle]:", false, Goroutine{}},
		{"goroutine 3 [chan receive (leaked) (scan), 7 minutes]:", true, Goroutine{ID: 3, State: "chan receive", Leaked: true, Minutes: 7}},
		{"goroutine 4 [select (durable), synctest bubble 2 labels:{\"k\": \"v\"}]:", true, Goroutine{ID: 4, State: "select", Durable: true, Bubble: 2, Labels: map[string]string{"k": "v"}}},
		{`goroutine 9 [sleep labels:{"a": "b", "broken]:`, true, Goroutine{ID: 9, State: "sleep", Labels: map[string]string{"a": "b"}}},
		{"goroutine x [running]:", false, Goroutine{}},
		{"goroutine 1 running]:", false, Goroutine{}},
		{"goroutine 1]:", false, Goroutine{}},
		{"goroutine ]:", false, Goroutine{}},
	} {
		g, ok := parseHeader(tc.line)
		if ok != tc.ok {
			t.Errorf("%q: ok %v", tc.line, ok)
			continue
		}
		if ok && !reflect.DeepEqual(*g, tc.want) {
			t.Errorf("%q:\n got %+v\nwant %+v", tc.line, *g, tc.want)
		}
	}
}

// FuzzParse checks that no dump makes Parse panic, and that what it
// returns is consistent. Seeds: the recorded dumps, and
// testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.txt")
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, dump []byte) {
		gs := Parse(dump)
		for _, g := range gs {
			for _, fr := range g.Frames {
				if fr.Func == "" || fr.Line < 0 {
					t.Fatalf("bad frame %+v", fr)
				}
			}
			if g.Elided < 0 || g.Minutes < 0 {
				t.Fatalf("bad counts %+v", g)
			}
			split(g)
			waitAddress(g)
			g.Blocked()
		}
		if len(gs) > 0 {
			Analyze(&Snapshot{Goroutines: gs}, WithGraph(stuckGraph(t)))
		}
	})
}
