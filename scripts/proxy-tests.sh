#!/usr/bin/env bash
# proxy-tests.sh: the two end-to-end tests that fetch and build other tools
# from the Go module proxy, side by side. Run them before a release and
# after any change to the plugin, the vet protocol, the facts' encoding or
# go.mod; `.ci/run` leaves them out to stay within its 10 minutes (together
# they are about 700 s of CPU on a cold module cache, most of it compiling
# golangci-lint and the standard library again for two simulated machines).
#
#   TestGolangci     builds a custom golangci-lint v2.15.0 with the awaitvet
#                    module plugin (scripts/custom-gcl.sh) and checks that it
#                    reports what go vet -vettool=awaitvet reports, settings
#                    included (docs/golangci-lint.md);
#   TestSharedCache  go vet -vettool=awaitvet on two simulated machines
#                    sharing one GOCACHEPROG cache (go-tool-cache): the second
#                    reuses the first's results with identical findings
#                    (scripts/shared-cache.sh, docs/scale.md).
set -euo pipefail
cd "$(dirname "$0")/.."
AWAITVET_SHARED_CACHE=1 go test -run TestSharedCache -count=1 -timeout=45m ./cmd/awaitvet/ &
shared=$!
AWAITVET_GOLANGCI=1 go test -run TestGolangci -count=1 -timeout=30m ./plugin/ &
gcl=$!
rc=0
wait "$shared" || rc=1
wait "$gcl" || rc=1
exit "$rc"
