package leak

import "time"

// A select in a loop its function never leaves takes each of its cases
// again whenever that case is ready (select picks among ready cases at
// random): a goroutine that sends to one of its receive cases is never
// abandoned, whatever the other cases do. A loop that can be left (a quit
// case that returns) can leave the sender behind.

type dialer struct {
	takec chan int
	after func(time.Duration) <-chan time.Time
}

func redial() int { return 1 }

// goodForeverLoop redials in a goroutine and receives its result in a
// loop that never ends.
func (d *dialer) goodForeverLoop() {
	conn := redial()
	connc := make(chan int)
	var retry <-chan time.Time
	for {
		select {
		case <-retry:
			retry = nil
			go func() { connc <- redial() }()
		case conn = <-connc:
			if conn == 0 {
				retry = d.after(time.Second)
			}
		case d.takec <- conn:
		}
	}
}

// badLeavingLoop can return on quit while a redial is in flight: its send
// then has no receiver.
func (d *dialer) badLeavingLoop(quit <-chan struct{}) {
	conn := redial()
	connc := make(chan int)
	var retry <-chan time.Time
	for {
		select {
		case <-retry:
			retry = nil
			go func() { connc <- redial() }() // want `goroutine leak: send on connc blocks forever: the receiver may leave by another select case`
		case conn = <-connc:
			if conn == 0 {
				retry = d.after(time.Second)
			}
		case d.takec <- conn:
		case <-quit:
			return
		}
	}
}
