package analyzer

// corpusName names the corpus the figures below were measured on.
const corpusName = "the non-test code of the bench/corpus modules"

// measured is each check's record on the labelled corpus (both halves):
// the output of `scripts/corpus.sh gate -go` after `scripts/corpus.sh run`
// of this tree, pasted here when the labels or the model change. Checks
// absent from it reported nothing there. The tier of each check follows
// from it (see Check.Tier).
var measured = map[string]Precision{
	"abandoned":       {Labelled: 16, False: 2},
	"commcycle":       {Labelled: 3, False: 1},
	"concurrentorder": {Labelled: 1, False: 1},
	"concurrentrlock": {Labelled: 1, False: 0},
	"cond":            {Labelled: 10, False: 10},
	"doublelock":      {Labelled: 7, False: 1},
	"fieldleak":       {Labelled: 23, False: 11},
	"leak":            {Labelled: 38, False: 21},
	"lockorder":       {Labelled: 31, False: 27},
	"neverclosed":     {Labelled: 5, False: 2},
	"nopartner":       {Labelled: 24, False: 4},
	"recursiverlock":  {Labelled: 10, False: 4},
	"unreleased":      {Labelled: 21, False: 2},
	"waitgroup":       {Labelled: 13, False: 11},
}
