// Package awaitvet identifies the model that computes facts: the fingerprint
// that a set of facts made elsewhere (the standard library's, shipped with
// the command: internal/stdseed) must carry to be used by this build.
//
// A cache keyed by the executable's bytes, as the standalone fact cache is,
// can never hold facts made before the executable was built. Facts shipped
// inside the executable need a key that the build that made them and the
// build that reads them agree on, and that changes whenever the facts could:
// the sources of the model (the analyzer and call graph packages, the fact
// encoding), the versions of every module it is built with (go.mod, go.sum:
// x/tools builds the SSA form) and the Go release that compiled it (go/types
// and go/parser come from it). Tests, comments and layout change no fact and
// are left out: the Go files are hashed token by token.
package awaitvet

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"go/scanner"
	"go/token"
	"io/fs"
	"runtime"
	"strings"
	"sync"
)

//go:embed go.mod go.sum analyzer/*.go callgraph/*.go cmd/awaitvet/factcache.go
var modelSources embed.FS

// ModelFingerprint returns the fingerprint of the model this binary was
// built with (see the package doc).
var ModelFingerprint = sync.OnceValue(func() string {
	fp, err := fingerprint(modelSources, runtime.Version())
	if err != nil { // cannot happen: the files are embedded
		panic(err)
	}
	return fp
})

// fingerprint hashes the Go release and the files of fsys: other files
// than Go source byte for byte, Go source token by token, comments and
// the semicolons a line end stands for left out.
func fingerprint(fsys fs.FS, goVersion string) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "go %s\n", goVersion)
	// fs.WalkDir visits names in lexical order: the same bytes every time.
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(name, "_test.go") {
			return err
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "file %q\n", name)
		if !strings.HasSuffix(name, ".go") {
			h.Write(data)
			return nil
		}
		var sc scanner.Scanner
		fset := token.NewFileSet()
		sc.Init(fset.AddFile(name, -1, len(data)), data, nil, 0) // comments skipped
		for {
			_, tok, lit := sc.Scan()
			switch {
			case tok == token.EOF:
				return nil
			case tok == token.SEMICOLON && lit == "\n":
				// inserted at a line end: layout
			default:
				fmt.Fprintf(h, "%d %q\n", tok, lit)
			}
		}
	})
	if err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
