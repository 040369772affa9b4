#!/usr/bin/env bash
# goker-score.sh: the on-cause score of a vet tool on the GoKer kernels that
# ship with Go ($GOROOT/src/runtime/testdata/testgoroutineleakprofile: 63
# kernels in goker/*.go and six patterns in commonpatterns.go). Where
# ../shared/bench/goker.sh counts a kernel as detected when the tool says
# anything in its file, this script counts it only when one of the tool's
# diagnostics there was judged to be on the kernel's documented cause
# (bench/goker/verdicts.tsv; how to judge: bench/goker/README.md).
#
# usage: goker-score.sh BIN [-all] [-dump]
#   BIN    a binary that speaks the `go vet -vettool` protocol (a built awaitvet)
#   -all   run every check of BIN (-awaitvet.checks=all), experimental ones included
#   -dump  print only the unjudged diagnostics, as verdicts.tsv rows with verdict "?"
#          (fill in verdict and reason, then append them to verdicts.tsv)
# prints, per kernel and pattern, "cause" (a diagnostic on the documented
# cause), "off" (diagnostics, none of them on the cause) or "missed" (none),
# with each diagnostic and its verdict; then the unjudged diagnostics, the
# on-cause count per bug shape of bench/goker/causes.tsv, and
#   on cause: N/63 kernels, patterns N/6 (detected at all: N/63, N/6; diagnostics: N, off cause: N, unjudged: N)
# Exit status: 0, or 1 when a diagnostic has no verdict (judge it first), 2
# when the tool fails to run or a kernel has no row in causes.tsv.
#
# A diagnostic matches a verdict row by kernel, check (the JSON category)
# and key: its message with the digits replaced by # and the package
# qualifiers goker./patterns. dropped, so that moved lines and changed counts
# keep their verdict but a changed claim does not. When rows with the same
# key disagree, the one at the diagnostic's line:col decides.
set -euo pipefail
tool=${1:?usage: goker-score.sh BIN [-all] [-dump]}
shift
all= dump=
for a in "$@"; do
  case $a in
    -all) all=-awaitvet.checks=all ;;
    -dump) dump=1 ;;
    *) echo "goker-score.sh: unknown argument $a" >&2; exit 2 ;;
  esac
done
tool=$(cd "$(dirname "$tool")" && pwd)/$(basename "$tool")
here=$(cd "$(dirname "$0")/.." && pwd)
verdicts=${GOKER_VERDICTS:-$here/bench/goker/verdicts.tsv}
causes=$here/bench/goker/causes.tsv
src=$(go env GOROOT)/src/runtime/testdata/testgoroutineleakprofile
[ -d "$src/goker" ] || { echo "goker-score.sh: no GoKer kernels under $src" >&2; exit 2; }
command -v jq >/dev/null || { echo "goker-score.sh: needs jq" >&2; exit 2; }

# A fresh directory on every run: go vet caches a tool's output keyed by the
# tool's build ID, the flags on its own command line and the files' paths, so
# a wrapper script that adds flags, run twice in one directory, would be
# served the other run's diagnostics.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/goker" "$work/patterns"
cp "$src"/goker/*.go "$work/goker/"
cp "$src"/main.go "$src"/commonpatterns.go "$work/patterns/"
printf 'module goker.local\n\ngo 1.24\n' >"$work/go.mod"

cd "$work"
# With -json, go vet prints one JSON object per package on stderr and exits 0.
if ! go vet -vettool="$tool" -json $all ./goker ./patterns >"$work/out.json" 2>&1 ||
  ! jq -e . "$work/out.json" >/dev/null 2>&1; then
  echo "goker-score.sh: the tool failed to run:" >&2
  head -20 "$work/out.json" >&2
  exit 2
fi
if jq -e -s '[.[] | .[] | .[] | objects | has("error")] | any' "$work/out.json" >/dev/null 2>&1; then
  echo "goker-score.sh: the tool reported an error:" >&2
  jq -r '.. | .error? // empty | tostring' "$work/out.json" | head -5 >&2
  exit 2
fi
# category, file, line, col, message (one line per primary diagnostic; related
# positions are the witness, not diagnostics of their own). Under go vet the
# message ends with the check's name, " [leak]", which the category already
# gives: it is dropped.
jq -r '.[] | .[] | arrays | .[] |
  (.posn | capture("(?<f>[^/]+/[^/]+\\.go):(?<l>[0-9]+):(?<c>[0-9]+)$")) as $p |
  [.category, $p.f, $p.l, $p.c, (.message | gsub("[\t\n]"; " ") | sub(" \\[[a-z]+\\]$"; ""))] | @tsv' "$work/out.json" |
  LC_ALL=C sort -t$'\t' -k2,2 -k3,3n -k4,4n -k1,1 -k5,5 >"$work/diags.tsv"

# The units scored: each kernel file, and each pattern of commonpatterns.go.
# A pattern is the stretch of the file that ends with the function its
# init registers (NoCloseRange, ...) and starts after the previous one ends,
# so that a pattern's helper types and functions belong to it.
ls goker/*.go | sed -E 's#goker/(.*)\.go#\1#' | grep -vx main | LC_ALL=C sort >"$work/kernels.txt"
pf=patterns/commonpatterns.go
sed -nE 's/^[[:space:]]*register\("([A-Za-z0-9_]+)", *[A-Za-z0-9_]+\)$/\1/p' "$pf" >"$work/drivers.txt"
awk -v drivers="$work/drivers.txt" '
  BEGIN { while ((getline d <drivers) > 0) want[d] = 1 }
  /^func / { if (cur != "") { print cur "\t" NR - 1; cur = "" } }
  /^func [A-Za-z0-9_]+\(/ { n = $2; sub(/\(.*/, "", n); if (n in want) cur = n }
  /^}/ { if (cur != "") { print cur "\t" NR; cur = "" } }
' "$pf" | sort -t$'\t' -k2,2n >"$work/patends.tsv"
[ "$(wc -l <"$work/patends.tsv")" -eq 6 ] || { echo "goker-score.sh: expected 6 patterns in $pf" >&2; exit 2; }

awk -F'\t' -v OFS='\t' -v patends="$work/patends.tsv" -v kernels="$work/kernels.txt" \
  -v dump="$dump" -v all="$all" -v causes="$causes" '
function key(m) {
  gsub(/(goker|patterns)\./, "", m)
  gsub(/[0-9]+/, "#", m)
  gsub(/[ \t]+/, " ", m)
  sub(/^ /, "", m); sub(/ $/, "", m)
  return m
}
FILENAME == patends { np++; pname[np] = $1; pend[np] = $2; next }
FILENAME == kernels { nk++; kname[nk] = $1; next }
FILENAME == causes { if ($0 !~ /^#/ && NF >= 3) shape[$1] = $2; next }
FILENAME != "-" {
  # verdicts.tsv: kernel, pos, check, key, verdict, reason
  if ($0 ~ /^#/ || NF < 5) next
  if ($5 != "cause" && $5 != "off") { printf "goker-score.sh: verdicts.tsv line %d: verdict %s is neither cause nor off\n", FNR, $5 >"/dev/stderr"; bad = 1; next }
  k = $1 SUBSEP $3 SUBSEP $4
  if (k in v && v[k] != $5) v[k] = "?"; else if (!(k in v)) v[k] = $5
  vp[k SUBSEP $2] = $5
  reason[k SUBSEP $2] = $6; reasonk[k] = $6
  next
}
{
  # diagnostics: category, file, line, col, message
  unit = ""
  if ($2 ~ /^goker\//) { unit = $2; sub(/^goker\//, "", unit); sub(/\.go$/, "", unit) }
  else if ($2 ~ /commonpatterns\.go$/) {
    for (i = 1; i <= np; i++) if ($3 + 0 <= pend[i] + 0) { unit = "patterns/" pname[i]; break }
    if (unit == "") unit = "patterns/(outside)"
  } else next
  pos = $3 ":" $4
  k = unit SUBSEP $1 SUBSEP key($5)
  if ((k SUBSEP pos) in vp) { ver = vp[k SUBSEP pos]; why = reason[k SUBSEP pos] }
  else if ((k in v) && v[k] != "?") { ver = v[k]; why = reasonk[k] }
  else { ver = "unjudged"; why = "" }
  nd[unit]++; line[unit, nd[unit]] = sprintf("    %-8s %s:%s [%s] %s", ver, $2, pos, $1, $5)
  if (ver == "cause") oncause[unit] = 1
  if (ver == "off") offs++
  if (ver == "unjudged") {
    nu++; un[nu] = unit OFS pos OFS $1 OFS key($5) OFS "?" OFS ""
    ud[nu] = sprintf("  %s %s:%s [%s] %s", unit, $2, pos, $1, $5)
  }
  total++
}
END {
  if (bad) exit 2
  if (dump) { for (i = 1; i <= nu; i++) print un[i]; exit (nu > 0) }
  printf "GoKer on-cause score (%s)\n", all != "" ? "every check" : "default checks"
  for (i = 1; i <= nk; i++) report(kname[i], "goker")
  for (i = 1; i <= np; i++) report("patterns/" pname[i], "pattern")
  if ("patterns/(outside)" in nd) report("patterns/(outside)", "pattern")
  if (nu > 0) {
    printf "\nunjudged diagnostics (%d): judge them and add rows to bench/goker/verdicts.tsv (-dump prints them as rows)\n", nu
    for (i = 1; i <= nu; i++) print ud[i]
  }
  printf "\non cause by shape (kernels and patterns, bench/goker/causes.tsv):"
  n = 0; for (sh in shn) order[++n] = sh
  for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (order[j] < order[i]) { t = order[i]; order[i] = order[j]; order[j] = t }
  for (i = 1; i <= n; i++) printf " %s %d/%d%s", order[i], shc[order[i]], shn[order[i]], i < n ? "," : "\n"
  if (noshape) exit 2
  printf "\non cause: %d/%d kernels, patterns %d/%d (detected at all: %d/%d, %d/%d; diagnostics: %d, off cause: %d, unjudged: %d)\n",
    kc, nk, pc, np, kd, nk, pd, np, total, offs, nu
  exit (nu > 0)
}
function report(u, kind,   s, j, sh) {
  s = (u in oncause) ? "cause" : (nd[u] > 0 ? "off" : "missed")
  if (kind == "goker") { if (s == "cause") kc++; if (nd[u] > 0) kd++ }
  else if (u != "patterns/(outside)") { if (s == "cause") pc++; if (nd[u] > 0) pd++ }
  if (!(u in shape) && u != "patterns/(outside)") { printf "goker-score.sh: %s has no row in causes.tsv\n", u >"/dev/stderr"; noshape = 1 }
  sh = shape[u]; shn[sh]++; if (s == "cause") shc[sh]++
  printf "%-8s %s\n", s, u
  for (j = 1; j <= nd[u]; j++) print line[u, j]
}
' "$work/patends.tsv" "$work/kernels.txt" "$causes" "$verdicts" - <"$work/diags.tsv"
