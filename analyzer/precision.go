package analyzer

// corpusName names the corpus the figures below were measured on.
const corpusName = "the non-test code of the bench/corpus modules"

// measured is each check's record on the labelled corpus (both halves):
// the output of `scripts/corpus.sh gate -go` after `scripts/corpus.sh run`
// of this tree, pasted here when the labels or the model change. Checks
// absent from it reported nothing there. The tier of each check follows
// from it (see Check.Tier).
var measured = map[string]Precision{
	"abandoned":       {Labelled: 17, False: 1},
	"callrelock":      {Labelled: 5, False: 1},
	"commcycle":       {Labelled: 2, False: 0},
	"concurrentorder": {Labelled: 2, False: 2},
	"concurrentrlock": {Labelled: 1, False: 0},
	"cond":            {Labelled: 4, False: 0},
	"doublelock":      {Labelled: 5, False: 2},
	"fieldleak":       {Labelled: 21, False: 8},
	"leak":            {Labelled: 33, False: 15},
	"lockorder":       {Labelled: 33, False: 28},
	"neverclosed":     {Labelled: 6, False: 2},
	"neverdone":       {Labelled: 1, False: 0},
	"neverfed":        {Labelled: 1, False: 0},
	"nopartner":       {Labelled: 21, False: 1},
	"oncereentry":     {Labelled: 1, False: 0},
	"oversend":        {Labelled: 1, False: 1},
	"recursiverlock":  {Labelled: 11, False: 4},
	"unreleased":      {Labelled: 28, False: 1},
	"waitgroup":       {Labelled: 9, False: 7},
}
