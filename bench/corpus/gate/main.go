// Command gate is the logic of scripts/corpus.sh (issue 12, item 2): it
// turns a run's JSON into a findings file, compares the findings files with
// the labels, and prints precision tables. See bench/corpus/README.md.
//
//	gate normalize -moddir DIR -modcache DIR -goroot DIR -title TEXT -o FILE < run.json
//	gate gate [-corpus DIR] [-half tune|holdout|all] [-quiet] [-blind]
//	gate table [-corpus DIR] HALF
//	gate template [-corpus DIR]
//	gate mark-fixed [-corpus DIR]
//
// normalize writes FILE only when the JSON holds no analysis error; it
// exits 2 after printing the errors otherwise. gate exits 1 when the gate
// fails, printing one line per cause.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "usage: gate normalize|gate|table|template|mark-fixed [flags]")
		return 2
	}
	fs := flag.NewFlagSet("gate "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	corpus := fs.String("corpus", "bench/corpus", "the corpus directory")
	switch args[0] {
	case "normalize":
		var p Paths
		fs.StringVar(&p.ModDir, "moddir", "", "the analysed module's directory")
		fs.StringVar(&p.ModCache, "modcache", "", "GOMODCACHE")
		fs.StringVar(&p.GoRoot, "goroot", "", "GOROOT")
		title := fs.String("title", "", "the first comment of the file")
		out := fs.String("o", "", "the findings file to write")
		if fs.Parse(args[1:]) != nil || *out == "" || fs.NArg() != 0 {
			fmt.Fprintln(stderr, "usage: gate normalize -moddir DIR -modcache DIR -goroot DIR -title TEXT -o FILE < run.json")
			return 2
		}
		rows, errs, err := Normalize(stdin, p)
		if err != nil {
			fmt.Fprintf(stderr, "gate normalize: %v\n", err)
			return 2
		}
		if len(errs) > 0 {
			for _, e := range errs {
				fmt.Fprintf(stderr, "analysis error: %s\n", e)
			}
			return 2
		}
		var b bytes.Buffer
		WriteFindings(&b, *title, rows)
		if err := os.WriteFile(*out, b.Bytes(), 0o644); err != nil {
			fmt.Fprintf(stderr, "gate normalize: %v\n", err)
			return 2
		}
		fmt.Fprintf(stdout, "%d findings\n", len(rows))
		return 0

	case "gate":
		half := fs.String("half", "all", "restrict the gate to one half: tune, holdout or all")
		quiet := fs.Bool("quiet", false, "print only the failures, not the tables")
		blind := fs.Bool("blind", false, "print how many failures of each kind, not the findings (for the holdout half, by those who tune the model)")
		goTable := fs.Bool("go", false, "print only the measured table of analyzer/precision.go (judged findings and false ones per check, over the half)")
		if fs.Parse(args[1:]) != nil || fs.NArg() != 0 || !validHalf(*half) {
			fmt.Fprintln(stderr, "usage: gate gate [-corpus DIR] [-half tune|holdout|all] [-quiet] [-blind]")
			return 2
		}
		c, err := Load(*corpus)
		if err != nil {
			fmt.Fprintf(stderr, "gate: %v\n", err)
			return 2
		}
		r := Gate(c, *half)
		if *goTable {
			fmt.Fprintf(stdout, "var measured = map[string]Precision{\n")
			for _, ck := range r.Checks {
				n := r.Cells[*half][ck]
				fmt.Fprintf(stdout, "\t%q: {Labelled: %d, False: %d},\n", ck, n.Labelled(), n.ByVerdict[False])
			}
			fmt.Fprintf(stdout, "}\n")
			return 0
		}
		if !*quiet {
			halves := []string{*half}
			if *half == "all" {
				halves = append(slices.Clone(Halves), "all")
			}
			fmt.Fprintf(stdout, "Precision per check and half (findings of non-test code; precision = (real+plausible+intended)/judged):\n\n")
			printHalves(stdout, r, halves)
			fmt.Fprintln(stdout)
		}
		if *blind {
			notes := map[string]int{}
			for _, n := range r.Notes {
				k, _, _ := strings.Cut(n, ":")
				notes[k]++
			}
			for _, k := range slices.Sorted(maps.Keys(notes)) {
				fmt.Fprintf(stdout, "note: %d × %s\n", notes[k], k)
			}
			kinds := map[string]int{}
			for _, k := range r.Kinds {
				kinds[k]++
			}
			for _, k := range slices.Sorted(maps.Keys(kinds)) {
				fmt.Fprintf(stdout, "FAIL: %d × %s\n", kinds[k], k)
			}
		} else {
			for _, n := range r.Notes {
				fmt.Fprintf(stdout, "note: %s\n", n)
			}
			for _, f := range r.Failures {
				fmt.Fprintf(stdout, "FAIL: %s\n", f)
			}
		}
		if len(r.Failures) > 0 {
			fmt.Fprintf(stdout, "gate (%s): FAILED, %d causes\n", *half, len(r.Failures))
			return 1
		}
		fmt.Fprintf(stdout, "gate (%s): ok\n", *half)
		return 0

	case "table":
		if fs.Parse(args[1:]) != nil || fs.NArg() != 1 || !validHalf(fs.Arg(0)) {
			fmt.Fprintln(stderr, "usage: gate table [-corpus DIR] tune|holdout|all")
			return 2
		}
		c, err := Load(*corpus)
		if err != nil {
			fmt.Fprintf(stderr, "gate: %v\n", err)
			return 2
		}
		printModules(stdout, c, Gate(c, fs.Arg(0)), fs.Arg(0))
		return 0

	case "mark-fixed":
		if fs.Parse(args[1:]) != nil || fs.NArg() != 0 {
			fmt.Fprintln(stderr, "usage: gate mark-fixed [-corpus DIR]")
			return 2
		}
		n, err := MarkFixed(*corpus)
		if err != nil {
			fmt.Fprintf(stderr, "gate mark-fixed: %v\n", err)
			return 2
		}
		fmt.Fprintf(stdout, "%d false labels without a finding marked fixed\n", n)
		return 0

	case "template":
		if fs.Parse(args[1:]) != nil || fs.NArg() != 0 {
			fmt.Fprintln(stderr, "usage: gate template [-corpus DIR]")
			return 2
		}
		c, err := Load(*corpus)
		if err != nil {
			fmt.Fprintf(stderr, "gate: %v\n", err)
			return 2
		}
		for _, m := range c.Missing {
			fmt.Fprintf(stderr, "gate template: warning: %s\n", m)
		}
		rows := Template(c)
		if len(rows) == 0 {
			fmt.Fprintln(stdout, "every finding has a label")
			return 0
		}
		path := *corpus + "/labels.tsv"
		old, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintf(stderr, "gate: %v\n", err)
			return 2
		}
		var b bytes.Buffer
		b.Write(old)
		if len(old) > 0 && old[len(old)-1] != '\n' {
			b.WriteByte('\n')
		}
		for _, r := range rows {
			b.WriteString(r + "\n")
		}
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			fmt.Fprintf(stderr, "gate: %v\n", err)
			return 2
		}
		fmt.Fprintf(stdout, "appended %d unlabelled findings to %s with verdict ?\n", len(rows), path)
		return 0
	}
	fmt.Fprintf(stderr, "gate: unknown command %q\n", args[0])
	return 2
}

func validHalf(h string) bool { return h == "all" || slices.Contains(Halves, h) }

// row prints one table row: the leading cells, then the counts.
func row(w io.Writer, lead []string, c *Counts) {
	if c == nil {
		c = &Counts{}
	}
	cells := slices.Clone(lead)
	cells = append(cells, fmt.Sprint(c.Findings))
	for _, v := range verdicts {
		cells = append(cells, fmt.Sprint(c.ByVerdict[v]))
	}
	cells = append(cells, fmt.Sprint(c.ByVerdict[Unjudged]+c.Unlabelled), c.Precision())
	fmt.Fprintf(w, "| %s |\n", strings.Join(cells, " | "))
}

const countCols = "findings | real | plausible | intended | false | unjudged | precision"

func header(w io.Writer, lead ...string) {
	fmt.Fprintf(w, "| %s | %s |\n", strings.Join(lead, " | "), countCols)
	fmt.Fprintf(w, "|%s%s\n", strings.Repeat("---|", len(lead)), strings.Repeat("---:|", 7))
}

func printHalves(w io.Writer, r *Result, halves []string) {
	header(w, "half", "check")
	for _, h := range halves {
		for _, ck := range r.Checks {
			if c := r.Cells[h][ck]; c != nil {
				row(w, []string{h, ck}, c)
			}
		}
		row(w, []string{h, "**all**"}, r.Cells[h]["all"])
	}
}

func printModules(w io.Writer, c *Corpus, r *Result, half string) {
	fmt.Fprintf(w, "Findings per module and check, half %s (unjudged: no label or verdict ?):\n\n", half)
	header(w, "module", "check")
	for _, m := range c.Modules {
		if half != "all" && m.Half != half {
			continue
		}
		byCheck := r.PerModule[m.Short]
		for _, ck := range r.Checks {
			if cc := byCheck[ck]; cc != nil {
				row(w, []string{m.Short, ck}, cc)
			}
		}
		row(w, []string{m.Short, "**all**"}, byCheck["all"])
	}
	for _, ck := range r.Checks {
		row(w, []string{"**total**", ck}, r.Cells["all"][ck])
	}
	row(w, []string{"**total**", "**all**"}, r.Cells["all"]["all"])
	for _, f := range r.Failures {
		if strings.HasPrefix(f, "no result: ") {
			fmt.Fprintf(w, "\n%s\n", f)
		}
	}
}
