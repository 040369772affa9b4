// Command leak starts a receiver that nothing will ever send to, says
// "ready" and sleeps: the receiver has leaked while the program runs on.
package main

import (
	"fmt"
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
	fmt.Println("ready")
	time.Sleep(time.Hour)
}
