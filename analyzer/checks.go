package analyzer

import (
	"sort"
	"strings"
)

// A Check is one kind of finding. Its Name is stable: it is the diagnostic
// Category, the word used in //awaitvet:ignore directives and the argument of
// `awaitvet help NAME`. The same text serves as the analyzer's Doc and the
// README's list, so it is written once, here.
type Check struct {
	Name  string // stable identifier, lowercase, no spaces
	Title string // one line: what it finds
	Doc   string // why it matters and when it is reported
	Wrong string // a minimal program that is reported
	Right string // the same program fixed, which stays silent
}

// Checks lists every check in a fixed order (the order of `awaitvet help`).
var Checks = []*Check{
	lockOrderCheck,
	doubleLockCheck,
	recursiveRLockCheck,
	lockUpgradeCheck,
	unreleasedCheck,
	onceReentryCheck,
	leakCheck,
	neverClosedCheck,
	noPartnerCheck,
	commCycleCheck,
	waitGroupCheck,
	condCheck,
	futureCheck,
	ignoreCheck,
}

// Lookup returns the check with the given name, or nil.
func Lookup(name string) *Check {
	for _, c := range Checks {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// CheckNames returns the names of all checks, sorted.
func CheckNames() []string {
	var names []string
	for _, c := range Checks {
		names = append(names, c.Name)
	}
	sort.Strings(names)
	return names
}

// String renders the check's full documentation, as `awaitvet help NAME` prints it.
func (c *Check) String() string {
	var b strings.Builder
	b.WriteString(c.Name + ": " + c.Title + "\n\n")
	b.WriteString(strings.TrimSpace(c.Doc) + "\n")
	if c.Wrong != "" {
		b.WriteString("\nWRONG:\n\n" + indent(c.Wrong) + "\nRIGHT:\n\n" + indent(c.Right))
	}
	b.WriteString("\nTier: " + c.Tier().String() + " (" + c.Measured() + ").\n")
	return b.String()
}

func indent(code string) string {
	var b strings.Builder
	for _, line := range strings.Split(strings.Trim(code, "\n"), "\n") {
		if line == "" {
			b.WriteString("\n")
			continue
		}
		b.WriteString("\t" + line + "\n")
	}
	return b.String()
}

const analyzerDoc = `report what waits for what: lock deadlocks, with the chain that leads there

awaitvet models which functions acquire which locks (sync.Mutex, sync.RWMutex,
sync.Locker, sync.Once) across calls, closures, goroutines and packages, and
reports the places where a goroutine can wait forever. Each finding names what
is held and what is awaited, followed by one related location per hop of the
chain that leads there.

A finding can be suppressed with a directive on its line, the line above, or
the enclosing function's doc comment:

	//awaitvet:ignore NAME reason

The reason is required. Run "awaitvet help NAME" for one check's doc.`

var lockOrderCheck = &Check{
	Name:  "lockorder",
	Title: "locks acquired in opposite orders (lock-order cycle)",
	Doc: `
Two goroutines that take the same locks in opposite orders can each hold
one lock and wait for the other forever. awaitvet records, for every
acquisition, which locks are already held (through any depth of calls,
closures, interface calls and packages) and reports each cycle in the
resulting lock-order graph once, with the chain of every acquisition.
Locks are identified by where they live: a field of a named type, a
package-level variable, or a local allocation. A cycle whose acquisitions
all happen under one common outer lock is not reported, since that lock
serialises them.`,
	Wrong: `
func (c *Cache) Put(k string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.store.mu.Lock() // Cache.mu -> Store.mu
	defer c.store.mu.Unlock()
}

func (s *Store) Evict() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cache.mu.Lock() // Store.mu -> Cache.mu: opposite order
	defer s.cache.mu.Unlock()
}`,
	Right: `
func (s *Store) Evict() {
	s.cache.mu.Lock() // always Cache.mu first, then Store.mu
	defer s.cache.mu.Unlock()
	s.mu.Lock()
	defer s.mu.Unlock()
}`,
}

var doubleLockCheck = &Check{
	Name:  "doublelock",
	Title: "a mutex locked again by the goroutine that holds it",
	Doc: `
sync.Mutex and sync.RWMutex are not reentrant: locking a mutex the
current goroutine already holds blocks forever. awaitvet follows the
lock through any depth of calls (including method values, closures and
calls into other packages) and reports the second acquisition with the
chain from the first.`,
	Wrong: `
func (s *Server) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.flush() // flush locks s.mu again
}

func (s *Server) flush() {
	s.mu.Lock()
	defer s.mu.Unlock()
}`,
	Right: `
func (s *Server) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.flushLocked() // documented to run with s.mu held
}

func (s *Server) flushLocked() {
	// ...
}`,
}

var recursiveRLockCheck = &Check{
	Name:  "recursiverlock",
	Title: "an RWMutex read-locked again while already read-held",
	Doc: `
A recursive RLock deadlocks as soon as a writer calls Lock between the
two RLock calls: the writer waits for the first reader, and the second
RLock waits behind the writer. It works in tests and hangs under load.`,
	Wrong: `
func (c *Cache) Get(k string) string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.lookup(k) // lookup RLocks c.mu again
}

func (c *Cache) lookup(k string) string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.m[k]
}`,
	Right: `
func (c *Cache) Get(k string) string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.m[k]
}`,
}

var lockUpgradeCheck = &Check{
	Name:  "lockupgrade",
	Title: "an RWMutex write-locked while read-held (read-to-write upgrade)",
	Doc: `
sync.RWMutex has no upgrade: Lock waits for every reader to leave,
including the goroutine that asks, so it waits forever. Release the
read lock first and re-check the condition under the write lock.`,
	Wrong: `
func (c *Cache) Load(k string) string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if _, ok := c.m[k]; !ok {
		c.mu.Lock() // waits for our own read lock
		c.m[k] = fetch(k)
		c.mu.Unlock()
	}
	return c.m[k]
}`,
	Right: `
func (c *Cache) Load(k string) string {
	c.mu.RLock()
	v, ok := c.m[k]
	c.mu.RUnlock()
	if !ok {
		c.mu.Lock()
		if v, ok = c.m[k]; !ok {
			v = fetch(k)
			c.m[k] = v
		}
		c.mu.Unlock()
	}
	return v
}`,
}

var unreleasedCheck = &Check{
	Name:  "unreleased",
	Title: "a lock still held on some return path",
	Doc: `
A function that locks a mutex and releases it on some return paths but
not on others (often an early error return added later) leaves it held,
and the next Lock anywhere blocks forever. Functions that return with the
lock held on every path ("returns locked" helpers) and functions whose
result tells the caller whether the lock is held are not reported.
Paths that end in a panic or a call that does not return are ignored.`,
	Wrong: `
func (q *Queue) Pop() (int, error) {
	q.mu.Lock()
	if len(q.items) == 0 {
		return 0, errEmpty // q.mu stays locked
	}
	v := q.items[0]
	q.items = q.items[1:]
	q.mu.Unlock()
	return v, nil
}`,
	Right: `
func (q *Queue) Pop() (int, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.items) == 0 {
		return 0, errEmpty
	}
	v := q.items[0]
	q.items = q.items[1:]
	return v, nil
}`,
}

var onceReentryCheck = &Check{
	Name:  "oncereentry",
	Title: "sync.Once.Do reached again from inside its own function",
	Doc: `
Once.Do holds the Once's internal mutex while its function runs. If that
function, through any chain of calls, calls Do on the same Once, the
inner call waits for the outer one to finish, which never happens.`,
	Wrong: `
func (c *Config) Get() *Settings {
	c.once.Do(c.load)
	return c.settings
}

func (c *Config) load() {
	c.settings = parse(c.Get().raw) // Get calls c.once.Do again
}`,
	Right: `
func (c *Config) Get() *Settings {
	c.once.Do(c.load)
	return c.settings
}

func (c *Config) load() {
	c.settings = parse(c.raw)
}`,
}

var leakCheck = &Check{
	Name:  "leak",
	Title: "a goroutine blocked forever on a channel its partner abandons",
	Doc: `
A goroutine that sends a result nobody will receive, or waits for a
message nobody will send, never ends: it holds its stack and everything it
references for the life of the process. awaitvet counts, for each channel a
function makes and keeps to itself and the goroutines it starts, the sends
that may happen against the receives that are certain (a receive skipped by
an early return, or a select case that can lose to a timeout or ctx.Done(),
is not certain), and reports the goroutine that is left blocked. Giving the
channel room for every sender, making the sender select on the context the
partner gives up on, or making the partner wait on every path, silences it.
Suggested fixes (awaitvet -fix applies the first): wrap the send in a select
on the ctx.Done() of a context in scope, returning when it is done; give the
channel room for the senders it leaves behind.`,
	Wrong: `
func first(ctx context.Context, urls []string) (string, error) {
	ch := make(chan string)
	for _, u := range urls {
		go func() { ch <- fetch(u) }() // all but one block forever
	}
	select {
	case r := <-ch:
		return r, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}`,
	Right: `
func first(ctx context.Context, urls []string) (string, error) {
	ch := make(chan string, len(urls)) // room for every sender
	for _, u := range urls {
		go func() { ch <- fetch(u) }()
	}
	select {
	case r := <-ch:
		return r, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}`,
}

var neverClosedCheck = &Check{
	Name:  "neverclosed",
	Title: "a range over a channel that nothing closes",
	Doc: `
A for-range loop over a channel ends only when the channel is closed. If no
one closes it, the ranging goroutine waits forever once the senders are
done, and anything waiting for that goroutine (a WaitGroup, a done channel)
waits too. Close the channel when the last send is done.`,
	Wrong: `
func process(items []int) {
	jobs := make(chan int)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for j := range jobs { // never ends
			handle(j)
		}
	}()
	for _, it := range items {
		jobs <- it
	}
	wg.Wait() // waits forever
}`,
	Right: `
	for _, it := range items {
		jobs <- it
	}
	close(jobs)
	wg.Wait()`,
}

var noPartnerCheck = &Check{
	Name:  "nopartner",
	Title: "a channel operation with no counterpart anywhere",
	Doc: `
A send on a channel nothing receives from, a receive from a channel nothing
sends on or closes, any operation on a nil channel (a channel variable or
field never assigned a made channel, context.Background().Done()), and
select {} outside main block forever.`,
	Wrong: `
func wait() {
	done := make(chan struct{})
	go work()
	<-done // nothing sends on or closes done
}`,
	Right: `
func wait() {
	done := make(chan struct{})
	go func() {
		defer close(done)
		work()
	}()
	<-done
}`,
}

var commCycleCheck = &Check{
	Name:  "commcycle",
	Title: "goroutines that wait on each other through channels, locks and WaitGroups",
	Doc: `
A goroutine that holds a mutex while it sends, receives or waits on a
WaitGroup deadlocks if its partner must take that mutex before it can do
its part. Two goroutines that each receive from the other before sending
wait for each other forever. awaitvet reports the blocking operation of one
side, with the other side's operation as related information.`,
	Wrong: `
func (h *Hub) Publish(e Event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.events <- e // the receiver locks h.mu before it receives
}`,
	Right: `
func (h *Hub) Publish(e Event) {
	h.mu.Lock()
	subs := h.subs
	h.mu.Unlock()
	h.events <- e
	_ = subs
}`,
}

var waitGroupCheck = &Check{
	Name:  "waitgroup",
	Title: "WaitGroup counts that can never reach zero, or race",
	Doc: `
Wait returns when the counter is zero. A counted goroutine that returns
without Done on some path (an early error return without defer wg.Done()),
a Wait inside a goroutine the same WaitGroup counts, fewer Done calls than
Add added, all block Wait forever. An Add inside the goroutine it counts
races with Wait, which may return before the Add runs.`,
	Wrong: `
for _, f := range files {
	wg.Add(1)
	go func() {
		if err := parse(f); err != nil {
			return // Done never called
		}
		wg.Done()
	}()
}
wg.Wait()`,
	Right: `
for _, f := range files {
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := parse(f); err != nil {
			return
		}
	}()
}
wg.Wait()`,
}

var condCheck = &Check{
	Name:  "cond",
	Title: "sync.Cond waits that nothing wakes, or that miss their wakeup",
	Doc: `
Cond.Wait blocks until a Signal or Broadcast on the same Cond. If nothing
in the package ever signals it, the wait is forever. A Wait that is not in
a loop re-checking the condition misses a Signal sent before it started
waiting, and wakes on a spurious Broadcast with the condition still false.`,
	Wrong: `
c.L.Lock()
if !ready {
	c.Wait()
}
c.L.Unlock()`,
	Right: `
c.L.Lock()
for !ready {
	c.Wait()
}
c.L.Unlock()`,
}

var futureCheck = &Check{
	Name:  "future",
	Title: "a Wait for goroutines one of which blocks forever",
	Doc: `
A WaitGroup.Wait or errgroup.Wait returns only when every goroutine it
counts has finished. When awaitvet finds one of those goroutines blocked
forever (a leak, a range over a channel nothing closes), the Wait hangs
too. The same holds for a result or done channel: a receive whose every
sender or closer is a goroutine certainly blocked before it sends or
closes (the close in a defer, the send further down) never returns.

The hung waiter follows from the finding that shows the goroutine blocked,
so it is not a second finding: it is the last step of that finding's chain
(related information at the Wait), and an //awaitvet:ignore of that
finding silences it too. It is reported on its own, at the waiter, only
when the finding it follows from is not (its check is not enabled).`,
	Wrong: `
var wg sync.WaitGroup
results := make(chan int)
for _, x := range xs {
	wg.Add(1)
	go func() {
		defer wg.Done()
		results <- work(x) // nobody receives
	}()
}
wg.Wait() // never returns`,
	Right: `
var wg sync.WaitGroup
results := make(chan int, len(xs))
for _, x := range xs {
	wg.Add(1)
	go func() {
		defer wg.Done()
		results <- work(x)
	}()
}
wg.Wait()`,
}

var ignoreCheck = &Check{
	Name:  "ignore",
	Title: "a malformed //awaitvet:ignore directive",
	Doc: `
A suppression must name a check and give a reason, so the next reader
knows why the finding was wrong or accepted:

	//awaitvet:ignore NAME reason

A directive with no reason or an unknown check name is reported and
suppresses nothing.`,
	Wrong: `
	mu.Lock() //awaitvet:ignore doublelock`,
	Right: `
	mu.Lock() //awaitvet:ignore doublelock the caller releases it in reset()`,
}
