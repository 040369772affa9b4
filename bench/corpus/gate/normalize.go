package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// The JSON of "awaitvet -json" (the golang.org/x/tools drivers' format):
// package ID -> analyzer name -> either a list of diagnostics or
// {"error": "..."} when the analysis of that package failed.
type jsonDiag struct {
	Category string        `json:"category"`
	Posn     string        `json:"posn"`
	Message  string        `json:"message"`
	Related  []jsonRelated `json:"related"`
}

type jsonRelated struct {
	Posn    string `json:"posn"`
	Message string `json:"message"`
}

type jsonError struct {
	Error string `json:"error"`
}

// Paths says how absolute file names are written in a findings file: those
// in the analysed module relative to its directory, those in the module
// cache and GOROOT relative to them (the cache's form keeps the module@version
// element: golang.org/x/sync@v0.11.0/errgroup/errgroup.go), so that the file
// is the same on every machine.
type Paths struct {
	ModDir, ModCache, GoRoot string
}

func (p Paths) rel(posn string) string {
	for _, pre := range []struct{ dir, as string }{{p.ModDir, ""}, {p.ModCache, ""}, {p.GoRoot, "GOROOT/"}} {
		if pre.dir == "" {
			continue
		}
		if rest, ok := strings.CutPrefix(posn, strings.TrimSuffix(pre.dir, "/")+"/"); ok {
			return pre.as + rest
		}
	}
	return posn
}

// clean makes a message one TSV field: its first line, tabs as spaces.
func clean(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return strings.TrimSpace(strings.ReplaceAll(s, "\t", " "))
}

// Normalize turns the JSON of one run into findings rows (check, position,
// message, chain), sorted by file, line, column, check, message and chain,
// exact duplicates dropped. errs lists every analysis error in the JSON
// ("analyzer crashed" and the like), each naming its package; a run with
// errors must not be taken as a result.
func Normalize(r io.Reader, paths Paths) (rows []Finding, errs []string, err error) {
	var doc map[string]map[string]json.RawMessage
	dec := json.NewDecoder(r)
	if err := dec.Decode(&doc); err != nil {
		return nil, nil, fmt.Errorf("reading the JSON: %v", err)
	}
	if dec.More() {
		return nil, nil, fmt.Errorf("reading the JSON: more than one document")
	}
	for pkg, byAnalyzer := range doc {
		for name, raw := range byAnalyzer {
			var diags []jsonDiag
			if err := json.Unmarshal(raw, &diags); err != nil {
				var e jsonError
				if err2 := json.Unmarshal(raw, &e); err2 != nil || e.Error == "" {
					errs = append(errs, fmt.Sprintf("%s: %s: unreadable entry: %v", pkg, name, err))
				} else {
					errs = append(errs, fmt.Sprintf("%s: %s: %s", pkg, name, clean(e.Error)))
				}
				continue
			}
			for _, d := range diags {
				var chain []string
				for _, rel := range d.Related {
					chain = append(chain, paths.rel(rel.Posn)+": "+clean(rel.Message))
				}
				check := d.Category
				if check == "" {
					check = name
				}
				rows = append(rows, Finding{
					Check:    check,
					Position: paths.rel(d.Posn),
					Message:  clean(d.Message),
					Chain:    strings.ReplaceAll(strings.Join(chain, " | "), "\t", " "),
				})
			}
		}
	}
	slices.Sort(errs)
	slices.SortFunc(rows, compareFindings)
	rows = slices.CompactFunc(rows, func(a, b Finding) bool { return a == b })
	return rows, errs, nil
}

// splitPos splits file:line:col, the numbers as numbers (0 if absent).
func splitPos(p string) (file string, line, col int) {
	file = p
	if i := strings.LastIndexByte(file, ':'); i >= 0 {
		if n, err := strconv.Atoi(file[i+1:]); err == nil {
			file, col = file[:i], n
			if j := strings.LastIndexByte(file, ':'); j >= 0 {
				if m, err := strconv.Atoi(file[j+1:]); err == nil {
					file, line = file[:j], m
				}
			} else {
				line, col = col, 0
			}
		}
	}
	return file, line, col
}

func compareFindings(a, b Finding) int {
	af, al, ac := splitPos(a.Position)
	bf, bl, bc := splitPos(b.Position)
	return cmp.Or(
		cmp.Compare(af, bf), cmp.Compare(al, bl), cmp.Compare(ac, bc),
		cmp.Compare(a.Check, b.Check), cmp.Compare(a.Message, b.Message), cmp.Compare(a.Chain, b.Chain),
		cmp.Compare(a.Position, b.Position))
}

// FindingsHeader is the column line of a findings file.
const FindingsHeader = "# check\tposition\tmessage\tchain"

// WriteFindings writes a findings file: a comment naming the module and the
// run, the column line, the rows.
func WriteFindings(w io.Writer, title string, rows []Finding) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n%s\n", title, FindingsHeader)
	for _, f := range rows {
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\n", f.Check, f.Position, f.Message, f.Chain)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
