package ownership

import "sync"

// --- a goroutine's locks on objects it allocates itself ---

// A goroutine that locks only objects it allocates itself (directly or in
// a constructor it calls) cannot be waiting for a lock its starter already
// holds, even of the same class: those objects did not exist when it was
// started. A Wait under the starter's lock is a deadlock only when the
// goroutines lock the starter's own object.

type base struct{ sync.RWMutex }

// Archive recovers its shards in parallel while holding its own lock.
type Archive struct {
	base
	shards map[string]*Shard
	hooks  []func()
}

// Shard shares the embedded lock type with Archive.
type Shard struct {
	base
	name string
}

// newShard locks the new shard after it has published it in a hook.
func (a *Archive) newShard(name string) *Shard {
	sh := &Shard{name: name}
	a.hooks = append(a.hooks, func() { sh.Lock(); sh.Unlock() })
	sh.Lock()
	sh.name += "/recovered"
	sh.Unlock()
	return sh
}

func (a *Archive) recoverShard(name string, wg *sync.WaitGroup, out chan<- *Shard) {
	defer wg.Done()
	out <- a.newShard(name)
}

// Recover waits under a's lock for goroutines that lock only the shards
// they create: silent.
func (a *Archive) Recover(names []string) {
	a.Lock()
	defer a.Unlock()
	var wg sync.WaitGroup
	out := make(chan *Shard, len(names))
	for _, n := range names {
		wg.Add(1)
		go a.recoverShard(n, &wg, out)
	}
	wg.Wait()
	close(out)
	for sh := range out {
		a.shards[sh.name] = sh
	}
}

func (a *Archive) dropShard(name string, wg *sync.WaitGroup) {
	defer wg.Done()
	a.Lock()
	delete(a.shards, name)
	a.Unlock()
}

// Drop waits under a's lock for goroutines that lock a itself.
func (a *Archive) Drop(names []string) {
	a.Lock()
	defer a.Unlock()
	var wg sync.WaitGroup
	for _, n := range names {
		wg.Add(1)
		go a.dropShard(n, &wg)
	}
	wg.Wait() // want `communication deadlock: WaitGroup.Wait while holding \(\*Archive\)\.base\.RWMutex; the goroutines it waits for take \(\*Archive\)\.base\.RWMutex before Done`
}
