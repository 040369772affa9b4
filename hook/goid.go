package hook

import (
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"
)

// Getting the goroutine ID cheaply is the crux of precise mode: parsing
// runtime.Stack costs microseconds, runtime.Callers a hundred nanoseconds,
// and an uncontended sync.Mutex Lock+Unlock about five. So on amd64 Mutex
// reads the current g from thread-local storage (one instruction, in
// goid_amd64.s) and the goroutine ID from inside it, at an offset found
// once, at first use, by looking for known IDs in the g of a few
// goroutines — no hard-coded runtime layout. The same assembly reads the
// return address of Lock's frame, which names the line that locked. The
// calibration checks both; if either check fails, or on other
// architectures, Mutex falls back to CurrentID and runtime.Callers:
// correct, but microseconds per Lock.

const (
	uncalibrated = iota
	fastPath
	slowPath
)

var (
	pathMode    atomic.Int32
	goidOffset  uintptr
	calibration sync.Once
)

// fast reports whether the cheap path works, calibrating at first call.
func fast() bool {
	switch pathMode.Load() {
	case fastPath:
		return true
	case slowPath:
		return false
	}
	calibration.Do(calibrate)
	return pathMode.Load() == fastPath
}

// goidOf reads the goroutine ID out of a g. Only after calibration.
func goidOf(gp unsafe.Pointer) uint64 {
	return *(*uint64)(unsafe.Add(gp, goidOffset))
}

// maxScan is how far into the g the ID is looked for; the g is 448 bytes
// on 64-bit platforms in Go 1.26, and the ID has always been in its first
// half.
const maxScan = 320

func calibrate() {
	mode := int32(slowPath)
	defer func() { pathMode.Store(mode) }()
	if !haveGetg {
		return
	}
	// The ID must sit at the same offset in the g of several goroutines
	// with different IDs, and nowhere else in all of them.
	const probes = 6
	hits := make([][]uintptr, probes)
	var wg sync.WaitGroup
	for i := range probes {
		wg.Go(func() {
			gp, _ := getgpc()
			id := CurrentID()
			if gp == nil || id == 0 {
				return
			}
			for off := uintptr(0); off+8 <= maxScan; off += 8 {
				if *(*uint64)(unsafe.Add(gp, off)) == id {
					hits[i] = append(hits[i], off)
				}
			}
		})
	}
	wg.Wait()
	var common []uintptr
	for _, off := range hits[0] {
		all := true
		for _, h := range hits[1:] {
			all = all && contains(h, off)
		}
		if all {
			common = append(common, off)
		}
	}
	if len(common) != 1 {
		return
	}
	goidOffset = common[0]
	// And the return-address trick must name the caller's caller.
	gp, pc := probeCaller()
	if goidOf(gp) != CurrentID() || !strings.HasSuffix(funcAt(pc), ".calibrate") {
		return
	}
	mode = fastPath
}

// probeCaller stands where Mutex.Lock stands: not inlined, calling
// getgpc directly, so the pc it gets back must be in calibrate.
//
//go:noinline
func probeCaller() (unsafe.Pointer, uintptr) {
	gp, pc := getgpc()
	return gp, pc
}

func contains(xs []uintptr, x uintptr) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// funcAt names the function a return address is in.
func funcAt(pc uintptr) string {
	if pc == 0 {
		return ""
	}
	f, _ := runtime.CallersFrames([]uintptr{pc}).Next()
	return f.Function
}

// whoSlow is the fallback: the caller's ID from its traceback, and the
// first return address outside the lock's own functions, from
// runtime.Callers.
func whoSlow() (uint64, uintptr) {
	var pcs [8]uintptr
	n := runtime.Callers(2, pcs[:])
	for _, pc := range pcs[:n] {
		if !inLock(pc) {
			return CurrentID(), pc
		}
	}
	return CurrentID(), 0
}

// inLock reports whether pc is in one of lockFuncs, remembering the answer
// per pc: symbolizing is most of the slow path's cost.
func inLock(pc uintptr) bool {
	if v, ok := lockPCs.Load(pc); ok {
		return v.(bool)
	}
	v := lockFuncs[strings.TrimPrefix(funcAt(pc), selfPkg+".")]
	lockPCs.Store(pc, v)
	return v
}

var lockPCs sync.Map // uintptr → bool

// lockFuncs are the functions between a lock's caller and whoSlow.
var lockFuncs = map[string]bool{
	"who": true, "(*holder).set": true, "(*RWMutex).addReader": true,
	"(*Mutex).Lock": true, "(*Mutex).TryLock": true,
	"(*RWMutex).Lock": true, "(*RWMutex).TryLock": true, "(*RWMutex).RLock": true, "(*RWMutex).TryRLock": true,
	"(*rlocker).Lock": true,
}

// selfPkg is this package's import path, as function names start.
const selfPkg = "github.com/awaitvet/awaitvet/hook"

// currentGoid is the caller's ID by the fast path when it works.
func currentGoid() uint64 {
	if fast() {
		gp, _ := getgpc()
		return goidOf(gp)
	}
	return CurrentID()
}
