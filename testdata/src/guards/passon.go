package guards

import "sync"

// A function that tests a field of its options and also passes the options
// on whole (`return create(req)`) still tests its parameter: reading the
// whole value writes nothing into it. A caller that leaves the field out
// never takes the lock, even through a cycle back into the function.

var reuseMu sync.Mutex

type CreateRequest struct {
	Reuse bool
	Ports []int
	Name  string
}

func createGeneric(req CreateRequest) error {
	if req.Reuse {
		reuseMu.Lock()
		defer reuseMu.Unlock()
		return createInner(req)
	}
	return createInner(req)
}

func createInner(req CreateRequest) error { return createSidecar(req.Name) }

// createSidecar's request leaves Reuse out: the nested createGeneric does
// not lock.
func createSidecar(name string) error {
	return createGeneric(CreateRequest{Name: name + "-sidecar"})
}

// The twin asks for reuse: the nested call takes reuseMu again.

var reuseTwinMu sync.Mutex

func createGenericTwin(req CreateRequest) error {
	if req.Reuse {
		reuseTwinMu.Lock()
		defer reuseTwinMu.Unlock()
		return createInnerTwin(req) // want `double lock: reuseTwinMu acquired while already held`
	}
	return createInnerTwin(req)
}

func createInnerTwin(req CreateRequest) error { return createSidecarTwin(req.Name) }

func createSidecarTwin(name string) error {
	return createGenericTwin(CreateRequest{Name: name + "-sidecar", Reuse: true})
}

// Without a cycle: the options passed on whole, the caller holding the lock
// and leaving the field out.

func openShared(req CreateRequest) {
	if req.Reuse {
		reuseMu.Lock()
		defer reuseMu.Unlock()
	}
	useRequest(req)
}

func useRequest(req CreateRequest) { _ = req.Name }

func goodOpenUnlocked() {
	reuseMu.Lock()
	defer reuseMu.Unlock()
	openShared(CreateRequest{Name: "x"})
}

func badOpenLocked() {
	reuseMu.Lock()
	defer reuseMu.Unlock()
	openShared(CreateRequest{Name: "x", Reuse: true}) // want `double lock: reuseMu acquired while already held`
}
