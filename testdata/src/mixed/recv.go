package mixed

import "sync"

// --- receive cycles ---

// Two goroutines that each receive on the other's channel before sending on
// their own: neither send is ever reached. Reported at the first receive of
// the function that comes first in the file (the rest of the message names
// the channels as seen there, so only its start is matched). Fixed by
// reordering one side so that it sends first.

// badPing receives the ball before returning it.
func badPing(in <-chan int, out chan<- int) {
	v := <-in // want `communication deadlock: receive from`
	out <- v + 1
}

// badPong also receives before it sends, so neither side starts.
func badPong(in <-chan int, out chan<- int) int {
	v := <-in
	out <- v + 1
	return v
}

// badRally starts badPing and plays badPong: each waits for the other's ball.
func badRally() int {
	a, b := make(chan int), make(chan int)
	go badPing(a, b)
	return badPong(b, a)
}

// goodPing receives the ball before returning it.
func goodPing(in <-chan int, out chan<- int) {
	v := <-in
	out <- v + 1
}

// goodServe sends first, then waits for the return.
func goodServe(in <-chan int, out chan<- int) int {
	out <- 1
	v := <-in
	return v
}

// goodRally starts goodPing and serves.
func goodRally() int {
	a, b := make(chan int), make(chan int)
	go goodPing(a, b)
	return goodServe(b, a)
}

// goodAskOrGiveUp sends the request as a case of a select and waits for
// the reply only once it is taken: its first wait is the select, not the
// receive, so the worker's receive is served first. (Leaving by the other
// case leaves the worker waiting for a request: a leak, not a cycle.)
func goodAskOrGiveUp(quit <-chan struct{}, x int) int {
	req, resp := make(chan int), make(chan int)
	go func() { // want `goroutine leak: receive from req blocks forever`
		v := <-req
		resp <- v + 1
	}()
	select {
	case req <- x:
		return <-resp
	case <-quit:
		return 0
	}
}

// badAskAfterReply waits for the reply before the select that sends the
// request: the worker and the caller each wait for the other.
func badAskAfterReply(quit <-chan struct{}, x int) int {
	req, resp := make(chan int), make(chan int)
	go func() { // want `goroutine leak: receive from req blocks forever`
		v := <-req // want `communication deadlock: receive from`
		resp <- v + 1
	}()
	v := <-resp
	select {
	case req <- x:
	case <-quit:
	}
	return v
}

// badSwap: each goroutine waits for the other's value before sending its own.
func badSwap(x, y int) (int, int) {
	left, right := make(chan int), make(chan int)
	var gotX, gotY int
	var wg sync.WaitGroup
	wg.Go(func() {
		gotY = <-right // want `communication deadlock: receive from`
		left <- x
	})
	wg.Go(func() {
		gotX = <-left
		right <- y
	})
	wg.Wait()
	return gotX, gotY
}

// goodSwap: the first goroutine sends before it receives.
func goodSwap(x, y int) (int, int) {
	left, right := make(chan int), make(chan int)
	var gotX, gotY int
	var wg sync.WaitGroup
	wg.Go(func() {
		left <- x
		gotY = <-right
	})
	wg.Go(func() {
		gotX = <-left
		right <- y
	})
	wg.Wait()
	return gotX, gotY
}

// StuckSession's server and client each wait for the other to speak first.
type StuckSession struct{ hello, ack chan struct{} }

// badServe waits for hello before acknowledging.
func (s *StuckSession) badServe() {
	<-s.hello // want `communication deadlock: receive from`
	s.ack <- struct{}{}
}

// badDial waits for the ack before saying hello.
func (s *StuckSession) badDial() {
	<-s.ack
	s.hello <- struct{}{}
}

// badHandshake runs the server in a goroutine and dials.
func badHandshake() {
	s := &StuckSession{hello: make(chan struct{}), ack: make(chan struct{})}
	go s.badServe()
	s.badDial()
}

// Session is StuckSession with the client speaking first.
type Session struct{ hello, ack chan struct{} }

// goodServe waits for hello before acknowledging.
func (s *Session) goodServe() {
	<-s.hello
	s.ack <- struct{}{}
}

// goodDial says hello, then waits for the ack.
func (s *Session) goodDial() {
	s.hello <- struct{}{}
	<-s.ack
}

// goodHandshake runs the server in a goroutine and dials.
func goodHandshake() {
	s := &Session{hello: make(chan struct{}), ack: make(chan struct{})}
	go s.goodServe()
	s.goodDial()
}

// --- receive while holding the sender's lock ---

// A receive while holding a mutex that the sender locks before it sends:
// the receiver waits for the value, the sender waits for the mutex.
// Reported at the receive. Buffering does not help here (the sender blocks
// on the mutex, not the send); the fix is to receive before locking.

// badRecvUnderLock: the consumer holds mu while waiting for a value that the
// producer sends only after taking mu.
func badRecvUnderLock(read func() int) (int, int) {
	var mu sync.Mutex
	reads := 0
	ch := make(chan int)
	go func() {
		v := read()
		mu.Lock()
		reads++
		mu.Unlock()
		ch <- v
	}()
	mu.Lock()
	defer mu.Unlock()
	v := <-ch // want `communication deadlock: receive from ch while holding mu`
	reads++
	return v, reads
}

// goodRecvUnderLock receives before taking mu.
func goodRecvUnderLock(read func() int) (int, int) {
	var mu sync.Mutex
	reads := 0
	ch := make(chan int)
	go func() {
		v := read()
		mu.Lock()
		reads++
		mu.Unlock()
		ch <- v
	}()
	v := <-ch
	mu.Lock()
	defer mu.Unlock()
	reads++
	return v, reads
}

// Conn hands replies from a read loop to callers; pending is guarded by mu.
type Conn struct {
	mu      sync.Mutex
	pending int
	replies chan string
	read    func() (string, error)
}

// Dial starts the read loop.
func Dial(read func() (string, error)) *Conn {
	c := &Conn{replies: make(chan string), read: read}
	go c.readLoop()
	return c
}

// readLoop decrements c.pending under c.mu before handing each reply over.
func (c *Conn) readLoop() {
	defer close(c.replies)
	for {
		msg, err := c.read()
		if err != nil {
			return
		}
		c.mu.Lock()
		c.pending--
		c.mu.Unlock()
		c.replies <- msg
	}
}

// badCall holds c.mu (deferred Unlock) while waiting for the reply.
func (c *Conn) badCall() (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pending++
	r, ok := <-c.replies // want `communication deadlock: receive from \(\*Conn\)\.replies while holding \(\*Conn\)\.mu`
	return r, ok
}

// goodCall releases c.mu before waiting for the reply.
func (c *Conn) goodCall() (string, bool) {
	c.mu.Lock()
	c.pending++
	c.mu.Unlock()
	r, ok := <-c.replies
	return r, ok
}

// produce records s under mu, then sends it.
func produce(mu *sync.Mutex, trail *[]string, ch chan<- string, s string) {
	mu.Lock()
	*trail = append(*trail, "sent "+s)
	mu.Unlock()
	ch <- s
}

// badRecvFromNamed holds mu while waiting for produce, which locks mu first.
func badRecvFromNamed(s string) []string {
	var mu sync.Mutex
	var trail []string
	ch := make(chan string)
	go produce(&mu, &trail, ch, s)
	mu.Lock()
	defer mu.Unlock()
	got := <-ch // want `communication deadlock: receive from ch while holding mu`
	trail = append(trail, "got "+got)
	return trail
}

// goodRecvFromNamed receives before taking mu.
func goodRecvFromNamed(s string) []string {
	var mu sync.Mutex
	var trail []string
	ch := make(chan string)
	go produce(&mu, &trail, ch, s)
	got := <-ch
	mu.Lock()
	defer mu.Unlock()
	trail = append(trail, "got "+got)
	return trail
}

// Store is a cache whose reloads write under the write lock.
type Store struct {
	mu   sync.RWMutex
	data map[string]string
}

// badReload read-holds s.mu while waiting for the reloader, which needs the
// write lock before it sends.
func (s *Store) badReload(key string, fetch func(string) string) (old, cur string) {
	ch := make(chan string)
	go func() {
		v := fetch(key)
		s.mu.Lock()
		s.data[key] = v
		s.mu.Unlock()
		ch <- v
	}()
	s.mu.RLock()
	defer s.mu.RUnlock()
	old = s.data[key]
	cur = <-ch // want `communication deadlock: receive from ch while holding \(\*Store\)\.mu`
	return old, cur
}

// goodReload releases the read lock before waiting.
func (s *Store) goodReload(key string, fetch func(string) string) (old, cur string) {
	ch := make(chan string)
	go func() {
		v := fetch(key)
		s.mu.Lock()
		s.data[key] = v
		s.mu.Unlock()
		ch <- v
	}()
	s.mu.RLock()
	old = s.data[key]
	s.mu.RUnlock()
	cur = <-ch
	return old, cur
}

// goodPostThenWait feeds the writer with sends that never wait (a select
// with a default) and ends its range with a close before it waits for the
// writer's result: the writer's receive is served first.
func goodPostThenWait(x []byte) (err error) {
	post := make(chan []byte, 4)
	done := make(chan error, 1)
	go drainPosts(post, done)
	defer func() {
		close(post)
		err = <-done
	}()
	select {
	case post <- x:
	default:
		panic("post blocks")
	}
	return nil
}

// badWaitThenPost waits for the writer's result before it posts anything:
// the writer waits for a post, the poster for the result.
func badWaitThenPost(x []byte) error {
	post := make(chan []byte, 4)
	done := make(chan error, 1)
	go drainOnePost(post, done)
	err := <-done // want `communication deadlock: receive from done while the other goroutine waits on post; each sends only after it receives`
	post <- x
	return err
}

func drainPosts(post <-chan []byte, done chan<- error) {
	for range post {
	}
	done <- nil
}

func drainOnePost(post <-chan []byte, done chan<- error) {
	<-post
	done <- nil
}
