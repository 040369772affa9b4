package main

import (
	"bufio"
	"cmp"
	"fmt"
	"os"
	path_ "path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// The files of the corpus (bench/corpus), all tab-separated, "#" lines
// being comments:
//
//	modules.tsv         short, module, version, wrapper dir, half, build tags
//	findings/SHORT.tsv  check, position, message, chain
//	labels.tsv          short, check, position, verdict, reason, message

// Module is a row of modules.tsv.
type Module struct {
	Short, Path, Version, Dir, Half string
	Tags                            string // comma-separated, "-" for none
}

// Finding is a row of a findings file.
type Finding struct {
	Short    string // the module, from the file name
	Check    string
	Position string // module-relative file:line:col
	Message  string // its first line
	Chain    string // the related positions and messages, " | "-joined
}

// Label is a row of labels.tsv.
type Label struct {
	Short, Check, Position, Verdict, Reason, Message string
	Line                                             int // in labels.tsv, for messages
}

// Verdicts, as TRIAGE.md defines them; "?" is a row label-template added
// that nobody has judged yet.
const (
	Real      = "real"
	Plausible = "plausible"
	Intended  = "intended"
	False     = "false"
	Unjudged  = "?"
	// Fixed is a false finding the model no longer makes: it must not
	// come back. (A false finding still reported is known and counted
	// against its check's precision; `gate mark-fixed` turns the false
	// labels without a finding into fixed ones.)
	Fixed = "fixed"
)

// verdicts in the order the tables print them.
var verdicts = []string{Real, Plausible, Intended, False}

func trueVerdict(v string) bool  { return v == Real || v == Plausible || v == Intended }
func validVerdict(v string) bool { return trueVerdict(v) || v == False || v == Fixed || v == Unjudged }

// Halves are the values of modules.tsv's half column.
var Halves = []string{"tune", "holdout"}

// readTSV returns the non-comment, non-empty lines of a file split on tabs,
// with their line numbers.
func readTSV(path string) (rows [][]string, lines []int, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	n := 0
	for sc.Scan() {
		n++
		l := sc.Text()
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		rows = append(rows, strings.Split(l, "\t"))
		lines = append(lines, n)
	}
	return rows, lines, sc.Err()
}

// ReadModules reads modules.tsv.
func ReadModules(path string) ([]Module, error) {
	rows, lines, err := readTSV(path)
	if err != nil {
		return nil, err
	}
	var ms []Module
	seen := map[string]bool{}
	for i, r := range rows {
		if len(r) != 6 {
			return nil, fmt.Errorf("%s:%d: %d columns, want 6 (short, module, version, dir, half, tags)", path, lines[i], len(r))
		}
		m := Module{r[0], r[1], r[2], r[3], r[4], r[5]}
		if !slices.Contains(Halves, m.Half) {
			return nil, fmt.Errorf("%s:%d: half %q, want tune or holdout", path, lines[i], m.Half)
		}
		if seen[m.Short] {
			return nil, fmt.Errorf("%s:%d: module %s listed twice", path, lines[i], m.Short)
		}
		seen[m.Short] = true
		ms = append(ms, m)
	}
	return ms, nil
}

// ReadFindings reads findings/SHORT.tsv.
func ReadFindings(path, short string) ([]Finding, error) {
	rows, lines, err := readTSV(path)
	if err != nil {
		return nil, err
	}
	fs := make([]Finding, 0, len(rows))
	for i, r := range rows {
		if len(r) != 4 {
			return nil, fmt.Errorf("%s:%d: %d columns, want 4 (check, position, message, chain)", path, lines[i], len(r))
		}
		fs = append(fs, Finding{short, r[0], r[1], r[2], r[3]})
	}
	return fs, nil
}

// LabelsHeader is the first line of labels.tsv.
const LabelsHeader = "# short\tcheck\tposition\tverdict\treason\tmessage"

// ReadLabels reads labels.tsv.
func ReadLabels(path string) ([]Label, error) {
	rows, lines, err := readTSV(path)
	if err != nil {
		return nil, err
	}
	ls := make([]Label, 0, len(rows))
	for i, r := range rows {
		if len(r) != 6 {
			return nil, fmt.Errorf("%s:%d: %d columns, want 6 (short, check, position, verdict, reason, message)", path, lines[i], len(r))
		}
		l := Label{r[0], r[1], r[2], r[3], r[4], r[5], lines[i]}
		if !validVerdict(l.Verdict) {
			return nil, fmt.Errorf("%s:%d: verdict %q, want real, plausible, intended, false or ?", path, lines[i], l.Verdict)
		}
		ls = append(ls, l)
	}
	return ls, nil
}

// Corpus is everything the gate reads.
type Corpus struct {
	Modules  []Module
	Findings []Finding // of every module whose findings file could be read
	Labels   []Label
	Missing  []string // problems with the findings files: no file, a failed run
	Retired  []Retired
}

// Retired is a row of retired.tsv: the findings of one module in files
// matching Glob are no longer reported by design (a rule such as "no
// findings in generated files"), whatever their verdict, so their
// disappearance is a note and not a failure. Labels stay, so that a false
// one that comes back still fails. A Glob "message:PREFIX" retires instead
// the findings whose message starts with PREFIX (a claim the model no
// longer makes), and Short "*" any module's: such a row names no
// position, so it can retire findings of the holdout half too.
type Retired struct {
	Short, Glob, Reason string
	Line                int
}

// ReadRetired reads retired.tsv (short, file glob, reason); a missing file
// retires nothing.
func ReadRetired(path string) ([]Retired, error) {
	if _, err := os.Stat(path); os.IsNotExist(err) {
		return nil, nil
	}
	rows, lines, err := readTSV(path)
	if err != nil {
		return nil, err
	}
	var rs []Retired
	for i, r := range rows {
		if len(r) != 3 {
			return nil, fmt.Errorf("%s:%d: %d columns, want 3 (short, file glob, reason)", path, lines[i], len(r))
		}
		if _, err := path_.Match(r[1], ""); err != nil && !strings.HasPrefix(r[1], messagePrefix) {
			return nil, fmt.Errorf("%s:%d: bad glob %q: %v", path, lines[i], r[1], err)
		}
		rs = append(rs, Retired{r[0], r[1], r[2], lines[i]})
	}
	return rs, nil
}

// retired returns the row that retires label l, if any.
func (c *Corpus) retired(l Label) (Retired, bool) {
	file, _, _ := strings.Cut(l.Position, ":")
	for _, r := range c.Retired {
		if r.Short != l.Short && r.Short != "*" {
			continue
		}
		if msg, ok := strings.CutPrefix(r.Glob, messagePrefix); ok {
			if strings.HasPrefix(l.Message, msg) {
				return r, true
			}
			continue
		}
		if ok, _ := path_.Match(r.Glob, file); ok {
			return r, true
		}
	}
	return Retired{}, false
}

// messagePrefix starts a retired.tsv glob that matches messages.
const messagePrefix = "message:"

// Load reads the corpus in dir.
func Load(dir string) (*Corpus, error) {
	ms, err := ReadModules(filepath.Join(dir, "modules.tsv"))
	if err != nil {
		return nil, err
	}
	c := &Corpus{Modules: ms}
	for _, m := range ms {
		p := filepath.Join(dir, "findings", m.Short+".tsv")
		if b, err := os.ReadFile(filepath.Join(dir, "findings", m.Short+".failed")); err == nil {
			c.Missing = append(c.Missing, fmt.Sprintf("%s: the last run failed (findings/%s.failed): %s", m.Short, m.Short, firstLine(string(b))))
		}
		fs, err := ReadFindings(p, m.Short)
		if err != nil {
			c.Missing = append(c.Missing, fmt.Sprintf("%s: no findings: %v", m.Short, err))
			continue
		}
		c.Findings = append(c.Findings, fs...)
	}
	c.Labels, err = ReadLabels(filepath.Join(dir, "labels.tsv"))
	if err != nil {
		return nil, err
	}
	c.Retired, err = ReadRetired(filepath.Join(dir, "retired.tsv"))
	if err != nil {
		return nil, err
	}
	return c, nil
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

// Key identifies a finding across runs.
type Key struct{ Short, Check, Position string }

func (f Finding) Key() Key { return Key{f.Short, f.Check, f.Position} }
func (l Label) Key() Key   { return Key{l.Short, l.Check, l.Position} }

// Match pairs findings with labels. Within a key, a label whose message is
// the finding's is taken first (two findings at one position, such as two
// lock-order cycles through one acquisition, are told apart by message);
// the rest pair up in file order. It returns, for each finding, the index of
// its label or -1, and the labels no finding took.
func Match(fs []Finding, ls []Label) (labelOf []int, unused []int) {
	byKey := map[Key][]int{}
	for i, l := range ls {
		byKey[l.Key()] = append(byKey[l.Key()], i)
	}
	labelOf = make([]int, len(fs))
	taken := make([]bool, len(ls))
	for i := range fs {
		labelOf[i] = -1
	}
	for pass := 0; pass < 2; pass++ {
		for i, f := range fs {
			if labelOf[i] >= 0 {
				continue
			}
			for _, j := range byKey[f.Key()] {
				if !taken[j] && (pass == 1 || ls[j].Message == f.Message) {
					labelOf[i], taken[j] = j, true
					break
				}
			}
		}
	}
	for j := range ls {
		if !taken[j] {
			unused = append(unused, j)
		}
	}
	return labelOf, unused
}

// Counts are the findings of one cell of a table, by verdict.
type Counts struct {
	Findings   int
	ByVerdict  map[string]int // real, plausible, intended, false, ?
	Unlabelled int            // no label at all
}

func (c *Counts) add(verdict string) {
	if c.ByVerdict == nil {
		c.ByVerdict = map[string]int{}
	}
	c.Findings++
	if verdict == "" {
		c.Unlabelled++
		return
	}
	c.ByVerdict[verdict]++
}

// Labelled is the number of findings with a verdict other than "?".
func (c Counts) Labelled() int {
	n := 0
	for _, v := range verdicts {
		n += c.ByVerdict[v]
	}
	return n
}

// Precision is (real+plausible+intended)/labelled, as a string ("-" when
// nothing is labelled).
func (c Counts) Precision() string {
	n := c.Labelled()
	if n == 0 {
		return "-"
	}
	t := c.ByVerdict[Real] + c.ByVerdict[Plausible] + c.ByVerdict[Intended]
	return strconv.FormatFloat(100*float64(t)/float64(n), 'f', 0, 64) + "%"
}

// Result is the gate's comparison of a corpus (or of one half).
type Result struct {
	Failures []string // one line per cause
	Kinds    []string // of each failure: the text before its first ":"
	Notes    []string // not failures: false findings gone, say
	// cells[half][check]; half "all" and check "all" are the totals
	Cells map[string]map[string]*Counts
	// PerModule[short][check], check "all" the module's total
	PerModule map[string]map[string]*Counts
	Checks    []string // that have findings, sorted
}

func (r *Result) fail(format string, args ...any) {
	f := fmt.Sprintf(format, args...)
	kind, _, _ := strings.Cut(f, ":")
	r.Failures = append(r.Failures, f)
	r.Kinds = append(r.Kinds, kind)
}

func (r *Result) cell(m map[string]map[string]*Counts, a, b string) *Counts {
	if m[a] == nil {
		m[a] = map[string]*Counts{}
	}
	if m[a][b] == nil {
		m[a][b] = &Counts{}
	}
	return m[a][b]
}

// Gate compares the findings of the modules of half (every module if half
// is "" or "all") with the labels.
func Gate(c *Corpus, half string) *Result {
	in := map[string]Module{}
	for _, m := range c.Modules {
		if half == "" || half == "all" || m.Half == half {
			in[m.Short] = m
		}
	}
	var fs []Finding
	for _, f := range c.Findings {
		if _, ok := in[f.Short]; ok {
			fs = append(fs, f)
		}
	}
	var ls []Label
	r := &Result{Cells: map[string]map[string]*Counts{}, PerModule: map[string]map[string]*Counts{}}
	for _, l := range c.Labels {
		if _, ok := in[l.Short]; ok {
			ls = append(ls, l)
			continue
		}
		if !slices.ContainsFunc(c.Modules, func(m Module) bool { return m.Short == l.Short }) {
			r.fail("labels.tsv:%d: module %q is not in modules.tsv", l.Line, l.Short)
		}
	}
	for _, p := range c.Missing {
		short, _, _ := strings.Cut(p, ":")
		if _, ok := in[short]; ok {
			r.fail("no result: %s", p)
		}
	}

	dup := map[[2]string]int{} // key+message of a label -> first line
	for _, l := range ls {
		k := [2]string{fmt.Sprint(l.Key()), l.Message}
		if first, ok := dup[k]; ok {
			r.fail("labels.tsv:%d: the same finding as line %d (%s %s %s)", l.Line, first, l.Short, l.Check, l.Position)
			continue
		}
		dup[k] = l.Line
	}

	labelOf, unused := Match(fs, ls)
	checks := map[string]bool{}
	// what a failure may say about a finding: on the holdout half, only its
	// module and check, so that reading the gate's output reads no finding
	// of the half nobody may look at while fixing (label it blind: a
	// labeller, or scripts/corpus-move-labels.py for a split check).
	what := func(f Finding) string {
		if in[f.Short].Half == "holdout" {
			return f.Short + " " + f.Check + " (holdout half: position and message withheld)"
		}
		return f.Short + " " + f.Check + " " + f.Position + ": " + f.Message
	}
	for i, f := range fs {
		v := ""
		if j := labelOf[i]; j >= 0 {
			l := ls[j]
			v = l.Verdict
			switch v {
			case Fixed:
				v = False
				if in[f.Short].Half == "holdout" {
					r.fail("false finding reported again: %s (labels.tsv:%d)", what(f), l.Line)
				} else {
					r.fail("false finding reported again: %s (labels.tsv:%d: %s)", what(f), l.Line, l.Reason)
				}
			case Unjudged:
				r.fail("finding not judged yet (verdict ?): %s (labels.tsv:%d)", what(f), l.Line)
			}
		} else {
			r.fail("unlabelled finding: %s", what(f))
		}
		checks[f.Check] = true
		h := in[f.Short].Half
		for _, hh := range []string{h, "all"} {
			for _, ck := range []string{f.Check, "all"} {
				r.cell(r.Cells, hh, ck).add(v)
			}
		}
		for _, ck := range []string{f.Check, "all"} {
			r.cell(r.PerModule, f.Short, ck).add(v)
		}
	}
	for _, j := range unused {
		l := ls[j]
		rt, isRetired := c.retired(l)
		switch {
		case isRetired:
			r.Notes = append(r.Notes, fmt.Sprintf("%s finding retired: %s %s %s (labels.tsv:%d; retired.tsv:%d: %s)", l.Verdict, l.Short, l.Check, l.Position, l.Line, rt.Line, rt.Reason))
		case trueVerdict(l.Verdict):
			if in[l.Short].Half == "holdout" {
				r.fail("%s finding no longer reported: %s %s (holdout half: position and message withheld; labels.tsv:%d)", l.Verdict, l.Short, l.Check, l.Line)
			} else {
				r.fail("%s finding no longer reported: %s %s %s: %s (labels.tsv:%d: %s)", l.Verdict, l.Short, l.Check, l.Position, l.Message, l.Line, l.Reason)
			}
		case l.Verdict == False:
			r.Notes = append(r.Notes, fmt.Sprintf("false finding gone (mark-fixed makes it one that must not come back): %s %s %s: %s (labels.tsv:%d)", l.Short, l.Check, l.Position, l.Message, l.Line))
		case l.Verdict == Fixed:
		default:
			r.Notes = append(r.Notes, fmt.Sprintf("unjudged label without a finding: %s %s %s (labels.tsv:%d)", l.Short, l.Check, l.Position, l.Line))
		}
	}
	for ck := range checks {
		r.Checks = append(r.Checks, ck)
	}
	slices.Sort(r.Checks)
	return r
}

// Template returns the findings no label matches, as labels.tsv rows with
// verdict "?", in module order (modules.tsv) and then findings-file order.
func Template(c *Corpus) []string {
	labelOf, _ := Match(c.Findings, c.Labels)
	order := map[string]int{}
	for i, m := range c.Modules {
		order[m.Short] = i
	}
	var idx []int
	for i := range c.Findings {
		if labelOf[i] < 0 {
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		return cmp.Compare(order[c.Findings[a].Short], order[c.Findings[b].Short])
	})
	var rows []string
	for _, i := range idx {
		f := c.Findings[i]
		rows = append(rows, strings.Join([]string{f.Short, f.Check, f.Position, Unjudged, "", f.Message}, "\t"))
	}
	return rows
}

// MarkFixed rewrites the labels file in dir: every false label that no
// finding of its module matches becomes fixed. It returns how many.
func MarkFixed(dir string) (int, error) {
	c, err := Load(dir)
	if err != nil {
		return 0, err
	}
	_, unused := Match(c.Findings, c.Labels)
	gone := map[int]bool{} // line numbers
	for _, j := range unused {
		if l := c.Labels[j]; l.Verdict == False {
			gone[l.Line] = true
		}
	}
	path := filepath.Join(dir, "labels.tsv")
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	lines := strings.Split(string(b), "\n")
	for i, line := range lines {
		if gone[i+1] {
			f := strings.Split(line, "\t")
			f[3] = Fixed
			lines[i] = strings.Join(f, "\t")
		}
	}
	return len(gone), os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644)
}
