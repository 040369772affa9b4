package neverclosed

// Channels held in struct fields: the loop ranges over a field that nothing
// in the package closes.

// badBus's events field is ranged over but never closed.
type badBus struct{ events chan int }

// newBadBus makes the events channel.
func newBadBus() *badBus { return &badBus{events: make(chan int)} }

// run ranges over b.events forever.
func (b *badBus) run() {
	for e := range b.events { // want `range over \(\*badBus\)\.events never ends: nothing closes \(\*badBus\)\.events`
		sink(e)
	}
}

// publish sends one event.
func (b *badBus) publish(e int) { b.events <- e }

// badBusUser starts the loop and publishes, with no way to end it.
func badBusUser(items []int) {
	b := newBadBus()
	go b.run()
	for _, it := range items {
		b.publish(it)
	}
}

// goodBus has the same shape plus a Close method that closes events.
type goodBus struct{ events chan int }

// newGoodBus makes the events channel.
func newGoodBus() *goodBus { return &goodBus{events: make(chan int)} }

// run ranges over b.events until Close.
func (b *goodBus) run() {
	for e := range b.events {
		sink(e)
	}
}

// publish sends one event.
func (b *goodBus) publish(e int) { b.events <- e }

// Close ends run.
func (b *goodBus) Close() { close(b.events) }

// goodBusUser closes the bus when done.
func goodBusUser(items []int) {
	b := newGoodBus()
	go b.run()
	defer b.Close()
	for _, it := range items {
		b.publish(it)
	}
}
