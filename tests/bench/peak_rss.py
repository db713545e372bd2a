#!/usr/bin/env python3
"""Peak resident memory (VmHWM, KB) of a command, sampled from
/proc/<pid>/status while the command writes its output into a pipe that
is read slowly (getrusage's ru_maxrss includes the forking parent's pages,
and reads 0 for short static processes on some kernels).

    peak_rss.py cmd [args...]

Exit status 1 (and no figure) when the command fails.
"""
import os, subprocess, sys

p = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
peak = 0
def sample():
    global peak
    try:
        with open("/proc/%d/status" % p.pid) as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]))
    except OSError:
        pass
while True:
    sample()
    chunk = p.stdout.read(4096)
    if not chunk:
        break
if p.wait() != 0:
    # a failed run's memory is no figure
    sys.exit("peak_rss.py: %s exited %d" % (sys.argv[1], p.returncode))
print(peak)
