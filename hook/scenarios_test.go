package hook_test

import (
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/awaitvet/awaitvet/hook"
	"github.com/awaitvet/awaitvet/report"
)

// Live scenarios: each starts goroutines that get stuck on purpose (and
// stay stuck for the rest of the test binary: they are labelled, so the
// others ignore them), waits until they are, and checks the chain and the
// partner the hook names. Static graphs are written by hand with builder,
// as "awaitvet graph -format=json" would write them; the "// @name"
// comments mark the positions they use.

// 1. AB-BA: two goroutines take two locks in opposite orders.

type pair struct{ a, b hook.Mutex }

func abbaFirst(p *pair, ready *sync.WaitGroup) {
	p.a.Lock() // @abba-first-a
	ready.Done()
	ready.Wait()
	p.b.Lock()
}

func abbaSecond(p *pair, ready *sync.WaitGroup) {
	p.b.Lock() // @abba-second-b
	ready.Done()
	ready.Wait()
	p.a.Lock()
}

func TestScenarioABBA(t *testing.T) {
	t.Parallel()
	name := unique(t)
	labelled(name, func() {
		p := new(pair)
		var ready sync.WaitGroup
		ready.Add(2)
		go abbaFirst(p, &ready)
		go abbaSecond(p, &ready)
	})
	r := settle(t, name, 2)
	first, second := chainIn(t, r, "abbaFirst"), chainIn(t, r, "abbaSecond")
	cy := cycleText(t, r)
	for _, want := range []string{g(first) + " → mutex p.b held by " + g(second), g(second) + " → mutex p.a held by " + g(first)} {
		if !strings.Contains(cy, want) {
			t.Errorf("cycle %q lacks %q", cy, want)
		}
	}
	expect(t, r, first, hook.Deadlock, "cycle")
	expect(t, r, second, hook.Deadlock, "cycle")
	// The holder's site is where it locked.
	b := newBuilder(t)
	if p := first.Waits[0].Partners[0]; p.Rel != "held by" || !strings.HasSuffix(p.Site, ":"+strconv.Itoa(b.at("abba-second-b").Line)) {
		t.Errorf("first waits for %+v, want held by the second since line %d", p, b.at("abba-second-b").Line)
	}
}

// 2. A mutex held across a channel send whose receiver needs the mutex.

type guarded struct {
	mu hook.Mutex
	ch chan int
}

func sendLocked(s *guarded, locked chan struct{}) {
	s.mu.Lock() // @mx-locked
	defer s.mu.Unlock()
	close(locked)
	s.ch <- 1 // @mx-send
}

func recvLocked(s *guarded, locked chan struct{}) {
	<-locked
	s.mu.Lock() // @mx-lock
	<-s.ch      // @mx-recv
	s.mu.Unlock()
}

func TestScenarioMutexAcrossSend(t *testing.T) {
	t.Parallel()
	name := unique(t)
	b := newBuilder(t)
	ch := b.res(report.Chan, "guarded.ch", "(*hook_test.guarded).ch")
	mu := b.res(report.Mutex, "guarded.mu", "(*hook_test.guarded).mu")
	b.wait("sendLocked", ch, "send", "mx-send")
	b.partner(ch, report.SentBy, "sendLocked", "mx-send")
	b.wait("recvLocked", ch, "recv", "mx-recv")
	b.partner(ch, report.RecvBy, "recvLocked", "mx-recv")
	b.wait("recvLocked", mu, "lock", "mx-lock")
	b.partner(mu, report.HeldBy, "sendLocked", "mx-locked")
	b.partner(mu, report.HeldBy, "recvLocked", "mx-lock")
	labelled(name, func() {
		s := &guarded{ch: make(chan int)}
		locked := make(chan struct{})
		go sendLocked(s, locked)
		go recvLocked(s, locked)
	})
	r := settle(t, name, 2, hook.WithGraph(b.graph()))
	send, recv := chainIn(t, r, "sendLocked"), chainIn(t, r, "recvLocked")
	cy := cycleText(t, r)
	for _, want := range []string{
		g(send) + " → chan (*hook_test.guarded).ch received by " + g(recv),
		g(recv) + " → mutex (*hook_test.guarded).mu held by " + g(send),
	} {
		if !strings.Contains(cy, want) {
			t.Errorf("cycle %q lacks %q", cy, want)
		}
	}
	expect(t, r, send, hook.Deadlock, "cycle")
}

// 3. A recursive read lock with a writer queued in between.

func readTwice(rw *hook.RWMutex, proceed chan struct{}) {
	rw.RLock() // @rr-first
	<-proceed
	rw.RLock()
	//lint:ignore SA2001 it never gets here: the point is the wait
	rw.RUnlock()
	rw.RUnlock()
}

func writeOnce(rw *hook.RWMutex) {
	rw.Lock()
	//lint:ignore SA2001 it never gets here: the point is the wait
	rw.Unlock()
}

func TestScenarioRecursiveRLock(t *testing.T) {
	t.Parallel()
	name := unique(t)
	labelled(name, func() {
		rw := new(hook.RWMutex)
		proceed := make(chan struct{})
		go readTwice(rw, proceed)
		blockedIn(t, name, "readTwice", "chan receive")
		go writeOnce(rw)
		blockedIn(t, name, "writeOnce", "sync.RWMutex.Lock")
		close(proceed)
	})
	r := settle(t, name, 2)
	reader, writer := chainIn(t, r, "readTwice"), chainIn(t, r, "writeOnce")
	cy := cycleText(t, r)
	for _, want := range []string{g(reader) + " → rwmutex rw queued behind writer " + g(writer), g(writer) + " → rwmutex rw read-held by " + g(reader)} {
		if !strings.Contains(cy, want) {
			t.Errorf("cycle %q lacks %q", cy, want)
		}
	}
	if w := writer.Waits[0]; w.Op != "lock" || !strings.HasSuffix(w.Partners[0].Site, ":"+strconv.Itoa(newBuilder(t).at("rr-first").Line)) {
		t.Errorf("writer waits %+v", w)
	}
}

// 4. A WaitGroup one of whose goroutines forgets Done.

func waitAll(wg *sync.WaitGroup) {
	wg.Wait() // @wg-wait
}

func workDone(wg *sync.WaitGroup) {
	defer wg.Done() // @wg-done
}

func workForgets(wg *sync.WaitGroup) {}

func TestScenarioWaitGroupMissingDone(t *testing.T) {
	t.Parallel()
	name := unique(t)
	b := newBuilder(t)
	wg := b.res(report.WaitGroup, "waitAll#wg", "wg (hook_test.TestScenarioWaitGroupMissingDone)")
	b.wait("waitAll", wg, "wait", "wg-wait")
	b.partner(wg, report.DoneBy, "workDone", "wg-done")
	labelled(name, func() {
		var wg sync.WaitGroup
		wg.Add(2)
		go workDone(&wg)
		go workForgets(&wg)
		go waitAll(&wg)
	})
	// workDone may not have finished yet: wait until it has.
	var r *hook.Report
	for range 1000 {
		if r = settle(t, name, 1, hook.WithGraph(b.graph())); chainIn(t, r, "waitAll").Verdict == hook.Leak {
			break
		}
		time.Sleep(time.Millisecond)
	}
	c := chainIn(t, r, "waitAll")
	expect(t, r, c, hook.Leak, "no live goroutine can count it down or signal it")
	if w := c.Waits[0]; w.Resource.Kind != report.WaitGroup || w.Funcs[0] != "counted down by hook_test.workDone" || c.Call != "sync.(*WaitGroup).Wait" {
		t.Errorf("waits %+v, call %s", w, c.Call)
	}
}

// 5. A Cond nothing signals.

type flag struct {
	mu    sync.Mutex
	c     *sync.Cond
	ready bool
}

func awaitReady(f *flag) {
	f.mu.Lock()
	for !f.ready {
		f.c.Wait() // @cond-wait
	}
	f.mu.Unlock()
}

// setReady is never called: that is the bug.
//
//lint:ignore U1000 the static graph names it as the Cond's partner
func setReady(f *flag) {
	f.mu.Lock()
	f.ready = true
	f.c.Broadcast() // @cond-signal
	f.mu.Unlock()
}

func TestScenarioCondNeverSignalled(t *testing.T) {
	t.Parallel()
	name := unique(t)
	b := newBuilder(t)
	cond := b.res(report.Cond, "flag.c", "(*hook_test.flag).c")
	b.wait("awaitReady", cond, "wait", "cond-wait")
	b.partner(cond, report.Signals, "setReady", "cond-signal")
	labelled(name, func() {
		f := new(flag)
		f.c = sync.NewCond(&f.mu)
		go awaitReady(f)
	})
	r := settle(t, name, 1, hook.WithGraph(b.graph()))
	c := chainIn(t, r, "awaitReady")
	expect(t, r, c, hook.Leak, "no live goroutine can count it down or signal it")
	if w := c.Waits[0]; w.Resource.Name != "(*hook_test.flag).c" || w.Funcs[0] != "signalled by hook_test.setReady" {
		t.Errorf("waits %+v", w)
	}
}

// 6. A send after the receiver timed out.

func ask() bool {
	ch := make(chan int)
	go slowAnswer(ch) // @ask-go
	select {
	case <-ch: // @ask-recv
		return true
	case <-time.After(time.Millisecond):
		return false
	}
}

func slowAnswer(ch chan int) {
	time.Sleep(20 * time.Millisecond)
	ch <- 42 // @answer-send
}

func TestScenarioSendAfterTimeout(t *testing.T) {
	t.Parallel()
	name := unique(t)
	b := newBuilder(t)
	ch := b.res(report.Chan, "ask#ch", "ch (hook_test.ask)")
	b.wait("slowAnswer", ch, "send", "answer-send")
	b.partner(ch, report.SentBy, "slowAnswer", "answer-send")
	b.wait("ask", ch, "recv (select)", "ask-recv")
	b.partner(ch, report.RecvBy, "ask", "ask-recv")
	b.spawn("ask", "slowAnswer", "ask-go")
	labelled(name, func() { go ask() })
	blockedIn(t, name, "slowAnswer", "chan send")
	r := settle(t, name, 1, hook.WithGraph(b.graph()))
	c := chainIn(t, r, "slowAnswer")
	expect(t, r, c, hook.Leak, "no live goroutine can receive from it")
	if w := c.Waits[0]; w.Resource.Name != "ch (hook_test.ask)" || w.Funcs[0] != "received by hook_test.ask" {
		t.Errorf("waits %+v", w)
	}
	if len(c.Ancestry) == 0 || c.Ancestry[len(c.Ancestry)-1].Func != testPkg+".ask" || c.Ancestry[len(c.Ancestry)-1].Live {
		t.Errorf("ancestry %+v: want created by ask, which has exited", c.Ancestry)
	}
}

// 7. A receive on a nil channel: no graph needed.

func recvNil() {
	var ch chan int
	<-ch
}

func TestScenarioNilChannel(t *testing.T) {
	t.Parallel()
	name := unique(t)
	labelled(name, func() { go recvNil() })
	r := settle(t, name, 1)
	c := chainIn(t, r, "recvNil")
	expect(t, r, c, hook.Leak, "chan receive on a nil channel: nothing can ever release it")
}

// 8. A select on two channels nothing feeds any more.

func selectDead(a, b chan int) {
	select {
	case <-a: // @dead-a
	case <-b: // @dead-b
	}
}

// feedA and closeB are never called: that is the bug.
//
//lint:ignore U1000 the static graph names it as a partner
func feedA(a chan int) {
	a <- 1 // @feed-a
}

//lint:ignore U1000 the static graph names it as a partner
func closeB(b chan int) {
	close(b) // @close-b
}

func TestScenarioSelectDead(t *testing.T) {
	t.Parallel()
	name := unique(t)
	b := newBuilder(t)
	ca, cb := b.res(report.Chan, "a", "a (hook_test.selectDead)"), b.res(report.Chan, "b", "b (hook_test.selectDead)")
	b.wait("selectDead", ca, "recv (select)", "dead-a")
	b.wait("selectDead", cb, "recv (select)", "dead-b")
	b.partner(ca, report.SentBy, "feedA", "feed-a")
	b.partner(cb, report.ClosedBy, "closeB", "close-b")
	labelled(name, func() { go selectDead(make(chan int), make(chan int)) })
	r := settle(t, name, 1, hook.WithGraph(b.graph()))
	c := chainIn(t, r, "selectDead")
	expect(t, r, c, hook.Leak, "no live goroutine can send on or close it")
	if len(c.Waits) != 2 || c.Waits[0].Funcs[0] != "sent on by hook_test.feedA" || c.Waits[1].Funcs[0] != "closed by hook_test.closeB" {
		t.Errorf("waits %+v", c.Waits)
	}
}

// 9. A pipeline whose consumer leaves after one value.

func generate(out chan<- int) {
	for i := 0; ; i++ {
		out <- i // @gen-send
	}
}

func square(in <-chan int, out chan<- int) {
	for v := range in { // @sq-range
		out <- v * v // @sq-send
	}
}

func consumeOne(in <-chan int) int {
	return <-in // @consume-recv
}

func TestScenarioPipelineAbandoned(t *testing.T) {
	t.Parallel()
	name := unique(t)
	b := newBuilder(t)
	nums := b.res(report.Chan, "nums", "nums (hook_test.TestScenarioPipelineAbandoned)")
	squares := b.res(report.Chan, "squares", "squares (hook_test.TestScenarioPipelineAbandoned)")
	b.wait("generate", nums, "send", "gen-send")
	b.partner(nums, report.SentBy, "generate", "gen-send")
	b.wait("square", nums, "range", "sq-range")
	b.partner(nums, report.RecvBy, "square", "sq-range")
	b.wait("square", squares, "send", "sq-send")
	b.partner(squares, report.SentBy, "square", "sq-send")
	b.wait("consumeOne", squares, "recv", "consume-recv")
	b.partner(squares, report.RecvBy, "consumeOne", "consume-recv")
	labelled(name, func() {
		nums, squares := make(chan int), make(chan int)
		go generate(nums)
		go square(nums, squares)
		go consumeOne(squares)
	})
	r := settle(t, name, 2, hook.WithGraph(b.graph()))
	sq, gen := chainIn(t, r, "square"), chainIn(t, r, "generate")
	expect(t, r, sq, hook.Leak, "no live goroutine can receive from it")
	expect(t, r, gen, hook.Stuck, g(sq)+" (leak)")
	found := false
	for _, p := range gen.Waits[0].Partners {
		found = found || p.G == sq.G.ID && p.Rel == "received by"
	}
	if !found {
		t.Errorf("generate's partners %+v lack square's goroutine", gen.Waits[0].Partners)
	}
}

// 10. A healthy, busy program: no cycle, no leak, however often we look.

type tally struct {
	mu hook.Mutex
	n  int
}

func produce(jobs chan<- int, done <-chan struct{}) {
	defer close(jobs) // @prod-close
	for i := 0; ; i++ {
		select {
		case jobs <- i: // @prod-send
		case <-done:
			return
		}
		time.Sleep(50 * time.Microsecond)
	}
}

func work(jobs <-chan int, results chan<- int, st *tally, done <-chan struct{}) {
	for j := range jobs { // @work-range
		st.mu.Lock() // @work-lock
		st.n++
		st.mu.Unlock()
		select {
		case results <- j: // @work-send
		case <-done:
			return
		}
	}
}

func collect(results <-chan int, done <-chan struct{}) {
	for {
		select {
		case <-results: // @collect-recv
		case <-done:
			return
		}
	}
}

func TestScenarioHealthy(t *testing.T) {
	t.Parallel()
	name := unique(t)
	b := newBuilder(t)
	jobs := b.res(report.Chan, "jobs", "jobs (hook_test.TestScenarioHealthy)")
	results := b.res(report.Chan, "results", "results (hook_test.TestScenarioHealthy)")
	mu := b.res(report.Mutex, "tally.mu", "(*hook_test.tally).mu")
	b.wait("produce", jobs, "send (select)", "prod-send")
	b.partner(jobs, report.SentBy, "produce", "prod-send")
	b.partner(jobs, report.ClosedBy, "produce", "prod-close")
	b.wait("work", jobs, "range", "work-range")
	b.partner(jobs, report.RecvBy, "work", "work-range")
	b.wait("work", mu, "lock", "work-lock")
	b.partner(mu, report.HeldBy, "work", "work-lock")
	b.wait("work", results, "send (select)", "work-send")
	b.partner(results, report.SentBy, "work", "work-send")
	b.wait("collect", results, "recv (select)", "collect-recv")
	b.partner(results, report.RecvBy, "collect", "collect-recv")
	graph := b.graph()

	done := make(chan struct{})
	var wg sync.WaitGroup
	labelled(name, func() {
		jobs, results := make(chan int), make(chan int)
		st := new(tally)
		wg.Go(func() { produce(jobs, done) })
		for range 4 {
			wg.Go(func() { work(jobs, results, st, done) })
		}
		wg.Go(func() { collect(results, done) })
	})
	defer func() {
		close(done)
		wg.Wait()
	}()
	blocked := 0
	for range 40 {
		snap := snapshot(name)
		snapDump := snap.Dump
		r := hook.Analyze(snap, hook.WithGraph(graph))
		if len(r.Cycles) > 0 || len(r.Problems()) > 0 {
			t.Fatalf("a healthy program reported:\n%s\n%s", r, snapDump)
		}
		blocked += len(r.Chains)
		time.Sleep(2 * time.Millisecond)
	}
	if blocked == 0 {
		t.Error("no snapshot caught a goroutine blocked: the scenario tests nothing")
	}
}

// 11. A double lock: a one-goroutine cycle.

func lockTwice(m *hook.Mutex) {
	m.Lock()
	m.Lock()
}

func TestScenarioDoubleLock(t *testing.T) {
	t.Parallel()
	name := unique(t)
	labelled(name, func() { go lockTwice(new(hook.Mutex)) })
	r := settle(t, name, 1)
	c := chainIn(t, r, "lockTwice")
	if cy := cycleText(t, r); cy != "deadlock: "+g(c)+" → mutex m held by "+g(c) {
		t.Errorf("cycle %q", cy)
	}
}
