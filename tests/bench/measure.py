#!/usr/bin/env python3
"""Run a command several times; print its median wall time (ms) and the
largest peak RSS (KB) of the runs. Output goes to /dev/null.

    measure.py RUNS TIMEOUT_S cmd [args...]

Every run must end by itself with status 0: a command that fails, is
killed by a signal or runs past TIMEOUT_S gives no time (a failed run is
quick, and its ratio would lie). Then one line "error: ..." on stdout
and exit status 1.
"""
import os, subprocess, sys, time

runs, timeout, cmd = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3:]
times, peak = [], 0
for _ in range(runs):
    t0 = time.perf_counter()
    try:
        pid = os.fork()
    except OSError as e:
        print("error: fork: %s" % e)
        sys.exit(1)
    if pid == 0:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        try:
            os.execvp(cmd[0], cmd)
        finally:
            os._exit(127)
    deadline = t0 + timeout
    while True:
        wpid, status, ru = os.wait4(pid, os.WNOHANG)
        if wpid:
            break
        if time.perf_counter() > deadline:
            os.kill(pid, 9)
            os.wait4(pid, 0)
            print("error: %s ran past %g s" % (cmd[0], timeout))
            sys.exit(1)
        time.sleep(0.0005)
    took = (time.perf_counter() - t0) * 1000
    if os.WIFSIGNALED(status):
        print("error: %s killed by signal %d" % (cmd[0], os.WTERMSIG(status)))
        sys.exit(1)
    if os.WEXITSTATUS(status) != 0:
        print("error: %s exited %d%s" % (cmd[0], os.WEXITSTATUS(status),
                                         " (not found?)" if os.WEXITSTATUS(status) == 127 else ""))
        sys.exit(1)
    times.append(took)
    peak = max(peak, ru.ru_maxrss)
times.sort()
print("%.1f %d" % (times[len(times) // 2], peak))
