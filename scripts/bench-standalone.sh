#!/usr/bin/env bash
# bench-standalone.sh: the standalone awaitvet command against the standalone
# nilness analyzer (issue 16, item 1), side by side in one run, the two tools
# interleaved, on the bench modules (bench/go.mod) and on golang.org/x/tools
# (this repository's own requirement), without and with tests.
#
# For each target, each run measures under /usr/bin/time:
#   nilness      nilness -test=T PKGS (roots from source, dependencies from
#                export data; no cache of its own)
#   first        awaitvet -test=T PKGS with an empty AWAITVET_CACHE directory:
#                every dependency, the standard library included, is
#                type-checked and analysed from source for its facts, which
#                are stored in the fact cache
#   deps-cached  awaitvet again with the fact cache that run filled and no
#                stored result: the roots from source (as after an edit of
#                one of them), every dependency from export data, its facts
#                from the cache
#   rerun        awaitvet again over unchanged code: the stored result
#   std-cached   (target "first-module") awaitvet with a cache that holds
#                the facts of the standard library only (filled by a run on
#                a package importing nothing else), as on a module this
#                machine has never analysed
#
# Usage: scripts/bench-standalone.sh AWAITVET NILNESS [RUNS]
#   (build NILNESS with: go build -o /tmp/nilness golang.org/x/tools/go/analysis/passes/nilness/cmd/nilness)
# Env:   TARGETS  default "etcd grpc client-go xtools xtools-test"
#        WORK     scratch directory (default /tmp/awaitvet-standalone)
# The build cache must already hold the targets' export data (one unmeasured
# go list -export per target is run first), as it does for any developer.
set -euo pipefail
. "$(dirname "$0")/bench-lib.sh" # moduleDirs

AV=$(realpath "$1")
NIL=$(realpath "$2")
RUNS=${3:-2}
REPO=$(cd "$(dirname "$0")/.." && pwd)
WORK=${WORK:-/tmp/awaitvet-standalone}
TARGETS=${TARGETS:-"etcd grpc client-go xtools xtools-test"}
mkdir -p "$WORK"

# target NAME: sets dir (where the tools run), test and pkgs (the module's
# packages under a prefix that load without errors, as bench-scale.sh lists
# them).
target() {
	local mod prefix
	case $1 in
	etcd) dir=$REPO/bench test=false mod=go.etcd.io/etcd/server/v3 prefix= ;;
	grpc) dir=$REPO/bench test=false mod=google.golang.org/grpc prefix= ;;
	client-go) dir=$REPO/bench test=false mod=k8s.io/client-go prefix= ;;
	etcd-test) dir=$REPO/bench test=true mod=go.etcd.io/etcd/server/v3 prefix= ;;
	xtools) dir=$REPO test=false mod=golang.org/x/tools prefix=/go/ ;;
	xtools-test) dir=$REPO test=true mod=golang.org/x/tools prefix=/go/ ;;
	*) echo "unknown target $1" >&2; exit 2 ;;
	esac
	pkgs=$(cd "$dir" && moduleDirs "$(go list -m -f '{{.Dir}}' "$mod")" "$mod" | grep -F "$mod$prefix" |
		xargs go list -e -test="$test" -f '{{if and (not .Error) (not .DepsErrors)}}{{.ImportPath}}{{end}}' 2>/dev/null |
		grep -v -e '\.test$' -e '_test$' -e ' \[' | LC_ALL=C sort -u | tr '\n' ' ')
	npkgs=$(wc -w <<<"$pkgs")
}

# measure OUT CMD...: one run in $dir; appends "wall cpu rss_mib exit" to OUT.
measure() {
	local out=$1 rc=0
	shift
	(cd "$dir" && /usr/bin/time -f '%e %U %S %M' -o "$WORK/time" "$@" >"$WORK/stdout" 2>"$WORK/stderr") || rc=$?
	# (the last line: GNU time puts "Command exited with non-zero status"
	# before it)
	tail -n 1 "$WORK/time" | awk -v rc="$rc" '{ printf "%s %.2f %.0f %s\n", $1, $2 + $3, $4 / 1024, rc }' >>"$out"
}

# med FILE COL: the median of column COL (the lower one of an even count).
med() {
	cut -d' ' -f"$2" "$1" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

stdOnly() {
	local d=$WORK/stdonly
	mkdir -p "$d"
	printf 'module stdonly\n\ngo 1.24\n' >"$d/go.mod"
	# Every standard library package a program may import, so that the
	# cache holds the facts of all of them.
	{
		echo "package stdonly"
		echo "import ("
		go list std | grep -vE '(^|/)internal(/|$)|^vendor/|^cmd/|^runtime/cgo$|^syscall/js$|^plugin$|^crypto/internal' | sed 's/.*/\t_ "&"/'
		echo ")"
	} >"$d/std.go"
	echo "$d"
}

cd "$REPO"
std=$(stdOnly)
rm -rf "$WORK/cache-stdonly"
(cd "$std" && AWAITVET_CACHE=$WORK/cache-stdonly /usr/bin/time -f '%e s wall, %U s user, %M KiB peak RSS' "$AV" . >/dev/null 2>"$WORK/stdonly.err") || true
echo "the facts of the standard library ($(grep -c . "$std/std.go") imports), into an empty cache: $(tail -n 1 "$WORK/stdonly.err")"
echo
printf '| target | cell | wall (s) | CPU (s) | peak RSS (MiB) | wall / nilness | RSS / nilness | exit | runs |\n'
printf '|---|---|---:|---:|---:|---:|---:|---|---:|\n'
for t in $TARGETS; do
	target "$t"
	rm -f "$WORK/$t".*
	(cd "$dir" && go list -e -export -deps -test="$test" $pkgs >/dev/null 2>&1) || true
	for i in $(seq 1 "$RUNS"); do
		c=$WORK/cache-$t
		rm -rf "$c" "$WORK/cache-std"
		measure "$WORK/$t.nilness" "$NIL" -test="$test" $pkgs
		AWAITVET_CACHE=$c measure "$WORK/$t.first" "$AV" -test="$test" $pkgs
		cp "$WORK/stdout" "$WORK/$t.first.out"
		[ -d "$c" ] || { echo "$t: the first run stored nothing; its stderr:" >&2; head -5 "$WORK/stderr" >&2; exit 1; }
		find "$c" -mindepth 1 -maxdepth 1 -name '??' -exec rm -rf {} +
		AWAITVET_CACHE=$c measure "$WORK/$t.deps-cached" "$AV" -test="$test" $pkgs
		cmp -s "$WORK/stdout" "$WORK/$t.first.out" || echo "warning: $t: deps-cached output differs from the first run's" >&2
		AWAITVET_CACHE=$c measure "$WORK/$t.rerun" "$AV" -test="$test" $pkgs
		cp -r "$WORK/cache-stdonly" "$WORK/cache-std"
		find "$WORK/cache-std" -mindepth 1 -maxdepth 1 -name '??' -exec rm -rf {} +
		AWAITVET_CACHE=$WORK/cache-std measure "$WORK/$t.std-cached" "$AV" -test="$test" $pkgs
		cmp -s "$WORK/stdout" "$WORK/$t.first.out" || echo "warning: $t: std-cached output differs from the first run's" >&2
	done
	nw=$(med "$WORK/$t.nilness" 1) nr=$(med "$WORK/$t.nilness" 3)
	for cell in nilness first deps-cached std-cached rerun; do
		f=$WORK/$t.$cell
		awk -v t="$t ($npkgs packages, -test=$test)" -v cell="$cell" -v w="$(med "$f" 1)" -v u="$(med "$f" 2)" -v r="$(med "$f" 3)" \
			-v nw="$nw" -v nr="$nr" -v rc="$(cut -d' ' -f4 "$f" | paste -sd, -)" -v n="$(wc -l <"$f")" 'BEGIN {
				printf "| %s | %s | %.2f | %.2f | %d | %.2f | %.2f | %s | %d |\n", t, cell, w, u, r, w / nw, r / nr, rc, n
			}'
	done
done
