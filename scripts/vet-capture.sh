#!/bin/bash
# vet-capture.sh: the per-package tool invocations of a vet-incr run, kept
# so that each can be replayed alone (to profile or compare one process).
# Needs a bench-scale.sh setup in $BENCH_WORK (the warm vet cache, the
# module copies and package lists). The target's module is copied once more
# (to $BENCH_WORK/capsrc) so that a bench-scale.sh run can go on alongside.
#
# usage: scripts/vet-capture.sh TOOLBIN OUTDIR [TARGET [FILE]]
#   runs go vet -vettool=TOOLBIN cold, inserts a line into FILE (default
#   etcd's lease/lessor.go), runs it again, and leaves in OUTDIR/incr one
#   .cfg per tool process of the second run (NN-V-ID.cfg, V = 1 for
#   facts-only), with the files go vet's temporary directory held copied
#   under OUTDIR/incr/files; the GOCACHE they point into is kept
#   ($BENCH_WORK/cache/cap-PID). Replay one with "TOOLBIN -json FILE.cfg",
#   compare two tools with scripts/vet-replay-ab.py.
set -e
W=${BENCH_WORK:-/tmp/awaitvet-scale}
tool=$1 out=$2 t=${3:-etcd} file=${4:-lease/lessor.go}
here=$(cd "$(dirname "$0")" && pwd)
[ -d "$W/capsrc/$t" ] || { mkdir -p "$W/capsrc"; cp -r "$W/src/$t" "$W/capsrc/"; }
mkdir -p "$W/capmod"
cp "$W/mod/go.mod" "$W/mod/go.sum" "$W/mod/main.go" "$W/capmod/"
sed -i "s#=> $W/src/$t\$#=> $W/capsrc/$t#" "$W/capmod/go.mod"
rm -rf "$W/cache/cap-$$" "$out"
mkdir -p "$out/cold" "$out/incr"
cp -a "$W/cache/vet-warm" "$W/cache/cap-$$"
# The wrapper: copy the .cfg (and what it names in go vet's temporary
# directory) before running the tool, and the facts it wrote after.
cat >"$out/wrap.sh" <<WRAP
#!/bin/sh
for cfg; do :; done
case "\$cfg" in
*.cfg) ;;
*) exec "$tool" "\$@" ;;
esac
python3 "$here/vet-replay-ab.py" save "\$cfg" "\$CAPTURE_DIR"
exec "$tool" "\$@"
WRAP
chmod +x "$out/wrap.sh"
cd "$W/capmod"
export GOCACHE=$W/cache/cap-$$ GOTOOLCHAIN=local
CAPTURE_DIR=$out/cold go vet -vettool="$out/wrap.sh" $(cat "$W/pkgs/$t.txt") >/dev/null 2>&1 || true
f=$W/capsrc/$t/$file
cp "$f" "$f.cap"
trap 'mv "$f.cap" "$f"' EXIT
awk '{ print } !done && /^package / { print "// capture edit"; done = 1 }' "$f.cap" >"$f"
CAPTURE_DIR=$out/incr go vet -vettool="$out/wrap.sh" $(cat "$W/pkgs/$t.txt") >/dev/null 2>&1 || true
echo "$(ls "$out/incr" | grep -c '\.cfg$') tool processes in $out/incr (GOCACHE $W/cache/cap-$$ kept)"
