package analyzer

// corpusName names the corpus the figures below were measured on.
const corpusName = "the non-test code of the bench/corpus modules"

// measured is each check's record on the labelled corpus (both halves):
// the output of `scripts/corpus.sh gate -go` after `scripts/corpus.sh run`
// of this tree, pasted here when the labels or the model change. Checks
// absent from it reported nothing there. The tier of each check follows
// from it (see Check.Tier).
var measured = map[string]Precision{
	"abandoned":       {Labelled: 9, False: 1},
	"commcycle":       {Labelled: 3, False: 1},
	"concurrentorder": {Labelled: 1, False: 1},
	"concurrentrlock": {Labelled: 1, False: 0},
	"cond":            {Labelled: 5, False: 5},
	"doublelock":      {Labelled: 7, False: 1},
	"fieldleak":       {Labelled: 17, False: 7},
	"leak":            {Labelled: 21, False: 12},
	"lockorder":       {Labelled: 20, False: 17},
	"neverclosed":     {Labelled: 5, False: 2},
	"nopartner":       {Labelled: 15, False: 2},
	"recursiverlock":  {Labelled: 5, False: 1},
	"unreleased":      {Labelled: 20, False: 1},
	"waitgroup":       {Labelled: 11, False: 9},
}
