#!/usr/bin/env python3
"""vet-replay-ab.py: replay the tool processes scripts/vet-capture.sh kept.

  vet-replay-ab.py DIR_A BIN_A DIR_B BIN_B REPS
      for each package of both captures (DIR/incr/*.cfg, matched by ID),
      run BIN_A on A's .cfg and BIN_B on B's, REPS times, interleaved
      (A, B, A, B, ...); print per process the median CPU (user+sys) and
      peak RSS, whether the two wrote the same output (-json, into the
      .cfg's Stdout file), and the total CPU.
  vet-replay-ab.py save CFG DIR
      (used by vet-capture.sh's wrapper) copy CFG into DIR, with the paths
      into go vet's temporary directory redirected to copies under DIR.
"""
import glob, json, os, re, resource, shutil, statistics, subprocess, sys


def save(cfg, d):
    c = json.load(open(cfg))
    x = 1 if c.get('VetxOnly') else 0

    def fix(p):
        if p.startswith('/tmp/go-build'):
            q = d + '/files' + p
            if os.path.exists(p):
                os.makedirs(os.path.dirname(q), exist_ok=True)
                shutil.copy(p, q)
            return q
        return p

    for k in ('PackageFile', 'PackageVetx'):
        c[k] = {a: fix(b) for a, b in c.get(k, {}).items()}
    for k, v in list(c.items()):
        if isinstance(v, str) and v.startswith('/tmp/go-build'):
            c[k] = d + '/scratch-' + k  # VetxOutput, Stdout
    n = len(glob.glob(d + '/*.cfg'))
    name = '%s/%02d-%d-%s.cfg' % (d, n, x, c['ID'].replace('/', '_').replace(' ', '_'))
    json.dump(c, open(name, 'w'), indent=1)


def run(tool, cfg):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    p = subprocess.run(['/usr/bin/time', '-f', '%M', tool, '-json', cfg], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime
    # go vet has the tool write its -json output to the .cfg's Stdout file;
    # the capture directory's path is taken out to compare two captures.
    out = p.stdout
    so = json.load(open(cfg)).get('Stdout')
    if so and os.path.exists(so):
        out += open(so, 'rb').read().replace(os.path.dirname(os.path.dirname(cfg)).encode(), b'CAPTURE')
    return cpu, int(p.stderr.split()[-1]) / 1024, p.returncode, out


def ab(da, ba, db, bb, reps):
    def ids(d):
        return {re.sub(r'^\d+-', '', os.path.basename(f)): f for f in glob.glob(d + '/incr/*.cfg')}
    A, B = ids(da), ids(db)
    ta = tb = 0
    for k in sorted(set(A) & set(B)):
        ra, rb = [], []
        for _ in range(reps):
            ra.append(run(ba, A[k]))
            rb.append(run(bb, B[k]))
        ca = statistics.median(x[0] for x in ra)
        cb = statistics.median(x[0] for x in rb)
        ma = statistics.median(x[1] for x in ra)
        mb = statistics.median(x[1] for x in rb)
        ta += ca
        tb += cb
        same = 'same-out' if ra[0][3] == rb[0][3] else 'DIFF-out'
        print('%-52s A %.2fs %4.0fM  B %.2fs %4.0fM  rc %d/%d %s' % (k[:52], ca, ma, cb, mb, ra[0][2], rb[0][2], same))
    print('only A:', sorted(set(A) - set(B)), 'only B:', sorted(set(B) - set(A)))
    print('total CPU A %.2f B %.2f' % (ta, tb))


if __name__ == '__main__':
    if sys.argv[1] == 'save':
        save(sys.argv[2], sys.argv[3])
    else:
        ab(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
