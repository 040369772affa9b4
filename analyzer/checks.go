package analyzer

import (
	"sort"
	"strings"
)

// A Check is one kind of finding. Its Name is stable: it is the diagnostic
// Category, the word used in //awaitvet:ignore directives and the argument of
// `awaitvet help NAME`. The same text serves as the analyzer's Doc and the
// README's list, so it is written once, here.
type Check struct {
	Name  string // stable identifier, lowercase, no spaces
	Title string // one line: what it finds
	Doc   string // why it matters and when it is reported
	Wrong string // a minimal program that is reported
	Right string // the same program fixed, which stays silent
	// Closed marks a check whose claim rests on every function of the
	// package (a resource only the package can name, that nothing in it
	// ends): where it reports, another check's finding at the same
	// position is the same wait told with less evidence, and is folded
	// into this one (see emit).
	Closed bool
	// SplitFrom names the broader check this one's claim was split out
	// of: a //awaitvet:ignore directive that names that check still
	// silences this one, so the split breaks no suppression users wrote.
	SplitFrom string
}

// Checks lists every check in a fixed order (the order of `awaitvet help`).
var Checks = []*Check{
	lockOrderCheck,
	concurrentOrderCheck,
	doubleLockCheck,
	relockCheck,
	callRelockCheck,
	recursiveRLockCheck,
	concurrentRLockCheck,
	lockUpgradeCheck,
	unreleasedCheck,
	onceReentryCheck,
	abandonedCheck,
	fanInCheck,
	overSendCheck,
	leakCheck,
	fieldLeakCheck,
	neverClosedCheck,
	neverFedCheck,
	neverDrainedCheck,
	noPartnerCheck,
	stoppedTimerCheck,
	neverCancelledCheck,
	commCycleCheck,
	concurrentCommCheck,
	waitGroupCheck,
	waitInLoopCheck,
	neverDoneCheck,
	condCheck,
	endlessWaitCheck,
	neverSignalledCheck,
	futureCheck,
	ignoreCheck,
}

// Lookup returns the check with the given name, or nil.
func Lookup(name string) *Check {
	for _, c := range Checks {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// CheckNames returns the names of all checks, sorted.
func CheckNames() []string {
	var names []string
	for _, c := range Checks {
		names = append(names, c.Name)
	}
	sort.Strings(names)
	return names
}

// String renders the check's full documentation, as `awaitvet help NAME` prints it.
func (c *Check) String() string {
	var b strings.Builder
	b.WriteString(c.Name + ": " + c.Title + "\n\n")
	b.WriteString(strings.TrimSpace(c.Doc) + "\n")
	if c.Wrong != "" {
		b.WriteString("\nWRONG:\n\n" + indent(c.Wrong) + "\nRIGHT:\n\n" + indent(c.Right))
	}
	b.WriteString("\nTier: " + c.Tier().String() + " (" + c.Measured() + ").\n")
	return b.String()
}

func indent(code string) string {
	var b strings.Builder
	for _, line := range strings.Split(strings.Trim(code, "\n"), "\n") {
		if line == "" {
			b.WriteString("\n")
			continue
		}
		b.WriteString("\t" + line + "\n")
	}
	return b.String()
}

const analyzerDoc = `report what waits for what: lock deadlocks, with the chain that leads there

awaitvet models which functions acquire which locks (sync.Mutex, sync.RWMutex,
sync.Locker, sync.Once) across calls, closures, goroutines and packages, and
reports the places where a goroutine can wait forever. Each finding names what
is held and what is awaited, followed by one related location per hop of the
chain that leads there.

A finding can be suppressed with a directive on its line, the line above, or
the enclosing function's doc comment:

	//awaitvet:ignore NAME reason

The reason is required. Run "awaitvet help NAME" for one check's doc.`

// suffix ends the message of a conflict (doublelock, recursiverlock,
// lockupgrade, oncereentry): how the lock is reached again.
func (c conflict) suffix() string {
	switch {
	case c.nextIteration:
		return " (on the next loop iteration)"
	case len(c.acq) > 1:
		return " (through " + c.through + ")"
	}
	return ""
}
