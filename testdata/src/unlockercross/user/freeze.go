package user

// The unlocker handed to a goroutine (go thaw()) is a hand-off: another
// goroutine releases the lock, and Add waits for it, not forever. The twin
// drops the unlocker and locks again.

func frozenAdd() {
	thaw := km.Freeze()
	go thaw()
	km.Add("x")
}

func frozenAddForgot() {
	km.Freeze()
	km.Add("x") // want `double lock: \(\*lib\.KeyedMutex\)\.mu acquired while already held \(through lib\.\(\*KeyedMutex\)\.Add, which locks it on every path\)`
}
