package awaitvet

import (
	"regexp"
	"testing"
	"testing/fstest"
)

// TestModelFingerprint: the fingerprint is a SHA-256 in hex, the same on
// every call.
func TestModelFingerprint(t *testing.T) {
	fp := ModelFingerprint()
	if !regexp.MustCompile(`^[0-9a-f]{64}$`).MatchString(fp) || ModelFingerprint() != fp {
		t.Errorf("fingerprint %q", fp)
	}
}

// TestFingerprintChanges: code, module versions and the Go release change
// the fingerprint; comments, layout and tests do not.
func TestFingerprintChanges(t *testing.T) {
	base := fstest.MapFS{
		"go.mod":             {Data: []byte("module m\n\nrequire golang.org/x/tools v0.52.0\n")},
		"analyzer/a.go":      {Data: []byte("package analyzer\n\n// Doc.\nfunc f() int { return 1 }\n")},
		"analyzer/a_test.go": {Data: []byte("package analyzer\n")},
	}
	fp := func(fsys fstest.MapFS, goVersion string) string {
		t.Helper()
		s, err := fingerprint(fsys, goVersion)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	with := func(name, text string) fstest.MapFS {
		m := fstest.MapFS{}
		for k, v := range base {
			m[k] = v
		}
		m[name] = &fstest.MapFile{Data: []byte(text)}
		return m
	}
	want := fp(base, "go1.26.8")
	for _, c := range []struct {
		what string
		fsys fstest.MapFS
		goV  string
		same bool
	}{
		{"a comment", with("analyzer/a.go", "package analyzer\n\n// Another doc,\n// longer.\nfunc f() int { return 1 } // here too\n"), "go1.26.8", true},
		{"layout", with("analyzer/a.go", "package analyzer\nfunc f() int {\n\treturn 1\n}\n"), "go1.26.8", true},
		{"a test", with("analyzer/a_test.go", "package analyzer\n\nfunc g() {}\n"), "go1.26.8", true},
		{"code", with("analyzer/a.go", "package analyzer\n\n// Doc.\nfunc f() int { return 2 }\n"), "go1.26.8", false},
		{"a new file", with("analyzer/b.go", "package analyzer\n"), "go1.26.8", false},
		{"a module version", with("go.mod", "module m\n\nrequire golang.org/x/tools v0.53.0\n"), "go1.26.8", false},
		{"the Go release", base, "go1.26.9", false},
	} {
		if got := fp(c.fsys, c.goV); (got == want) != c.same {
			t.Errorf("%s: fingerprint changed: %v, want %v", c.what, got != want, !c.same)
		}
	}
}
