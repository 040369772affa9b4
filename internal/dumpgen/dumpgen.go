// Package dumpgen writes synthetic goroutine dumps of any size, for the
// tests and benchmarks of awaitvet chains.
package dumpgen

import (
	"bytes"
	"fmt"
)

// Dump writes a go test timeout dump of n blocked goroutines at
// distinct sites (n/distinct goroutines at each, identical stacks): a
// receiver, a select and a lock waiter in turn, each started by goroutine
// 1, which waits on a WaitGroup. Test output surrounds it.
func Dump(n, distinct int) []byte {
	var b bytes.Buffer
	b.WriteString("=== RUN   TestLoad\n    load_test.go:12: starting workers\npanic: test timed out after 10m0s\n\trunning tests:\n\t\tTestLoad (10m0s)\n\n")
	b.WriteString("goroutine 1 [sync.WaitGroup.Wait, 10 minutes]:\nsync.runtime_SemacquireWaitGroup(0xc000012345?, 0x0?)\n\t/usr/local/go/src/runtime/sema.go:114 +0x2e\nsync.(*WaitGroup).Wait(0xc000010000)\n\t/usr/local/go/src/sync/waitgroup.go:206 +0x85\nexample.com/svc.TestLoad(0xc000003340)\n\t/src/svc/load_test.go:20 +0x9b\n\n")
	for i := range n {
		site := i % distinct
		id := i + 2
		minutes := 1 + site%9
		switch site % 3 {
		case 0:
			fmt.Fprintf(&b, "goroutine %d [chan receive, %d minutes]:\nexample.com/svc.(*worker%d).recv(...)\n\t/src/svc/worker%d.go:%d\nexample.com/svc.(*worker%d).run(0xc0001%05x)\n\t/src/svc/worker%d.go:%d +0x25\n", id, minutes, site, site, 40+site, site, i, site, 30+site)
		case 1:
			fmt.Fprintf(&b, "goroutine %d [select, %d minutes]:\nexample.com/svc.(*conn%d).readLoop(0xc0002%05x)\n\t/src/svc/conn%d.go:%d +0x1b1\n", id, minutes, site, i, site, 50+site)
		case 2:
			fmt.Fprintf(&b, "goroutine %d [sync.Mutex.Lock, %d minutes]:\ninternal/sync.runtime_SemacquireMutex(0xc000100000?, 0x0?, 0x0?)\n\t/usr/local/go/src/runtime/sema.go:95 +0x25\ninternal/sync.(*Mutex).lockSlow(0xc0003%05x)\n\t/usr/local/go/src/internal/sync/mutex.go:149 +0x15d\nsync.(*Mutex).Lock(...)\n\t/usr/local/go/src/sync/mutex.go:46\nexample.com/svc.(*cache%d).get(0xc0003%05x)\n\t/src/svc/cache%d.go:%d +0x3e\n", id, minutes, site, site, site, site, 60+site)
		}
		fmt.Fprintf(&b, "created by example.com/svc.TestLoad in goroutine 1\n\t/src/svc/load_test.go:%d +0x5a\n\n", 15+site%3)
	}
	b.WriteString("FAIL\texample.com/svc\t600.012s\n")
	return b.Bytes()
}
