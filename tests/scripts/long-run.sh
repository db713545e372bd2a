#!/bin/sh
# native-only: 10 000 rounds of -c (NETSTAT_ROUND_MS=0 makes them back to
# back): resident memory and open descriptors stay flat, every round is
# whole, and SIGINT ends it: the process dies by the signal, as
# net-tools' does.
set -u
exec python3 - "$NETSTAT" "$PWD/tests/fixtures/router" <<'EOF2'
import os, signal, subprocess, sys
netstat, fixture = sys.argv[1], sys.argv[2]
env = dict(os.environ, PROC_ROOT=fixture, NETSTAT_ROUND_MS="0")
args = [netstat, "-tuwanep", "-c"]
one = subprocess.run([netstat, "-tuwanep"], env=dict(env), capture_output=True).stdout
per_round = one.count(b"\n")
p = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

def state():
    with open("/proc/%d/status" % p.pid) as f:
        rss = [int(l.split()[1]) for l in f if l.startswith("VmRSS:")][0]
    return rss, len(os.listdir("/proc/%d/fd" % p.pid))

samples, rounds, buf = {}, 0, b""
while rounds < 10000:
    chunk = p.stdout.read1(65536)
    if not chunk:
        sys.exit("FAIL: ended after %d rounds" % rounds)
    buf += chunk
    while len(buf) >= len(one):
        if buf[:len(one)] != one:
            sys.exit("FAIL: round %d differs from a single run" % rounds)
        buf = buf[len(one):]
        rounds += 1
        # mid-round one file may be open: of many samples keep the
        # largest memory and the fewest descriptors (a leak raises both)
        for first in (100, 9900):
            if first <= rounds < first + 90 and rounds % 3 == 0:
                r, fds = state()
                old = samples.get(first, (0, 1 << 30))
                samples[first] = (max(old[0], r), min(old[1], fds))
p.send_signal(signal.SIGINT)
rest, err = p.communicate()  # no time limit: check.sh ends a hang
if p.returncode != -signal.SIGINT:
    sys.exit("FAIL: status %d after SIGINT, not killed by it" % p.returncode)
if err:
    sys.exit("FAIL: stderr %r" % err[:200])
(r1, f1), (r2, f2) = samples[100], samples[9900]
print("rounds 100-190: rss %d KB, %d fds; rounds 9900-9990: rss %d KB, %d fds" % (r1, f1, r2, f2))
if f2 != f1:
    sys.exit("FAIL: descriptors grew from %d to %d" % (f1, f2))
if r2 > r1 + 8:
    sys.exit("FAIL: resident memory grew from %d KB to %d KB" % (r1, r2))
print("ok")
EOF2
