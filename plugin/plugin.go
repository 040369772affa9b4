// Package plugin makes awaitvet a golangci-lint module plugin.
//
// A custom golangci-lint built with `golangci-lint custom` from a
// .custom-gcl.yml that names this package (see docs/golangci-lint.md) runs
// the awaitvet analyzer under the linter name "awaitvet", configured in
// .golangci.yml under linters.settings.custom.awaitvet.settings:
//
//	checks:  [lockorder, doublelock]  # checks or tiers to run; default: the default tier
//	disable: [leak]                    # checks not to run
//	exclude: ["*_test.go", "gen/"]     # files whose findings are dropped
//
// The settings are mapped onto the analyzer's flags (-checks, -disable,
// -exclude), so the plugin reports exactly what go vet -vettool reports with
// the same flags. An unknown setting, an unknown check name or a malformed
// pattern is an error naming it, and golangci-lint stops before linting.
package plugin

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/awaitvet/awaitvet/analyzer"
	"github.com/awaitvet/awaitvet/internal/checktag"
)

func init() {
	register.Plugin("awaitvet", New)
}

// Settings are the plugin's settings, as written in .golangci.yml.
type Settings struct {
	// Checks lists the checks to run (`awaitvet help` lists them) or tiers
	// ("default", "experimental", "all"); empty runs the default tier.
	// Flag -checks.
	Checks []string `json:"checks"`
	// Disable lists checks not to run, applied after Checks. Flag -disable.
	Disable []string `json:"disable"`
	// Exclude lists file patterns whose findings are dropped: globs matched
	// against path elements as in .gitignore ("*_test.go", "gen/"), or
	// regexps (`_test\.go$`). Flag -exclude.
	Exclude []string `json:"exclude"`
}

// known are the setting names, in the order of Settings.
var known = []string{"checks", "disable", "exclude"}

// Plugin is the awaitvet linter plugin.
type Plugin struct {
	settings Settings
}

var _ register.LinterPlugin = (*Plugin)(nil)

// New is called by golangci-lint with the raw settings of
// linters.settings.custom.awaitvet.settings (nil when there are none). It
// validates them and configures the analyzer.
func New(raw any) (register.LinterPlugin, error) {
	// golangci-lint prefixes errors with "plugin(awaitvet): newPlugin".
	s, err := decode(raw)
	if err != nil {
		return nil, fmt.Errorf("settings: %w", err)
	}
	if err := configure(s); err != nil {
		return nil, fmt.Errorf("settings: %w", err)
	}
	analyzer.FactsOnly = otherModule
	return &Plugin{settings: s}, nil
}

// otherModule reports whether the pass's package belongs to a module that
// golangci-lint does not lint: the standard library (no module) or a
// versioned dependency (one from the module cache, or replaced by a
// directory). golangci-lint runs an analyzer that has facts on every
// dependency, for them, and drops what it reports there, so the pass only
// makes the facts (analyzer.FactsOnly). The main module and a workspace's
// modules have no version and are analysed in full.
func otherModule(pass *analysis.Pass) bool {
	m := pass.Module
	return m == nil || m.Path == "" || m.Version != ""
}

// decode turns golangci-lint's raw settings into Settings. Unknown keys are an
// error naming all of them (register.DecodeSettings would name only the first,
// and would accept "Checks" or "CHECKS" for "checks").
func decode(raw any) (Settings, error) {
	if raw == nil {
		return Settings{}, nil
	}
	m, ok := raw.(map[string]any)
	if !ok {
		return Settings{}, fmt.Errorf("want a mapping with keys %s, got %T", strings.Join(known, ", "), raw)
	}
	var unknown []string
	for k := range m {
		if !slices.Contains(known, k) {
			unknown = append(unknown, fmt.Sprintf("%q", k))
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		what := "setting"
		if len(unknown) > 1 {
			what = "settings"
		}
		return Settings{}, fmt.Errorf("unknown %s %s (known: %s)", what, strings.Join(unknown, ", "), strings.Join(known, ", "))
	}
	s, err := register.DecodeSettings[Settings](raw)
	if err != nil {
		if inner := errors.Unwrap(err); inner != nil {
			err = inner // drop DecodeSettings' "decoding settings: "
		}
		return Settings{}, fmt.Errorf("%w (each of %s is a list of strings)", err, strings.Join(known, ", "))
	}
	return s, nil
}

// configure sets every analyzer flag the settings map onto, defaults
// included, so that configuring twice leaves no trace of the first time, and
// validates the result. On error the flags are left as they were.
func configure(s Settings) (err error) {
	fs := &analyzer.Analyzer.Flags
	old := make(map[string]string)
	for _, name := range known {
		old[name] = fs.Lookup(name).Value.String()
	}
	defer func() {
		if err != nil {
			for name, v := range old {
				_ = fs.Set(name, v)
			}
		}
	}()
	for _, f := range []struct {
		name   string
		values []string
		def    string
	}{
		{"checks", s.Checks, "default"},
		{"disable", s.Disable, ""},
		{"exclude", s.Exclude, ""},
	} {
		v := f.def
		if len(f.values) > 0 {
			for _, x := range f.values {
				if strings.Contains(x, ",") {
					return fmt.Errorf("%s: %q: one name or pattern per list item (a comma cannot be part of one)", f.name, x)
				}
			}
			v = strings.Join(f.values, ",")
		}
		if err := fs.Set(f.name, v); err != nil {
			return fmt.Errorf("%s: %w", f.name, err)
		}
	}
	if err := analyzer.CheckFlags(); err != nil {
		// The analyzer names its flags -checks etc.; here they are settings.
		return errors.New(strings.TrimPrefix(err.Error(), "-"))
	}
	return nil
}

// BuildAnalyzers returns the awaitvet analyzer, configured by New.
func (*Plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	// The check's name after each message, as go vet and the standalone
	// driver print it: golangci-lint names only the linter.
	return []*analysis.Analyzer{checktag.Wrap(analyzer.Analyzer)}, nil
}

// GetLoadMode asks for type information: awaitvet builds SSA and passes
// facts between packages.
func (*Plugin) GetLoadMode() string {
	return register.LoadModeTypesInfo
}
