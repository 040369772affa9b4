package hook

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/awaitvet/awaitvet/report"
)

func TestStaticName(t *testing.T) {
	for in, want := range map[string]string{
		"main.leaf":                          "main.leaf",
		"example.com/x/y.(*T[...]).M":        "example.com/x/y.(*T).M",
		"main.main.func2.1.1":                "main.main.func2.func1.func1",
		"example.com/a.b/c.F.func1.2":        "example.com/a.b/c.F.func1.func2",
		"example.com/c.(*T).M-fm":            "example.com/c.(*T).M-fm",
		"example.com/c.function1":            "example.com/c.function1",
		"gopkg.in/yaml%2ev3.(*parser).parse": "gopkg.in/yaml%2ev3.(*parser).parse",
		"example.com/c.G[...].func1.3":       "example.com/c.G.func1.func3",
		"example.com/c.(*Hub).run.gowrap1":   "example.com/c.(*Hub).run.gowrap1",
		"example.com/c.F.func10.2":           "example.com/c.F.func10.func2",
		"noDotFunction":                      "noDotFunction",
		"example.com/c.F.funcy.2":            "example.com/c.F.funcy.2",
		"example.com/c.F.func1.deferwrap1":   "example.com/c.F.func1.deferwrap1",
		"example.com/c.F.func1.2.gowrap3":    "example.com/c.F.func1.func2.gowrap3",
		"example.com/c.F.func1.func2-fm":     "example.com/c.F.func1.func2-fm",
		"example.com/c.init.0.func1.1":       "example.com/c.init.0.func1.func1",
		"example.com/c.(*T).M.func1.1.func2": "example.com/c.(*T).M.func1.func1.func2",
		"main.main.func1.1":                  "main.main.func1.func1",
		"example.com/c.F.func1.":             "example.com/c.F.func1.",
		"example.com/c.F.func1.(*T).M":       "example.com/c.F.func1.(*T).M",
		"example.com/c.F.func1.1.2.3":        "example.com/c.F.func1.func1.func2.func3",
		"example.com/c.F.func12345.67":       "example.com/c.F.func12345.func67",
		"example.com/c.Funcs.1":              "example.com/c.Funcs.1",
		"example.com/c.func1.2":              "example.com/c.func1.func2",
		"example.com/c.F.func1.funcy":        "example.com/c.F.func1.funcy",
		"example.com/c.F.func0.0":            "example.com/c.F.func0.func0",
		"example.com/c.F[...].func1[...].2":  "example.com/c.F.func1.func2",
		"example.com/c.F.func1.2.func3.4":    "example.com/c.F.func1.func2.func3.func4",
		"example.com/c.(*T[...]).M.func1.1":  "example.com/c.(*T).M.func1.func1",
		"example.com/c.F.Func1.2":            "example.com/c.F.Func1.2",
		"example.com/c.F.func":               "example.com/c.F.func",
		"example.com/c.F.func.1":             "example.com/c.F.func.1",
		"example.com/c.F.func1.a":            "example.com/c.F.func1.a",
	} {
		if got := staticName(in); got != want {
			t.Errorf("staticName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSameFileAndMadeAt(t *testing.T) {
	if !sameFile("/home/u/m/examples/stuck/main.go", "examples/stuck/main.go") || sameFile("/home/u/m/xmain.go", "main.go") || !sameFile("main.go", "main.go") {
		t.Error("sameFile")
	}
	if p := madeAt("chan:ex.com/p.Get#a:ex.com/p.Get@fetch.go:13:17"); p == nil || *p != (report.Pos{File: "fetch.go", Line: 13}) {
		t.Errorf("madeAt: %+v", p)
	}
	if madeAt("chan:ex.com/p.T.ch") != nil || madeAt("x@y") != nil || madeAt("x@y:z") != nil {
		t.Error("madeAt of an ID without a site")
	}
}

// aheadOf counts calls at or after the frame's line, and what they reach.
func TestAheadOf(t *testing.T) {
	g := report.New()
	for _, n := range []string{"main", "early", "late", "deep", "partner"} {
		g.AddNode(report.Node{ID: "func:m." + n, Kind: report.Func, Name: "m." + n})
	}
	edge := func(from, to string, kind report.EdgeKind, line int) {
		g.AddEdge(report.Edge{From: "func:m." + from, To: "func:m." + to, Kind: kind, Pos: &report.Pos{File: "m.go", Line: line}})
	}
	edge("main", "early", report.Spawns, 10)
	edge("main", "late", report.Calls, 20)
	edge("early", "partner", report.Calls, 3)
	edge("late", "deep", report.Calls, 5)
	edge("deep", "partner", report.Calls, 7)
	edge("deep", "deep", report.Calls, 8) // recursion
	s := newStatic(g)
	for _, tc := range []struct {
		fn   string
		line int
		want bool
	}{
		{"func:m.main", 1, true},
		{"func:m.main", 15, true}, // through late, deep
		{"func:m.main", 21, false},
		{"func:m.partner", 99, true},
		{"func:m.late", 6, false},
		{"func:m.deep", 8, true}, // the recursive call runs deep again, its call of partner too
		{"func:m.deep", 9, false},
	} {
		if got := s.aheadOf(tc.fn, tc.line, "func:m.partner"); got != tc.want {
			t.Errorf("aheadOf(%s, %d) = %v", tc.fn, tc.line, got)
		}
	}
}

// A goroutine in a select is at the select keyword; the graph's edges are
// at the cases: they are found from the source's braces, or without it
// among the next lines.
func TestSelectEdges(t *testing.T) {
	src := "package m\n\nfunc f(a, b, c chan int) {\n\tselect { // {\n\tcase <-a:\n\t\t_ = \"}\"\n\tcase <-b:\n\t}\n\t<-c\n}\n"
	dir := t.TempDir()
	file := filepath.Join(dir, "m.go")
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	g := report.New()
	g.AddNode(report.Node{ID: "func:m.f", Kind: report.Func, Name: "m.f"})
	for i, e := range []struct {
		res, label string
		line       int
	}{{"chan:a", "recv (select)", 5}, {"chan:b", "recv (select)", 7}, {"chan:c", "recv", 9}, {"chan:d", "recv (select)", 30}} {
		g.AddNode(report.Node{ID: e.res, Kind: report.Chan, Name: e.res})
		g.AddEdge(report.Edge{From: "func:m.f", To: e.res, Kind: report.WaitsOn, Label: e.label, Pos: &report.Pos{File: "m.go", Line: e.line, Col: i}})
	}
	s := newStatic(g)
	to := func(es []report.Edge) []string {
		var out []string
		for _, e := range es {
			out = append(out, e.To)
		}
		return out
	}
	if got := to(s.waitEdges(Frame{Func: "m.f", File: file, Line: 4}, "select")); !reflect.DeepEqual(got, []string{"chan:a", "chan:b"}) {
		t.Errorf("with source: %v", got)
	}
	if got := to(s.waitEdges(Frame{Func: "m.f", File: "/elsewhere/m.go", Line: 4}, "select")); !reflect.DeepEqual(got, []string{"chan:a", "chan:b"}) {
		t.Errorf("without source: %v", got)
	}
	if got := to(s.waitEdges(Frame{Func: "m.f", File: file, Line: 9}, "chan receive")); !reflect.DeepEqual(got, []string{"chan:c"}) {
		t.Errorf("plain receive: %v", got)
	}
	if got := blockEnd(file, 4); got != 8 {
		t.Errorf("blockEnd = %d, want 8", got)
	}
}

func TestOperandAt(t *testing.T) {
	src := "package m\n\tp.b.Lock()\n\th.events <- ev // x <- y\n\tv := <-s.ch[i]\n\tfor ev := range h.events {\n\tdefer wg.Wait()\n\tx.rw.RLock()\n\treturn <-answers\n"
	file := filepath.Join(t.TempDir(), "m.go")
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		line     int
		op, want string
	}{
		{2, "lock", "p.b"}, {3, "send", "h.events"}, {4, "recv", "s.ch[i]"}, {5, "recv", "h.events"},
		{6, "wait", "wg"}, {7, "rlock", "x.rw"}, {8, "recv", "answers"}, {2, "send", ""}, {99, "lock", ""},
	} {
		if got := operandAt(Frame{File: file, Line: tc.line}, tc.op); got != tc.want {
			t.Errorf("line %d %s: %q, want %q", tc.line, tc.op, got, tc.want)
		}
	}
}

func TestInstance(t *testing.T) {
	for id, want := range map[string]string{
		"mutex:0xc000012340":         "0xc000012340",
		"rwmutex:0x1f":               "0x1f",
		"waitgroup:0xc0000a2010":     "0xc0000a2010",
		"mutex:ex.com/p.T.mu":        "",
		"unknown:goroutine:12":       "",
		"chan:ex.com/p.F#ch:x.go:0x": "",
		"mutex:0xzz":                 "",
	} {
		if got := instance(id); got != want {
			t.Errorf("instance(%q) = %q, want %q", id, got, want)
		}
	}
}
