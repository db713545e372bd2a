#!/usr/bin/env python3
"""Peak resident memory (VmHWM, KB) of a command, sampled from
/proc/<pid>/status while the command writes its output into a pipe that
is read slowly (getrusage's ru_maxrss includes the forking parent's pages,
and reads 0 for short static processes on some kernels). The pipe is
full before the command starts, so that even a command whose whole
output is one short write at the end (-K) waits in that write, alive,
until it has been sampled: the pipe is read only while the command
sleeps, and sampled every millisecond while it runs (reading as fast as
the pipe allows drained it before a -K that computes for 90 ms had
written anything, which then wrote, exited and was never sampled: 4 KB).

    peak_rss.py cmd [args...]

Exit status 1 (and no figure) when the command fails.
"""
import os, subprocess, sys, time

r, w = os.pipe()
os.set_blocking(w, False)
try:
    while True:
        os.write(w, b"\0" * 4096)
except BlockingIOError:
    pass
os.set_blocking(w, True)
p = subprocess.Popen(sys.argv[1:], stdout=w, stderr=subprocess.DEVNULL)
os.close(w)
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


def sleeping():
    try:
        with open("/proc/%d/stat" % p.pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "R"
    except OSError:
        return True


with os.fdopen(r, "rb", buffering=0) as out:
    while True:
        sample()
        if not sleeping():
            time.sleep(0.001)
            continue
        if not out.read(4096):
            break
if p.wait() != 0:
    # a failed run's memory is no figure
    sys.exit("peak_rss.py: %s exited %d" % (sys.argv[1], p.returncode))
print(peak)
