package util

import (
	"log"
	"os"
	"os/signal"
	"sync"
)

var (
	mu    sync.Mutex
	hooks []func()
)

func OnExit(f func()) {
	mu.Lock()
	hooks = append(hooks, f)
	mu.Unlock()
}

func Wait() {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt)
	<-ch
	mu.Lock()
	for _, h := range hooks {
		h()
	}
	mu.Unlock()
	log.Println("bye")
}
