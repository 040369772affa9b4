#!/usr/bin/env bash
# bench-robustness.sh: robustness and cost of awaitvet on big code bases,
# against the nilness vettool as the floor for any buildssa-based pass
# (nilness does little more than type-check and build SSA).
#
# For each target (std, golang.org/x/tools/...) and each tool it measures
#
#   standalone:  TOOL TARGET                    (both tools load the packages
#                                                with go/packages, tests included)
#   vet:         go vet -vettool=TOOL TARGET    (one tool process per package)
#
# under /usr/bin/time -v, and prints a markdown table: wall time, user+sys
# CPU, peak RSS, exit status, lines that look like a crash, and findings.
#
# Usage:   scripts/bench-robustness.sh            (from anywhere in the repo)
#          scripts/bench-robustness.sh report     (print the last report again)
# Env:     BENCH_WORK   scratch directory (default /tmp/awaitvet-bench); kept
#                       afterwards: raw outputs are in $BENCH_WORK/runs
#          RUNS         measured runs per cell (default 1; with more, each
#                       number in the table is the median over the runs)
#          WARMUP       1 (default): one unmeasured run per cell first; 0: none
#          TARGETS      default "std golang.org/x/tools/..."
#          MODES        default "standalone vet"
#          TOOLS        default "awaitvet nilness"
#
# Requirements: go, GNU time at /usr/bin/time, network access to the Go
# module proxy the first time (for golang.org/x/tools and its dependencies).
#
# How go vet's result cache is defeated
# -------------------------------------
# Since Go 1.26, go vet runs the tool with -json and caches every vet
# action's output (facts and diagnostics) in GOCACHE, keyed by the tool's
# -V=full build ID and the package, so a second "go vet" of the same target
# replays the results without running the tool. Clearing the cache would
# defeat that, but would also make every run recompile the target, which is
# the same cost for both tools and would drown the difference.
# So the script warms one cache, $BENCH_WORK/cache/vet-warm, by running
# "go vet -vettool=noopvet" on every target, where noopvet is a unitchecker
# with a single analyzer that does nothing. That compiles everything go vet
# needs (export data of every package and test variant, cgo output) and
# caches noopvet's own results, which no other tool can hit (different build
# ID). Before each measured go vet run the warm cache is copied afresh to
# $BENCH_WORK/cache/vet-run (the copy is not timed), so each run, for either
# tool, starts from the same state: all compilation cached, no vet result of
# the tool cached. The tool therefore runs on every package, as facts-only
# runs (VetxOnly) on dependencies and as full runs on the target packages.
#
# Memory under go vet
# -------------------
# /usr/bin/time reports the largest RSS of any process in the tree it waits
# for, which under go vet may be the go command or a compiler, not the tool.
# So go vet is given a wrapper as -vettool: it passes the -flags and -V=full
# handshakes straight through, and runs each per-package invocation under
# /usr/bin/time, appending the tool's RSS, CPU, exit status and package to a
# log. The table's peak RSS for go vet is the largest of those (the package
# is named in the details below the table); the largest RSS of the whole go
# vet tree is reported there too. The wrapper's cost (a shell and a time
# process per package) is the same for both tools.
#
# Standalone runs use their own GOCACHE, $BENCH_WORK/cache/standalone, which
# only ever holds go list's output (cgo processing); neither tool caches
# analysis results, so it needs no resetting. The warm-up run fills it.

set -euo pipefail
. "$(dirname "$0")/bench-lib.sh"

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=${BENCH_WORK:-/tmp/awaitvet-bench}
RUNS=${RUNS:-1}
WARMUP=${WARMUP:-1}
TARGETS=${TARGETS:-"std golang.org/x/tools/..."}
MODES=${MODES:-"standalone vet"}
TOOLS=${TOOLS:-"awaitvet nilness"}
XTOOLS_VERSION=v0.52.0 # must match the x/tools version awaitvet is built with

BIN=$WORK/bin
MOD=$WORK/mod # scratch module: requires x/tools, builds nilness and noopvet
RUNDIR=$WORK/runs
RESULTS=$WORK/results.tsv

export GOTOOLCHAIN=local # measure the installed Go, never a downloaded one

# A diagnostic's primary line: file:line:col: message, at column 0, the
# message not starting with white space (related lines are "\tfile:..." in
# awaitvet's standalone output and "file:...: \tmessage" under go vet).
FINDING_RE='^[^[:space:]#][^[:space:]]*:[0-9]+:[0-9]+: [^[:space:]]'
RELATED_RE='^(	[^[:space:]]+:[0-9]+:[0-9]+: |[^[:space:]]+:[0-9]+:[0-9]+: 	)'
CRASH_RE='panic|internal error|analyzer crashed'

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

slug() { printf '%s' "$1" | tr -c 'A-Za-z0-9_.-' '_'; }

# ---------------------------------------------------------------------------
# Setup

setup() {
	mkdir -p "$BIN" "$MOD/noopvet" "$RUNDIR" "$WORK/cache"

	log "building awaitvet from $REPO"
	(cd "$REPO" && go build -o "$BIN/awaitvet" ./cmd/awaitvet)
	# What was measured: the commit, whether the tree had uncommitted
	# changes when the binary was built, and the binary's hash.
	(
		cd "$REPO"
		printf '%s' "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
		[ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ] &&
			printf ' plus uncommitted changes (diff sha256 %s)' "$(git diff HEAD | sha256sum | cut -c1-12)"
		printf ', binary sha256 %s, built %s\n' "$(sha256sum "$BIN/awaitvet" | cut -c1-12)" "$(date -u +%Y-%m-%dT%H:%MZ)"
	) >"$WORK/awaitvet.build"

	# The scratch module requires x/tools at exactly XTOOLS_VERSION, with
	# everything golang.org/x/tools/... and its tests need (go get -t), so
	# that the pattern can be vetted as a dependency, and nilness is built
	# from the same version.
	if [ ! -f "$MOD/go.mod" ]; then
		log "creating scratch module $MOD"
		printf 'module bench.local/scratch\n\ngo 1.26\n' >"$MOD/go.mod"
		(cd "$MOD" && go get -t "golang.org/x/tools/...@$XTOOLS_VERSION" >&2)
	fi
	writeNoopvet "$MOD/noopvet/main.go"
	log "building nilness and noopvet at x/tools $XTOOLS_VERSION"
	(cd "$MOD" &&
		go build -o "$BIN/nilness" golang.org/x/tools/go/analysis/passes/nilness/cmd/nilness &&
		go build -o "$BIN/noopvet" ./noopvet)
	for t in awaitvet nilness; do
		v=$(go version -m "$BIN/$t" | awk '$2 == "golang.org/x/tools" {print $3}')
		if [ "$v" != "$XTOOLS_VERSION" ]; then
			echo "bench: $t is built with golang.org/x/tools $v, want $XTOOLS_VERSION" >&2
			exit 1
		fi
	done

	# go vet wrappers: see "Memory under go vet" above. go vet runs the tool
	# with the .cfg file last; the package is the cfg's "ID", its import
	# path (p_test for an external test package; p's test variant is "p"
	# too). BENCH_TOOLLOG is set per run.
	for t in $TOOLS; do
		writeVetWrapper "$BIN/vet-$t" "$BIN/$t"
	done
}

# warmVetCache compiles everything go vet needs for the targets; see "How go
# vet's result cache is defeated" above.
warmVetCache() {
	local warm=$WORK/cache/vet-warm stamp=$WORK/cache/vet-warm.targets
	if [ -d "$warm" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$TARGETS" ]; then
		log "vet cache already warm for: $TARGETS"
		return
	fi
	rm -rf "$warm" "$stamp"
	for target in $TARGETS; do
		log "warming vet cache: go vet -vettool=noopvet $target"
		# noopvet reports nothing; a non-zero status would mean the target
		# does not build, which every later run would then report too.
		(cd "$MOD" && GOCACHE=$warm go vet -vettool="$BIN/noopvet" "$target") >&2
	done
	echo "$TARGETS" >"$stamp"
}

# ---------------------------------------------------------------------------
# Measuring

# run MODE TOOL TARGET NAME: one run, raw results in $RUNDIR/NAME.*
run() {
	local mode=$1 tool=$2 target=$3 name=$4
	local out=$RUNDIR/$name
	rm -f "$out".*
	# Other work on the machine skews the times: record the load average.
	cut -d' ' -f1 /proc/loadavg >"$out.load"
	local rc=0 ooms
	ooms=$(oomKills | wc -l)
	case $mode in
	standalone)
		(cd "$MOD" && GOCACHE=$WORK/cache/standalone \
			/usr/bin/time -v -o "$out.time" "$BIN/$tool" "$target" \
			>"$out.stdout" 2>"$out.stderr") || rc=$?
		;;
	vet)
		rm -rf "$WORK/cache/vet-run"
		cp -a "$WORK/cache/vet-warm" "$WORK/cache/vet-run"
		: >"$out.toollog"
		(cd "$MOD" && GOCACHE=$WORK/cache/vet-run BENCH_TOOLLOG=$out.toollog \
			/usr/bin/time -v -o "$out.time" go vet -vettool="$BIN/vet-$tool" "$target" \
			>"$out.stdout" 2>"$out.stderr") || rc=$?
		;;
	esac
	echo "$rc" >"$out.rc"
	# A process killed by a signal prints nothing: say so, with the kernel's
	# out-of-memory kills that happened meanwhile (if dmesg is readable).
	if [ "$rc" -ge 128 ]; then
		echo "$mode $tool $target: killed by signal $((rc - 128)) (exit $rc)" >"$out.killed"
	fi
	oomKills | tail -n +$((ooms + 1)) | sed 's/^/kernel: /' >>"$out.killed"
	[ -s "$out.killed" ] || rm -f "$out.killed"
}

# oomKills: the kernel's "Out of memory: Killed process" lines so far,
# without timestamps; nothing if the kernel log cannot be read.

# timev FILE KEY: a value from /usr/bin/time -v output, times in seconds.

# summarize NAME: one TSV line of numbers for a finished run (wall cpu
# rss_mib exit crashlines findings toolprocs vetxonly toolcpu toolfail
# treerss_mib rsspkg otherlines), and its lists of findings, crash lines
# and other output in $RUNDIR/NAME.{findings,crash,other,toolfail}.
summarize() {
	local out=$RUNDIR/$1
	local wall user sys rss rc crash findings other
	wall=$(awk -v w="$(timev "$out.time" "Elapsed (wall clock)")" 'BEGIN { printf "%.1f", w }')
	user=$(timev "$out.time" "User time")
	sys=$(timev "$out.time" "System time")
	rss=$(timev "$out.time" "Maximum resident set size")
	rc=$(cat "$out.rc")
	cat "$out.stdout" "$out.stderr" >"$out.all"
	grep -E "$FINDING_RE" "$out.all" | LC_ALL=C sort -u >"$out.findings" || true
	# Crash text, outside diagnostics (a finding may well say "panic"),
	# each line with the go vet "# package" header it follows, if any.
	grep -vE "$FINDING_RE|$RELATED_RE" "$out.all" |
		awk -v re="$CRASH_RE" '/^# / { hdr = substr($0, 3) } tolower($0) ~ re { print (hdr != "" ? hdr ": " : "") $0 }' \
			>"$out.crash" || true
	# Every other line of output that is neither a diagnostic nor a "#"
	# header: errors of any kind.
	grep -vE "$FINDING_RE|$RELATED_RE|^# " "$out.all" >"$out.other" || true
	crash=$(wc -l <"$out.crash")
	other=$(wc -l <"$out.other")
	findings=$(wc -l <"$out.findings")
	local treerss=$rss toolprocs=- vetxonly=- toolcpu=- toolfail=- rsspkg=-
	if [ -f "$out.toollog" ]; then
		# Tool processes under go vet: largest RSS (and its package), total
		# CPU, and processes that exited non-zero or were killed. With -json
		# (which go vet always passes) a tool that ran normally exits 0.
		read -r toolprocs vetxonly toolcpu toolfail rss rsspkg < <(toolStats "$out")
	fi
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
		"$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", u + s }')" \
		"$(awk -v k="$rss" 'BEGIN { printf "%.0f", k / 1024 }')" \
		"$rc" "$crash" "$findings" "$toolprocs" "$vetxonly" "$toolcpu" "$toolfail" \
		"$(awk -v k="$treerss" 'BEGIN { printf "%.0f", k / 1024 }')" "$rsspkg" "$other"
}

# median: the median of the numbers on stdin, one per line ("-" stays "-").

measureAll() {
	: >"$RESULTS"
	rm -f "$RUNDIR"/*
	for target in $TARGETS; do
		for mode in $MODES; do
			if [ "$WARMUP" = 1 ]; then
				for tool in $TOOLS; do
					log "warm-up: $mode $tool $target"
					run "$mode" "$tool" "$target" "$(slug "$target")-$mode-$tool-warmup"
					# Not timed, but its crashes count.
					summarize "$(slug "$target")-$mode-$tool-warmup" >/dev/null
				done
			fi
			# The tools alternate, so that drift (thermal, page cache)
			# affects both alike.
			for i in $(seq 1 "$RUNS"); do
				for tool in $TOOLS; do
					local name
					name=$(slug "$target")-$mode-$tool-$i
					log "run $i/$RUNS: $mode $tool $target"
					run "$mode" "$tool" "$target" "$name"
					printf '%s\t%s\t%s\t%s\t%s\n' "$target" "$mode" "$tool" "$i" "$(summarize "$name")" >>"$RESULTS"
					log "  $(tail -n 1 "$RESULTS")"
				done
			done
		done
	done
}

# ---------------------------------------------------------------------------
# Report

# Columns of results.tsv: 1 target, 2 mode, 3 tool, 4 run, 5 wall, 6 cpu,
# 7 rss, 8 exit, 9 crash, 10 findings, 11 toolprocs, 12 vetxonly,
# 13 toolcpu, 14 toolfail, 15 treerss, 16 rsspkg, 17 other.

# values TARGET MODE TOOL COLUMN: a column over the runs of one cell that
# completed (not killed by a signal); if none did, over all of them.

# killedOnly TARGET MODE TOOL: whether every run of the cell was killed.
killedOnly() {
	awk -F'\t' -v t="$1" -v m="$2" -v o="$3" '
		$1 == t && $2 == m && $3 == o { if ($8 < 128) ok++; n++ }
		END { exit !(n > 0 && ok == 0) }
	' "$RESULTS"
}

# cell TARGET MODE TOOL COLUMN: the median of a column (see values),
# marked "killed at" when no run completed.
cell() {
	local fmt=%.1f prefix=
	case $4 in 7 | 11 | 12 | 15) fmt=%.0f ;; esac
	killedOnly "$1" "$2" "$3" && prefix="killed at "
	values "$@" | median | awk -v f="$fmt" -v p="$prefix" '$1 == "-" { print; next } { printf "%s" f "\n", p, $1 }'
}

# all TARGET MODE TOOL COLUMN: the distinct values of a column (see
# values), where a median would hide a bad run.
all() {
	values "$@" | LC_ALL=C sort -u | paste -sd';' - | sed 's/;/; /g'
}

# firstCompleted TARGET MODE TOOL: the findings file of the cell's first
# run that was not killed, if any.
firstCompleted() {
	local i
	i=$(awk -F'\t' -v t="$1" -v m="$2" -v o="$3" '$1 == t && $2 == m && $3 == o && $8 < 128 { print $4; exit }' "$RESULTS")
	[ -n "$i" ] && echo "$RUNDIR/$(slug "$1")-$2-$3-$i.findings"
	return 0
}

# exits TARGET MODE TOOL: every run's exit status, in order.
exits() {
	awk -F'\t' -v t="$1" -v m="$2" -v o="$3" '$1 == t && $2 == m && $3 == o { print $8 }' "$RESULTS" | paste -sd, -
}

report() {
	local target mode tool
	echo "### Setup"
	echo
	echo "- machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')), $(free -g | awk '/^Mem:/ {print $2}') GiB RAM, $(uname -sr)"
	echo "- $(go version), GOMAXPROCS and go vet -p at their defaults"
	echo "- 1-minute load average at the start of the measured runs: $(cat "$RUNDIR"/*-[0-9]*.load | LC_ALL=C sort -g | sed -n '1p;$p' | paste -sd- -) (other processes on the machine, if any, were not stopped)"
	echo "- awaitvet: $(cat "$WORK/awaitvet.build")"
	echo "- nilness: golang.org/x/tools/go/analysis/passes/nilness/cmd/nilness at golang.org/x/tools $XTOOLS_VERSION"
	echo
	# From the results themselves, so that "report" needs no settings.
	local runs warm=
	runs=$(awk -F'\t' '$4 > n { n = $4 } END { print n + 0 }' "$RESULTS")
	compgen -G "$RUNDIR/*-warmup.rc" >/dev/null && warm=', after one unmeasured warm-up run'
	echo "### Results ($runs measured run(s) per cell$([ "$runs" -gt 1 ] && echo ', medians')$warm)"
	echo
	echo "Peak RSS: standalone, the tool process; go vet, the largest single tool process."
	echo "Exit: every run's status, in order (137: killed by SIGKILL, see below); the other"
	echo "columns are over the runs that were not killed, unless all were (\"killed at\")."
	echo "Crash lines: output lines outside diagnostics matching /$CRASH_RE/ (case-insensitive)."
	echo "Other lines: output lines that are neither a diagnostic (file:line:col: ...) nor a"
	echo "go vet \"# package\" header; both are listed at the end."
	echo
	echo "| target | mode | tool | wall (s) | user+sys CPU (s) | peak RSS (MiB) | exit | crash lines | other lines | findings |"
	echo "|---|---|---|---:|---:|---:|---:|---:|---:|---:|"
	for target in $TARGETS; do
		for mode in $MODES; do
			for tool in $TOOLS; do
				printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$target" "$mode" "$tool" \
					"$(cell "$target" "$mode" "$tool" 5)" "$(cell "$target" "$mode" "$tool" 6)" \
					"$(cell "$target" "$mode" "$tool" 7)" "$(exits "$target" "$mode" "$tool")" \
					"$(all "$target" "$mode" "$tool" 9)" "$(all "$target" "$mode" "$tool" 17)" \
					"$(all "$target" "$mode" "$tool" 10)"
			done
		done
	done
	echo
	if [[ " $TOOLS " == *" awaitvet "* && " $TOOLS " == *" nilness "* ]]; then
		echo "### Ratios awaitvet / nilness"
		echo
		echo "| target | mode | wall | user+sys CPU | peak RSS |"
		echo "|---|---|---:|---:|---:|"
		for target in $TARGETS; do
			for mode in $MODES; do
				printf '| %s | %s' "$target" "$mode"
				for c in 5 6 7; do
					awk -v a="$(cell "$target" "$mode" awaitvet $c)" -v n="$(cell "$target" "$mode" nilness $c)" \
						'BEGIN { if (n > 0) printf " | %.2f", a / n; else printf " | -" }'
				done
				echo " |"
			done
		done
		echo
	fi
	if [[ " $MODES " == *" vet "* ]]; then
		echo "### go vet details (tool processes, from the -vettool wrapper's log)"
		echo
		echo "| target | tool | tool processes | of which facts-only | tool CPU (s) | non-zero tool exits | largest tool RSS (MiB), package | go vet tree max RSS (MiB) |"
		echo "|---|---|---:|---:|---:|---:|---|---:|"
		for target in $TARGETS; do
			for tool in $TOOLS; do
				printf '| %s | %s | %s | %s | %s | %s | %s, %s | %s |\n' "$target" "$tool" \
					"$(cell "$target" vet "$tool" 11)" "$(cell "$target" vet "$tool" 12)" \
					"$(cell "$target" vet "$tool" 13)" "$(all "$target" vet "$tool" 14)" \
					"$(cell "$target" vet "$tool" 7)" "$(all "$target" vet "$tool" 16)" \
					"$(cell "$target" vet "$tool" 15)"
			done
		done
		echo
	fi
	if [[ " $MODES " == *" vet "* && " $MODES " == *" standalone "* ]]; then
		echo "### Findings only one mode reports (first completed run of each)"
		echo
		echo "Both modes run in the scratch module, so their file names compare as they are."
		echo
		local any=0 a b
		for target in $TARGETS; do
			for tool in $TOOLS; do
				a=$(firstCompleted "$target" standalone "$tool")
				b=$(firstCompleted "$target" vet "$tool")
				[ -n "$a" ] && [ -n "$b" ] || continue
				if ! cmp -s "$a" "$b"; then
					any=1
					echo "- $tool on $target:"
					echo '  ```'
					{ LC_ALL=C comm -23 "$a" "$b" | sed 's/^/  standalone only: /'; LC_ALL=C comm -13 "$a" "$b" | sed 's/^/  go vet only:     /'; }
					echo '  ```'
				fi
			done
		done
		[ "$any" = 1 ] || echo "None: both modes report the same findings."
		echo
	fi
	echo "### Kills, crash text, other output and failed tool processes (all runs, warm-ups included)"
	echo
	local any=0 f
	for f in "$RUNDIR"/*.killed "$RUNDIR"/*.crash "$RUNDIR"/*.other "$RUNDIR"/*.toolfail; do
		[ -s "$f" ] || continue
		any=1
		echo "- \`$(basename "$f")\`:"
		echo '  ```'
		sed 's/^/  /' "$f"
		echo '  ```'
	done
	[ "$any" = 1 ] || echo "None: nothing killed, no crash text, no error output, no tool process exited non-zero."
	echo
	echo "Raw outputs, findings (*.findings) and logs: $RUNDIR"
}

main() {
	if [ "${1:-}" = report ]; then # re-render the report of the last measurement
		report
		return
	fi
	setup
	[[ " $MODES " == *" vet "* ]] && warmVetCache
	measureAll
	report
}

main "$@"
