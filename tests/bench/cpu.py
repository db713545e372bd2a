#!/usr/bin/env python3
"""CPU time (user + sys, seconds) of whole shell pipelines, each run as
`sh -c 'CMD | cat >/dev/null'`; the commands take turns, RUNS rounds, and
the median of each is printed, one per line, in the order given.

    cpu.py RUNS CMD...

The kernel charges CPU time in scheduler ticks (4 ms at HZ=250), coarse
against a 25 ms command: with CPU_REPEAT=K (default 5) each sample is K
runs of the pipeline in one shell, divided by K.
"""
import os, subprocess, sys

runs, cmds = int(sys.argv[1]), sys.argv[2:]
repeat = int(os.environ.get("CPU_REPEAT", "5"))
times = [[] for _ in cmds]
for _ in range(runs):
    for i, cmd in enumerate(cmds):
        p = subprocess.Popen(["sh", "-c", "i=0; while [ $i -lt %d ]; do %s | cat >/dev/null; i=$((i + 1)); done"
                              % (repeat, cmd)])
        _, _, ru = os.wait4(p.pid, 0)
        times[i].append((ru.ru_utime + ru.ru_stime) / repeat)
for t in times:
    t.sort()
    print("%.4f" % t[len(t) // 2])
