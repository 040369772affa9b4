#!/usr/bin/env python3
"""corpus-move-labels.py FROM TO: when a claim moves from check FROM to check
TO (a check split in two, the same finding now told by another check), carry
each label over: a finding of TO at a position that has no TO label but a
FROM label that no FROM finding at that position takes gets that label, its
check renamed to TO and its message set to the finding's. The verdict and its
reason stay: the claim at that position is the same.

It reads bench/corpus/findings/*.tsv and rewrites bench/corpus/labels.tsv in
place, and prints only counts per half, never a finding: the holdout half's
labels move without anyone reading them.
"""
import collections, os, sys

def main():
    if len(sys.argv) != 3:
        sys.exit("usage: corpus-move-labels.py FROM TO")
    src, dst = sys.argv[1], sys.argv[2]
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bench", "corpus")
    half = {}
    for line in open(os.path.join(root, "modules.tsv")):
        if line.startswith("#") or not line.strip():
            continue
        f = line.rstrip("\n").split("\t")
        half[f[0]] = f[4]
    findings = collections.defaultdict(list)  # (short, pos) -> [(check, message)]
    for short in half:
        path = os.path.join(root, "findings", short + ".tsv")
        if not os.path.exists(path):
            continue
        for line in open(path):
            if line.startswith("#") or not line.strip():
                continue
            f = line.rstrip("\n").split("\t")
            findings[(short, f[1])].append((f[0], f[2]))
    lpath = os.path.join(root, "labels.tsv")
    lines = open(lpath).read().split("\n")
    labelled = collections.Counter()
    for line in lines:
        if line and not line.startswith("#"):
            f = line.split("\t")
            labelled[(f[0], f[1], f[2])] += 1
    moved = collections.Counter()
    for i, line in enumerate(lines):
        if not line or line.startswith("#"):
            continue
        f = line.split("\t")
        short, check, pos = f[0], f[1], f[2]
        if check != src:
            continue
        here = findings.get((short, pos), [])
        if sum(1 for c, _ in here if c == src) >= labelled[(short, src, pos)]:
            continue  # every FROM label here is still taken by a FROM finding
        targets = [m for c, m in here if c == dst]
        if not targets or labelled[(short, dst, pos)] >= len(targets):
            continue
        f[1], f[5] = dst, targets[labelled[(short, dst, pos)]]
        labelled[(short, src, pos)] -= 1
        labelled[(short, dst, pos)] += 1
        lines[i] = "\t".join(f)
        moved[half.get(short, "?")] += 1
    open(lpath, "w").write("\n".join(lines))
    for h in sorted(moved):
        print(f"{h}: {moved[h]} label(s) moved from {src} to {dst}")
    if not moved:
        print(f"no label moved from {src} to {dst}")

main()
