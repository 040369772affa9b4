package analyzer

// corpusName names the corpus the figures below were measured on.
const corpusName = "the non-test code of the bench/corpus modules"

// measured is each check's record on the labelled corpus (both halves):
// the output of `scripts/corpus.sh gate -go` after `scripts/corpus.sh run`
// of this tree, pasted here when the labels or the model change. Checks
// absent from it reported nothing there. The tier of each check follows
// from it (see Check.Tier).
var measured = map[string]Precision{
	"commcycle":  {Labelled: 1, False: 1},
	"cond":       {Labelled: 1, False: 1},
	"doublelock": {Labelled: 3, False: 0},
	"leak":       {Labelled: 12, False: 3},
	"lockorder":  {Labelled: 10, False: 9},
	"nopartner":  {Labelled: 7, False: 1},
	"unreleased": {Labelled: 4, False: 0},
	"waitgroup":  {Labelled: 5, False: 4},
}
