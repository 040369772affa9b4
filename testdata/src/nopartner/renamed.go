package nopartner

// A struct type converted to another named type of the same fields is one
// object under two names: the receives the package writes under the other
// name drain the channel its sends fill.

type feedBase struct{ ch chan int }

type feedReader feedBase

func newFeedBase() *feedBase { return &feedBase{ch: make(chan int, 1)} }

func (b *feedBase) Put(v int) { b.ch <- v }

func (b *feedBase) Reader() *feedReader { return (*feedReader)(b) }

func (r *feedReader) Get() int { return <-r.ch }

// The twin has the other name too, but never converts to it: nothing
// receives from lostBase.ch.

type lostBase struct{ ch chan int }

type lostReader struct{ ch chan int }

func newLostBase() *lostBase { return &lostBase{ch: make(chan int, 1)} }

func (b *lostBase) Put(v int) { b.ch <- v } // want `no receiver: send on \(\*lostBase\)\.ch blocks forever once its buffer is full`

func (r *lostReader) Get() int { return <-r.ch }
