package analyzer

import (
	"flag"
	"fmt"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
)

// Analyzer is the awaitvet analysis pass.
var Analyzer = &analysis.Analyzer{
	Name:       "awaitvet",
	Doc:        analyzerDoc,
	URL:        "https://github.com/awaitvet/awaitvet",
	Flags:      flags(),
	Run:        run,
	FactTypes:  []analysis.Fact{new(FuncFact), new(PackageFact), new(NoReturnFact)}, // SSA is built in the pass: see buildSSA
	ResultType: reflect.TypeFor[*Result](),
}

// config holds the values of the analyzer's flags. Under go vet they are
// spelled -awaitvet.NAME.
var config struct {
	checks  string // comma-separated list of enabled checks, or "all"
	disable string // comma-separated list of checks switched off, applied after checks
	exclude string // comma-separated file globs or regexps whose findings are dropped
	// testCode analyses the code of _test.go files too: by default it is
	// left out of the model altogether (see sourceFiles).
	testCode bool
}

// ReportOnlyFlags names the flags that choose which findings are reported
// and nothing else: the model, and so every fact, is the same whatever
// their values (enabled and excluded are read only where diagnostics are
// made). A cache of facts need not key them, so that a run with
// -checks=all reads the facts a default run stored.
var ReportOnlyFlags = []string{"checks", "disable", "exclude"}

func flags() flag.FlagSet {
	fs := flag.NewFlagSet("awaitvet", flag.ExitOnError)
	fs.StringVar(&config.checks, "checks", "default", "comma-separated list of checks to run (see 'awaitvet help'); \"default\" (the checks of the default tier), \"experimental\" and \"all\" name tiers")
	fs.StringVar(&config.disable, "disable", "", "comma-separated list of checks not to run, applied after -checks")
	fs.StringVar(&config.exclude, "exclude", "", "comma-separated file patterns whose findings are dropped: globs matched against path elements as in .gitignore (*_test.go, gen/, internal/*/testdata) or, if they contain one of \\^$()|+{, regexps (_test\\.go$)")
	fs.BoolVar(&config.testCode, "testcode", false, "also analyse the code in _test.go files: report findings there, and let test functions and the types they declare take part in production findings (by default test code is left out, so the findings in production code are the same with or without tests loaded)")
	return *fs
}

// checkFlags rejects unknown names in -checks and -disable, malformed
// -exclude patterns, and a selection that leaves no check to run (an empty
// -checks, or a -disable that switches off all it selects), so a typo is an
// error rather than a run that silently checks nothing or excludes nothing.
func checkFlags() error {
	if strings.TrimSpace(config.checks) == "" {
		return fmt.Errorf("-checks: empty: name checks, or a tier: default, experimental, all")
	}
	for _, f := range []struct{ name, value string }{{"checks", config.checks}, {"disable", config.disable}} {
		if f.value == "" {
			continue
		}
		for _, c := range strings.Split(f.value, ",") {
			if _, tier := tierNames[strings.TrimSpace(c)]; tier && f.name == "checks" {
				continue
			}
			if Lookup(strings.TrimSpace(c)) == nil {
				known := strings.Join(CheckNames(), ", ")
				if f.name == "checks" {
					known += "; tiers: all, default, experimental"
				}
				return fmt.Errorf("-%s: unknown check %q (known: %s)", f.name, strings.TrimSpace(c), known)
			}
		}
	}
	if !slices.ContainsFunc(Checks, func(c *Check) bool { return enabled(c.Name) }) {
		return fmt.Errorf("-disable: %q switches off every check -checks=%q selects: nothing would run", config.disable, config.checks)
	}
	_, err := excludePatterns(config.exclude)
	return err
}

// CheckFlags reports whether the analyzer's flags, however they were set
// (command line, go vet, or Analyzer.Flags.Set by a driver such as the
// golangci-lint plugin), are valid: the error names the flag and the bad value.
// The analyzer runs it itself before each package; drivers that configure it
// call it up front so that a mistake fails before any package is loaded.
func CheckFlags() error { return checkFlags() }

// enabled reports whether the named check is switched on by -checks (by
// name or by tier, see selected) and not switched off by -disable.
func enabled(name string) bool {
	return selected(config.checks, name) && !inList(config.disable, name)
}

// inList reports whether name is in the comma-separated list.
func inList(list, name string) bool {
	for _, c := range strings.Split(list, ",") {
		if strings.TrimSpace(c) == name {
			return true
		}
	}
	return false
}

// A filePattern is one -exclude pattern, compiled.
type filePattern struct {
	glob string         // a path.Match pattern, or ""
	re   *regexp.Regexp // otherwise this
}

// regexpOnly are the characters that make an -exclude pattern a regexp rather
// than a glob. A file glob has no use for them (path.Match would read "\" as
// an escape and "^" as negation inside brackets only). "." "*" "?" "[" are
// shared, and in a pattern without the characters below they keep their glob
// meaning, so "a.go" is the file a.go, not any name with a and go in it.
const regexpOnly = `\^$()|+{`

// excludePatterns compiles a comma-separated -exclude value.
func excludePatterns(list string) ([]filePattern, error) {
	var pats []filePattern
	for _, p := range strings.Split(list, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if !strings.ContainsAny(p, regexpOnly) {
			if _, err := path.Match(p, ""); err != nil {
				return nil, fmt.Errorf("-exclude: bad glob %q: %v", p, err)
			}
			pats = append(pats, filePattern{glob: strings.TrimSuffix(p, "/")})
			continue
		}
		re, err := regexp.Compile(p)
		if err != nil {
			return nil, fmt.Errorf("-exclude: bad regexp %q: %v", p, err)
		}
		pats = append(pats, filePattern{re: re})
	}
	return pats, nil
}

// compiledExclude caches the compiled -exclude patterns for the value they
// were compiled from (the flag can change between runs, in tests and when a
// driver reconfigures the analyzer).
var compiledExclude struct {
	sync.Mutex
	from string
	pats []filePattern
}

// excluded reports whether findings in the named file are dropped by
// -exclude. The name is made slash-separated first. A glob is matched, as in
// .gitignore, against every run of whole path elements: "*_test.go" matches
// every test file, "gen" and "gen/" every file under a directory named gen,
// "internal/*/testdata" every file under such a directory, "/abs/dir" every
// file under that absolute directory. A regexp matches anywhere in the name
// ("_test\.go$", "/internal/gen/"), which is usually an absolute path: anchor
// it at the end or on a slash rather than at the start.
func excluded(filename string) bool {
	if config.exclude == "" {
		return false
	}
	compiledExclude.Lock()
	if compiledExclude.from != config.exclude || compiledExclude.pats == nil {
		pats, err := excludePatterns(config.exclude)
		if err != nil {
			pats = nil // checkFlags reports it before any finding is made
		}
		compiledExclude.from, compiledExclude.pats = config.exclude, pats
	}
	pats := compiledExclude.pats
	compiledExclude.Unlock()

	name := filepath.ToSlash(filename)
	var elems []string // name split at slashes; a leading "" for an absolute name
	for _, p := range pats {
		if p.re != nil {
			if p.re.MatchString(name) {
				return true
			}
			continue
		}
		if elems == nil {
			elems = strings.Split(name, "/")
		}
		for i := range elems {
			for j := i + 1; j <= len(elems); j++ {
				if ok, _ := path.Match(p.glob, strings.Join(elems[i:j], "/")); ok {
					return true
				}
			}
		}
	}
	return false
}
