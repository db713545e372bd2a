#!/usr/bin/env python3
"""CPU time (user + sys, seconds) of whole shell pipelines, each run as
`sh -c 'CMD | cat >/dev/null'`; the commands take turns, RUNS rounds, and
the median of each is printed, one per line, in the order given.

    cpu.py RUNS CMD...

The kernel charges CPU time in scheduler ticks (4 ms at HZ=250), coarse
against a 25 ms command: with CPU_REPEAT=K (default 5) each sample is K
runs of the pipeline in one shell, divided by K.

Every run of every CMD must exit 0 (the pipeline's status would be cat's,
so each run's own status is collected): a failed command is quick, and
its time would lie. Otherwise one line "error: ..." and exit status 1.
"""
import os, subprocess, sys, tempfile

runs, cmds = int(sys.argv[1]), sys.argv[2:]
repeat = int(os.environ.get("CPU_REPEAT", "5"))
times = [[] for _ in cmds]
with tempfile.TemporaryFile(mode="w+") as statuses:
    for _ in range(runs):
        for i, cmd in enumerate(cmds):
            statuses.seek(0)
            statuses.truncate()
            p = subprocess.Popen(["sh", "-c", "i=0; while [ $i -lt %d ]; do { %s; echo $? >&3; } | cat >/dev/null;"
                                  " i=$((i + 1)); done" % (repeat, cmd)], pass_fds=[statuses.fileno()],
                                 preexec_fn=lambda fd=statuses.fileno(): os.dup2(fd, 3))
            _, status, ru = os.wait4(p.pid, 0)
            statuses.seek(0)
            got = statuses.read().split()
            if status != 0 or got != ["0"] * repeat:
                print("error: %r: statuses %s" % (cmd, " ".join(got) or "none"))
                sys.exit(1)
            times[i].append((ru.ru_utime + ru.ru_stime) / repeat)
for t in times:
    t.sort()
    print("%.4f" % t[len(t) // 2])
