package user

import (
	"sync"

	"unlockercross/lib"
)

// The unlocker another package's Lock hands back releases the lock when
// it is called: a Wait after it holds nothing the counted goroutines need.
// The twin waits before it calls the unlocker.

func sendAll(c *lib.Conn) {
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Go(func() { c.Send() })
	}
	unlock := c.Lock()
	unlock()
	wg.Wait()
}

func sendAllHeld(c *lib.Conn) {
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Go(func() { c.Send() })
	}
	unlock := c.Lock()
	wg.Wait() // want `communication deadlock: WaitGroup.Wait while holding \(\*lib.Conn\).mu; the goroutines it waits for take \(\*lib.Conn\).mu before Done`
	unlock()
}
