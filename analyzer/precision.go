package analyzer

// corpusName names the corpus the figures below were measured on.
const corpusName = "the non-test code of the bench/corpus modules"

// measured is each check's record on the labelled corpus (both halves):
// the output of `scripts/corpus.sh gate -go` after `scripts/corpus.sh run`
// of this tree, pasted here when the labels or the model change. Checks
// absent from it reported nothing there. The tier of each check follows
// from it (see Check.Tier).
var measured = map[string]Precision{
	"abandoned":       {Labelled: 15, False: 1},
	"commcycle":       {Labelled: 2, False: 0},
	"concurrentorder": {Labelled: 1, False: 1},
	"concurrentrlock": {Labelled: 1, False: 0},
	"cond":            {Labelled: 10, False: 10},
	"doublelock":      {Labelled: 8, False: 1},
	"fieldleak":       {Labelled: 22, False: 10},
	"leak":            {Labelled: 39, False: 21},
	"lockorder":       {Labelled: 23, False: 19},
	"neverclosed":     {Labelled: 5, False: 2},
	"nopartner":       {Labelled: 23, False: 3},
	"recursiverlock":  {Labelled: 10, False: 4},
	"unreleased":      {Labelled: 22, False: 1},
	"waitgroup":       {Labelled: 13, False: 11},
}
