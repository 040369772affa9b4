package main

import (
	"crypto/sha256"
	"fmt"
	"os"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	model "github.com/awaitvet/awaitvet"
	"github.com/awaitvet/awaitvet/internal/stdseed"
)

// The standard library's facts, shipped with the command (internal/stdseed
// says why and how they are made). The fact cache reads a package's facts
// from its directory first and from the seed second, so the seed changes
// nothing but where the facts of an unchanged standard library package come
// from on a machine's first run: the facts themselves are the ones this
// model computes (TestStdSeedCurrent).

// writeSeedEnv names the file to which a run writes the seed of the
// standard library packages it analysed from source (scripts/std-seed.sh).
const writeSeedEnv = "AWAITVET_WRITE_STD_SEED"

// seedBase is the run-wide part of the seed's keys: unlike the cache
// directory's, it names the model by its fingerprint, not the executable,
// which no seed made before the build can know. The environment is left
// out: what it selects (GOOS, GOARCH, tags, cgo) shows in each package's
// files, which the keys hash; GODEBUG alone can change how the same files
// type-check.
func seedBase(a *analysis.Analyzer) []byte {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%s\nseed %s\n", factCacheVersion, stdseed.Version, model.ModelFingerprint())
	hashFactFlags(h, a)
	fmt.Fprintf(h, "GODEBUG=%q\n", os.Getenv("GODEBUG"))
	return h.Sum(nil)
}

// shippedSeed returns the seed embedded in this binary when the model that
// made it is this one, else nil.
func shippedSeed() *stdseed.Seed {
	if s := stdseed.Embedded(); usableSeed(s) {
		return s
	}
	return nil
}

// usableSeed reports whether s was made by this model.
func usableSeed(s *stdseed.Seed) bool {
	return s != nil && s.Fingerprint == model.ModelFingerprint()
}

// seedable reports whether p may have facts in the seed: a package of no
// module (the standard library; in GOPATH mode any package, which the
// seed's keys then simply miss).
func seedable(p *packages.Package) bool { return p.Module == nil }

// fromSeed returns p's facts from the shipped seed.
func (c *factCache) fromSeed(p *packages.Package) ([]byte, bool) {
	if !seedable(p) {
		return nil, false
	}
	s := c.seed()
	if s == nil {
		return nil, false
	}
	k := c.seedKey(p)
	if k == "" {
		return nil, false
	}
	return s.Lookup(k)
}

// addToSeed records p's facts in the seed this run writes, if any.
func (c *factCache) addToSeed(p *packages.Package, payload []byte) {
	if c.seedOut == nil || !seedable(p) {
		return
	}
	k := c.seedKey(p)
	if k == "" {
		return
	}
	c.mu.Lock()
	c.seedOut.Entries = append(c.seedOut.Entries, stdseed.Entry{Key: k, Package: p.PkgPath, Payload: append([]byte(nil), payload...)})
	c.mu.Unlock()
}

// writeSeed writes the seed this run made, if it makes one.
func (c *factCache) writeSeed() error {
	if c.seedOut == nil {
		return nil
	}
	return writeFileAtomic(os.Getenv(writeSeedEnv), ".seed-", c.seedOut.Encode)
}
