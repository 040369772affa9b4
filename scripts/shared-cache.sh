#!/usr/bin/env bash
# shared-cache.sh [PKGS...]: shows that go vet -vettool=awaitvet results are
# computed once and reused on another machine through the go command's
# shared cache (GOCACHEPROG), with the same findings.
#
# Two "machines" are simulated on this one: each has its own checkout of
# this repository (a copy of the working tree at a path of its own), its own
# awaitvet binary built from that checkout with -trimpath, and its own empty
# GOCACHE. Both talk to the go command through go-cacher, the GOCACHEPROG
# program of github.com/bradfitz/go-tool-cache (installed from the module
# proxy at a pinned version), pointed at one go-cacher-server on the loopback
# address: the shared cache of a CI fleet.
#
# It fails unless
#   1. the two awaitvet binaries are byte-identical (the go command keys the
#      vet results by the tool's -V=full build ID, a hash of the binary);
#   2. machine B, with an empty GOCACHE, runs the tool on at most a fifth of
#      the packages machine A ran it on (the rest comes from the shared
#      cache: compiled packages, facts (.vetx) and vet results, findings
#      included);
#   3. machine B prints the same findings as machine A. Since Go 1.26 go
#      vet runs the tool with -json and caches its output, findings
#      included, with the file names the tool printed: absolute names in
#      machine A's checkout. Replayed on B, they still name A's files (the
#      go command shortens them relative to B's directory), so B's output
#      is compared with A's with that prefix taken off;
#   4. every package B ran the tool on wrote the same .vetx bytes as on A
#      (facts are encoded deterministically, whatever the checkout path);
#   5. machine C, a third empty GOCACHE with its checkout at A's path (as
#      CI runners that all use one workspace path), prints A's output byte
#      for byte, also reusing A's results.
#
# PKGS default to ./... of this repository with every check enabled
# (CHECKS=all), which includes the examples with findings. Go vet is run
# with -trimpath: without it the compile action of a package in the main
# module hashes its directory, and another checkout path would miss.
#
# Environment: WORK (default: a temporary directory, removed at the end
# unless KEEP=1), CHECKS, GO_TOOL_CACHE_VERSION, PORT (default: a free one).
# Needs the module proxy (go-tool-cache and, for a cold module cache, this
# module's dependencies); nothing else leaves the machine.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
GO_TOOL_CACHE_VERSION=${GO_TOOL_CACHE_VERSION:-v0.0.0-20260722201841-0bb331e19f64}
CHECKS=${CHECKS:-all}
if [ $# -eq 0 ]; then
	set -- ./...
fi
if [ -z "${WORK:-}" ]; then
	WORK=$(mktemp -d)
	[ "${KEEP:-0}" = 1 ] || cleanupWork=1
fi
mkdir -p "$WORK/bin"
server_pid=
cleanup() {
	if [ -n "$server_pid" ]; then
		kill "$server_pid" 2>/dev/null || true
		wait "$server_pid" 2>/dev/null || true
	fi
	if [ "${cleanupWork:-0}" = 1 ]; then
		chmod -R u+w "$WORK" 2>/dev/null || true
		rm -rf "$WORK"
	fi
}
trap cleanup EXIT
log() { echo "shared-cache: $*" >&2; }
fail() {
	log "FAIL: $*"
	exit 1
}

log "work directory $WORK"
log "installing go-cacher and go-cacher-server $GO_TOOL_CACHE_VERSION"
GOBIN=$WORK/bin GOFLAGS=-mod=mod go install \
	"github.com/bradfitz/go-tool-cache/cmd/go-cacher@$GO_TOOL_CACHE_VERSION" \
	"github.com/bradfitz/go-tool-cache/cmd/go-cacher-server@$GO_TOOL_CACHE_VERSION"

# The shared cache: one server, its own directory.
if [ -z "${PORT:-}" ]; then
	PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null ||
		echo $((20000 + RANDOM % 20000)))
fi
mkdir -p "$WORK/server"
"$WORK/bin/go-cacher-server" -cache-dir="$WORK/server" -listen="127.0.0.1:$PORT" 2>"$WORK/server.log" &
server_pid=$!
for _ in $(seq 1 50); do
	if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
		break
	fi
	kill -0 "$server_pid" 2>/dev/null || fail "go-cacher-server did not start: $(cat "$WORK/server.log")"
	sleep 0.1
done
log "go-cacher-server on 127.0.0.1:$PORT"

# machine NAME: a checkout of the working tree (tracked and untracked files,
# not ignored ones) at a path of its own, and awaitvet built there.
machine() {
	local m=$WORK/$1
	mkdir -p "$m/src" "$m/gocache" "$m/cacher" "$m/vetx"
	(cd "$repo" && git ls-files -z -co --exclude-standard | xargs -0 tar -cf - --no-recursion 2>/dev/null) | tar -xf - -C "$m/src"
	# Machine A builds with the usual build cache, machine B with an empty
	# one: equal binaries then show that the build is reproducible, not
	# that both came from one cache entry.
	local buildcache
	buildcache=$(go env GOCACHE)
	[ "$1" = B ] && buildcache=$m/buildcache
	(cd "$m/src" && GOCACHE=$buildcache GOFLAGS=-mod=mod go build -trimpath -o "$m/awaitvet" ./cmd/awaitvet)
	# The vet tool go vet runs: awaitvet behind a wrapper that logs each
	# package run and keeps its .vetx. The go command identifies the tool
	# by its -V=full answer, which is awaitvet's own (exec).
	cat >"$m/vettool" <<EOF
#!/bin/sh
last=
for a in "\$@"; do last=\$a; done
case "\$last" in
*.cfg) ;;
*) exec "$m/awaitvet" "\$@" ;;
esac
id=\$(sed -n 's/^[[:space:]]*"ID": "\\(.*\\)",\$/\\1/p' "\$last" | head -n 1)
out=\$(sed -n 's/^[[:space:]]*"VetxOutput": "\\(.*\\)",\$/\\1/p' "\$last" | head -n 1)
echo "\$id" >>"$m/runs"
"$m/awaitvet" "\$@"
rc=\$?
[ -f "\$out" ] && cp "\$out" "$m/vetx/\$(printf %s "\$id" | tr '/ []' '____')"
exit \$rc
EOF
	chmod +x "$m/vettool"
	: >"$m/runs"
}

# vet NAME DIR PKGS...: go vet in DIR on machine NAME through the shared
# cache.
vet() {
	local name=$1 m=$WORK/$1 dir=$2
	shift 2
	local rc=0 start end
	start=$(date +%s)
	(cd "$dir" && GOCACHE=$m/gocache GOFLAGS=-mod=mod \
		GOCACHEPROG="$WORK/bin/go-cacher -verbose -cache-dir=$m/cacher -cache-server=http://127.0.0.1:$PORT" \
		go vet -trimpath -vettool="$m/vettool" -awaitvet.checks="$CHECKS" "$@" >"$m/out" 2>"$m/err") || rc=$?
	end=$(date +%s)
	echo "$rc" >"$m/rc"
	# go-cacher's statistics line goes to the same stderr; keep it apart.
	grep -E '^[0-9/]+ [0-9:]+ (cacher|go-cacher|Defaulting)' "$m/err" >"$m/cacher.log" || true
	# go vet prints each package's findings as its tool run (or cache
	# lookup) finishes, in no fixed order: compare the findings as a sorted
	# list, each with its related lines ("pos: \tmessage") kept under it.
	grep -vE '^[0-9/]+ [0-9:]+ (cacher|go-cacher|Defaulting)' "$m/err" |
		awk '/: \t/ { blk = blk "\037" $0; next } { if (blk != "") print blk; blk = $0 } END { if (blk != "") print blk }' |
		LC_ALL=C sort | tr '\037' '\n' >"$m/findings" || true
	log "machine $name: go vet exit $rc in $((end - start)) s, $(wc -l <"$m/runs") tool runs; $(tail -n 1 "$m/cacher.log" | sed 's/^[0-9/]* [0-9:]* //')"
}

log "machine A: checkout at $WORK/A/src, build"
machine A
log "machine B: checkout at $WORK/B/src, build with an empty build cache"
machine B
sumA=$(sha256sum <"$WORK/A/awaitvet" | cut -d' ' -f1)
sumB=$(sha256sum <"$WORK/B/awaitvet" | cut -d' ' -f1)
log "awaitvet sha256: A $sumA, B $sumB"
[ "$sumA" = "$sumB" ] || fail "the two builds differ: the go command would key their results apart"

vet A "$WORK/A/src" "$@"
vet B "$WORK/B/src" "$@"
# Machine C: A's checkout path, a checkout and GOCACHE of its own.
mv "$WORK/A/src" "$WORK/A/src.A"
mkdir -p "$WORK/C/gocache" "$WORK/C/cacher" "$WORK/C/vetx"
cp -a "$WORK/B/src" "$WORK/A/src"
cp "$WORK/B/vettool" "$WORK/C/vettool.tmp"
sed "s#$WORK/B/#$WORK/C/#g; s#$WORK/C/awaitvet#$WORK/B/awaitvet#g" "$WORK/C/vettool.tmp" >"$WORK/C/vettool"
chmod +x "$WORK/C/vettool"
: >"$WORK/C/runs"
vet C "$WORK/A/src" "$@"

a=$(wc -l <"$WORK/A/runs")
b=$(wc -l <"$WORK/B/runs")
[ "$a" -gt 0 ] || fail "machine A ran the tool on no package"
[ $((b * 5)) -le "$a" ] || fail "machine B ran the tool $b times, more than a fifth of machine A's $a"
[ "$(cat "$WORK/A/rc")" = "$(cat "$WORK/B/rc")" ] || fail "exit status: A $(cat "$WORK/A/rc"), B $(cat "$WORK/B/rc")"
# A's checkout as B's go command names it: relative to B's directory.
rel=$(realpath -m --relative-to="$WORK/B/src" "$WORK/A/src")/
renamed=$(grep -cF "$rel" "$WORK/B/findings" || true)
if ! cmp -s "$WORK/A/findings" <(sed "s#^$rel##" "$WORK/B/findings") || ! cmp -s "$WORK/A/out" "$WORK/B/out"; then
	diff "$WORK/A/findings" "$WORK/B/findings" >&2 || true
	fail "machine B's findings differ from machine A's"
fi
c=$(wc -l <"$WORK/C/runs")
[ $((c * 5)) -le "$a" ] || fail "machine C ran the tool $c times, more than a fifth of machine A's $a"
if ! cmp -s "$WORK/A/findings" "$WORK/C/findings" || ! cmp -s "$WORK/A/out" "$WORK/C/out" || [ "$(cat "$WORK/A/rc")" != "$(cat "$WORK/C/rc")" ]; then
	diff "$WORK/A/findings" "$WORK/C/findings" >&2 || true
	fail "machine C's output differs from machine A's"
fi
for f in "$WORK/B/vetx"/*; do
	[ -e "$f" ] || continue
	cmp -s "$f" "$WORK/A/vetx/$(basename "$f")" || fail "facts of $(basename "$f") differ between A and B"
done
log "machine B reran $(LC_ALL=C sort -u "$WORK/B/runs" | paste -sd' ' -)"
log "OK: same binary; machine B (another checkout path) ran the tool $b times against A's $a, same findings ($renamed lines name A's checkout as $rel); machine C (A's path) ran it $c times, same findings ($(wc -l <"$WORK/A/findings") lines); same .vetx for every package B reran"
