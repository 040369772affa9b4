#!/usr/bin/env bash
# std-seed.sh: make internal/stdseed/std.seed, the standard library's facts
# shipped inside awaitvet (internal/stdseed/stdseed.go says why). Run it
# after a change to the model (analyzer/, callgraph/, the fact encoding,
# go.mod, go.sum) or the Go release: TestStdSeedCurrent fails until then.
#
# usage: scripts/std-seed.sh
# It builds awaitvet, makes a module that imports every importable package
# of the standard library (as scripts/bench-standalone.sh does), and
# analyses it with an empty cache: every standard library package is then
# analysed from source, and its facts go into the seed. Takes about 15 s.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$repo"
go build -o "$work/awaitvet" ./cmd/awaitvet
mkdir -p "$work/stdonly"
printf 'module stdonly\n\ngo 1.24\n' >"$work/stdonly/go.mod"
{
	echo "package stdonly"
	echo "import ("
	go list std | grep -vE '(^|/)internal(/|$)|^vendor/|^cmd/|^runtime/cgo$|^syscall/js$|^plugin$|^crypto/internal' | sed 's/.*/\t_ "&"/'
	echo ")"
} >"$work/stdonly/std.go"
out=$repo/internal/stdseed/std.seed
(cd "$work/stdonly" && AWAITVET_CACHE="$work/cache" AWAITVET_WRITE_STD_SEED="$out" "$work/awaitvet" . >/dev/null) || {
	rc=$?
	# 3: findings in the module itself (none expected), still a complete run
	[ "$rc" -eq 3 ] || { echo "std-seed.sh: awaitvet exited with $rc" >&2; exit 1; }
}
ls -l "$out" | awk '{ print "std-seed.sh: wrote " $NF ", " $5 " bytes" }'
