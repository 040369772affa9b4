package analyzer

// corpusName names the corpus the figures below were measured on.
const corpusName = "the non-test code of the bench/corpus modules"

// measured is each check's record on the labelled corpus: the output of
// `scripts/corpus.sh gate -go`, pasted here when the labels or the model
// change. Checks absent from it reported nothing there.
var measured = map[string]Precision{}
