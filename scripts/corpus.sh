#!/usr/bin/env bash
# corpus.sh: the precision corpus (issue 12, item 2): awaitvet's default
# checks on the non-test packages of pinned public modules, a findings file
# per module, and a gate against the committed labels. See
# bench/corpus/README.md.
#
# Usage:
#   scripts/corpus.sh run BIN [SHORT...]    run BIN -test=false -checks=all -json on each module
#                                           (all of them by default), one at a time,
#                                           and write bench/corpus/findings/SHORT.tsv
#   scripts/corpus.sh retire-generated      list the generated files of labelled findings in
#                                           retired.tsv (awaitvet reports nothing there)
#   scripts/corpus.sh mark-fixed            false labels without a finding become fixed
#                                           (they must not come back)
#   scripts/corpus.sh gate [-half HALF] [-quiet] [-blind]
#                                           compare the findings with labels.tsv:
#                                           exit 1 on a returned false finding, a
#                                           missing true one, or an unlabelled one;
#                                           print precision per check and half;
#                                           -blind: counts of each kind of failure,
#                                           no finding (the holdout half)
#   scripts/corpus.sh table HALF            per-module rows: findings and verdicts,
#                                           per check (HALF: tune, holdout or all)
#   scripts/corpus.sh label-template        append every unlabelled finding to
#                                           labels.tsv with verdict "?"
#   scripts/corpus.sh same BIN [SHORT...]   run BIN twice on each module (every check, no
#                                           result cache) and compare the JSON byte for
#                                           byte: exit 1 when a module's two runs differ
#   scripts/corpus.sh pkgs SHORT            the packages "run" analyses
#   scripts/corpus.sh add SHORT MODULE VERSION [TAGS]
#                                           make the wrapper module for a new module
#                                           (go get MODULE/...@VERSION) and add it
#                                           to modules.tsv; then "split"
#   scripts/corpus.sh split                 recompute the half column of modules.tsv
#                                           (each batch of BATCHES on its own)
#                                           by the rule in bench/corpus/README.md
#
# Env:  CORPUS_WORK  scratch directory for raw outputs (default /tmp/awaitvet-corpus)
#       GOMEMLIMIT   for the analysed runs (default 12GiB, as bench-scale.sh)
#       TIMEOUT      seconds after which one module's run is killed (default 1800)
#
# Requirements: go 1.26, GNU time at /usr/bin/time, the Go module proxy the
# first time (the modules), about 12 GiB of memory for the largest module.

set -euo pipefail
. "$(dirname "$0")/bench-lib.sh"

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CORPUS=$REPO/bench/corpus
MODULES=$CORPUS/modules.tsv
LABELS=$CORPUS/labels.tsv
FINDINGS=$CORPUS/findings
RUNLOG=$CORPUS/runs.tsv
WORK=${CORPUS_WORK:-/tmp/awaitvet-corpus}
TIMEOUT=${TIMEOUT:-1800}
export GOMEMLIMIT=${GOMEMLIMIT:-12GiB}
export GOTOOLCHAIN=local # the installed Go, never a downloaded one

# The three modules tuned on first (issue 7), always in the "tune" half.
FIXED_TUNE="grpc etcd client-go"
# The batches after the first, one line each ("batch N: SHORT..."), fixed
# when the batch was added and before anyone saw its findings. Each batch
# is split on its own (see split), so that adding one never moves a module
# of an earlier batch to the other half. Every other module is batch 1.
BATCHES="
2: asynq badger gnet go-plugin goleveldb nats-server raft3 rueidis watermill yamux
3: amqp etcdclient fasthttp franz groupcache mongo paho puddle ristretto temporal
4: centrifuge conc consulapi memdb nbio pond promclient redcon websocket zk
5: bigcache fsnotify influx mochi netpoll nomadapi prometheus rocketmq tikv vaultapi
6: cron go-nsq gocql gocron kcp mysql paho5 pubsub pulsar redigo
7: dns gozero ice jrpc2 kratos nss sctp smux toxiproxy workerpool
8: clickhouse dtls goyamux lru melody tally xcrypto xnet xsync zap
9: datastructures dockerclient elastic gliderssh gobreaker gokit grpcmw hclog pq webrtc
10: coderws gocache goevents klog logrus opencensus otelsdk sentry suture zerolog
11: boxo cometbft coredns geth jaeger tailscale
12: backoff buntdb dskit fiber freecache fx otelpipeline
13: aerospike gocb hystrix jaegerclient jsonrpc2 kaddht resiliency stan stanserver ttlcache turn webtransport
14: azamqp chgo ebpf glog gocbcore golimiter gometrics interceptor nacos notify srtp viper
15: chromedp cmux ctrlruntime ddstatsd evio gcache gws hcmetrics otter rmqstream rod tail
16: clockwork connect eventstore fastcache goproxy lp2ppubsub mockclock psrpc ratelimit river swraft zipkin
17: batchproc chanx cskrpubsub eachannels etcdraft gowf jsext k8sstreaming memlimiter oklogrun tableflip wmamqp
"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# row SHORT: the modules.tsv row of SHORT (short module version dir half
# tags).
row() {
	awk -F'\t' -v s="$1" '!/^#/ && $1 == s { print; f = 1 } END { exit !f }' "$MODULES" ||
		die "no module $1 in $MODULES"
}
# tagsFlag SHORT: -tags=... for the module's build tags (column 6; "-": none).
tagsFlag() {
	local t
	t=$(field "$1" 6)
	[ -n "$t" ] && [ "$t" != - ] && echo "-tags=$t"
	return 0
}
shorts() { awk -F'\t' '!/^#/ && NF { print $1 }' "$MODULES"; }
field() { row "$1" | cut -f"$2"; }

# gatebin: the gate program (bench/corpus/gate, standard library only), built
# once per invocation into $WORK.
gatebin() {
	mkdir -p "$WORK"
	(cd "$CORPUS/gate" && go build -o "$WORK/corpus-gate" .) || die "building bench/corpus/gate"
	echo "$WORK/corpus-gate"
}

# ---------------------------------------------------------------------------
# Adding a module

add() {
	local short=$1 mod=$2 ver=$3 tags=${4:--} dir=bench/corpus/mods/$1
	[ -n "$ver" ] || die "usage: corpus.sh add SHORT MODULE VERSION [TAGS]"
	if awk -F'\t' -v s="$short" '$1 == s { f = 1 } END { exit !f }' "$MODULES"; then
		die "$short is already in $MODULES"
	fi
	mkdir -p "$REPO/$dir"
	(
		cd "$REPO/$dir"
		rm -f go.mod go.sum main.go
		go mod init "github.com/awaitvet/awaitvet/$dir" >/dev/null 2>&1
		# Every non-test package of the module builds (no -t: only
		# non-test code is analysed).
		go get "$mod/...@$ver"
		# A package for main.go to import, so that the requirement is
		# direct: the module's root package if it is one, else its first
		# importable non-main package.
		local imp
		imp=$(go list -e -f '{{if and (not .Error) (ne .Name "main")}}{{.ImportPath}}{{end}}' "$mod" 2>/dev/null || true)
		[ -n "$imp" ] || imp=$(go list -e -f '{{if and (not .Error) (ne .Name "main") (eq .Module.Path "'"$mod"'")}}{{.ImportPath}}{{end}}' "$mod/..." 2>/dev/null |
			{ grep -v -e '/internal/' -e '/internal$' || true; } | sed -n 1p)
		[ -n "$imp" ] || die "$mod: no importable package"
		cat >main.go <<-EOF
		// Command $short only makes $mod $ver a direct requirement of the
		// corpus wrapper module that scripts/corpus.sh analyses. Do not run
		// go mod tidy here: the requirements of the module's other
		// packages would be dropped.
		package main

		import _ "$imp"

		func main() {}
		EOF
		# Every package of the module and its dependencies resolve
		# (awaitvet type-checks them from source; nothing is compiled).
		# ("$mod/..." may also match a nested module of the build list:
		# "corpus.sh pkgs" is the real test.)
		go list -deps . "$mod/..." >/dev/null || log "warning: $short: go list -deps . $mod/... fails; try corpus.sh pkgs $short"
	)
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$short" "$mod" "$ver" "$dir" "?" "$tags" >>"$MODULES"
	log "added $short: $mod $ver in $dir; run 'corpus.sh split' to assign its half"
}

# split: the half of each module, by the rule of bench/corpus/README.md: the
# three fixed modules are "tune"; the other modules of each batch (BATCHES;
# batch 1 is every module no later batch names), sorted by short name (C
# locale), alternate holdout, tune, holdout, ... starting with holdout, each
# batch on its own.
split() {
	local tmp=$MODULES.tmp
	awk -F'\t' -v OFS='\t' -v fixed=" $FIXED_TUNE " -v batches="$BATCHES" '
		BEGIN {
			nb = split(batches, bl, "\n")
			for (i = 1; i <= nb; i++) {
				if (bl[i] !~ /^[0-9]+:/) continue
				b = bl[i]; sub(/:.*/, "", b)
				rest = bl[i]; sub(/^[0-9]+:/, "", rest)
				k = split(rest, ss, " ")
				for (j = 1; j <= k; j++) batch[ss[j]] = b + 0
			}
		}
		/^#/ || !NF { next }
		{
			rows[$1] = $0
			if (index(fixed, " " $1 " ")) { half[$1] = "tune"; next }
			b = ($1 in batch) ? batch[$1] : 1
			others[b, ++n[b]] = $1; used[b] = 1
		}
		END {
			for (b in used) {
				m = n[b]
				# insertion sort, C-locale byte order
				for (i = 2; i <= m; i++) { v = others[b, i]; for (j = i - 1; j >= 1 && others[b, j] > v; j--) others[b, j + 1] = others[b, j]; others[b, j + 1] = v }
				for (i = 1; i <= m; i++) half[others[b, i]] = (i % 2 == 1) ? "holdout" : "tune"
			}
			for (s in rows) { split(rows[s], f, "\t"); f[5] = half[s]; print f[1], f[2], f[3], f[4], f[5], f[6] }
		}' "$MODULES" | LC_ALL=C sort -t $'\t' -k5,5r -k1,1 >"$tmp.body"
	{ grep '^#' "$MODULES"; cat "$tmp.body"; } >"$tmp"
	rm -f "$tmp.body"
	mv "$tmp" "$MODULES"
}

# retireGenerated writes retired.tsv: one row per generated file (the
# "// Code generated ... DO NOT EDIT." line Go's convention puts at the top)
# of every module that holds a labelled finding, since awaitvet reports
# nothing in generated files. The
# gate then takes a finding that disappears from one of them as retired,
# not lost; the file list comes from the module sources, not from findings.
# labelledFiles SHORT: the files of the module's labelled findings.
labelledFiles() {
	awk -F'\t' -v s="$1" '!/^#/ && $1 == s { split($3, p, ":"); print p[1] }' "$LABELS" | LC_ALL=C sort -u
}

retireGenerated() {
	local out=$CORPUS/retired.tsv short dir f
	mkdir -p "$WORK"
	printf '# short\tfile glob\treason\n' >"$out.tmp"
	for short in $(awk -F'\t' '!/^#/ {print $1}' "$MODULES"); do
		dir=$(moddir "$short")
		labelledFiles "$short" >"$WORK/$short.labelled"
		: >"$WORK/$short.generated"
		while read -r f; do
			if head -c 4096 "$dir/$f" 2>/dev/null | grep -qE '^// Code generated .* DO NOT EDIT\.$'; then
				echo "$f" >>"$WORK/$short.generated"
			fi
		done <"$WORK/$short.labelled"
		while read -r f; do
			printf '%s\t%s\tgenerated file: awaitvet reports nothing in generated files\n' "$short" "$f" >>"$out.tmp"
		done <"$WORK/$short.generated"
	done
	mv "$out.tmp" "$out"
	echo "$(($(wc -l <"$out") - 1)) generated files in $out"
}

# ---------------------------------------------------------------------------
# Packages

# moddir SHORT: the directory of the module in the module cache (downloaded
# if it is not there yet).
moddir() {
	local mod ver wrap d
	mod=$(field "$1" 2) ver=$(field "$1" 3) wrap=$REPO/$(field "$1" 4)
	d=$(cd "$wrap" && go list -m -f '{{.Dir}}' "$mod") || die "$1: go list -m $mod"
	if [ -z "$d" ]; then
		d=$(cd "$wrap" && go mod download -json "$mod" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
	fi
	[ -d "$d" ] || die "$1: no directory for $mod $ver"
	echo "$d"
}

# listPkgs SHORT: the module's own non-test packages into $WORK/SHORT.pkgs:
# every directory of the module (moduleDirs, bench-lib.sh) that go list
# loads without error in the wrapper. Directories that are not packages
# here (build constraints exclude every file, or only tests) are left out
# and listed in $WORK/SHORT.notpkgs; any other error fails.
listPkgs() {
	local short=$1 mod wrap dir tags
	mod=$(field "$short" 2) wrap=$REPO/$(field "$short" 4)
	tags=$(tagsFlag "$short")
	mkdir -p "$WORK"
	dir=$(moddir "$short")
	moduleDirs "$dir" "$mod" >"$WORK/$short.dirs"
	[ -s "$WORK/$short.dirs" ] || die "$short: no Go directories in $dir"
	(cd "$wrap" && go list $tags -e -f '{{.ImportPath}}{{"\t"}}{{with .Error}}{{printf "%q" .Err}}{{end}}' $(cat "$WORK/$short.dirs")) \
		>"$WORK/$short.list" 2>"$WORK/$short.list.stderr" || {
		cat "$WORK/$short.list.stderr" >&2
		die "$short: go list failed"
	}
	awk -F'\t' '$2 == ""' "$WORK/$short.list" | cut -f1 >"$WORK/$short.pkgs"
	awk -F'\t' '$2 != ""' "$WORK/$short.list" >"$WORK/$short.notpkgs"
	local bad
	bad=$(grep -v -e 'build constraints exclude all Go files' -e 'no non-test Go files' "$WORK/$short.notpkgs" || true)
	if [ -n "$bad" ]; then
		printf '%s\n' "$bad" >&2
		die "$short: packages that do not load (above)"
	fi
	[ -s "$WORK/$short.pkgs" ] || die "$short: no packages"
}

# ---------------------------------------------------------------------------
# Running

# runModule BIN SHORT: one module; returns non-zero if the run failed (the
# reason is in findings/SHORT.failed and on stderr).
runModule() {
	local bin=$1 short=$2 mod ver wrap dir out=$WORK/$2 rc=0 status=ok reason=
	mod=$(field "$short" 2) ver=$(field "$short" 3) wrap=$REPO/$(field "$short" 4)
	rm -f "$out".*
	listPkgs "$short"
	dir=$(moddir "$short")
	local npkgs nnot
	npkgs=$(wc -l <"$out.pkgs") nnot=$(wc -l <"$out.notpkgs")
	log "$short: $mod $ver, $npkgs packages ($nnot directories not packages here)"
	(cd "$wrap" && /usr/bin/time -v -o "$out.time" timeout -k 60 "$TIMEOUT" \
		"$bin" -test=false -checks=all $(tagsFlag "$short") -json $(cat "$out.pkgs") >"$out.json" 2>"$out.stderr") || rc=$?
	local wall cpu rss
	wall=$(awk -v w="$(timev "$out.time" "Elapsed (wall clock)")" 'BEGIN { printf "%.1f", w }')
	cpu=$(awk -v u="$(timev "$out.time" "User time")" -v s="$(timev "$out.time" "System time")" 'BEGIN { printf "%.1f", u + s }')
	rss=$(awk -v k="$(timev "$out.time" "Maximum resident set size")" 'BEGIN { printf "%.0f", k / 1024 }')

	# With -json awaitvet exits 0 unless packages fail to load (1); 3
	# (findings) is accepted too, in case a build does not have -json.
	if [ "$rc" != 0 ] && [ "$rc" != 3 ]; then
		status=failed
		case $rc in
		124 | 137) reason="killed after the timeout of ${TIMEOUT}s (exit $rc)" ;;
		*) reason="exit status $rc" ;;
		esac
	elif grep -qiE 'panic|internal error|analyzer crashed|fatal error' "$out.stderr"; then
		status=failed reason="crash text on stderr"
	fi
	local n=-
	if [ "$status" = ok ]; then
		if ("$GATE" normalize -moddir "$dir" -modcache "$(go env GOMODCACHE)" -goroot "$(go env GOROOT)" \
			-title "awaitvet -test=false -checks=all findings on $mod $ver ($npkgs packages); scripts/corpus.sh run" \
			-o "$out.tsv" <"$out.json" >"$out.normalize" 2>"$out.normalize.err"); then
			n=$(awk '!/^#/' "$out.tsv" | wc -l)
		else
			status=failed reason="$(head -n 3 "$out.normalize.err" | paste -sd';' -)"
		fi
	fi
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%Y-%m-%dT%H:%MZ)" "$short" "$mod@$ver" \
		"$BUILD" "$npkgs" "$rc" "$wall" "$cpu" "$rss" "$GOMEMLIMIT" "$n" "$status${reason:+: $reason}" >>"$RUNLOG"
	if [ "$status" = ok ]; then
		mv "$out.tsv" "$FINDINGS/$short.tsv"
		rm -f "$FINDINGS/$short.failed"
		log "$short: $n findings, ${wall}s wall, ${cpu}s CPU, ${rss} MiB peak RSS"
		[ -s "$out.stderr" ] && log "$short: stderr (not a failure): $(head -c 300 "$out.stderr")"
		return 0
	fi
	# A failed run leaves no findings file (an old one would pass for this
	# run's result), and a .failed file the gate reports.
	rm -f "$FINDINGS/$short.tsv"
	{
		echo "$reason"
		echo "run: $(date -u +%Y-%m-%dT%H:%MZ), $BUILD, exit $rc, ${wall}s, ${rss} MiB"
		echo "stderr (first 40 lines):"
		head -n 40 "$out.stderr"
		[ -s "$out.normalize.err" ] && { echo "normalize:"; head -n 40 "$out.normalize.err"; }
	} >"$FINDINGS/$short.failed"
	log "FAILED: $short: $reason (see $FINDINGS/$short.failed and $out.stderr)"
	return 1
}

runAll() {
	local bin=$1
	shift
	[ -x "$bin" ] || die "usage: corpus.sh run BIN [SHORT...]: $bin is not an executable"
	bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
	BUILD="$("$bin" version 2>/dev/null | head -n 1 | tr '\t' ' '), sha256 $(sha256sum "$bin" | cut -c1-12)"
	mkdir -p "$WORK" "$FINDINGS"
	GATE=$(gatebin)
	[ -f "$RUNLOG" ] || printf '# date\tshort\tmodule\tawaitvet\tpackages\texit\twall_s\tcpu_s\tmax_rss_mib\tGOMEMLIMIT\tfindings\tstatus\n' >"$RUNLOG"
	local shorts_=("$@") s failed=()
	[ ${#shorts_[@]} -gt 0 ] || mapfile -t shorts_ < <(shorts)
	for s in "${shorts_[@]}"; do
		row "$s" >/dev/null
		runModule "$bin" "$s" || failed+=("$s")
	done
	if [ ${#failed[@]} -gt 0 ]; then
		log "FAILED: ${failed[*]} (no findings file written for them; see bench/corpus/findings/*.failed)"
		return 1
	fi
	log "all ${#shorts_[@]} modules ran; findings in $FINDINGS"
}

# sameAll BIN [SHORT...]: the determinism check of the whole corpus: two
# runs of every check, the result cache off, must print the same bytes.
sameAll() {
	local bin=$1
	shift
	[ -x "$bin" ] || die "usage: corpus.sh same BIN [SHORT...]: $bin is not an executable"
	bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
	mkdir -p "$WORK"
	local shorts_=("$@") s i differ=() wrap out
	[ ${#shorts_[@]} -gt 0 ] || mapfile -t shorts_ < <(shorts)
	for s in "${shorts_[@]}"; do
		row "$s" >/dev/null
		listPkgs "$s"
		wrap=$REPO/$(field "$s" 4) out=$WORK/$s.same
		for i in 1 2; do
			(cd "$wrap" && AWAITVET_CACHE=off timeout -k 60 "$TIMEOUT" \
				"$bin" -test=false -checks=all $(tagsFlag "$s") -json $(cat "$WORK/$s.pkgs") >"$out.$i" 2>/dev/null) || true
		done
		if cmp -s "$out.1" "$out.2"; then
			log "$s: same bytes ($(wc -c <"$out.1") bytes of JSON)"
		else
			log "$s: the two runs differ (diff $out.1 $out.2)"
			differ+=("$s")
		fi
	done
	if [ ${#differ[@]} -gt 0 ]; then
		log "DIFFER: ${differ[*]}"
		return 1
	fi
	log "all ${#shorts_[@]} modules: the same bytes on both runs"
}

main() {
	local cmd=${1:-}
	[ $# -gt 0 ] && shift
	case $cmd in
	add) add "$@" ;;
	run) runAll "$@" ;;
	same) sameAll "$@" ;;
	pkgs) listPkgs "$1" && cat "$WORK/$1.pkgs" ;;
	gate) "$(gatebin)" gate -corpus "$CORPUS" "$@" ;;
	table) "$(gatebin)" table -corpus "$CORPUS" "$@" ;;
	label-template) "$(gatebin)" template -corpus "$CORPUS" ;;
	mark-fixed) "$(gatebin)" mark-fixed -corpus "$CORPUS" ;;
	split) split ;;
	retire-generated) retireGenerated ;;
	*) sed -n '2,/^$/p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
	esac
}

main "$@"
