package cycles

import "sync"

// A second file: the -json output lists a package's findings by file and
// line, whatever order a driver parsed the files in.

var second sync.Mutex

func secondInner() {
	second.Lock()
	second.Unlock()
}

func secondOuter() {
	second.Lock()
	defer second.Unlock()
	secondInner() // want `double lock: second acquired while already held \(through secondInner, which locks it on every path\)`
}
