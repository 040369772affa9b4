package doublelock

import "sync"

// A state machine in a loop: the turn in state phaseLock takes the lock
// and moves on, and no sequence of turns leads back to phaseLock; the
// lock is released in phaseUnlock. The Lock never finds its own lock
// held.

type phase int

const (
	phaseInit phase = iota
	phaseLock
	phaseApply
	phaseUnlock
	phaseDone
)

type migration struct {
	mu    sync.Mutex
	steps int
	n     int
}

func (m *migration) run() int {
	st := phaseInit
	for st != phaseDone {
		switch st {
		case phaseInit:
			st = phaseLock
		case phaseLock:
			m.mu.Lock()
			st = phaseApply
		case phaseApply:
			m.n++
			if m.n >= m.steps {
				st = phaseUnlock
			}
		case phaseUnlock:
			m.mu.Unlock()
			st = phaseDone
		}
	}
	return m.n
}

// The twins: a retry that sends the machine back to phaseLock before it
// unlocks, and a next state the machine computes (phaseInit, then
// phaseLock again, on every other turn).

func (m *migration) runRetry() int {
	st := phaseInit
	for st != phaseDone {
		switch st {
		case phaseInit:
			st = phaseLock
		case phaseLock:
			m.mu.Lock() // want `double lock: \(\*migration\)\.mu locked again by this function while it holds it \(on the next loop iteration\)`
			st = phaseApply
		case phaseApply:
			m.n++
			if m.n < m.steps {
				st = phaseLock
			} else {
				st = phaseUnlock
			}
		case phaseUnlock:
			m.mu.Unlock()
			st = phaseDone
		}
	}
	return m.n
}

func (m *migration) runComputed() int {
	st := phaseInit
	for st != phaseDone {
		switch st {
		case phaseInit:
			st = phaseLock
		case phaseLock:
			m.mu.Lock() // want `double lock: \(\*migration\)\.mu locked again by this function while it holds it \(on the next loop iteration\)`
			m.n++
			st = phase(m.n % 2) // back to phaseInit on every other turn, still locked
		case phaseUnlock:
			m.mu.Unlock()
			st = phaseDone
		}
	}
	return m.n
}
