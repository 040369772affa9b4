# bench-lib.sh: helpers shared by bench-robustness.sh and bench-scale.sh,
# which source it. values reads $RESULTS, which each script sets.

# timev FILE KEY: a value from /usr/bin/time -v output (Elapsed in seconds).
timev() {
	awk -F': ' -v k="$2" 'index($0, k) {
		v = $NF
		if (k ~ /Elapsed/) { n = split(v, p, ":"); v = 0; for (i = 1; i <= n; i++) v = v * 60 + p[i] }
		print v; exit
	}' "$1"
}

# oomKills: the kernel's OOM-killer lines, for the report.
oomKills() {
	{ dmesg 2>/dev/null || true; } | grep 'Out of memory: Killed process' | sed 's/^\[[^]]*\] //' || true
}

# values TARGET CELL TOOL COLUMN: a column of results.tsv for one cell, the
# runs that exited normally if there are any.
values() {
	awk -F'\t' -v t="$1" -v m="$2" -v o="$3" -v c="$4" '
		$1 == t && $2 == m && $3 == o { if ($8 < 128) ok[++n] = $c; all[++a] = $c }
		END { if (n) for (i = 1; i <= n; i++) print ok[i]; else for (i = 1; i <= a; i++) print all[i] }
	' "$RESULTS"
}

# median: of the numbers on standard input ("-" when there are none).
median() {
	LC_ALL=C sort -g | awk '{ v[NR] = $1 } END {
		if (NR == 0 || v[1] == "-") { print "-"; exit }
		if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2
	}'
}

# toolStats OUT: the tool processes go vet ran, from OUT.toollog (the vet
# wrapper's log): prints "processes facts-only cpu failed max_rss_kb max_pkg"
# and lists the failed ones in OUT.toolfail. With -json (which go vet always
# passes) a tool that ran normally exits 0.
toolStats() {
	awk '
		/^tool / {
			n++
			for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
			p = $0; sub(/.* pkg=/, "", p)
			if (f["vetxonly"] == 1) x++
			cpu += f["user"] + f["sys"]
			if (f["exit"] != 0) bad++
			if (f["rss_kb"] + 0 > max) { max = f["rss_kb"] + 0; maxpkg = p }
		}
		/terminated by signal/ { bad++ }
		END { printf "%d %d %.1f %d %d %s\n", n, x, cpu, bad, max, (maxpkg == "" ? "-" : maxpkg) }
	' "$1.toollog"
	awk '/^Command (exited|terminated)/ { getline l; sub(/.* pkg=/, "", l); print $0 ": " l }' \
		"$1.toollog" >"$1.toolfail"
}

# writeNoopvet FILE: the source of noopvet, a vettool that does nothing; go
# vet with it warms the build cache without caching any real tool's results.
writeNoopvet() {
	cat >"$1" <<-'EOF'
	// Command noopvet is a vettool that does nothing; it warms the build
	// cache for go vet without caching any real tool's results.
	package main

	import (
		"golang.org/x/tools/go/analysis"
		"golang.org/x/tools/go/analysis/unitchecker"
	)

	var noop = &analysis.Analyzer{
		Name: "noop",
		Doc:  "does nothing",
		Run:  func(*analysis.Pass) (any, error) { return nil, nil },
	}

	func main() { unitchecker.Main(noop) }
	EOF
}

# writeVetWrapper OUT TOOL: a -vettool for go vet that runs TOOL under
# /usr/bin/time and appends to $BENCH_TOOLLOG (set per run) one "tool ..." line
# per package (RSS, times, exit, whether go vet ran it only for facts) and one
# "vetx ..." line with the size of the facts it wrote. go vet runs the tool
# with the .cfg file last; the package is the cfg's "ID", its import path
# (p_test for an external test package; p's test variant is "p" too).
writeVetWrapper() {
	cat >"$1" <<-EOF
	#!/bin/sh
	real=$2
	for cfg; do :; done
	case "\$cfg" in
	*.cfg) ;;
	*) exec "\$real" "\$@" ;;
	esac
	pkg=\$(sed -n 's/^[[:space:]]*"ID": "\(.*\)",\$/\1/p' "\$cfg" | head -n 1)
	vetx=\$(sed -n 's/^[[:space:]]*"VetxOutput": "\(.*\)",\$/\1/p' "\$cfg" | head -n 1)
	vetxonly=0
	grep -q '"VetxOnly": true' "\$cfg" && vetxonly=1
	/usr/bin/time -a -o "\$BENCH_TOOLLOG" \\
		-f "tool rss_kb=%M wall=%e user=%U sys=%S exit=%x vetxonly=\$vetxonly pkg=\$(echo "\$pkg" | sed 's/%/%%/g')" \\
		"\$real" "\$@"
	rc=\$?
	size=-
	[ -n "\$vetx" ] && [ -f "\$vetx" ] && size=\$(stat -c %s "\$vetx")
	echo "vetx bytes=\$size vetxonly=\$vetxonly pkg=\$pkg" >>"\$BENCH_TOOLLOG"
	exit \$rc
	EOF
	chmod +x "$1"
}

# moduleDirs DIR MODULE: the import paths of the directories with .go files
# in the module MODULE whose root is DIR, as "MODULE/..." would list them
# without nested modules, testdata and _/. directories, and counting no _/.
# file (the go tool ignores them: mongo-driver's examples directory holds
# only _example_customdns_test.go). (The pattern itself
# cannot always be used: github.com/spiffe/go-spiffe requires
# google.golang.org/grpc/examples, a nested module "google.golang.org/grpc/..."
# would then match, and its requirements are not in the build list.) Some
# may not be packages for the build context (build constraints, tests only):
# go list tells.
moduleDirs() {
	local dir=$1 m=$2
	(cd "$dir" && find . -mindepth 1 -type d \( -name testdata -o -name '_*' -o -name '.*' \) -prune \
		-o -type f -name '*.go' ! -name '_*' ! -name '.*' -printf '%h\n' | LC_ALL=C sort -u) |
		while read -r d; do
			local up=$d nested=0
			while [ "$up" != . ]; do
				[ -f "$dir/$up/go.mod" ] && nested=1 && break
				up=$(dirname "$up")
			done
			[ $nested = 0 ] && echo "$m${d#.}"
		done
}
