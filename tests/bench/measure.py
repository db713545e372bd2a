#!/usr/bin/env python3
"""Run a command several times; print its median wall time (ms) and the
largest peak RSS (KB) of the runs. Output goes to /dev/null.

    measure.py RUNS TIMEOUT_S cmd [args...]
"""
import os, resource, subprocess, sys, time

runs, timeout, cmd = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3:]
times, peak = [], 0
for _ in range(runs):
    t0 = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        os.execvp(cmd[0], cmd)
    deadline = t0 + timeout
    while True:
        wpid, status, ru = os.wait4(pid, os.WNOHANG)
        if wpid:
            break
        if time.perf_counter() > deadline:
            os.kill(pid, 9)
            wpid, status, ru = os.wait4(pid, 0)
            print("timeout %d %d" % (timeout * 1000, ru.ru_maxrss))
            sys.exit(0)
        time.sleep(0.0005)
    times.append((time.perf_counter() - t0) * 1000)
    peak = max(peak, ru.ru_maxrss)
times.sort()
print("%.1f %d" % (times[len(times) // 2], peak))
