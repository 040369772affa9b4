package analyzer

// Goroutines started on exclusive paths. A function that starts one
// goroutine or another, by a branch (a handler that answers a call from a
// goroutine of its own, which one by the method named), starts at most one
// of them per call: a caller that counts what they send on a channel it
// hands over counts the most one of them sends, not the sum. The function
// marks such spawns with one group (Spawn.Excl); its callers keep the group
// for the spawns one call of it brings, and join spawns of their own on
// exclusive paths to it.

// A spawnOrigin is the call that brought a spawn into this function's
// summary (0 for a go statement of its own) and the spawn's group in the
// callee's summary.
type spawnOrigin struct{ call, excl int }

// groupSpawns sets the Excl groups of the function's spawns: spawns of
// which no path through the function starts two. Two spawns one call
// brought are so when the callee grouped them; two started at different
// blocks, each at most once per call (not in a loop, nor by a callee that
// starts any number), when neither block reaches the other.
func (fa *fnAnalysis) groupSpawns() {
	n := min(len(fa.sum.Spawns), len(fa.spawnAt), len(fa.spawnFrom))
	exclusive := func(i, j int) bool {
		fi, fj := fa.spawnFrom[i], fa.spawnFrom[j]
		if fi.call != 0 && fi.call == fj.call {
			return fi.excl != 0 && fi.excl == fj.excl
		}
		a, b := fa.spawnAt[i], fa.spawnAt[j]
		for _, k := range []int{i, j} {
			if fa.sum.Spawns[k].Loop || fa.spawnMany[k] || fa.blocks.loop[fa.spawnAt[k]] {
				return false
			}
		}
		return a != b && !reachesBlock(a, b) && !reachesBlock(b, a)
	}
	var groups [][]int
	for i := range n {
		fa.sum.Spawns[i].Excl = 0
		placed := false
		for g := range groups {
			all := true
			for _, j := range groups[g] {
				all = all && exclusive(i, j)
			}
			if all {
				groups[g] = append(groups[g], i)
				placed = true
				break
			}
		}
		if !placed {
			groups = append(groups, []int{i})
		}
	}
	id := 0
	for _, g := range groups {
		if len(g) < 2 {
			continue
		}
		id++
		for _, i := range g {
			fa.sum.Spawns[i].Excl = id
		}
	}
}
