package analyzer

import (
	"fmt"
	"strings"
)

// A Tier says whether a check runs when the user names none. It is not a
// property anyone chooses: it follows from the check's precision measured on
// the labelled corpus (see measured and Check.Tier), so a check whose
// findings were found wrong too often on code nobody tuned it on leaves the
// default set until the model earns it back.
type Tier int

const (
	// Default checks run unless -checks names others.
	Default Tier = iota
	// Experimental checks run only when named, or with -checks=all or
	// -checks=experimental; SARIF gives their results the level "note".
	Experimental
)

func (t Tier) String() string {
	if t == Experimental {
		return "experimental"
	}
	return "default"
}

// Precision is a check's record on the labelled corpus (bench/corpus,
// non-test code of real modules at pinned versions): how many of its
// findings there were labelled, and how many of those were false (the rest
// are real bugs, plausible ones, or blocks the code intends).
type Precision struct {
	Labelled int
	False    int
}

// Percent is the share of labelled findings that were not false.
func (p Precision) Percent() float64 {
	if p.Labelled == 0 {
		return 100
	}
	return 100 * float64(p.Labelled-p.False) / float64(p.Labelled)
}

// Minimum record for the default tier: at least minPrecision percent over
// at least minLabelled findings — or nothing false at all.
const (
	minPrecision = 80
	minLabelled  = 10
)

// Tier is the check's tier, by the rule above applied to its measured
// precision. A check with no finding on the corpus has reported nothing
// false and stays in the default set.
func (c *Check) Tier() Tier {
	p := measured[c.Name]
	if p.False == 0 || p.Labelled >= minLabelled && p.Percent() >= minPrecision {
		return Default
	}
	return Experimental
}

// Precision is the check's record on the corpus (zero: no findings there).
func (c *Check) Precision() Precision { return measured[c.Name] }

// Measured describes the check's record on the corpus in one line, as
// `awaitvet help` prints it.
func (c *Check) Measured() string {
	p, ok := measured[c.Name]
	if !ok || p.Labelled == 0 {
		return "no findings on " + corpusName
	}
	return fmt.Sprintf("%.0f%% of %d findings right on %s", p.Percent(), p.Labelled, corpusName)
}

// tierNames are the words -checks accepts besides check names.
var tierNames = map[string]func(*Check) bool{
	"all":          func(*Check) bool { return true },
	"default":      func(c *Check) bool { return c.Tier() == Default },
	"experimental": func(c *Check) bool { return c.Tier() == Experimental },
}

// selected reports whether the -checks value list selects the named check:
// an empty list is the default tier; otherwise each item is a check name or
// one of tierNames.
func selected(list, name string) bool {
	c := Lookup(name)
	if c == nil {
		return false
	}
	if strings.TrimSpace(list) == "" {
		return c.Tier() == Default
	}
	for _, item := range strings.Split(list, ",") {
		item = strings.TrimSpace(item)
		if item == name {
			return true
		}
		if in, ok := tierNames[item]; ok && in(c) {
			return true
		}
	}
	return false
}

// offByTier reports whether the named check is off only because its tier
// is experimental and the run selects the default tier. A finding that
// follows from one of its findings (a Wait on a goroutine it shows blocked)
// is then as unproven as its root and is not reported either; a user who
// turns the root's check off by name (-disable, or a -checks list without
// it) still sees the consequence on its own.
func offByTier(name string) bool {
	c := Lookup(name)
	if c == nil || enabled(name) || inList(config.disable, name) || c.Tier() != Experimental {
		return false
	}
	list := strings.TrimSpace(config.checks)
	return list == "" || inList(list, "default")
}
