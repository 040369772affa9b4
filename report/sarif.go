package report

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// SARIF output, in the subset of SARIF 2.1.0 that GitHub code scanning reads
// (https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning).
const (
	// SARIFSchemaURI is the "$schema" of the log: the one GitHub's examples use.
	SARIFSchemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
	// SARIFVersion is the only SARIF version GitHub code scanning accepts.
	SARIFVersion = "2.1.0"
	// MaxSARIFResults is the most results GitHub accepts in one run; the
	// rest are left out, with a notification saying how many.
	MaxSARIFResults = 25000
	// FingerprintKey names awaitvet's entry in each result's
	// partialFingerprints. The "/v1" changes if the hash ever does.
	FingerprintKey = "awaitvetFingerprint/v1"

	srcRoot        = "%SRCROOT%"
	maxDescription = 1024 // GitHub's limit on shortDescription and fullDescription
	maxRuleName    = 255  // GitHub's limit on a rule's name
	maxHops        = 1000 // GitHub's limit on locations per result
)

// A Rule is one check as SARIF describes it: tool.driver.rules[].
type Rule struct {
	ID      string // the check's name; results refer to it as ruleId
	Title   string // one line: shortDescription
	Help    string // Markdown: the doc, then WRONG and RIGHT examples (see HelpMarkdown)
	HelpURI string // absolute URI of the check's documentation, optional
	// Level is the SARIF level of the rule and its results: "warning" when
	// empty; awaitvet gives its experimental checks "note", so that code
	// scanning ranks them below the checks it stands behind.
	Level string
}

// ToolInfo describes the tool that produced the findings.
type ToolInfo struct {
	Name           string // "awaitvet" when empty
	Version        string // also given as semanticVersion when it is one ("v1.2.3")
	InformationURI string // absolute URI, optional
}

// HelpMarkdown renders a check's documentation as a rule's help.markdown:
// the doc, then the example that is reported and the same example fixed, in
// Go code blocks. WriteSARIF takes the rule's fullDescription from the text
// before the first code block.
func HelpMarkdown(doc, wrong, right string) string {
	var b strings.Builder
	b.WriteString(strings.TrimSpace(doc))
	b.WriteString("\n")
	if strings.TrimSpace(wrong) != "" {
		b.WriteString("\n**WRONG** (reported):\n\n```go\n" + strings.Trim(wrong, "\n") + "\n```\n")
	}
	if strings.TrimSpace(right) != "" {
		b.WriteString("\n**RIGHT** (silent):\n\n```go\n" + strings.Trim(right, "\n") + "\n```\n")
	}
	return b.String()
}

// WriteSARIF writes findings as a SARIF 2.1.0 log with one run, for GitHub
// code scanning and other SARIF viewers.
//
// Each finding becomes a result at its position, with one related location
// per hop of its chain and the chain again as a code flow, and a partial
// fingerprint that does not depend on line or column numbers, so an alert
// is tracked across commits that move code. Findings without a position
// (Line < 1) are left out. File paths under baseDir become URIs relative
// to it (the repository root, for GitHub), with uriBaseId %SRCROOT%;
// relative paths are taken as relative to baseDir already; paths outside
// it stay absolute, as file:// URIs. Rules are sorted by ID, results by
// file, line, column, check and message, so the same findings always give
// the same bytes. A finding whose check has no rule gets a minimal one.
func WriteSARIF(w io.Writer, findings []Finding, rules []Rule, tool ToolInfo, baseDir string) error {
	base := ""
	if baseDir != "" {
		abs, err := filepath.Abs(baseDir)
		if err != nil {
			return fmt.Errorf("sarif: base directory: %v", err)
		}
		base = abs
	}

	fs := make([]Finding, 0, len(findings))
	for _, f := range findings {
		if f.Pos.Line >= 1 && f.Pos.File != "" {
			if f.Check == "" {
				f.Check = "awaitvet"
			}
			fs = append(fs, f)
		}
	}
	slices.SortFunc(fs, compareSARIFFindings)
	fs = slices.CompactFunc(fs, func(a, b Finding) bool { return compareSARIFFindings(a, b) == 0 })

	// Rules: the caller's, plus a minimal one for any check it left out.
	rs := make([]Rule, 0, len(rules))
	for _, r := range rules {
		if r.ID != "" {
			rs = append(rs, r)
		}
	}
	known := make(map[string]bool, len(rs))
	for _, r := range rs {
		known[r.ID] = true
	}
	for _, f := range fs {
		if !known[f.Check] {
			known[f.Check] = true
			rs = append(rs, Rule{ID: f.Check, Title: f.Check})
		}
	}
	slices.SortStableFunc(rs, func(a, b Rule) int { return cmp.Compare(a.ID, b.ID) })
	rs = slices.CompactFunc(rs, func(a, b Rule) bool { return a.ID == b.ID })
	index := make(map[string]int, len(rs))
	driver := sarifDriver{
		Name:            cmp.Or(tool.Name, "awaitvet"),
		Version:         tool.Version,
		SemanticVersion: semanticVersion(tool.Version),
		InformationURI:  absoluteURI(tool.InformationURI),
		Rules:           make([]sarifRule, 0, len(rs)),
	}
	for i, r := range rs {
		index[r.ID] = i
		driver.Rules = append(driver.Rules, sarifRuleFor(r))
	}

	run := sarifRun{Tool: sarifTool{Driver: driver}, Results: []sarifResult{}}
	if base != "" {
		run.OriginalURIBaseIDs = map[string]sarifArtifactLocation{
			srcRoot: {URI: strings.TrimSuffix(fileURI(base), "/") + "/"},
		}
	}
	seen := make(map[string]int) // fingerprint → occurrences so far
	for _, f := range fs {
		loc := artifactFor(f.Pos.File, base)
		first := ""
		if len(f.Chain) > 0 {
			first = f.Chain[0].Func
		}
		fp := fingerprint(f.Check, loc.URI, first, f.Message)
		seen[fp]++
		res := sarifResult{
			RuleID:              f.Check,
			RuleIndex:           index[f.Check],
			Level:               ruleLevel(rs[index[f.Check]]),
			Message:             sarifText{Text: escapeLinks(f.Message)},
			Locations:           []sarifLocation{{PhysicalLocation: physical(loc, f.Pos)}},
			PartialFingerprints: map[string]string{FingerprintKey: fmt.Sprintf("%s:%d", fp, seen[fp])},
		}
		var flow []sarifThreadFlowLocation
		for i, h := range f.Chain {
			if h.Pos.Line < 1 || h.Pos.File == "" || len(flow) == maxHops {
				continue
			}
			l := sarifLocation{PhysicalLocation: physical(artifactFor(h.Pos.File, base), h.Pos)}
			if text := strings.TrimSpace(h.Func + " " + h.What); text != "" {
				l.Message = &sarifText{Text: escapeLinks(text)}
			}
			flow = append(flow, sarifThreadFlowLocation{Location: l})
			l.ID = i + 1 // 1-based hop number: unique in the result, stable
			res.RelatedLocations = append(res.RelatedLocations, l)
		}
		if len(flow) > 0 {
			res.CodeFlows = []sarifCodeFlow{{ThreadFlows: []sarifThreadFlow{{Locations: flow}}}}
		}
		run.Results = append(run.Results, res)
	}
	if n := len(run.Results); n > MaxSARIFResults {
		run.Results = run.Results[:MaxSARIFResults]
		run.Invocations = []sarifInvocation{{
			ExecutionSuccessful: true,
			ToolExecutionNotifications: []sarifNotification{{
				Level:   "warning",
				Message: sarifText{Text: fmt.Sprintf("%d of %d findings left out: GitHub code scanning accepts at most %d results per run", n-MaxSARIFResults, n, MaxSARIFResults)},
			}},
		}}
	}

	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(sarifLog{Schema: SARIFSchemaURI, Version: SARIFVersion, Runs: []sarifRun{run}}); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

func compareSARIFFindings(a, b Finding) int {
	c := cmp.Or(cmp.Compare(a.Pos.File, b.Pos.File), cmp.Compare(a.Pos.Line, b.Pos.Line), cmp.Compare(a.Pos.Col, b.Pos.Col),
		cmp.Compare(a.Check, b.Check), cmp.Compare(a.Message, b.Message))
	if c != 0 {
		return c
	}
	return slices.CompareFunc(a.Chain, b.Chain, func(x, y Hop) int {
		return cmp.Or(cmp.Compare(x.Pos.File, y.Pos.File), cmp.Compare(x.Pos.Line, y.Pos.Line), cmp.Compare(x.Pos.Col, y.Pos.Col),
			cmp.Compare(x.Func, y.Func), cmp.Compare(x.What, y.What))
	})
}

// ruleLevel is the SARIF level of a rule's results.
func ruleLevel(r Rule) string { return cmp.Or(r.Level, "warning") }

func sarifRuleFor(r Rule) sarifRule {
	title := truncate(oneLine(cmp.Or(r.Title, r.ID)), maxDescription)
	sr := sarifRule{
		ID:                   r.ID,
		Name:                 truncate(r.ID, maxRuleName),
		ShortDescription:     sarifText{Text: title},
		FullDescription:      sarifText{Text: cmp.Or(truncate(describe(r.Help), maxDescription), title)},
		Help:                 sarifHelp{Text: cmp.Or(strings.TrimSpace(r.Help), title)},
		HelpURI:              absoluteURI(r.HelpURI),
		DefaultConfiguration: sarifConfiguration{Level: ruleLevel(r)},
		Properties:           sarifRuleProperties{Tags: []string{"concurrency"}},
	}
	if strings.TrimSpace(r.Help) != "" {
		sr.Help.Markdown = strings.TrimSpace(r.Help)
	}
	return sr
}

// describe is the prose of a rule's Markdown help: the text before its
// first code block, less a trailing caption ("**WRONG** (reported):"),
// on one line.
func describe(help string) string {
	var paras []string
	for _, p := range strings.Split(strings.ReplaceAll(help, "\r\n", "\n"), "\n\n") {
		t := strings.TrimSpace(p)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") || strings.Contains(p, "\n```") {
			if i := strings.Index(p, "```"); i > 0 {
				paras = append(paras, p[:i])
			}
			break
		}
		paras = append(paras, p)
	}
	for len(paras) > 0 && strings.HasSuffix(strings.TrimSpace(paras[len(paras)-1]), ":") {
		paras = paras[:len(paras)-1]
	}
	return oneLine(strings.Join(paras, " "))
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// truncate cuts s to at most n characters, at a space when there is one
// near the end, marking the cut with an ellipsis.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n-1]
	if i := strings.LastIndexByte(string(r), ' '); i > len(string(r))*3/4 {
		return string(r)[:i] + "…"
	}
	return string(r) + "…"
}

// The expressions are compiled on first use: report is imported by the
// runtime hook, and a program should not pay for SARIF at start-up.
var semverRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$`)
})

// semanticVersion returns v without its "v" when it is a Semantic Version
// 2.0 ("v1.2.3", "1.2.3-rc.1", a Go pseudo-version), or "".
func semanticVersion(v string) string {
	if !semverRE().MatchString(v) {
		return ""
	}
	return strings.TrimPrefix(v, "v")
}

// absoluteURI returns s if it is an absolute URI, else "".
func absoluteURI(s string) string {
	if u, err := url.Parse(s); err == nil && u.IsAbs() {
		return s
	}
	return ""
}

// artifactFor locates file for SARIF: relative to base when it is under it
// (relative paths are taken as relative to base), else as a file:// URI.
func artifactFor(file, base string) sarifArtifactLocation {
	file = filepath.Clean(file)
	if !filepath.IsAbs(file) && base != "" {
		file = filepath.Join(base, file)
	}
	if !filepath.IsAbs(file) {
		// No base to resolve against: keep it relative, as the producer gave it.
		rel := filepath.ToSlash(file)
		if rel == ".." || strings.HasPrefix(rel, "../") {
			return sarifArtifactLocation{URI: relativeURI(rel)}
		}
		return sarifArtifactLocation{URI: relativeURI(rel), URIBaseID: srcRoot}
	}
	if base != "" {
		if rel, err := filepath.Rel(base, file); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return sarifArtifactLocation{URI: relativeURI(filepath.ToSlash(rel)), URIBaseID: srcRoot}
		}
	}
	return sarifArtifactLocation{URI: fileURI(file)}
}

// relativeURI escapes a slash-separated relative path as a URI reference.
func relativeURI(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	if strings.Contains(segs[0], ":") {
		segs = append([]string{"."}, segs...) // not to be read as a scheme
	}
	return strings.Join(segs, "/")
}

// fileURI is the file:// URI of an absolute path.
func fileURI(abs string) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/x → /C:/x
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

func physical(a sarifArtifactLocation, p Pos) sarifPhysicalLocation {
	r := sarifRegion{StartLine: p.Line}
	if p.Col >= 1 {
		r.StartColumn = p.Col
	}
	return sarifPhysicalLocation{ArtifactLocation: a, Region: r}
}

var (
	// posInText matches "file.go:12" and "file.go:12:5", keeping the file.
	posInText  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`([^\s:()\[\]]+\.[A-Za-z0-9]+):\d+(:\d+)?`) })
	lineInText = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\b(lines?) \d+`) })
	// linkInText is what a SARIF viewer would take for an embedded link.
	linkInText = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\[([^\[\]]*)\]\(`) })
)

// fingerprint identifies a finding without its line and column: the hex
// SHA-256 of the check, the file's URI, the first hop's function and the
// message, with the line numbers of any positions in them removed.
// Fingerprint is the key of a finding that survives edits moving it to
// other lines: SARIF's partialFingerprints and awaitvet's -baseline use it.
// It hashes the check, the file (relative to base when inside it), the
// function of the first hop and the message, with line numbers taken out.
// Two findings with the same fingerprint in one run are told apart by their
// order (see WriteSARIF).
func Fingerprint(f Finding, base string) string {
	first := ""
	if len(f.Chain) > 0 {
		first = f.Chain[0].Func
	}
	return fingerprint(f.Check, artifactFor(f.Pos.File, base).URI, first, f.Message)
}

func fingerprint(check, uri, firstFunc, message string) string {
	strip := func(s string) string {
		return lineInText().ReplaceAllString(posInText().ReplaceAllString(s, "$1"), "$1")
	}
	firstFunc, message = strip(firstFunc), strip(message)
	h := sha256.New()
	for _, s := range []string{check, uri, firstFunc, message} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// escapeLinks escapes the brackets of "[text](" so that a SARIF viewer
// shows it as written instead of as an embedded link.
func escapeLinks(s string) string {
	return linkInText().ReplaceAllString(s, `\[${1}\](`)
}

// The SARIF 2.1.0 objects written, in the order their properties appear.

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                        `json:"tool"`
	Invocations        []sarifInvocation                `json:"invocations,omitempty"`
	OriginalURIBaseIDs map[string]sarifArtifactLocation `json:"originalUriBaseIds,omitempty"`
	Results            []sarifResult                    `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name            string      `json:"name"`
	Version         string      `json:"version,omitempty"`
	SemanticVersion string      `json:"semanticVersion,omitempty"`
	InformationURI  string      `json:"informationUri,omitempty"`
	Rules           []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string              `json:"id"`
	Name                 string              `json:"name"`
	ShortDescription     sarifText           `json:"shortDescription"`
	FullDescription      sarifText           `json:"fullDescription"`
	Help                 sarifHelp           `json:"help"`
	HelpURI              string              `json:"helpUri,omitempty"`
	DefaultConfiguration sarifConfiguration  `json:"defaultConfiguration"`
	Properties           sarifRuleProperties `json:"properties"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifHelp struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifRuleProperties struct {
	Tags []string `json:"tags"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level   string    `json:"level"`
	Message sarifText `json:"message"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
	CodeFlows           []sarifCodeFlow   `json:"codeFlows,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
}

type sarifLocation struct {
	ID               int                   `json:"id,omitempty"` // related locations only, from 1
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
	Message          *sarifText            `json:"message,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           sarifRegion           `json:"region"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

type sarifCodeFlow struct {
	ThreadFlows []sarifThreadFlow `json:"threadFlows"`
}

type sarifThreadFlow struct {
	Locations []sarifThreadFlowLocation `json:"locations"`
}

type sarifThreadFlowLocation struct {
	Location sarifLocation `json:"location"`
}
