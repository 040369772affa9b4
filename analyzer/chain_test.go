package analyzer

import (
	"fmt"
	"testing"
)

// TestChainElision: a chain longer than maxChain keeps its first hops and
// its last, with a mark between that counts every step left out, marks
// already in the dropped part included.
func TestChainElision(t *testing.T) {
	var c Chain
	c = append(c, Hop{Func: "f20", What: "locks mu"})
	for i := 19; i >= 1; i-- {
		c = c.prefixed(Hop{Func: fmt.Sprintf("f%d", i), What: fmt.Sprintf("calls f%d", i+1)})
	}
	if len(c) != maxChain {
		t.Fatalf("%d hops, want %d: %v", len(c), maxChain, c)
	}
	for i := 0; i < maxChain-2; i++ {
		if want := fmt.Sprintf("f%d", i+1); c[i].Func != want {
			t.Errorf("hop %d is %s, want %s", i, c[i].Func, want)
		}
	}
	mark, last := c[maxChain-2], c[maxChain-1]
	if mark.String() != "… 13 steps …" || mark.Elided != 13 {
		t.Errorf("mark %q (Elided %d), want \"… 13 steps …\"", mark.String(), mark.Elided)
	}
	if last.Func != "f20" {
		t.Errorf("last hop %s, want f20", last.Func)
	}
	// 6 kept + 13 left out + 1 last = the 20 hops.
	if got := maxChain - 2 + mark.Elided + 1; got != 20 {
		t.Errorf("the hops add up to %d, want 20", got)
	}
}
