// Command leakmainloop: a function that, once it has made a channel, only
// ever serves it in a loop that it leaves by ending the process receives
// every value sent on it: select picks among ready cases at random, and
// the loop goes round until the process ends. The twin's loop returns to a
// caller that goes on, and the senders it leaves stay blocked.
package main

import (
	"fmt"
	"os"
	"os/signal"
	"time"
)

func fetch() int { return len(os.Args) }

func main() {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt)
	updates := make(chan int)
	go func() { updates <- fetch() }()
	select {
	case <-sig:
		return
	case v := <-updates:
		fmt.Println(v)
	}
	go watch(sig)
	tick := time.NewTicker(time.Minute)
	defer tick.Stop()
	for {
		select {
		case v := <-updates:
			fmt.Println(v)
		case <-tick.C:
			go func() { updates <- fetch() }()
		case <-sig:
			return
		}
	}
}

// watch serves its channel the same way, but it runs in a goroutine of
// its own: its return is not the end of the process.
func watch(sig chan os.Signal) {
	updates := make(chan int)
	go func() { updates <- fetch() }() // want `goroutine leak: send on updates blocks forever: the receiver may leave by another select case`
	tick := time.NewTicker(time.Minute)
	defer tick.Stop()
	for {
		select {
		case v := <-updates:
			fmt.Println(v)
		case <-tick.C:
			go func() { updates <- fetch() }()
		case <-sig:
			return
		}
	}
}
