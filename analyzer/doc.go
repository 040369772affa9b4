// Package analyzer is the awaitvet go/analysis pass: it turns each function's
// SSA into wait operations on named resources, summarises them bottom-up over
// the call graph, exports the summaries as facts and runs the checks. It is the
// only package that reports diagnostics.
//
// # Where things are
//
// The files fall in three groups. A change to how the program is modelled
// (how locks are named, what a summary holds) stays in the model; a change
// to what one check says stays in that check's file.
//
// The model: what the program does, with no diagnostics.
//
//   - ops.go, syncapi.go, ssa.go: the package's SSA and the wait operations
//     in it; the one table of the standard library's blocking APIs.
//   - ref.go, resolve.go, getter.go: resource identities (Ref, Class): which
//     lock, channel or WaitGroup an SSA value is.
//   - lockset.go, lockstate.go, conds.go, rangefunc.go, noreturn.go: the
//     lockset dataflow over one function's CFG (fnAnalysis: its flow, the
//     recorder of its summary, and what it saw at the returns), path
//     sensitivity on branch conditions, range-over-func bodies, calls that
//     never return.
//   - owner.go, handoff.go: ownership of fresh objects; locks handed to the
//     caller (returns-locked and conditional helpers).
//   - constconds.go, nilguard.go, correlated.go, handed.go, ctxafter.go,
//     nilcase.go, stoporder.go, addflag.go: paths and partners the code
//     rules out (a flag constant on every path, a value never nil, tests
//     a goroutine and its starter share, a condition or a constant sent
//     over a channel, a context only the sender cancels, select cases
//     switched off by nil or left only at the close, a consumer stopped
//     after its producers, an Add a stop flag orders before the Wait).
//   - concurrent.go, condgates.go, ctxgate.go, separate.go: witnesses that
//     two sides run at once, and what orders them instead (a join on the
//     goroutine's last signal, by channel, WaitGroup, Cond flag, context
//     or select case; a gate opened after the other side; objects only one
//     side can reach).
//   - comm.go, certain.go, blockinfo.go: channel and WaitGroup operations
//     and their counts per path; resultcounts.go: those counts by the
//     constant a bool function returns.
//   - summary.go, rewrite.go, funcuse.go, gates.go, facts.go: summaries,
//     their instantiation at a call site, gates every caller holds, and the
//     facts that carry them across packages.
//
// The checks: each reads the model and says what is wrong.
//
//   - checks.go: the Check type, the list of checks (Checks) and wording
//     that several checks share; tiers.go, precision.go: each check's tier,
//     from its measured precision.
//   - check_NAME.go, one per check: its Check (name, title, doc, WRONG and
//     RIGHT examples), the only functions that word its message and its
//     check-specific related information, and the filters that apply to its
//     findings alone (dropWriterless, dropHandedOver).
//   - lockorder.go, stripes.go (lockorder), unreleased.go (unreleased),
//     commcheck.go (leak, nopartner, neverclosed), syncchecks.go (waitgroup,
//     cond, commcycle, future), diagnostics.go's conflict (doublelock,
//     recursiverlock, lockupgrade, oncereentry): where the model's results
//     are searched for each check's situation, handed to the check's file
//     as a structured observation.
//   - ignore.go: //awaitvet:ignore directives (check_ignore.go parses them).
//
// Driver glue:
//
//   - analyzer.go: the Analyzer and its flags; relevant.go: which packages
//     are analysed, and which only for their facts.
//   - run.go: the pass as a short list of phases, and passState (its
//     findingSide is what the checks found, which the summaries never read).
//   - diagnostics.go: findings, their suppression, order and emission.
//   - fixes.go: suggested fixes; graph.go: summaries to a report.Graph.
//
// # One package
//
// The model and the checks stay in one Go package. Their boundary is a set
// of unexported types that both sides read field by field (passState,
// fnAnalysis, Ref, ChanOp, Spawn, chanUse, participant, heldLock and their
// methods): a package boundary between them would export most of the
// model, and an exported model is one other packages can start depending
// on. The boundary is kept by file instead: message text is written only in
// check_*.go, and the model calls those files with what it found.
package analyzer
