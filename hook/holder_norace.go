//go:build !race

package hook

// Without the race detector, the holder is written with plain stores, under
// the lock it describes, and read without it when a dump is taken. The read
// is a data race by design: both fields are single machine words, which Go
// never tears, and a dump that sees a holder a few nanoseconds stale is
// still right about any goroutine that stays blocked. Atomic stores would
// cost more than the lock itself (an XCHG on amd64).

func (h *holder) store(g uint64, pc uintptr) { h.g, h.pc = g, pc }

func (h *holder) load() (uint64, uintptr) { return h.g, h.pc }

func storePC(p *uintptr, pc uintptr) { *p = pc }

func loadPC(p *uintptr) uintptr { return *p }

func loadWord(p *uint64) uint64 { return *p }

func storeWord(p *uint64, v uint64) { *p = v }
