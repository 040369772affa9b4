package plugin

// The end-to-end test of the plugin with the real golangci-lint. It builds a
// custom golangci-lint with scripts/custom-gcl.sh (offline: from the module
// proxy only, see the script), so it takes minutes on a cold module cache
// and runs only when AWAITVET_GOLANGCI=1:
//
//	AWAITVET_GOLANGCI=1 go test -run TestGolangci -count=1 -timeout=30m ./plugin/
//
// AWAITVET_CUSTOM_GCL=/abs/path/to/custom-gcl skips the build and uses that
// binary (it must have been built from this checkout).

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

const relatedPrefix = "awaitvet(related information): "

// TestGolangci builds the custom golangci-lint and checks that it reports
// what go vet -vettool=awaitvet reports, settings included, that SARIF output
// works, and that a typo in the settings is an error naming it.
func TestGolangci(t *testing.T) {
	if os.Getenv("AWAITVET_GOLANGCI") != "1" {
		t.Skip("set AWAITVET_GOLANGCI=1 to build a custom golangci-lint with the awaitvet plugin " +
			"(scripts/custom-gcl.sh, minutes on a cold module cache) and compare it with go vet")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command on PATH")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()

	gcl := os.Getenv("AWAITVET_CUSTOM_GCL")
	if gcl != "" && !filepath.IsAbs(gcl) {
		t.Fatalf("AWAITVET_CUSTOM_GCL=%s: want an absolute path (go test runs in plugin/)", gcl)
	}
	if gcl == "" {
		gcl = filepath.Join(tmp, "custom-gcl")
		r := run(t, root, 20*time.Minute, nil, "bash", filepath.Join(root, "scripts", "custom-gcl.sh"), gcl)
		if r.code != 0 {
			t.Fatalf("scripts/custom-gcl.sh: exit %d\n%s%s", r.code, r.stdout, r.stderr)
		}
	}
	awaitvet := filepath.Join(tmp, "awaitvet")
	if r := run(t, root, 5*time.Minute, nil, "go", "build", "-o", awaitvet, "./cmd/awaitvet"); r.code != 0 {
		t.Fatalf("go build ./cmd/awaitvet: exit %d\n%s", r.code, r.stderr)
	}

	targets := []struct {
		name, dir string
		pkgs      []string
	}{
		// The module of classic lock bugs cmd/awaitvet's end-to-end tests use,
		// with a cross-package cycle that only facts reveal and a test file.
		{"e2e", filepath.Join(root, "cmd", "awaitvet", "testdata", "e2e"), []string{"./..."}},
		// The README's examples: goroutine leaks, WaitGroups, lock cycles.
		{"examples", root, []string{"./examples/..."}},
	}
	configs := []struct {
		name     string
		settings string   // YAML under linters.settings.custom.awaitvet.settings
		vetFlags []string // the same, as go vet flags
	}{
		{"defaults", "{}", nil},
		{"all", "{checks: [all]}", []string{"-awaitvet.checks=all"}},
		{"settings", `
          checks: [lockorder, doublelock, unreleased, leak, waitgroup]
          disable: [unreleased]
          exclude: ["doublelock/", 'inventory\.go$']`,
			[]string{"-awaitvet.checks=lockorder,doublelock,unreleased,leak,waitgroup", "-awaitvet.disable=unreleased", `-awaitvet.exclude=doublelock/,inventory\.go$`}},
	}
	for _, tg := range targets {
		var all []string // the primary findings with every check
		for _, c := range configs {
			t.Run(tg.name+"/"+c.name, func(t *testing.T) {
				cfg := writeConfig(t, c.settings)
				vet := run(t, tg.dir, 5*time.Minute, nil, "go", append(append([]string{"vet", "-vettool=" + awaitvet}, c.vetFlags...), tg.pkgs...)...)
				sarif := filepath.Join(t.TempDir(), "awaitvet.sarif")
				args := append([]string{"run", "-c", cfg, "--output.json.path=stdout", "--output.sarif.path=" + sarif, "--show-stats=false"}, tg.pkgs...)
				lint := run(t, tg.dir, 5*time.Minute, []string{"GOLANGCI_LINT_CACHE=" + t.TempDir()}, gcl, args...)

				wantPrimary, wantRelated := vetFindings(t, vet.stderr, tg.dir)
				issues := golangciIssues(t, lint, tg.dir)
				gotPrimary, gotRelated := split(issues)
				same(t, "findings", wantPrimary, gotPrimary)
				same(t, "related locations", wantRelated, gotRelated)
				t.Logf("%d findings, %d related locations, the same in both", len(gotPrimary), len(gotRelated))

				wantCode := 0
				if len(wantPrimary) > 0 {
					wantCode = 1
				}
				if vet.code != wantCode || lint.code != wantCode {
					t.Errorf("exit codes: go vet %d, golangci-lint %d, want %d for %d findings\ngo vet stderr:\n%s\ngolangci-lint stderr:\n%s",
						vet.code, lint.code, wantCode, len(wantPrimary), vet.stderr, lint.stderr)
				}
				checkSARIF(t, sarif, issues)

				switch c.name {
				case "all":
					if len(wantPrimary) < 4 {
						t.Errorf("only %d findings with every check: is the testdata still buggy?", len(wantPrimary))
					}
					all = gotPrimary
				case "settings":
					// The settings took effect: fewer findings, none excluded.
					if len(gotPrimary) == 0 || len(gotPrimary) >= len(all) {
						t.Errorf("settings: %d findings, want some and fewer than the %d with every check", len(gotPrimary), len(all))
					}
					for _, f := range gotPrimary {
						if strings.Contains(f, "doublelock/") || strings.Contains(f, "inventory.go") ||
							strings.Contains(f, "lock not released") || strings.Contains(f, "read-to-write upgrade") {
							t.Errorf("settings: finding not excluded or disabled: %s", f)
						}
						if !slices.Contains(all, f) {
							t.Errorf("settings: finding not reported with every check: %s", f)
						}
					}
				}
			})
		}
	}

	// Mistakes in the settings stop golangci-lint, naming the mistake.
	for _, tc := range []struct{ name, settings, want string }{
		{"typo", "{chekcs: [lockorder]}", `unknown setting "chekcs" (known: checks, disable, exclude)`},
		{"unknown check", "{checks: [lockordr]}", `checks: unknown check "lockordr"`},
		{"bad pattern", "{exclude: ['(gen']}", `exclude: bad regexp "(gen"`},
	} {
		t.Run("settings-error/"+tc.name, func(t *testing.T) {
			cfg := writeConfig(t, tc.settings)
			r := run(t, targets[0].dir, 5*time.Minute, []string{"GOLANGCI_LINT_CACHE=" + t.TempDir()}, gcl, "run", "-c", cfg, "./...")
			out := r.stdout + r.stderr
			if r.code == 0 || r.code == 1 || !strings.Contains(out, tc.want) {
				t.Errorf("golangci-lint with settings %s: exit %d (want an error, not 0 or 1 for findings), output:\n%s\nwant it to contain %q",
					tc.settings, r.code, out, tc.want)
			}
		})
	}
}

// writeConfig writes a .golangci.yml enabling only awaitvet with the given
// settings, and with every issue shown (golangci-lint's defaults drop
// repeated texts and more than one issue per line, which related locations
// have).
func writeConfig(t *testing.T, settings string) string {
	t.Helper()
	cfg := `version: "2"
run:
  relative-path-mode: wd
linters:
  default: none
  enable:
    - awaitvet
  settings:
    custom:
      awaitvet:
        type: module
        description: deadlocks and goroutine leaks, with the chain of waits that leads there
        settings: ` + settings + `
issues:
  max-issues-per-linter: 0
  max-same-issues: 0
  uniq-by-line: false
`
	path := filepath.Join(t.TempDir(), ".golangci.yml")
	if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

type result struct {
	stdout, stderr string
	code           int
}

// run runs a command in dir, with the environment cmd/awaitvet's end-to-end
// tests use: no AWAITVET_* variables or GOFLAGS from the caller, no
// workspace, the local toolchain.
func run(t *testing.T, dir string, timeout time.Duration, extra []string, name string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "AWAITVET_") && !strings.HasPrefix(kv, "GOFLAGS=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "GOWORK=off", "GOTOOLCHAIN=local")
	cmd.Env = append(cmd.Env, extra...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) || ctx.Err() != nil {
			t.Fatalf("%s %s: %v\nstdout:\n%s\nstderr:\n%s", name, strings.Join(args, " "), err, stdout.String(), stderr.String())
		}
		code = exit.ExitCode()
	}
	return result{stdout.String(), stderr.String(), code}
}

var diagLine = regexp.MustCompile(`^(.+?\.go):(\d+):(\d+): (.*)$`)

// relPath makes a reported file name relative to dir and slash-separated.
func relPath(file, dir string) string {
	if filepath.IsAbs(file) {
		if rel, err := filepath.Rel(dir, file); err == nil {
			file = rel
		}
	}
	return strings.TrimPrefix(filepath.ToSlash(file), "./")
}

// vetFindings parses go vet's output into primary findings and related
// locations, each "file:line:col: message", sorted. unitchecker prints a
// diagnostic and then its related locations as "file:line:col: \tmessage".
// golangci-lint reports each related location as an issue of its own, at
// the diagnostic's position when it is in another file; the related list is
// returned in that form.
func vetFindings(t *testing.T, output, dir string) (primary, related []string) {
	t.Helper()
	var file, pos string // the current diagnostic's file and position
	for line := range strings.Lines(output) {
		line = strings.TrimRight(line, "\r\n")
		if strings.HasPrefix(line, "#") || line == "" {
			continue // go vet's "# package" headers
		}
		m := diagLine.FindStringSubmatch(line)
		if m == nil {
			t.Errorf("go vet: unexpected output line %q", line)
			continue
		}
		f := relPath(m[1], dir)
		p := f + ":" + m[2] + ":" + m[3]
		if msg, ok := strings.CutPrefix(m[4], "\t"); ok {
			if pos == "" {
				t.Errorf("go vet: related location before any diagnostic: %q", line)
				continue
			}
			if f != file {
				p = pos
			}
			related = append(related, p+": "+relatedPrefix+msg)
			continue
		}
		file, pos = f, p
		primary = append(primary, p+": "+m[4])
	}
	slices.Sort(primary)
	slices.Sort(related)
	return primary, related
}

type issue struct {
	FromLinter string
	Text       string
	Pos        struct {
		Filename     string
		Line, Column int
	}
}

// golangciIssues parses golangci-lint's JSON output (the first JSON value on
// stdout) into "file:line:col: text" issues.
func golangciIssues(t *testing.T, r result, dir string) []string {
	t.Helper()
	var out struct{ Issues []issue }
	if err := json.NewDecoder(strings.NewReader(r.stdout)).Decode(&out); err != nil {
		t.Fatalf("golangci-lint: exit %d, JSON output does not parse: %v\nstdout:\n%s\nstderr:\n%s", r.code, err, r.stdout, r.stderr)
	}
	var issues []string
	for _, is := range out.Issues {
		if is.FromLinter != "awaitvet" {
			t.Errorf("golangci-lint: issue from %s: %s:%d: %s", is.FromLinter, is.Pos.Filename, is.Pos.Line, is.Text)
			continue
		}
		issues = append(issues, fmt.Sprintf("%s:%d:%d: %s", relPath(is.Pos.Filename, dir), is.Pos.Line, is.Pos.Column, is.Text))
	}
	return issues
}

// split separates golangci-lint's issues into findings and related
// locations, each sorted.
func split(issues []string) (primary, related []string) {
	for _, is := range issues {
		if strings.Contains(is, ": "+relatedPrefix) {
			related = append(related, is)
		} else {
			primary = append(primary, is)
		}
	}
	slices.Sort(primary)
	slices.Sort(related)
	return primary, related
}

func same(t *testing.T, what string, vet, gcl []string) {
	t.Helper()
	if !slices.Equal(vet, gcl) {
		t.Errorf("%s: go vet and golangci-lint disagree\ngo vet:\n\t%s\ngolangci-lint:\n\t%s",
			what, strings.Join(vet, "\n\t"), strings.Join(gcl, "\n\t"))
	}
}

// checkSARIF checks that golangci-lint's SARIF file parses and holds the
// same issues as its JSON output.
func checkSARIF(t *testing.T, path string, issues []string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("SARIF: %v", err)
	}
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name string `json:"name"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID  string `json:"ruleId"`
				Message struct {
					Text string `json:"text"`
				} `json:"message"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine   int `json:"startLine"`
							StartColumn int `json:"startColumn"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatalf("SARIF does not parse: %v\n%s", err, data)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 || log.Runs[0].Tool.Driver.Name != "golangci-lint" {
		t.Fatalf("SARIF: version %q, %d runs, want 2.1.0 and one run of golangci-lint:\n%s", log.Version, len(log.Runs), data)
	}
	var got []string
	for _, r := range log.Runs[0].Results {
		if r.RuleID != "awaitvet" || len(r.Locations) != 1 {
			t.Errorf("SARIF result: rule %q, %d locations, want awaitvet and one", r.RuleID, len(r.Locations))
			continue
		}
		l := r.Locations[0].PhysicalLocation
		got = append(got, fmt.Sprintf("%s:%d:%d: %s", l.ArtifactLocation.URI, l.Region.StartLine, l.Region.StartColumn, r.Message.Text))
	}
	want := slices.Clone(issues)
	slices.Sort(want)
	slices.Sort(got)
	same(t, "SARIF results (go vet: golangci-lint's JSON)", want, got)
}
