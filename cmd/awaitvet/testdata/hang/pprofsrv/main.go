// Command pprofsrv serves net/http/pprof on 127.0.0.1 and prints "listening
// ADDR" once a reader is stuck behind a lock that a refresh holds while it
// waits for a stop that never comes (package cache).
package main

import (
	"fmt"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/awaitvet/awaitvet/cmd/awaitvet/testdata/hang/pprofsrv/cache"
)

func main() {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	c := cache.New()
	ready, asked := make(chan struct{}), make(chan struct{})
	go c.Refresh(ready)
	<-ready
	go c.Get("k", asked)
	<-asked
	for !parked(").Get(", "sync.Mutex.Lock") {
		time.Sleep(time.Millisecond)
	}
	fmt.Println("listening", l.Addr())
	http.Serve(l, nil)
}

// parked reports whether a goroutine running fn is blocked in state: the
// "ready" line is printed only then, so that a dump taken on it always
// shows the wait, however loaded the machine.
func parked(fn, state string) bool {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	for _, g := range strings.Split(string(buf), "\n\n") {
		if strings.Contains(g, " ["+state) && strings.Contains(g, fn) {
			return true
		}
	}
	return false
}
