package report_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/awaitvet/awaitvet/analyzer"
	"github.com/awaitvet/awaitvet/report"
)

// -update rewrites the golden files. Registered only if another test file of
// the package has not registered it already.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files in testdata")
	}
}

func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// base is the repository root of the test findings; they are given as the
// analyzer gives them, with absolute paths.
const base = "/home/ci/work/example"

func skipOnWindows(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the test findings use slash-separated absolute paths")
	}
}

func at(file string, line, col int) report.Pos {
	return report.Pos{File: base + "/" + file, Line: line, Col: col}
}

// testFindings is a small fixed set: a cross-package lock-order cycle (with
// a hop's position in its text), a leak, the same message twice in one
// function, one outside the base directory, one of a check without a rule,
// and one without a position, which is left out.
func testFindings() []report.Finding {
	return []report.Finding{
		{
			Check:   "lockorder",
			Message: "lock-order cycle: (*Store).mu acquired while holding (*ledger.Ledger).mu; (*Store).Sell takes them in the opposite order",
			Pos:     at("examples/inventory/inventory.go", 34, 11),
			Chain: []report.Hop{
				{Pos: at("examples/inventory/inventory.go", 32, 9), Func: "(*Store).Reconcile", What: "calls ledger.(*Ledger).Begin"},
				{Pos: at("examples/ledger/ledger.go", 18, 2), Func: "ledger.(*Ledger).Begin", What: "locks (*ledger.Ledger).mu"},
				{Pos: at("examples/inventory/inventory.go", 23, 11), Func: "(*Store).Sell", What: "locks (*Store).mu"},
				{Pos: at("examples/inventory/inventory.go", 26, 17), Func: "(*Store).Sell", What: "calls ledger.(*Ledger).Credit"},
				{Pos: at("examples/ledger/ledger.go", 25, 2), Func: "ledger.(*Ledger).Credit", What: "locks (*ledger.Ledger).mu (see examples/ledger/ledger.go:25:2)"},
			},
		},
		{
			Check:   "leak",
			Message: "goroutine leak: send on answers blocks forever: the receiver may leave by another select case",
			Pos:     at("examples/fetch/fetch.go", 15, 3),
			Chain: []report.Hop{
				{Pos: at("examples/fetch/fetch.go", 16, 12), Func: "Get.func1", What: "sends on answers"},
				{Pos: at("examples/fetch/fetch.go", 20, 12), Func: "Get", What: "receives from answers in a select"},
			},
		},
		{
			Check:   "doublelock",
			Message: "double lock: (*Ledger).mu acquired while already held (through (*Ledger).Balance)",
			Pos:     at("examples/ledger/ledger.go", 54, 21),
			Chain: []report.Hop{
				{Pos: at("examples/ledger/ledger.go", 50, 11), Func: "(*Ledger).Total", What: "locks (*Ledger).mu"},
				{Pos: at("examples/ledger/ledger.go", 32, 11), Func: "(*Ledger).Balance", What: "locks (*Ledger).mu"},
			},
		},
		{
			Check:   "doublelock",
			Message: "double lock: (*Ledger).mu acquired while already held (through (*Ledger).Balance)",
			Pos:     at("examples/ledger/ledger.go", 58, 21),
			Chain: []report.Hop{
				{Pos: at("examples/ledger/ledger.go", 50, 11), Func: "(*Ledger).Total", What: "locks (*Ledger).mu"},
				{Pos: at("examples/ledger/ledger.go", 32, 11), Func: "(*Ledger).Balance", What: "locks (*Ledger).mu"},
			},
		},
		{
			Check:   "neverclosed",
			Message: "range over work never ends: nothing closes work",
			Pos:     report.Pos{File: "/root/go/pkg/mod/example.com/dep@v1.0.0/dep.go", Line: 7, Col: 2},
			Chain:   []report.Hop{{Pos: report.Pos{File: "/root/go/pkg/mod/example.com/dep@v1.0.0/dep.go", Line: 5, Col: 2}, Func: "Stream", What: "starts goroutine Stream.func1"}},
		},
		{
			Check:   "experimental",
			Message: "a check the caller gave no rule for, with [brackets](like a link) in its text",
			Pos:     at("examples/fetch/fetch.go", 70, 1),
		},
		{
			Check:   "leak",
			Message: "no position: left out",
			Pos:     report.Pos{File: base + "/examples/fetch/fetch.go"},
		},
	}
}

func testRules() []report.Rule {
	return []report.Rule{
		{ID: "lockorder", Title: "locks acquired in opposite orders (lock-order cycle)",
			Help: report.HelpMarkdown("Two goroutines that take the same locks in opposite orders can each hold\none lock and wait for the other forever.",
				"func (c *Cache) Put() {\n\tc.mu.Lock()\n\tc.store.mu.Lock()\n}", "func (c *Cache) Put() {\n\tc.store.mu.Lock()\n\tc.mu.Lock()\n}"),
			HelpURI: "https://github.com/awaitvet/awaitvet#checks"},
		{ID: "leak", Title: "a goroutine blocked forever on a send or receive its partner abandons",
			Help: report.HelpMarkdown("A goroutine that sends on a channel nobody will receive from again\nblocks forever.", "", "")},
		{ID: "doublelock", Title: "a mutex locked again by the goroutine that holds it",
			Help: report.HelpMarkdown("sync.Mutex is not reentrant.", "s.mu.Lock()\ns.mu.Lock()", "s.mu.Lock()\ns.mu.Unlock()\ns.mu.Lock()")},
		{ID: "neverclosed", Title: "a range over a channel nothing closes"},
		{ID: "cond", Title: "a rule with no results"},
	}
}

var tool = report.ToolInfo{Name: "awaitvet", Version: "v0.4.0", InformationURI: "https://github.com/awaitvet/awaitvet"}

func writeSARIF(t *testing.T, findings []report.Finding, rules []report.Rule) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := report.WriteSARIF(&buf, findings, rules, tool, base); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestSARIFGolden(t *testing.T) {
	skipOnWindows(t)
	got := writeSARIF(t, testFindings(), testRules())
	golden := filepath.Join("testdata", "findings.sarif.golden")
	if updating() {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("WriteSARIF output differs from %s (run with -update to accept):\n%s", golden, lineDiff(string(want), string(got)))
	}
	validateSARIF(t, got)
	checkGitHub(t, got)
	if !bytes.HasSuffix(got, []byte("}\n")) || !bytes.HasPrefix(got, []byte("{\n  \"$schema\"")) {
		t.Errorf("want 2-space indented JSON with a trailing newline")
	}
}

// lineDiff shows the first lines where want and got part.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d:\n-%s\n+%s", i+1, wl, gl)
		}
	}
	return "(no line differs)"
}

// TestSARIFContent checks what the golden file holds, so that an -update
// cannot quietly accept a wrong file.
func TestSARIFContent(t *testing.T) {
	skipOnWindows(t)
	log := decode(t, writeSARIF(t, testFindings(), testRules()))
	run := log.Runs[0]
	if got, want := run.Tool.Driver.SemanticVersion, "0.4.0"; got != want {
		t.Errorf("semanticVersion = %q, want %q", got, want)
	}
	var ids []string
	for _, r := range run.Tool.Driver.Rules {
		ids = append(ids, r.ID)
	}
	if got, want := strings.Join(ids, ","), "cond,doublelock,experimental,leak,lockorder,neverclosed"; got != want {
		t.Errorf("rules = %s, want %s (sorted, with one made up for the check without a rule)", got, want)
	}
	lo := run.Tool.Driver.Rules[4]
	if want := "Two goroutines that take the same locks in opposite orders can each hold one lock and wait for the other forever."; lo.FullDescription.Text != want {
		t.Errorf("fullDescription = %q, want %q", lo.FullDescription.Text, want)
	}
	if !strings.Contains(lo.Help.Markdown, "```go\nfunc (c *Cache) Put() {\n\tc.mu.Lock()") || !strings.Contains(lo.Help.Markdown, "**RIGHT**") {
		t.Errorf("help.markdown lacks the examples:\n%s", lo.Help.Markdown)
	}
	if len(run.Results) != 6 {
		t.Fatalf("%d results, want 6 (the finding without a position left out)", len(run.Results))
	}
	var order []string
	for _, r := range run.Results {
		l := r.Locations[0].PhysicalLocation
		order = append(order, fmt.Sprintf("%s:%d", l.ArtifactLocation.URI, l.Region.StartLine))
	}
	want := []string{
		"examples/fetch/fetch.go:15", "examples/fetch/fetch.go:70", "examples/inventory/inventory.go:34",
		"examples/ledger/ledger.go:54", "examples/ledger/ledger.go:58", "file:///root/go/pkg/mod/example.com/dep@v1.0.0/dep.go:7",
	}
	if strings.Join(order, " ") != strings.Join(want, " ") {
		t.Errorf("results in order\n%s\nwant\n%s", strings.Join(order, "\n"), strings.Join(want, "\n"))
	}
	cycle := run.Results[2]
	if len(cycle.RelatedLocations) != 5 || len(cycle.CodeFlows) != 1 || len(cycle.CodeFlows[0].ThreadFlows[0].Locations) != 5 {
		t.Fatalf("lock-order result: %d related locations, %d code flows, want 5 and 1 of 5", len(cycle.RelatedLocations), len(cycle.CodeFlows))
	}
	if r := cycle.RelatedLocations[1]; r.ID != 2 || r.Message.Text != "ledger.(*Ledger).Begin locks (*ledger.Ledger).mu" ||
		r.PhysicalLocation.ArtifactLocation.URI != "examples/ledger/ledger.go" || r.PhysicalLocation.Region.StartLine != 18 {
		t.Errorf("second hop = %+v", r)
	}
	if a := run.Results[5].Locations[0].PhysicalLocation.ArtifactLocation; a.URIBaseID != "" {
		t.Errorf("a file outside the base directory has uriBaseId %q, want none", a.URIBaseID)
	}
	if got := run.Results[1].Message.Text; !strings.Contains(got, `\[brackets\](like`) {
		t.Errorf("message with a link-like text not escaped: %q", got)
	}
	a, b := run.Results[3].PartialFingerprints[report.FingerprintKey], run.Results[4].PartialFingerprints[report.FingerprintKey]
	if !strings.HasSuffix(a, ":1") || !strings.HasSuffix(b, ":2") || a[:len(a)-2] != b[:len(b)-2] {
		t.Errorf("the same finding twice in one function: fingerprints %s and %s, want one hash numbered 1 and 2", a, b)
	}
	if got := run.OriginalURIBaseIDs["%SRCROOT%"].URI; got != "file://"+base+"/" {
		t.Errorf("originalUriBaseIds[%%SRCROOT%%] = %q", got)
	}
}

func TestSARIFDeterministic(t *testing.T) {
	fs := testFindings()
	first := writeSARIF(t, fs, testRules())
	if second := writeSARIF(t, fs, testRules()); !bytes.Equal(first, second) {
		t.Fatal("two runs on the same findings differ")
	}
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 20; i++ {
		fs := testFindings()
		rules := testRules()
		rng.Shuffle(len(fs), func(i, j int) { fs[i], fs[j] = fs[j], fs[i] })
		rng.Shuffle(len(rules), func(i, j int) { rules[i], rules[j] = rules[j], rules[i] })
		if got := writeSARIF(t, fs, rules); !bytes.Equal(first, got) {
			t.Fatalf("shuffled input gives other bytes:\n%s", lineDiff(string(first), string(got)))
		}
	}
}

var posRE = regexp.MustCompile(`(\.go:|line )(\d+)`)

// shift moves every line, in positions and in text, down by n.
func shift(fs []report.Finding, n int) []report.Finding {
	mv := func(s string) string {
		return posRE.ReplaceAllStringFunc(s, func(m string) string {
			sm := posRE.FindStringSubmatch(m)
			l, _ := strconv.Atoi(sm[2])
			return sm[1] + strconv.Itoa(l+n)
		})
	}
	out := make([]report.Finding, len(fs))
	for i, f := range fs {
		if f.Pos.Line > 0 {
			f.Pos.Line += n
			f.Pos.Col++
		}
		f.Message = mv(f.Message)
		f.Chain = append([]report.Hop(nil), f.Chain...)
		for j := range f.Chain {
			f.Chain[j].Pos.Line += n
			f.Chain[j].Func = mv(f.Chain[j].Func)
			f.Chain[j].What = mv(f.Chain[j].What)
		}
		out[i] = f
	}
	return out
}

func fingerprints(t *testing.T, fs []report.Finding) []string {
	var out []string
	for _, r := range decode(t, writeSARIF(t, fs, testRules())).Runs[0].Results {
		out = append(out, r.RuleID+" "+r.PartialFingerprints[report.FingerprintKey])
	}
	return out
}

func TestSARIFFingerprintsIgnoreLines(t *testing.T) {
	fs := testFindings()
	fs[0].Message += " (first taken at examples/inventory/inventory.go:32:9, line 32)"
	fs[1].Chain[0].Func = "fetch.go:16: Get.func1" // a hop's position in its text
	before := fingerprints(t, fs)
	after := fingerprints(t, shift(fs, 40))
	if strings.Join(before, "\n") != strings.Join(after, "\n") {
		t.Errorf("fingerprints changed when only lines moved:\n%s\nvs\n%s", strings.Join(before, "\n"), strings.Join(after, "\n"))
	}
	seen := make(map[string]bool)
	for _, fp := range before {
		if seen[fp] {
			t.Errorf("fingerprint %s given to two results", fp)
		}
		seen[fp] = true
	}
	// What the finding is about does count.
	for name, change := range map[string]func(*report.Finding){
		"message": func(f *report.Finding) { f.Message = strings.Replace(f.Message, "(*Store).mu", "(*Store).rw", 1) },
		"check":   func(f *report.Finding) { f.Check = "doublelock" },
		"file":    func(f *report.Finding) { f.Pos.File = base + "/examples/inventory/other.go" },
		"chain":   func(f *report.Finding) { f.Chain[0].Func = "(*Store).Audit" },
	} {
		changed := testFindings()
		change(&changed[0])
		if fingerprints(t, changed)[2] == fingerprints(t, testFindings())[2] {
			t.Errorf("fingerprint unchanged when the %s changed", name)
		}
	}
}

func TestSARIFPaths(t *testing.T) {
	skipOnWindows(t)
	f := report.Finding{Check: "leak", Message: "m", Pos: report.Pos{File: "sub dir/a#b.go", Line: 3}}
	for _, tc := range []struct {
		file, base, uri, baseID string
	}{
		{"/repo/pkg/a.go", "/repo", "pkg/a.go", "%SRCROOT%"},
		{"/repo/pkg/a.go", "/repo/", "pkg/a.go", "%SRCROOT%"},
		{"/repo2/a.go", "/repo", "file:///repo2/a.go", ""},
		{"/elsewhere/a b.go", "/repo", "file:///elsewhere/a%20b.go", ""},
		{"sub dir/a#b.go", "/repo", "sub%20dir/a%23b.go", "%SRCROOT%"},
		{"pkg/a.go", "", "pkg/a.go", "%SRCROOT%"},
		{"../a.go", "", "../a.go", ""},
		{"/abs/a.go", "", "file:///abs/a.go", ""},
	} {
		f.Pos.File = tc.file
		var buf bytes.Buffer
		if err := report.WriteSARIF(&buf, []report.Finding{f}, nil, report.ToolInfo{}, tc.base); err != nil {
			t.Fatal(err)
		}
		a := decode(t, buf.Bytes()).Runs[0].Results[0].Locations[0].PhysicalLocation.ArtifactLocation
		if a.URI != tc.uri || a.URIBaseID != tc.baseID {
			t.Errorf("%s under %q: uri %q, uriBaseId %q; want %q, %q", tc.file, tc.base, a.URI, a.URIBaseID, tc.uri, tc.baseID)
		}
		if _, err := url.Parse(a.URI); err != nil {
			t.Errorf("%s: %v", a.URI, err)
		}
		validateSARIF(t, buf.Bytes())
	}
}

func TestSARIFVersions(t *testing.T) {
	for v, want := range map[string]string{
		"v1.2.3": "1.2.3", "1.2.3-rc.1+build.5": "1.2.3-rc.1+build.5", "v0.0.0-20260101000000-abcdef123456": "0.0.0-20260101000000-abcdef123456",
		"(devel)": "", "devel": "", "v1.2": "", "": "",
	} {
		var buf bytes.Buffer
		if err := report.WriteSARIF(&buf, nil, nil, report.ToolInfo{Version: v}, ""); err != nil {
			t.Fatal(err)
		}
		d := decode(t, buf.Bytes()).Runs[0].Tool.Driver
		if d.SemanticVersion != want || d.Version != v || d.Name != "awaitvet" {
			t.Errorf("version %q: name %q, version %q, semanticVersion %q; want awaitvet, %q, %q", v, d.Name, d.Version, d.SemanticVersion, v, want)
		}
		validateSARIF(t, buf.Bytes())
		checkGitHub(t, buf.Bytes())
	}
}

func TestSARIFResultLimit(t *testing.T) {
	fs := make([]report.Finding, report.MaxSARIFResults+3)
	for i := range fs {
		fs[i] = report.Finding{Check: "leak", Message: "m", Pos: report.Pos{File: fmt.Sprintf("f%05d.go", i), Line: 1, Col: 1}}
	}
	var buf bytes.Buffer
	if err := report.WriteSARIF(&buf, fs, nil, tool, ""); err != nil {
		t.Fatal(err)
	}
	run := decode(t, buf.Bytes()).Runs[0]
	if len(run.Results) != report.MaxSARIFResults {
		t.Errorf("%d results, want %d", len(run.Results), report.MaxSARIFResults)
	}
	if len(run.Invocations) != 1 || !strings.HasPrefix(run.Invocations[0].ToolExecutionNotifications[0].Message.Text, "3 of 25003 findings left out") {
		t.Errorf("no notification of the cut: %+v", run.Invocations)
	}
	checkGitHub(t, buf.Bytes())
}

// TestSARIFRealChecks writes every check of the analyzer as a rule, as the
// driver does, and holds the result to GitHub's limits.
func TestSARIFRealChecks(t *testing.T) {
	var rules []report.Rule
	var fs []report.Finding
	for i, name := range analyzer.CheckNames() {
		c := analyzer.Lookup(name)
		rules = append(rules, report.Rule{ID: c.Name, Title: c.Title, Help: report.HelpMarkdown(c.Doc, c.Wrong, c.Right),
			HelpURI: "https://github.com/awaitvet/awaitvet#checks"})
		fs = append(fs, report.Finding{Check: c.Name, Message: c.Title, Pos: report.Pos{File: "a.go", Line: i + 1, Col: 2},
			Chain: []report.Hop{{Pos: report.Pos{File: "a.go", Line: i + 1, Col: 2}, Func: "f", What: "locks mu"}}})
	}
	if len(rules) == 0 {
		t.Fatal("no checks")
	}
	var buf bytes.Buffer
	if err := report.WriteSARIF(&buf, fs, rules, tool, "."); err != nil {
		t.Fatal(err)
	}
	validateSARIF(t, buf.Bytes())
	checkGitHub(t, buf.Bytes())
	for _, r := range decode(t, buf.Bytes()).Runs[0].Tool.Driver.Rules {
		if c := analyzer.Lookup(r.ID); c != nil && !strings.HasPrefix(r.FullDescription.Text, strings.Join(strings.Fields(c.Doc), " ")[:40]) {
			t.Errorf("%s: fullDescription %q is not the check's doc", r.ID, r.FullDescription.Text)
		}
		if strings.Contains(r.FullDescription.Text, "WRONG") || strings.Contains(r.FullDescription.Text, "```") {
			t.Errorf("%s: fullDescription has the examples: %q", r.ID, r.FullDescription.Text)
		}
	}
}

// TestSARIFFile validates a SARIF file made elsewhere, such as by
// "awaitvet -sarif": AWAITVET_SARIF_FILE=/abs/path/x.sarif go test -run TestSARIFFile ./report/
func TestSARIFFile(t *testing.T) {
	path := os.Getenv("AWAITVET_SARIF_FILE")
	if path == "" {
		t.Skip("AWAITVET_SARIF_FILE not set")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	validateSARIF(t, data)
	checkGitHub(t, data)
}

var (
	schemaOnce sync.Once
	schema     *jsonschema.Schema
	schemaErr  error
)

// validateSARIF validates data against the OASIS SARIF 2.1.0 schema in
// testdata, formats asserted.
func validateSARIF(t *testing.T, data []byte) {
	t.Helper()
	schemaOnce.Do(func() {
		f, err := os.Open(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
		if err != nil {
			schemaErr = err
			return
		}
		defer f.Close()
		doc, err := jsonschema.UnmarshalJSON(f)
		if err != nil {
			schemaErr = err
			return
		}
		const id = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
		c := jsonschema.NewCompiler()
		c.AssertFormat()
		if schemaErr = c.AddResource(id, doc); schemaErr != nil {
			return
		}
		schema, schemaErr = c.Compile(id)
	})
	if schemaErr != nil {
		t.Fatalf("SARIF schema: %v", schemaErr)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	if err := schema.Validate(v); err != nil {
		t.Errorf("output is not valid SARIF 2.1.0: %v", err)
	}
}

func TestSARIFSchemaRejects(t *testing.T) {
	// The validator does reject: a result without a message, a level not in
	// the enum, a relative informationUri, a line 0.
	good := writeSARIF(t, testFindings()[:1], testRules())
	validateSARIF(t, good) // compiles the schema
	for name, spoil := range map[string]func(run map[string]any){
		"no message":   func(run map[string]any) { delete(result0(run), "message") },
		"level severe": func(run map[string]any) { result0(run)["level"] = "severe" },
		"relative infoUri": func(run map[string]any) {
			run["tool"].(map[string]any)["driver"].(map[string]any)["informationUri"] = "github.com/x"
		},
		"line 0": func(run map[string]any) {
			loc := result0(run)["locations"].([]any)[0].(map[string]any)
			loc["physicalLocation"].(map[string]any)["region"].(map[string]any)["startLine"] = 0
		},
	} {
		var log map[string]any
		if err := json.Unmarshal(good, &log); err != nil {
			t.Fatal(err)
		}
		spoil(log["runs"].([]any)[0].(map[string]any))
		data, err := json.Marshal(log)
		if err != nil {
			t.Fatal(err)
		}
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if schema.Validate(v) == nil {
			t.Errorf("schema accepts output with %s", name)
		}
	}
}

func result0(run map[string]any) map[string]any { return run["results"].([]any)[0].(map[string]any) }

// The parts of a SARIF log that GitHub code scanning reads.
type sarifLog struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name            string `json:"name"`
				Version         string `json:"version"`
				SemanticVersion string `json:"semanticVersion"`
				Rules           []struct {
					ID               string  `json:"id"`
					Name             string  `json:"name"`
					ShortDescription message `json:"shortDescription"`
					FullDescription  message `json:"fullDescription"`
					Help             struct {
						Text     string `json:"text"`
						Markdown string `json:"markdown"`
					} `json:"help"`
					DefaultConfiguration struct {
						Level string `json:"level"`
					} `json:"defaultConfiguration"`
					Properties struct {
						Tags []string `json:"tags"`
					} `json:"properties"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Invocations []struct {
			ToolExecutionNotifications []struct {
				Message message `json:"message"`
			} `json:"toolExecutionNotifications"`
		} `json:"invocations"`
		OriginalURIBaseIDs map[string]struct {
			URI string `json:"uri"`
		} `json:"originalUriBaseIds"`
		Results []struct {
			RuleID           string     `json:"ruleId"`
			RuleIndex        *int       `json:"ruleIndex"`
			Level            string     `json:"level"`
			Message          message    `json:"message"`
			Locations        []location `json:"locations"`
			RelatedLocations []location `json:"relatedLocations"`
			CodeFlows        []struct {
				ThreadFlows []struct {
					Locations []struct {
						Location location `json:"location"`
					} `json:"locations"`
				} `json:"threadFlows"`
			} `json:"codeFlows"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
		} `json:"results"`
	} `json:"runs"`
}

type message struct {
	Text string `json:"text"`
}

type location struct {
	ID               int      `json:"id"`
	Message          *message `json:"message"`
	PhysicalLocation struct {
		ArtifactLocation struct {
			URI       string `json:"uri"`
			URIBaseID string `json:"uriBaseId"`
		} `json:"artifactLocation"`
		Region struct {
			StartLine   int `json:"startLine"`
			StartColumn int `json:"startColumn"`
		} `json:"region"`
	} `json:"physicalLocation"`
}

func decode(t *testing.T, data []byte) sarifLog {
	t.Helper()
	var log sarifLog
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&log); err != nil {
		t.Fatalf("decoding SARIF: %v", err)
	}
	if len(log.Runs) == 0 {
		t.Fatal("no runs")
	}
	return log
}

// checkGitHub holds a log to the rules GitHub code scanning adds to the
// schema: required properties (non-empty), limits, rule references, and
// locations it can place in the repository.
func checkGitHub(t *testing.T, data []byte) {
	t.Helper()
	if n := len(data); n > 10<<20 {
		t.Logf("note: %d bytes uncompressed; GitHub's limit is 10 MB gzip-compressed", n)
	}
	log := decode(t, data)
	if log.Schema == "" || log.Version != "2.1.0" {
		t.Errorf("$schema %q, version %q", log.Schema, log.Version)
	}
	if len(log.Runs) > 20 {
		t.Errorf("%d runs, GitHub takes at most 20", len(log.Runs))
	}
	for _, run := range log.Runs {
		d := run.Tool.Driver
		if d.Name == "" {
			t.Error("tool.driver.name is empty")
		}
		if len(d.Rules) > 25000 {
			t.Errorf("%d rules, GitHub takes at most 25,000", len(d.Rules))
		}
		ids := make(map[string]int)
		for i, r := range d.Rules {
			if r.ID == "" {
				t.Errorf("rule %d has no id", i)
			}
			if _, dup := ids[r.ID]; dup {
				t.Errorf("rule id %q twice", r.ID)
			}
			ids[r.ID] = i
			for what, s := range map[string]string{"shortDescription": r.ShortDescription.Text, "fullDescription": r.FullDescription.Text} {
				if s == "" || len([]rune(s)) > 1024 {
					t.Errorf("rule %s: %s.text has %d characters, want 1 to 1,024", r.ID, what, len([]rune(s)))
				}
			}
			if r.Help.Text == "" {
				t.Errorf("rule %s: help.text is empty", r.ID)
			}
			if len([]rune(r.Name)) > 255 {
				t.Errorf("rule %s: name longer than 255 characters", r.ID)
			}
			if l := r.DefaultConfiguration.Level; l != "note" && l != "warning" && l != "error" {
				t.Errorf("rule %s: defaultConfiguration.level %q", r.ID, l)
			}
			if len(r.Properties.Tags) > 20 {
				t.Errorf("rule %s: %d tags, GitHub takes at most 20", r.ID, len(r.Properties.Tags))
			}
		}
		if len(run.Results) > report.MaxSARIFResults {
			t.Errorf("%d results, GitHub takes at most 25,000", len(run.Results))
		}
		for i, res := range run.Results {
			where := fmt.Sprintf("result %d (%s)", i, res.RuleID)
			k, ok := ids[res.RuleID]
			if res.RuleID == "" || !ok {
				t.Errorf("%s: ruleId not among the rules", where)
			}
			if res.RuleIndex == nil || *res.RuleIndex != k {
				t.Errorf("%s: ruleIndex does not point at rule %q", where, res.RuleID)
			}
			if res.Message.Text == "" {
				t.Errorf("%s: message.text is empty", where)
			}
			if len(res.Locations) < 1 || len(res.Locations) > 10 {
				t.Errorf("%s: %d locations, want 1 to 10", where, len(res.Locations))
			}
			if len(res.Locations)+len(res.RelatedLocations) > 1000 {
				t.Errorf("%s: more than 1,000 locations", where)
			}
			if res.PartialFingerprints[report.FingerprintKey] == "" {
				t.Errorf("%s: no partialFingerprints[%s]", where, report.FingerprintKey)
			}
			related := make(map[int]bool)
			for _, l := range res.RelatedLocations {
				if l.ID < 1 || related[l.ID] {
					t.Errorf("%s: related location id %d missing or not unique", where, l.ID)
				}
				related[l.ID] = true
			}
			all := append(append([]location(nil), res.Locations...), res.RelatedLocations...)
			for _, cf := range res.CodeFlows {
				for _, tf := range cf.ThreadFlows {
					if len(tf.Locations) > 10000 {
						t.Errorf("%s: more than 10,000 thread flow locations", where)
					}
					for _, tl := range tf.Locations {
						all = append(all, tl.Location)
					}
				}
			}
			for _, l := range all {
				pl := l.PhysicalLocation
				if pl.Region.StartLine < 1 {
					t.Errorf("%s: region.startLine %d", where, pl.Region.StartLine)
				}
				u, err := url.Parse(pl.ArtifactLocation.URI)
				switch {
				case err != nil || pl.ArtifactLocation.URI == "":
					t.Errorf("%s: bad uri %q", where, pl.ArtifactLocation.URI)
				case u.IsAbs():
					// Only for files outside the repository: not shown by GitHub.
					if u.Scheme != "file" || pl.ArtifactLocation.URIBaseID != "" || strings.HasPrefix(pl.ArtifactLocation.URI, "file://"+base+"/") {
						t.Errorf("%s: absolute uri %q for a file in the repository", where, pl.ArtifactLocation.URI)
					}
				default:
					if pl.ArtifactLocation.URIBaseID != "%SRCROOT%" || strings.HasPrefix(u.Path, "/") || strings.HasPrefix(u.Path, "../") || strings.Contains(u.Path, `\`) {
						t.Errorf("%s: uri %q (base %q) is not relative to the repository root", where, pl.ArtifactLocation.URI, pl.ArtifactLocation.URIBaseID)
					}
				}
			}
		}
	}
}

// TestSARIFLevel checks that a rule's level (awaitvet's experimental checks
// are "note") is its default configuration and every result's level.
func TestSARIFLevel(t *testing.T) {
	fs := []report.Finding{
		{Check: "leak", Message: "m", Pos: report.Pos{File: "a.go", Line: 1, Col: 1}},
		{Check: "doublelock", Message: "m", Pos: report.Pos{File: "a.go", Line: 2, Col: 1}},
	}
	rules := []report.Rule{{ID: "leak", Title: "t"}, {ID: "doublelock", Title: "t", Level: "note"}}
	var buf bytes.Buffer
	if err := report.WriteSARIF(&buf, fs, rules, tool, ""); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID                   string `json:"id"`
						DefaultConfiguration struct {
							Level string `json:"level"`
						} `json:"defaultConfiguration"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID string `json:"ruleId"`
				Level  string `json:"level"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"leak": "warning", "doublelock": "note"}
	for _, r := range log.Runs[0].Tool.Driver.Rules {
		if r.DefaultConfiguration.Level != want[r.ID] {
			t.Errorf("rule %s: level %q, want %q", r.ID, r.DefaultConfiguration.Level, want[r.ID])
		}
	}
	for _, r := range log.Runs[0].Results {
		if r.Level != want[r.RuleID] {
			t.Errorf("result of %s: level %q, want %q", r.RuleID, r.Level, want[r.RuleID])
		}
	}
	checkGitHub(t, buf.Bytes())
}
