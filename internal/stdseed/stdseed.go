// Package stdseed holds the standard library's facts, computed once by the
// model of this very source tree and shipped inside the awaitvet command.
//
// A standalone run needs the facts of every dependency. After the first run
// on a machine they come from the fact cache (cmd/awaitvet/factcache.go);
// on the first, every dependency is type-checked, turned into SSA and
// summarised from source, the standard library's 200-odd packages included:
// about a third of a first run on a module like etcd's server, which a
// fact-free analyzer such as nilness reads from export data instead. The
// standard library is the same for every user of one Go release, so its
// facts can be made before the command is built, like the compiler's own
// export data for it once was: scripts/std-seed.sh analyses every importable
// package of the standard library and writes the facts here.
//
// Each entry is keyed by what the facts depend on: the model's fingerprint
// (github.com/awaitvet/awaitvet.ModelFingerprint), the analyzer's flags,
// and the package's files as the go command selects them, contents
// included (so another Go release, GOOS, GOARCH, build tag or cgo setting
// gives other keys, and those packages are analysed from source as
// before). A seed made by another model, of which the fingerprint differs,
// is not read at all. TestStdSeedCurrent in cmd/awaitvet recomputes facts
// and fails when the committed seed no longer matches them.
package stdseed

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/gob"
	"fmt"
	"io"
	"slices"
	"strings"
)

//go:embed std.seed
var data []byte

// Version changes when the layout of a seed file changes.
const Version = "awaitvet std seed 1"

// A Seed is a set of fact entries, each the payload of a fact cache entry.
type Seed struct {
	Version     string
	Fingerprint string  // ModelFingerprint of the build that made it
	GoVersion   string  // runtime.Version() of that build, for people
	Entries     []Entry // sorted by Key
}

// An Entry is one package's facts.
type Entry struct {
	Key     string // hex SHA-256: see the package doc
	Package string // import path, for people and tests
	Payload []byte
}

// Embedded returns the seed shipped in this binary, nil when there is
// none or it cannot be decoded.
func Embedded() *Seed {
	if len(data) == 0 {
		return nil
	}
	s, err := Decode(bytes.NewReader(data))
	if err != nil {
		return nil
	}
	return s
}

// Decode reads a seed written by Encode.
func Decode(r io.Reader) (*Seed, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	var s Seed
	if err := gob.NewDecoder(zr).Decode(&s); err != nil {
		return nil, err
	}
	if s.Version != Version {
		return nil, fmt.Errorf("std seed: version %q, want %q", s.Version, Version)
	}
	return &s, nil
}

// Encode writes s, its entries sorted by key: the same seed gives the same
// bytes.
func (s *Seed) Encode(w io.Writer) error {
	s.Version = Version
	slices.SortFunc(s.Entries, func(a, b Entry) int { return strings.Compare(a.Key, b.Key) })
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	if err := gob.NewEncoder(zw).Encode(s); err != nil {
		return err
	}
	return zw.Close()
}

// Lookup returns the payload stored under key.
func (s *Seed) Lookup(key string) ([]byte, bool) {
	i, ok := slices.BinarySearchFunc(s.Entries, key, func(e Entry, k string) int { return strings.Compare(e.Key, k) })
	if !ok {
		return nil, false
	}
	return s.Entries[i].Payload, true
}
