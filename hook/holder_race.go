//go:build race

package hook

import "sync/atomic"

// Under the race detector the holder is read and written atomically, so
// that dumps taken while locks change hands are not reported as races.

func (h *holder) store(g uint64, pc uintptr) {
	atomic.StoreUint64(&h.g, g)
	atomic.StoreUintptr(&h.pc, pc)
}

func (h *holder) load() (uint64, uintptr) {
	return atomic.LoadUint64(&h.g), atomic.LoadUintptr(&h.pc)
}

func storePC(p *uintptr, pc uintptr) { atomic.StoreUintptr(p, pc) }

func loadPC(p *uintptr) uintptr { return atomic.LoadUintptr(p) }

func loadWord(p *uint64) uint64 { return atomic.LoadUint64(p) }

func storeWord(p *uint64, v uint64) { atomic.StoreUint64(p, v) }
