// Package cgouse imports "C": the go command hands analyzers cmd/cgo's
// rewrite of this file, marked as generated, whose //line directives map
// its code back here. Its findings are the user's, at this file's lines.
package cgouse

// #include <stdlib.h>
import "C"

import "sync"

var mu sync.Mutex

func Twice() {
	mu.Lock()
	C.free(C.malloc(1))
	mu.Lock() // want `double lock: mu locked again by this function while it holds it`
	mu.Unlock()
}

func Once() {
	mu.Lock()
	C.free(C.malloc(1))
	mu.Unlock()
}
