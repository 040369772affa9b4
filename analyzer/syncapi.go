package analyzer

import "golang.org/x/tools/go/ssa"

// Knowledge of the standard library's blocking APIs lives in this one table,
// keyed by the qualified name go/ssa gives the callee ((*sync.Mutex).Lock) or,
// for interface calls, "(iface).Method". Nothing else in the analyzer matches
// on names.

// OpKind is the kind of a wait operation.
type OpKind uint8

const (
	OpNone OpKind = iota
	OpLock
	OpUnlock
	OpRLock
	OpRUnlock
	OpTryLock
	OpTryRLock
	OpRLocker // (*RWMutex).RLocker: derives a Locker whose Lock is RLock
	OpOnceDo
	OpWGAdd
	OpWGDone
	OpWGWait
	OpWGGo
	OpCondWait
	OpCondSignal
	OpCondBroadcast
	OpNewCond
	OpMakeChan
	OpSend
	OpRecv
	OpClose
	OpSelect
	OpGo
	OpNoReturn // a call that never returns (os.Exit, log.Fatal, t.FailNow)
)

var opNames = [...]string{
	OpNone: "none", OpLock: "Lock", OpUnlock: "Unlock", OpRLock: "RLock", OpRUnlock: "RUnlock",
	OpTryLock: "TryLock", OpTryRLock: "TryRLock", OpRLocker: "RLocker", OpOnceDo: "Once.Do",
	OpWGAdd: "WaitGroup.Add", OpWGDone: "WaitGroup.Done", OpWGWait: "WaitGroup.Wait", OpWGGo: "WaitGroup.Go",
	OpCondWait: "Cond.Wait", OpCondSignal: "Cond.Signal", OpCondBroadcast: "Cond.Broadcast", OpNewCond: "sync.NewCond",
	OpMakeChan: "make(chan)", OpSend: "send", OpRecv: "receive", OpClose: "close", OpSelect: "select",
	OpGo: "go", OpNoReturn: "no return",
}

func (k OpKind) String() string {
	if int(k) < len(opNames) {
		return opNames[k]
	}
	return "op?"
}

// ResKind is the kind of resource an operation acts on.
type ResKind uint8

const (
	ResUnknown ResKind = iota
	ResMutex
	ResRWMutex
	ResLocker // a sync.Locker interface value: treated as an exclusive lock
	ResOnce
	ResWaitGroup
	ResCond
	ResChan
)

// apiEntry describes one function or method of the sync API (or one that never returns).
type apiEntry struct {
	op  OpKind
	res ResKind
}

// syncAPI maps qualified callee names to the operation they perform on their receiver.
var syncAPI = map[string]apiEntry{
	"(*sync.Mutex).Lock":       {OpLock, ResMutex},
	"(*sync.Mutex).Unlock":     {OpUnlock, ResMutex},
	"(*sync.Mutex).TryLock":    {OpTryLock, ResMutex},
	"(*sync.RWMutex).Lock":     {OpLock, ResRWMutex},
	"(*sync.RWMutex).Unlock":   {OpUnlock, ResRWMutex},
	"(*sync.RWMutex).TryLock":  {OpTryLock, ResRWMutex},
	"(*sync.RWMutex).RLock":    {OpRLock, ResRWMutex},
	"(*sync.RWMutex).RUnlock":  {OpRUnlock, ResRWMutex},
	"(*sync.RWMutex).TryRLock": {OpTryRLock, ResRWMutex},
	"(*sync.RWMutex).RLocker":  {OpRLocker, ResRWMutex},
	"(sync.Locker).Lock":       {OpLock, ResLocker},
	"(sync.Locker).Unlock":     {OpUnlock, ResLocker},
	"(*sync.Once).Do":          {OpOnceDo, ResOnce},
	"(*sync.WaitGroup).Add":    {OpWGAdd, ResWaitGroup},
	"(*sync.WaitGroup).Done":   {OpWGDone, ResWaitGroup},
	"(*sync.WaitGroup).Wait":   {OpWGWait, ResWaitGroup},
	"(*sync.WaitGroup).Go":     {OpWGGo, ResWaitGroup},
	// The runtime hook's drop-in mutexes are sync's, for the analysis.
	"(*github.com/awaitvet/awaitvet/hook.Mutex).Lock":       {OpLock, ResMutex},
	"(*github.com/awaitvet/awaitvet/hook.Mutex).Unlock":     {OpUnlock, ResMutex},
	"(*github.com/awaitvet/awaitvet/hook.Mutex).TryLock":    {OpTryLock, ResMutex},
	"(*github.com/awaitvet/awaitvet/hook.RWMutex).Lock":     {OpLock, ResRWMutex},
	"(*github.com/awaitvet/awaitvet/hook.RWMutex).Unlock":   {OpUnlock, ResRWMutex},
	"(*github.com/awaitvet/awaitvet/hook.RWMutex).TryLock":  {OpTryLock, ResRWMutex},
	"(*github.com/awaitvet/awaitvet/hook.RWMutex).RLock":    {OpRLock, ResRWMutex},
	"(*github.com/awaitvet/awaitvet/hook.RWMutex).RUnlock":  {OpRUnlock, ResRWMutex},
	"(*github.com/awaitvet/awaitvet/hook.RWMutex).TryRLock": {OpTryRLock, ResRWMutex},
	"(*github.com/awaitvet/awaitvet/hook.RWMutex).RLocker":  {OpRLocker, ResRWMutex},
	// errgroup's Wait waits for the goroutines its Go started, like a WaitGroup's.
	"(*golang.org/x/sync/errgroup.Group).Wait": {OpWGWait, ResWaitGroup},
	"(*sync.Cond).Wait":                        {OpCondWait, ResCond},
	"(*sync.Cond).Signal":                      {OpCondSignal, ResCond},
	"(*sync.Cond).Broadcast":                   {OpCondBroadcast, ResCond},
	"sync.NewCond":                             {OpNewCond, ResCond},
	"os.Exit":                                  {OpNoReturn, ResUnknown},
	"runtime.Goexit":                           {OpNoReturn, ResUnknown},
	"log.Fatal":                                {OpNoReturn, ResUnknown},
	"log.Fatalf":                               {OpNoReturn, ResUnknown},
	"log.Fatalln":                              {OpNoReturn, ResUnknown},
	"log.Panic":                                {OpNoReturn, ResUnknown},
	"log.Panicf":                               {OpNoReturn, ResUnknown},
	"log.Panicln":                              {OpNoReturn, ResUnknown},
	"(*log.Logger).Fatal":                      {OpNoReturn, ResUnknown},
	"(*log.Logger).Fatalf":                     {OpNoReturn, ResUnknown},
	"(*log.Logger).Fatalln":                    {OpNoReturn, ResUnknown},
	"(*log.Logger).Panic":                      {OpNoReturn, ResUnknown},
	"(*log.Logger).Panicf":                     {OpNoReturn, ResUnknown},
	"(*testing.common).FailNow":                {OpNoReturn, ResUnknown},
	"(*testing.common).Fatal":                  {OpNoReturn, ResUnknown},
	"(*testing.common).Fatalf":                 {OpNoReturn, ResUnknown},
	"(*testing.common).SkipNow":                {OpNoReturn, ResUnknown},
	"(*testing.common).Skip":                   {OpNoReturn, ResUnknown},
	"(*testing.common).Skipf":                  {OpNoReturn, ResUnknown},
	"(testing.TB).FailNow":                     {OpNoReturn, ResUnknown},
	"(testing.TB).Fatal":                       {OpNoReturn, ResUnknown},
	"(testing.TB).Fatalf":                      {OpNoReturn, ResUnknown},
	"(testing.TB).Skip":                        {OpNoReturn, ResUnknown},
	"(testing.TB).Skipf":                       {OpNoReturn, ResUnknown},
	"(testing.TB).SkipNow":                     {OpNoReturn, ResUnknown},
}

// Operations that are not sync API calls but steer the lock dataflow.
const (
	OpCall      OpKind = iota + 64 // a call to a function with a summary (or facts)
	OpDefer                        // a defer statement; the deferred op runs at RunDefers
	OpRunDefers                    // the point where deferred calls run before a return
	OpReturn                       // a return
	OpPanic                        // a panic: the path ends without returning
	OpSpawn                        // a library call that runs its function argument in a new goroutine
	OpStore                        // a store of a pointer into a field or a package variable: what a path through it names changes
)

// spawners run their function argument (index 1, after the receiver) in a
// new goroutine: the function is a goroutine root, not a call.
var spawners = map[string]bool{
	"(*sync.WaitGroup).Go":                      true,
	"(*golang.org/x/sync/errgroup.Group).Go":    true,
	"(*golang.org/x/sync/errgroup.Group).TryGo": true,
}

// syncOp is the operation of the sync (or runtime) API that c calls, or 0.
func syncOp(c *ssa.CallCommon) OpKind {
	name, _ := calleeName(c)
	return syncAPI[name].op
}

// apiOp is the operation of the sync API that the static call c performs
// on its receiver (its first argument), 0 for any other call.
func apiOp(c *ssa.CallCommon) OpKind {
	if c.IsInvoke() || len(c.Args) == 0 {
		return 0
	}
	name, _ := calleeName(c)
	return syncAPI[name].op
}
