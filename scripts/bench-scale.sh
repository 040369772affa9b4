#!/usr/bin/env bash
# bench-scale.sh: cost of awaitvet on large real modules (issue 7), against
# the nilness vettool (the floor for any buildssa-based pass: type-checking
# plus SSA) and staticcheck.
#
# The modules are those bench/go.mod requires at pinned versions (grpc,
# etcd server, client-go). For each target module and each tool it measures,
# under /usr/bin/time -v:
#
#   vet-cold     go vet -vettool=TOOL PKGS     everything compiled, no vet result
#                                              of TOOL cached (see below)
#   vet-incr     the same again right after vet-cold, with one line inserted
#                into one file of the module (see INCR_FILE below)
#   vet-series   (CELLS=vet-series) vet-cold once per tool, each tool in a
#                cache of its own, then RUNS vet-incr runs per tool, tools
#                interleaved, run i inserting i+1 lines into INCR_FILE (the
#                file is restored in between): every run moves the later
#                positions by an amount no earlier run did, so the export
#                data changes as in vet-incr and the same packages are
#                rerun, for one cold run per tool instead of one per run (the
#                cold runs are recorded as vet-cold, one run)
#   standalone   TOOL PKGS                     the tool loads the packages itself
#                                              (go/packages, tests included), with
#                                              GOMEMLIMIT=$STANDALONE_GOMEMLIMIT;
#                                              awaitvet with an empty cache directory
#                                              (a first run)
#   standalone-edit  TOOL PKGS after one file changed (INCR_FILE, as vet-incr):
#                awaitvet with its fact cache filled by an unmeasured run
#                before (unchanged dependencies from export data and the
#                cache) and no stored result
#   staticcheck  staticcheck PKGS              with an empty staticcheck cache
#   standalone-rerun  awaitvet PKGS again over unchanged code: the result
#                cache (cmd/awaitvet/cache.go) filled by an unmeasured run
#                first, then each measured run replays it
#
# where TOOL is awaitvet or nilness and PKGS is the list of the module's own
# packages (tests included, as go vet and the standalone drivers do by
# default). It prints a markdown report: wall, user+sys CPU, peak RSS, ratio
# to nilness, and for go vet the tool processes, the packages that cost most,
# and the size of the serialized facts (.vetx) per package.
#
# Usage:   scripts/bench-scale.sh             set up, measure, report
#          scripts/bench-scale.sh setup       only build the tools, copy the
#                                             modules, list packages, warm caches
#          scripts/bench-scale.sh report      print the last report again
#          scripts/bench-scale.sh bigfuncs    count the functions awaitvet skips
#                                             as too large (after setup)
#          scripts/bench-scale.sh scale       the scale table: wall and peak RSS
#                                             against packages and dependencies
#                                             (vet-cold and standalone, per tool)
# Env:     BENCH_WORK  scratch directory (default /tmp/awaitvet-scale); raw
#                      outputs stay in $BENCH_WORK/runs
#          TARGETS     default "etcd grpc client-go"; also "std" (the
#                      standard library, `go list std`: no copy, no vet-incr)
#          CELLS       default "vet standalone staticcheck" (vet = vet-cold
#                      and vet-incr)
#          TOOLS       default "awaitvet nilness" (for vet and standalone)
#          RUNS        measured runs per cell (default 3: medians)
#          RUNS_<t>    override per target, e.g. RUNS_client_go=1
#          WARMUP      1 (default): one unmeasured run per cell first
#          STANDALONE_GOMEMLIMIT  default 12GiB
#          SKIP        "target/standalone/tool ...": cells not measured (again);
#                      their earlier results stay (e.g. etcd/standalone/awaitvet,
#                      which runs out of memory after half an hour)
#          NICE        default 10: every measured command runs under nice -n
#          TIMEOUT     seconds after which one measurement is killed (default 7200)
#          EDIT        lines (default): vet-incr inserts comment lines after the
#                      package clause (every later line moves); inline: it
#                      appends a comment to the package clause's own line
#                      instead, as long as the run number asks (no line
#                      moves, every later byte offset does: the commonest
#                      edit, a change inside a line)
#          REBUILD     0: reuse the binaries of an earlier run (the awaitvet
#                      tree keeps moving; this keeps targets comparable)
#
# Requirements: go 1.26, GNU time at /usr/bin/time, the Go module proxy (the
# first time: the modules, staticcheck, x/tools for noopvet).
#
# Why copies of the modules
# -------------------------
# The incremental measurement has to change a file, and the module cache is
# read-only (and shared). So setup copies each target module's directory from
# the module cache (byte for byte what the proxy served, go.sum-verified) to
# $BENCH_WORK/src/<target>, and every command runs in $BENCH_WORK/mod, a copy
# of the bench module (go.mod, go.sum, main.go) whose go.mod adds one
# "replace M => $BENCH_WORK/src/<target>" per target. The packages keep their
# import paths; all tools see the same copies. (GOFLAGS=-modfile would avoid
# the copy, but go/packages, and so the standalone tools, reject it: "build
# flag -modfile only valid when using modules".)
#
# How go vet's result cache is defeated (as in bench-robustness.sh)
# -----------------------------------------------------------------
# Since Go 1.26 go vet caches every tool's output, diagnostics included, keyed
# by the tool's build ID. Clearing GOCACHE would force every run to recompile
# hundreds of dependencies (k8s.io/api alone is minutes), the same cost for
# both tools, drowning the difference. So setup warms one cache,
# $BENCH_WORK/cache/vet-warm, with "go vet -vettool=noopvet PKGS", noopvet
# being a unitchecker whose one analyzer does nothing: that compiles all
# export data (every package and test variant, cgo included) and caches only
# noopvet's results, which no other tool can hit. Each vet-cold run starts from
# a fresh copy of that cache (the copy is not timed), so the tool runs on
# every package: facts-only (VetxOnly) on the dependencies, fully on PKGS.
# The equal tool-process counts of the two tools in the report confirm it.
#
# vet-incr then inserts "// bench-scale incremental edit" after the package
# clause of INCR_FILE (so every later position in the file moves, as with
# most real edits), runs go vet again on the cache the vet-cold run just
# filled, and restores the file. The go command recompiles the edited package
# and whatever its export data change forces, and re-runs the tool where the
# inputs changed; the report counts those tool processes.
#
# Memory and facts under go vet
# -----------------------------
# /usr/bin/time -v on go vet reports the largest RSS of any single process in
# the tree (getrusage of the children: the largest one, not the sum), which
# may be the go command or a compiler. So go vet is given a wrapper as
# -vettool that runs each per-package tool invocation under /usr/bin/time and
# logs its RSS, CPU, exit status, package (the .cfg's ID) and the size of the
# facts file it wrote (the .cfg's VetxOutput). The table's go vet RSS is the
# largest tool process; the go vet tree maximum is listed too.

set -euo pipefail
. "$(dirname "$0")/bench-lib.sh"

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCHMOD=$REPO/bench
WORK=${BENCH_WORK:-/tmp/awaitvet-scale}
TARGETS=${TARGETS:-"etcd grpc client-go"}
CELLS=${CELLS:-"vet standalone staticcheck"}
TOOLS=${TOOLS:-"awaitvet nilness"}
RUNS=${RUNS:-3}
WARMUP=${WARMUP:-1}
STANDALONE_GOMEMLIMIT=${STANDALONE_GOMEMLIMIT:-12GiB}
SKIP=${SKIP:-} # "target/cell/tool ...": not measured again, earlier results kept
NICE=${NICE:-10}
TIMEOUT=${TIMEOUT:-7200} # seconds: a measurement running longer is killed and recorded so
REBUILD=${REBUILD:-1} # 0: keep the awaitvet and nilness binaries already in $BENCH_WORK/bin
STATICCHECK_VERSION=v0.8.2 # staticcheck 2026.2.2, built with the local Go

BIN=$WORK/bin
RUNDIR=$WORK/runs
RESULTS=$WORK/results.tsv
MOD=$WORK/mod # the bench module with the copies replaced in

export GOTOOLCHAIN=local # measure the installed Go, never a downloaded one

# Target name -> module path, and the file vet-incr edits (module-relative).
declare -A MODULE=(
	[etcd]=go.etcd.io/etcd/server/v3
	[grpc]=google.golang.org/grpc
	[client-go]=k8s.io/client-go
	[std]=std # the standard library: not copied, its packages from `go list std`
)
# Files in packages with a moderate number of dependents among the module's
# packages and test variants (etcd lease: 34 of 118; grpc weightedroundrobin:
# 66 of 591; client-go tools/cache: 162 of 526), all concurrency-heavy.
declare -A INCR_FILE=(
	[etcd]=lease/lessor.go
	[grpc]=balancer/weightedroundrobin/balancer.go
	[client-go]=tools/cache/shared_informer.go
	[std]="" # GOROOT is not edited: no vet-incr
)
# Packages left out because they do not build on this machine (none so far;
# space-separated import paths).
declare -A EXCLUDE=(
	[etcd]=""
	[grpc]=""
	[client-go]=""
	[std]=""
)

FINDING_RE='^[^[:space:]#][^[:space:]]*:[0-9]+:[0-9]+: [^[:space:]]'
RELATED_RE='^(	[^[:space:]]+:[0-9]+:[0-9]+: |[^[:space:]]+:[0-9]+:[0-9]+: 	)'
CRASH_RE='panic|internal error|analyzer crashed|fatal error'

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
# skipped TARGET CELL TOOL: whether SKIP lists TARGET/CELL/TOOL (its earlier
# results, if any, are kept).
skipped() { [[ " $SKIP " == *" $1/$2/$3 "* ]]; }
runsFor() { local v="RUNS_${1//-/_}"; echo "${!v:-$RUNS}"; }
pkgs() { cat "$WORK/pkgs/$1.txt"; }
# inBench: run a command in the bench module with the copies replaced in.
inBench() { (cd "$MOD" && "$@"); }

# ---------------------------------------------------------------------------
# Setup

setup() {
	mkdir -p "$BIN" "$RUNDIR" "$WORK/cache" "$WORK/pkgs" "$WORK/src" "$WORK/noopvet"

	local xtools
	xtools=$(cd "$REPO" && go list -m -f '{{.Version}}' golang.org/x/tools)
	echo "$xtools" >"$WORK/xtools.version"
	if [ "$REBUILD" = 0 ] && [ -x "$BIN/awaitvet" ] && [ -x "$BIN/nilness" ]; then
		log "REBUILD=0: keeping $(cat "$WORK/awaitvet.build")"
	else
		log "building awaitvet and nilness from $REPO"
		(cd "$REPO" && go build -o "$BIN/awaitvet" ./cmd/awaitvet &&
			go build -o "$BIN/nilness" golang.org/x/tools/go/analysis/passes/nilness/cmd/nilness)
		(
		cd "$REPO"
		printf '%s' "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
		[ -n "$(git status --porcelain --untracked-files=no -- analyzer callgraph cmd report 2>/dev/null)" ] &&
			printf ' plus uncommitted changes (diff sha256 %s)' "$(git diff HEAD -- analyzer callgraph cmd report | sha256sum | cut -c1-12)"
		printf ', binary sha256 %s, built %s\n' "$(sha256sum "$BIN/awaitvet" | cut -c1-12)" "$(date -u +%Y-%m-%dT%H:%MZ)"
		) >"$WORK/awaitvet.build"
	fi

	if [ ! -x "$BIN/noopvet" ]; then
		log "building noopvet at x/tools $xtools"
		writeNoopvet "$WORK/noopvet/main.go"
		(cd "$WORK/noopvet" && { [ -f go.mod ] || go mod init noopvet >/dev/null 2>&1; } &&
			go get "golang.org/x/tools@$xtools" >/dev/null 2>&1 && go mod tidy >/dev/null 2>&1 &&
			go build -o "$BIN/noopvet" .)
	fi
	if [ ! -x "$BIN/staticcheck" ]; then
		log "installing staticcheck $STATICCHECK_VERSION"
		GOBIN=$BIN go install "honnef.co/go/tools/cmd/staticcheck@$STATICCHECK_VERSION"
	fi

	# The copies and the module that replaces the modules by them.
	mkdir -p "$MOD/bigfuncs"
	cp "$BENCHMOD/go.mod" "$BENCHMOD/go.sum" "$BENCHMOD/main.go" "$MOD/"
	cp "$BENCHMOD/bigfuncs/main.go" "$MOD/bigfuncs/"
	local t m dir
	for t in $TARGETS; do
		m=${MODULE[$t]}
		if [ "$t" = std ]; then
			go version | cut -d' ' -f3- >"$WORK/pkgs/$t.version"
			continue
		fi
		dir=$(cd "$BENCHMOD" && go list -m -f '{{.Dir}}' "$m")
		if [ ! -f "$WORK/src/$t/.copied-from" ] || [ "$(cat "$WORK/src/$t/.copied-from")" != "$dir" ]; then
			log "copying $dir to $WORK/src/$t"
			rm -rf "$WORK/src/$t"
			cp -r "$dir" "$WORK/src/$t"
			chmod -R u+w "$WORK/src/$t"
			echo "$dir" >"$WORK/src/$t/.copied-from"
		fi
		printf '\nreplace %s => %s\n' "$m" "$WORK/src/$t" >>"$MOD/go.mod"
		(cd "$BENCHMOD" && go list -m -f '{{.Path}} {{.Version}}' "$m") >"$WORK/pkgs/$t.version"
	done
	for t in $TARGETS; do
		listPackages "$t"
	done
	warmCaches

	# The go vet wrappers (see "Memory and facts under go vet").
	for t in $TOOLS; do
		writeVetWrapper "$BIN/vet-$t" "$BIN/$t"
	done
}

# listPackages TARGET: the module's own packages (moduleDirs, bench-lib.sh),
# minus EXCLUDE.
listPackages() {
	local t=$1
	if [ "$t" = std ]; then
		inBench go list std >"$WORK/pkgs/$t.all"
	else
		moduleDirs "$WORK/src/$t" "${MODULE[$t]}" >"$WORK/pkgs/$t.all"
	fi
	# Directories whose files are all excluded by build constraints, or that
	# do not load: dropped, and listed.
	inBench go list -e -f '{{.ImportPath}}{{if .Error}} ERROR {{.Error}}{{end}}' $(cat "$WORK/pkgs/$t.all") 2>&1 |
		awk '/ ERROR / { print > "/dev/stderr"; next } { print }' >"$WORK/pkgs/$t.listed" 2>"$WORK/pkgs/$t.errors" || true
	local ex=" ${EXCLUDE[$t]} "
	grep -vxF -f <(tr ' ' '\n' <<<"$ex" | grep .) "$WORK/pkgs/$t.listed" >"$WORK/pkgs/$t.txt" || cp "$WORK/pkgs/$t.listed" "$WORK/pkgs/$t.txt"
	# The dependencies a standalone driver loads besides the roots: the
	# packages of go list -deps -test that are not a root or one of its test
	# variants (a dependency recompiled for a root's tests counts apart).
	inBench go list -e -deps -test $(cat "$WORK/pkgs/$t.txt") |
		awk 'NR == FNR { root[$1] = 1; next }
			{ p = $1; sub(/(_test|\.test)$/, "", p) }
			!((p in root) && ($2 == "" || $2 == "[" p ".test]"))' \
			"$WORK/pkgs/$t.txt" - | wc -l >"$WORK/pkgs/$t.deps"
	log "$t: $(wc -l <"$WORK/pkgs/$t.txt") packages ($(wc -l <"$WORK/pkgs/$t.errors") not loadable, excluded: ${EXCLUDE[$t]:-none})"
}

warmCaches() {
	local t
	for t in $TARGETS; do
		if [ -f "$WORK/cache/vet-warm.$t" ]; then
			log "vet cache already warm for $t"
			continue
		fi
		log "warming vet cache: go vet -vettool=noopvet $t"
		# A non-zero status means a package does not build: add it to
		# EXCLUDE.
		GOCACHE=$WORK/cache/vet-warm inBench nice -n "$NICE" go vet -vettool="$BIN/noopvet" $(pkgs "$t") >&2
		touch "$WORK/cache/vet-warm.$t"
	done
	# The standalone tools and staticcheck run go list -compiled -deps
	# -test (go/packages): its cgo preprocessing is cached in their GOCACHE,
	# filled here so that no measured run pays for it.
	# staticcheck also needs export data (go list -export): compiled here
	# too, so that staticcheck, like go vet, is measured without compiling.
	for t in $TARGETS; do
		[ -f "$WORK/cache/standalone-export.$t" ] && continue
		log "warming the standalone go list cache: $t"
		GOCACHE=$WORK/cache/standalone inBench go list -e -compiled -export -test -deps -json $(pkgs "$t") >/dev/null
		touch "$WORK/cache/standalone-export.$t"
	done
}

# ---------------------------------------------------------------------------
# Measuring

# measure NAME CMD...: run CMD in the bench module (with the copies replaced
# in) under /usr/bin/time -v and nice, raw results in $RUNDIR/NAME.*
measure() {
	local name=$1 out=$RUNDIR/$1
	shift
	rm -f "$out".*
	cut -d' ' -f1 /proc/loadavg >"$out.load"
	local rc=0 ooms
	ooms=$(oomKills | wc -l)
	(cd "$MOD" && /usr/bin/time -v -o "$out.time" timeout -k 60 "$TIMEOUT" nice -n "$NICE" "$@" >"$out.stdout" 2>"$out.stderr") || rc=$?
	echo "$rc" >"$out.rc"
	if [ "$rc" = 124 ] || [ "$rc" = 137 ] && [ "$(timev "$out.time" "Elapsed (wall clock)" | cut -d. -f1)" -ge "$TIMEOUT" ]; then
		echo "$name: timed out after $TIMEOUT s (exit $rc)" >"$out.killed"
	elif [ "$rc" -ge 128 ]; then
		echo "$name: killed by signal $((rc - 128)) (exit $rc)" >"$out.killed"
	fi
	oomKills | tail -n +$((ooms + 1)) | sed 's/^/kernel: /' >>"$out.killed"
	[ -s "$out.killed" ] || rm -f "$out.killed"
}

# editFile TARGET [N]: insert N comment lines after the package clause of
# the target's INCR_FILE (EDIT=inline: append a comment of N x's to the
# package clause's line); restoreFile undoes it.
editFile() {
	local f=$WORK/src/$1/${INCR_FILE[$1]}
	cp "$f" "$f.orig"
	if [ "${EDIT:-lines}" = inline ]; then
		awk -v n="${2:-1}" '!done && /^package / { s = ""; for (i = 0; i < n; i++) s = s "x"; print $0 " // bench-scale edit " s; done = 1; next } { print }' "$f.orig" >"$f"
	else
		awk -v n="${2:-1}" '{ print } !done && /^package / { for (i = 0; i < n; i++) print "// bench-scale incremental edit"; done = 1 }' "$f.orig" >"$f"
	fi
}
restoreFile() {
	local f=$WORK/src/$1/${INCR_FILE[$1]}
	[ -f "$f.orig" ] && mv "$f.orig" "$f"
	return 0
}

# vetPair TARGET TOOL SUFFIX: a vet-cold run and the vet-incr run after it.
vetPair() {
	local t=$1 tool=$2 s=$3
	rm -rf "$WORK/cache/vet-run"
	cp -a "$WORK/cache/vet-warm" "$WORK/cache/vet-run"
	: >"$RUNDIR/$t-vet-cold-$tool-$s.toollog"
	GOCACHE=$WORK/cache/vet-run BENCH_TOOLLOG=$RUNDIR/$t-vet-cold-$tool-$s.toollog \
		measure "$t-vet-cold-$tool-$s" go vet -vettool="$BIN/vet-$tool" $(pkgs "$t")
	[ -n "${INCR_FILE[$t]}" ] || return 0
	editFile "$t"
	trap 'restoreFile '"$t" EXIT
	: >"$RUNDIR/$t-vet-incr-$tool-$s.toollog"
	GOCACHE=$WORK/cache/vet-run BENCH_TOOLLOG=$RUNDIR/$t-vet-incr-$tool-$s.toollog \
		measure "$t-vet-incr-$tool-$s" go vet -vettool="$BIN/vet-$tool" $(pkgs "$t")
	restoreFile "$t"
	trap - EXIT
}

# vetSeries TARGET N: vet-cold once per tool (each in $WORK/cache/vet-run-TOOL),
# then N vet-incr runs per tool, interleaved, run i inserting i+1 lines.
vetSeries() {
	local t=$1 n=$2 tool i
	for tool in $TOOLS; do
		rm -rf "$WORK/cache/vet-run-$tool"
		cp -a "$WORK/cache/vet-warm" "$WORK/cache/vet-run-$tool"
	done
	for tool in $TOOLS; do
		log "vet-series: $t vet-cold $tool"
		: >"$RUNDIR/$t-vet-cold-$tool-1.toollog"
		GOCACHE=$WORK/cache/vet-run-$tool BENCH_TOOLLOG=$RUNDIR/$t-vet-cold-$tool-1.toollog \
			measure "$t-vet-cold-$tool-1" go vet -vettool="$BIN/vet-$tool" $(pkgs "$t")
		record "$t-vet-cold-$tool-1" "$t" vet-cold "$tool" 1
	done
	[ -n "${INCR_FILE[$t]}" ] || return 0
	for i in $(seq 0 "$n"); do
		for tool in $TOOLS; do
			local s=$i
			[ "$i" = 0 ] && s=warmup
			[ "$i" = 0 ] && [ "$WARMUP" != 1 ] && continue
			log "vet-series: $t vet-incr $tool run $s"
			editFile "$t" $((i + 1))
			trap 'restoreFile '"$t" EXIT
			: >"$RUNDIR/$t-vet-incr-$tool-$s.toollog"
			GOCACHE=$WORK/cache/vet-run-$tool BENCH_TOOLLOG=$RUNDIR/$t-vet-incr-$tool-$s.toollog \
				measure "$t-vet-incr-$tool-$s" go vet -vettool="$BIN/vet-$tool" $(pkgs "$t")
			restoreFile "$t"
			trap - EXIT
			if [ "$i" = 0 ]; then summarize "$t-vet-incr-$tool-$s" >/dev/null; else record "$t-vet-incr-$tool-$s" "$t" vet-incr "$tool" "$s"; fi
		done
	done
}

# standaloneRun TARGET TOOL RUN: a first run: awaitvet with an empty cache
# directory (no stored result, no stored facts; it fills them).
standaloneRun() {
	local t=$1 tool=$2 s=$3
	rm -rf "$WORK/cache/awaitvet-first"
	GOCACHE=$WORK/cache/standalone GOMEMLIMIT=$STANDALONE_GOMEMLIMIT AWAITVET_CACHE=$WORK/cache/awaitvet-first \
		measure "$t-standalone-$tool-$s" "$BIN/$tool" $(pkgs "$t")
}

# editRun TARGET TOOL RUN: a run after INCR_FILE changed (RUN+1 lines
# inserted, so that no two runs see the same file): awaitvet with the fact
# cache of $WORK/cache/awaitvet-edit/TARGET (filled before) and no stored
# result; nilness has no cache of its own. Both pay go list -export
# compiling the edited package and its importers.
editRun() {
	local t=$1 tool=$2 s=$3 n=1
	[ "$s" = warmup ] || n=$((s + 1))
	find "$WORK/cache/awaitvet-edit/$t" -mindepth 1 -maxdepth 1 -name '??' -exec rm -rf {} + 2>/dev/null
	editFile "$t" "$n"
	trap 'restoreFile '"$t" EXIT
	GOCACHE=$WORK/cache/standalone GOMEMLIMIT=$STANDALONE_GOMEMLIMIT AWAITVET_CACHE=$WORK/cache/awaitvet-edit/$t \
		measure "$t-standalone-edit-$tool-$s" "$BIN/$tool" $(pkgs "$t")
	restoreFile "$t"
	trap - EXIT
}

# rerunRun TARGET RUN: awaitvet standalone with its result cache in
# $WORK/cache/awaitvet-results/TARGET (filled by the first, unmeasured, run).
rerunRun() {
	local t=$1 s=$2
	GOCACHE=$WORK/cache/standalone GOMEMLIMIT=$STANDALONE_GOMEMLIMIT AWAITVET_CACHE=$WORK/cache/awaitvet-results/$t \
		measure "$t-standalone-rerun-awaitvet-$s" "$BIN/awaitvet" $(pkgs "$t")
}

staticcheckRun() {
	local t=$1 s=$2
	rm -rf "$WORK/cache/staticcheck-run"
	GOCACHE=$WORK/cache/standalone STATICCHECK_CACHE=$WORK/cache/staticcheck-run \
		measure "$t-staticcheck-staticcheck-$s" "$BIN/staticcheck" $(pkgs "$t")
}

# record NAME TARGET CELL TOOL RUN: append a finished run to results.tsv.
record() {
	printf '%s\t%s\t%s\t%s\t%s\n' "$2" "$3" "$4" "$5" "$(summarize "$1")" >>"$RESULTS"
	log "  $(tail -n 1 "$RESULTS")"
}

# summarize NAME: wall cpu rss_mib exit crash findings toolprocs vetxonly
# toolcpu toolfail treerss_mib rsspkg other load
summarize() {
	local out=$RUNDIR/$1 wall user sys rss rc
	wall=$(awk -v w="$(timev "$out.time" "Elapsed (wall clock)")" 'BEGIN { printf "%.1f", w }')
	user=$(timev "$out.time" "User time")
	sys=$(timev "$out.time" "System time")
	rss=$(timev "$out.time" "Maximum resident set size")
	rc=$(cat "$out.rc")
	cat "$out.stdout" "$out.stderr" >"$out.all"
	grep -E "$FINDING_RE" "$out.all" | LC_ALL=C sort -u >"$out.findings" || true
	grep -vE "$FINDING_RE|$RELATED_RE" "$out.all" |
		awk -v re="$CRASH_RE" '/^# / { hdr = substr($0, 3) } tolower($0) ~ re { print (hdr != "" ? hdr ": " : "") $0 }' \
			>"$out.crash" || true
	grep -vE "$FINDING_RE|$RELATED_RE|^# " "$out.all" >"$out.other" || true
	local treerss=$rss toolprocs=- vetxonly=- toolcpu=- toolfail=- rsspkg=-
	if [ -f "$out.toollog" ]; then
		read -r toolprocs vetxonly toolcpu toolfail rss rsspkg < <(toolStats "$out")
	fi
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
		"$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", u + s }')" \
		"$(awk -v k="$rss" 'BEGIN { printf "%.0f", k / 1024 }')" \
		"$rc" "$(wc -l <"$out.crash")" "$(wc -l <"$out.findings")" "$toolprocs" "$vetxonly" "$toolcpu" "$toolfail" \
		"$(awk -v k="$treerss" 'BEGIN { printf "%.0f", k / 1024 }')" "$rsspkg" "$(wc -l <"$out.other")" "$(cat "$out.load")"
}

measureTarget() {
	local t=$1 n tool i
	n=$(runsFor "$t")
	# Results accumulate across invocations (one target at a time is fine);
	# the cells measured now replace their earlier results.
	touch "$RESULTS"
	local cellnames=" $CELLS "
	cellnames=${cellnames/ vet-series / vet-cold vet-incr }
	cellnames=${cellnames/ vet / vet-cold vet-incr }
	awk -F'\t' -v t="$t" -v cells="$cellnames" -v skip=" $SKIP " \
		'!($1 == t && index(cells, " " $2 " ") && !index(skip, " " $1 "/" $2 "/" $3 " "))' "$RESULTS" >"$RESULTS.tmp"
	mv "$RESULTS.tmp" "$RESULTS"
	for cell in $CELLS; do
		case $cell in
		vet-series)
			vetSeries "$t" "$n"
			;;
		vet)
			if [ "$WARMUP" = 1 ]; then
				for tool in $TOOLS; do
					log "warm-up: $t vet $tool"
					vetPair "$t" "$tool" warmup
					summarize "$t-vet-cold-$tool-warmup" >/dev/null
					[ -n "${INCR_FILE[$t]}" ] && summarize "$t-vet-incr-$tool-warmup" >/dev/null
				done
			fi
			for i in $(seq 1 "$n"); do
				for tool in $TOOLS; do
					log "run $i/$n: $t vet $tool"
					vetPair "$t" "$tool" "$i"
					record "$t-vet-cold-$tool-$i" "$t" vet-cold "$tool" "$i"
					[ -n "${INCR_FILE[$t]}" ] && record "$t-vet-incr-$tool-$i" "$t" vet-incr "$tool" "$i"
				done
			done
			;;
		standalone)
			if [ "$WARMUP" = 1 ]; then
				for tool in $TOOLS; do
					skipped "$t" standalone "$tool" && continue
					log "warm-up: $t standalone $tool"
					standaloneRun "$t" "$tool" warmup
					summarize "$t-standalone-$tool-warmup" >/dev/null
				done
			fi
			for i in $(seq 1 "$n"); do
				for tool in $TOOLS; do
					skipped "$t" standalone "$tool" && continue
					log "run $i/$n: $t standalone $tool"
					standaloneRun "$t" "$tool" "$i"
					record "$t-standalone-$tool-$i" "$t" standalone "$tool" "$i"
				done
			done
			;;
		standalone-edit)
			[ -n "${INCR_FILE[$t]}" ] || continue
			rm -rf "$WORK/cache/awaitvet-edit/$t"
			log "filling the fact cache: $t standalone awaitvet"
			GOCACHE=$WORK/cache/standalone AWAITVET_CACHE=$WORK/cache/awaitvet-edit/$t "$BIN/awaitvet" $(pkgs "$t") >/dev/null 2>&1
			for i in $(seq 0 "$n"); do
				[ "$i" = 0 ] && [ "$WARMUP" != 1 ] && continue
				for tool in $TOOLS; do
					local s=$i
					[ "$i" = 0 ] && s=warmup
					log "run $s: $t standalone-edit $tool"
					editRun "$t" "$tool" "$s"
					if [ "$i" = 0 ]; then summarize "$t-standalone-edit-$tool-$s" >/dev/null; else record "$t-standalone-edit-$tool-$s" "$t" standalone-edit "$tool" "$s"; fi
				done
			done
			;;
		standalone-rerun)
			rm -rf "$WORK/cache/awaitvet-results/$t"
			log "filling the result cache: $t standalone awaitvet"
			rerunRun "$t" fill
			summarize "$t-standalone-rerun-awaitvet-fill" >/dev/null
			for i in $(seq 1 "$n"); do
				log "run $i/$n: $t standalone-rerun awaitvet"
				rerunRun "$t" "$i"
				record "$t-standalone-rerun-awaitvet-$i" "$t" standalone-rerun awaitvet "$i"
			done
			;;
		staticcheck)
			if [ "$WARMUP" = 1 ]; then
				log "warm-up: $t staticcheck"
				staticcheckRun "$t" warmup
				summarize "$t-staticcheck-staticcheck-warmup" >/dev/null
			fi
			for i in $(seq 1 "$n"); do
				log "run $i/$n: $t staticcheck"
				staticcheckRun "$t" "$i"
				record "$t-staticcheck-staticcheck-$i" "$t" staticcheck staticcheck "$i"
			done
			;;
		esac
	done
}

# ---------------------------------------------------------------------------
# Report. Columns of results.tsv: 1 target, 2 cell, 3 tool, 4 run, 5 wall,
# 6 cpu, 7 rss, 8 exit, 9 crash, 10 findings, 11 toolprocs, 12 vetxonly,
# 13 toolcpu, 14 toolfail, 15 treerss, 16 rsspkg, 17 other, 18 load.

cell() {
	local fmt=%.1f
	case $4 in 7 | 11 | 12 | 15) fmt=%.0f ;; esac
	values "$@" | median | awk -v f="$fmt" '$1 == "-" { print; next } { printf f "\n", $1 }'
}
all() { values "$@" | LC_ALL=C sort -u | paste -sd';' - | sed 's/;/; /g'; }
exits() { awk -F'\t' -v t="$1" -v m="$2" -v o="$3" '$1 == t && $2 == m && $3 == o { print $8 }' "$RESULTS" | paste -sd, -; }
nruns() { awk -F'\t' -v t="$1" -v m="$2" -v o="$3" '$1 == t && $2 == m && $3 == o { n++ } END { print n + 0 }' "$RESULTS"; }
ratio() { awk -v a="$1" -v n="$2" 'BEGIN { if (a != "-" && n != "-" && n > 0) printf "%.2f", a / n; else printf "-" }'; }
has() { awk -F'\t' -v t="$1" -v m="$2" -v o="$3" '$1 == t && $2 == m && $3 == o { f = 1 } END { exit !f }' "$RESULTS"; }

# vetxStats TARGET TOOL: median, 90th percentile and max .vetx size (KiB)
# over every tool process of the first measured vet-cold run, and over the
# full (non-facts-only) ones.
vetxStats() {
	local f=$RUNDIR/$1-vet-cold-$2-1.toollog
	[ -f "$f" ] || { echo "- | - | - | -"; return; }
	awk '/^vetx / && $2 != "bytes=-" { split($2, kv, "="); print kv[2] / 1024 }' "$f" | LC_ALL=C sort -g |
		awk '{ v[NR] = $1; s += $1 } END { if (!NR) { print "- | - | - | -"; exit }
			printf "%.1f | %.1f | %.1f | %.1f MiB\n", v[int((NR + 1) / 2)], v[int(NR * 0.9 + 0.5)], v[NR], s / 1024 }'
}

report() {
	local t c tool
	echo "### Setup"
	echo
	echo "- machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')), $(free -g | awk '/^Mem:/ {print $2}') GiB RAM, $(uname -sr)"
	echo "- $(go version); GOMAXPROCS and go vet -p at their defaults; every command under nice -n $NICE"
	echo "- 1-minute load average at the start of the measured runs: $(cut -f18 "$RESULTS" | LC_ALL=C sort -g | sed -n '1p;$p' | paste -sd- -) (other work on the machine was not stopped)"
	echo "- awaitvet: $(cat "$WORK/awaitvet.build")"
	echo "- nilness: golang.org/x/tools/go/analysis/passes/nilness/cmd/nilness at x/tools $(cat "$WORK/xtools.version"); staticcheck $("$BIN/staticcheck" -version 2>/dev/null)"
	echo "- standalone runs with GOMEMLIMIT=$STANDALONE_GOMEMLIMIT"
	for t in $TARGETS; do
		echo "- $t: $(cat "$WORK/pkgs/$t.version"), $(wc -l <"$WORK/pkgs/$t.txt") packages; vet-incr edits ${INCR_FILE[$t]}"
	done
	echo
	echo "### Results (medians over the measured runs; runs per cell in the last column)"
	echo
	echo "Peak RSS: standalone and staticcheck, the process; go vet, the largest single tool process."
	echo
	echo "| target | cell | tool | wall (s) | CPU (s) | peak RSS (MiB) | wall / nilness | CPU / nilness | RSS / nilness | exit | findings | tool procs (facts-only) | runs |"
	echo "|---|---|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|"
	for t in $TARGETS; do
		for c in vet-cold vet-incr standalone standalone-edit standalone-rerun staticcheck; do
			for tool in $TOOLS staticcheck; do
				has "$t" "$c" "$tool" || continue
				local w u r base=nilness
				[ "$c" = staticcheck ] && base=nilness
				local bc=$c
				[ "$c" = staticcheck ] && bc=standalone
				[ "$c" = standalone-rerun ] && bc=standalone
				w=$(cell "$t" "$c" "$tool" 5)
				u=$(cell "$t" "$c" "$tool" 6)
				r=$(cell "$t" "$c" "$tool" 7)
				local procs=-
				[ "$(cell "$t" "$c" "$tool" 11)" != - ] && procs="$(cell "$t" "$c" "$tool" 11) ($(cell "$t" "$c" "$tool" 12))"
				printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$t" "$c" "$tool" "$w" "$u" "$r" \
					"$(ratio "$w" "$(cell "$t" "$bc" $base 5)")" "$(ratio "$u" "$(cell "$t" "$bc" $base 6)")" \
					"$(ratio "$r" "$(cell "$t" "$bc" $base 7)")" "$(exits "$t" "$c" "$tool")" \
					"$(all "$t" "$c" "$tool" 10)" "$procs" "$(nruns "$t" "$c" "$tool")"
			done
		done
	done
	echo
	echo "staticcheck's ratios are to standalone nilness (both load and type-check from source)."
	echo
	if grep -q $'\tvet-cold\t' "$RESULTS"; then
		echo "### go vet details (vet-cold, from the wrapper's log)"
		echo
		echo "| target | tool | tool CPU (s) | non-zero tool exits | largest tool RSS (MiB), package | go vet tree max RSS (MiB) |"
		echo "|---|---|---:|---:|---|---:|"
		for t in $TARGETS; do
			for tool in $TOOLS; do
				has "$t" vet-cold "$tool" || continue
				printf '| %s | %s | %s | %s | %s, %s | %s |\n' "$t" "$tool" "$(cell "$t" vet-cold "$tool" 13)" \
					"$(all "$t" vet-cold "$tool" 14)" "$(cell "$t" vet-cold "$tool" 7)" "$(all "$t" vet-cold "$tool" 16)" \
					"$(cell "$t" vet-cold "$tool" 15)"
			done
		done
		echo
		echo "### Serialized facts per package (.vetx, KiB; first vet-cold run, every tool process)"
		echo
		echo "| target | tool | median | p90 | max | total |"
		echo "|---|---|---:|---:|---:|---:|"
		for t in $TARGETS; do
			for tool in $TOOLS; do
				printf '| %s | %s | %s |\n' "$t" "$tool" "$(vetxStats "$t" "$tool")"
			done
		done
		echo
		echo "### Where go vet's tool time goes (first vet-cold run): the 8 costliest packages"
		echo
		for t in $TARGETS; do
			local a=$RUNDIR/$t-vet-cold-awaitvet-1.toollog n=$RUNDIR/$t-vet-cold-nilness-1.toollog
			[ -f "$a" ] && [ -f "$n" ] || continue
			echo "$t (awaitvet CPU s / nilness CPU s, awaitvet RSS MiB, package):"
			echo
			echo '```'
			join -t $'\t' \
				<(awk '/^tool / { p = $0; sub(/.* pkg=/, "", p); for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] } printf "%s|%s\t%.2f\t%d\n", p, f["vetxonly"], f["user"] + f["sys"], f["rss_kb"] / 1024 }' "$a" | LC_ALL=C sort) \
				<(awk '/^tool / { p = $0; sub(/.* pkg=/, "", p); for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] } printf "%s|%s\t%.2f\n", p, f["vetxonly"], f["user"] + f["sys"] }' "$n" | LC_ALL=C sort) |
				LC_ALL=C sort -t $'\t' -k2,2gr | awk -F'\t' 'NR <= 8 { printf "%7.1f / %5.1f  %5d MiB  %s\n", $2, $4, $3, $1 }'
			echo '```'
			echo
		done
	fi
	if compgen -G "$WORK/bigfuncs.*" >/dev/null; then
		echo "### Functions skipped as too large (more than 5000 SSA blocks; bench/bigfuncs)"
		echo
		for t in $TARGETS; do
			[ -f "$WORK/bigfuncs.$t" ] && echo "- $t: $(tail -n 1 "$WORK/bigfuncs.$t")"
		done
		echo
	fi
	echo "### Kills, crash text, other output, failed tool processes (all runs, warm-ups included)"
	echo
	local any=0 f
	for f in "$RUNDIR"/*.killed "$RUNDIR"/*.crash "$RUNDIR"/*.other "$RUNDIR"/*.toolfail; do
		[ -s "$f" ] || continue
		any=1
		echo "- \`$(basename "$f")\`:"
		echo '  ```'
		head -20 "$f" | sed 's/^/  /'
		[ "$(wc -l <"$f")" -gt 20 ] && echo "  ... ($(wc -l <"$f") lines)"
		echo '  ```'
	done
	[ "$any" = 1 ] || echo "None."
	echo
	echo "Raw outputs: $RUNDIR"
}

# scaleTable: cost against size (issue 16), from results.tsv: per target,
# its packages and the dependencies a standalone driver loads besides them
# ($WORK/pkgs/TARGET.deps), and per tool the medians of vet-cold (the tool
# processes go vet ran, facts-only in parentheses, and the largest one's
# RSS) and standalone (the process's RSS).
scaleTable() {
	local t tool
	echo "| target | packages | dependencies (go list -deps -test) | tool | vet-cold wall (s) | vet-cold CPU (s) | vet tool procs (facts-only) | vet largest tool RSS (MiB) | standalone wall (s) | standalone CPU (s) | standalone RSS (MiB) | runs |"
	echo "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"
	for t in $TARGETS; do
		for tool in $TOOLS; do
			has "$t" vet-cold "$tool" || has "$t" standalone "$tool" || continue
			local procs=-
			[ "$(cell "$t" vet-cold "$tool" 11)" != - ] && procs="$(cell "$t" vet-cold "$tool" 11) ($(cell "$t" vet-cold "$tool" 12))"
			printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$t" \
				"$(wc -l <"$WORK/pkgs/$t.txt")" "$(cat "$WORK/pkgs/$t.deps" 2>/dev/null || echo -)" "$tool" \
				"$(cell "$t" vet-cold "$tool" 5)" "$(cell "$t" vet-cold "$tool" 6)" "$procs" "$(cell "$t" vet-cold "$tool" 7)" \
				"$(cell "$t" standalone "$tool" 5)" "$(cell "$t" standalone "$tool" 6)" "$(cell "$t" standalone "$tool" 7)" \
				"$(nruns "$t" vet-cold "$tool")/$(nruns "$t" standalone "$tool")"
		done
	done
	echo
	echo "1-minute load average at the start of these runs: $(awk -F'\t' '$2 == "vet-cold" || $2 == "standalone" { print $18 }' "$RESULTS" | LC_ALL=C sort -g | sed -n '1p;$p' | paste -sd- -)"
}

# bigFuncs: the functions awaitvet skips as too large (bench/bigfuncs), per
# target, into $WORK/bigfuncs.<target>.
bigFuncs() {
	local t
	for t in $TARGETS; do
		log "bigfuncs: $t"
		GOCACHE=$WORK/cache/standalone inBench go run ./bigfuncs $(pkgs "$t") >"$WORK/bigfuncs.$t" 2>&1 || true
		tail -n 1 "$WORK/bigfuncs.$t" >&2
	done
}

main() {
	case "${1:-}" in
	report)
		report
		return
		;;
	scale)
		scaleTable
		return
		;;
	bigfuncs)
		bigFuncs
		return
		;;
	setup)
		setup
		return
		;;
	esac
	setup
	for t in $TARGETS; do
		measureTarget "$t"
	done
	report
}

main "$@"
