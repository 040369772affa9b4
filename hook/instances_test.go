package hook_test

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/awaitvet/awaitvet/hook"
)

// Two mutexes of one name: the accounts of two transfers in opposite
// directions each wait on their "to.mu".

type account struct {
	mu      hook.Mutex
	balance int
}

func transfer(from, to *account, ready *sync.WaitGroup) {
	from.mu.Lock()
	defer from.mu.Unlock()
	ready.Done()
	ready.Wait()
	to.mu.Lock()
	defer to.mu.Unlock()
	from.balance--
	to.balance++
}

// holdAndWait holds acc.mu until ch is closed, which it never is.
func holdAndWait(acc *account, ch chan struct{}, ready *sync.WaitGroup) {
	acc.mu.Lock()
	ready.Done()
	<-ch
	acc.mu.Unlock()
}

// Each goroutine of the deadlock waits on a "to.mu" of its own: the report
// tells them apart by address, everywhere it names them.
func TestSameNameTwoMutexes(t *testing.T) {
	t.Parallel()
	name := unique(t)
	a, b := new(account), new(account)
	labelled(name, func() {
		var ready sync.WaitGroup
		ready.Add(2)
		go transfer(a, b, &ready)
		go transfer(b, a, &ready)
	})
	r := settle(t, name, 2)
	text := r.String()
	addrs := map[string]bool{fmt.Sprintf("%p", &a.mu): true, fmt.Sprintf("%p", &b.mu): true}
	seen := make(map[string]bool)
	for _, c := range r.Chains {
		res := c.Waits[0].Resource
		addr := strings.TrimPrefix(res.ID, "mutex:")
		if !addrs[addr] || res.Name != "to.mu@"+addr {
			t.Errorf("goroutine %d waits on %s (%s), want to.mu@ one of %v", c.G.ID, res.Name, res.ID, addrs)
		}
		seen[addr] = true
	}
	if len(seen) != 2 {
		t.Errorf("the two goroutines wait on %v, want both mutexes:\n%s", seen, text)
	}
	for addr := range addrs {
		for _, want := range []string{
			"waits on mutex to.mu@" + addr + "\n",    // a chain
			", which waits on mutex to.mu@" + addr,   // a partner
			"→ mutex to.mu@" + addr + " held by gor", // the cycle
		} {
			if !strings.Contains(text, want) {
				t.Errorf("no %q in:\n%s", want, text)
			}
		}
	}
	if m := regexp.MustCompile(`to\.mu[^@]`).FindString(text); m != "" {
		t.Errorf("a to.mu without its address in:\n%s", text)
	}
}

// Names are left alone when nothing in the report reads alike: two
// goroutines waiting on the same "to.mu", while two others, not in the
// report, wait on two other ones.
func TestSameNameOneMutex(t *testing.T) {
	t.Parallel()
	hidden := unique(t)
	labelled(hidden, func() {
		x, y := new(account), new(account)
		var ready sync.WaitGroup
		ready.Add(2)
		go transfer(x, y, &ready)
		go transfer(y, x, &ready)
	})
	settle(t, hidden, 2)
	name := unique(t)
	a, b, c := new(account), new(account), new(account)
	labelled(name, func() {
		var ready sync.WaitGroup
		ready.Add(1)
		go holdAndWait(c, make(chan struct{}), &ready)
		ready.Wait()
		ready.Add(2)
		go transfer(a, c, &ready)
		go transfer(b, c, &ready)
	})
	r := settle(t, name, 3)
	text := r.String()
	if strings.Count(text, "waits on mutex to.mu\n") != 2 && !strings.Contains(text, "and 1 more goroutines with this chain") || strings.Contains(text, "@0x") {
		t.Errorf("want two waits on a plain to.mu in:\n%s", text)
	}
}
