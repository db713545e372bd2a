#!/usr/bin/env python3
"""CPU time (user + sys, seconds) of whole shell pipelines, each run as
`sh -c 'CMD | cat >/dev/null'`; the commands take turns, RUNS rounds, and
the median of each is printed, one per line, in the order given.

    cpu.py RUNS CMD...
"""
import os, subprocess, sys

runs, cmds = int(sys.argv[1]), sys.argv[2:]
times = [[] for _ in cmds]
for _ in range(runs):
    for i, cmd in enumerate(cmds):
        p = subprocess.Popen(["sh", "-c", cmd + " | cat >/dev/null"])
        _, _, ru = os.wait4(p.pid, 0)
        times[i].append(ru.ru_utime + ru.ru_stime)
for t in times:
    t.sort()
    print("%.4f" % t[len(t) // 2])
