package mixed

import "sync"

// A node of a tree or DAG, checked with its children in parallel while it
// is held: the goroutines lock the children, other nodes of the same
// type, never the one their waiter holds (unless the data loops back to
// it, which nothing here shows).
type Node struct {
	sync.Mutex
	kids   []*Node
	parent *Node
	done   bool
}

// goodCheckTree locks n, checks its children concurrently and waits for
// them while it still holds n: hand-over-hand locking down a tree.
func goodCheckTree(n *Node) {
	n.Lock()
	defer n.Unlock()
	if n.done {
		return
	}
	var wg sync.WaitGroup
	for _, k := range n.kids {
		wg.Add(1)
		go func(k *Node) {
			defer wg.Done()
			goodCheckTree(k)
		}(k)
	}
	wg.Wait()
	n.done = true
}

// badMarkSelf waits, holding n, for a goroutine that locks n itself.
func badMarkSelf(n *Node) {
	n.Lock()
	defer n.Unlock()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		n.Lock()
		n.done = true
		n.Unlock()
	}()
	wg.Wait() // want `communication deadlock: WaitGroup\.Wait while holding \(\*Node\)\.Mutex; the goroutines it waits for take \(\*Node\)\.Mutex before Done`
}

// resolve finds the node a name stands for; which one, the code does not say.
func resolve(names map[string]*Node, name string) *Node { return names[name] }

// typeCheck locks whatever node resolve returns.
func typeCheck(names map[string]*Node, name string) {
	n := resolve(names, name)
	n.Lock()
	n.done = true
	n.Unlock()
}

// goodCheckResolved holds root while goroutines lock the nodes of a map:
// that one of them is root is nothing the code shows.
func goodCheckResolved(root *Node, names map[string]*Node, deps []string) {
	root.Lock()
	defer root.Unlock()
	var wg sync.WaitGroup
	for _, d := range deps {
		wg.Add(1)
		go func(d string) {
			defer wg.Done()
			typeCheck(names, d)
		}(d)
	}
	wg.Wait()
}

// badCheckHeld waits, holding root, for goroutines handed root itself.
func badCheckHeld(root *Node, deps []string) {
	root.Lock()
	defer root.Unlock()
	var wg sync.WaitGroup
	for range deps {
		wg.Add(1)
		go func(n *Node) {
			defer wg.Done()
			n.Lock()
			n.done = true
			n.Unlock()
		}(root)
	}
	wg.Wait() // want `communication deadlock: WaitGroup\.Wait while holding \(\*Node\)\.Mutex; the goroutines it waits for take \(\*Node\)\.Mutex before Done`
}
