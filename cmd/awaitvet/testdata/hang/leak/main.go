// Command leak starts a receiver that nothing will ever send to, says
// "ready" and sleeps: the receiver has leaked while the program runs on.
package main

import (
	"fmt"
	"runtime"
	"strings"
	"time"
)

func receive(results chan int) {
	for r := range results { // nobody sends on or closes results
		fmt.Println(r)
	}
}

func main() {
	results := make(chan int)
	go receive(results)
	for !parked("main.receive(", "chan receive") {
		time.Sleep(time.Millisecond)
	}
	fmt.Println("ready")
	time.Sleep(time.Hour)
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
