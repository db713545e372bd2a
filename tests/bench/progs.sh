#!/bin/sh
# Benchmark of -p: `netstat -tanp` with
#   A) 20 000 loopback TCP connections (40 000 sockets) held by 4 processes,
#   B) 2 000 processes holding 5 connections each (10 000 connections),
# in a private network namespace, timing ours, net-tools and toybox in the
# same run: the median of RUNS runs each (wall clock), and ours as a ratio
# of each. -tan is timed too, to show what the process scan costs.
#
#   tests/bench/progs.sh [NETSTAT]      (default ./netstat; RUNS=7)
# Needs root (namespaces), python3, net-tools and toybox (NETSTAT_TOOLS,
# TOYBOX name them); PROGS_SCALE=K divides both parts' sizes by K (the
# smoke run of make check). It runs in its own network and PID namespace
# with its own /proc, so -p scans only its processes.
#
# Before timing, each tool's -tanp and -tan must exit 0 and print ours
# rows: net-tools byte for byte, toybox the same sockets
# (tests/bench/rows.py). A difference, a failed run or a missing tool is
# an error (exit status 1), never a figure.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${1:-$top/netstat}
ours=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
[ "$(id -u)" = 0 ] || { echo "progs.sh: needs root" >&2; exit 1; }
[ -x "$ours" ] || { echo "progs.sh: no $ours (make)" >&2; exit 1; }
for t in "${NETSTAT_TOOLS:-netstat}" "${TOYBOX:-toybox}" python3; do
	command -v "$t" >/dev/null || { echo "progs.sh: $t is not installed (tests/toolchains.sh)" >&2; exit 1; }
done
if [ -z "${PROGS_BENCH_NS:-}" ]; then
	exec env PROGS_BENCH_NS=1 unshare --net --pid --fork --mount-proc -- sh "$0" "$ours"
fi
ip link set lo up
exec python3 - "$ours" "${RUNS:-7}" "$top" <<'PY'
import fcntl, os, resource, shutil, signal, socket, statistics, subprocess, sys, tempfile, time

ours, runs, top = sys.argv[1], int(sys.argv[2]), sys.argv[3]
scale = int(os.environ.get("PROGS_SCALE", "1"))
hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
tools = [("ours", [ours]), ("net-tools", [shutil.which(os.environ.get("NETSTAT_TOOLS", "netstat"))]),
         ("toybox", [shutil.which(os.environ.get("TOYBOX", "toybox")), "netstat"])]
sleeper = [shutil.which("sleep"), "600"]
held = []

def linger0(s):
    """Close with a reset: no TIME_WAIT rows left for the next part."""
    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\1\0\0\0\0\0\0\0")
    return s

def listener(port, addr="127.0.0.1"):
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind((addr, port))
    srv.listen(4096)
    return srv

def connections(n, port, addr):
    """n connected pairs on a fresh listener: a list of 2n sockets."""
    srv = listener(port, addr)
    out = []
    for _ in range(n):
        c = linger0(socket.create_connection((addr, port)))
        out += [c, linger0(srv.accept()[0])]
    srv.close()
    return out

def many_processes(nproc, per, port):
    """nproc processes holding `per` client sockets each (fds 3, 4, ...),
    forked by a process with few descriptors so that their fd tables stay
    small, as a daemon's are (a table inherited from a process with
    thousands of fds makes every read of /proc/PID/fd scan all of it, for
    every tool alike); the server ends stay here. Returns the pids."""
    srv = listener(port)
    r, w = os.pipe()
    if os.fork() == 0:
        os.close(r)
        srv.close()
        for _ in range(nproc):
            pid = os.fork()
            if pid == 0:
                socks = [linger0(socket.create_connection(("127.0.0.1", port)))
                         for _ in range(per)]
                high = [fcntl.fcntl(s.fileno(), fcntl.F_DUPFD, 100) for s in socks]
                for k, fd in enumerate(high):
                    os.dup2(fd, 3 + k)
                os.closerange(3 + per, 1024)
                os.execv(sleeper[0], sleeper)
            os.write(w, b"%d\n" % pid)
        os._exit(0)
    os.close(w)
    for _ in range(nproc * per):
        held.append(linger0(srv.accept()[0]))
    srv.close()
    with os.fdopen(r) as f:
        pids = [int(line) for line in f]
    os.wait()
    return pids

def measure(args):
    res = {}
    for name, cmd in tools:
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            p = subprocess.run(cmd + args, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, check=False)
            times.append(time.perf_counter() - t)
            if p.returncode != 0:
                sys.exit("progs.sh: %s %s exited %d: no figure" % (name, " ".join(args), p.returncode))
        res[name] = statistics.median(times)
    return res

def rows(out):
    with tempfile.NamedTemporaryFile() as f:
        f.write(out)
        f.flush()
        return subprocess.run([sys.executable, os.path.join(top, "tests/bench/rows.py"), "netstat",
                               f.name], capture_output=True, check=True).stdout

def same_rows(args):
    """every tool's output once: status 0, no stderr, ours rows"""
    outs = {}
    for name, cmd in tools:
        p = subprocess.run(cmd + args, capture_output=True)
        if p.returncode != 0 or p.stderr:
            sys.exit("progs.sh: %s %s: status %d, stderr %r" % (name, " ".join(args), p.returncode, p.stderr[:200]))
        outs[name] = p.stdout
    if outs["net-tools"] != outs["ours"]:
        sys.exit("progs.sh: %s: ours differs from net-tools': no figure" % " ".join(args))
    if rows(outs["toybox"]) != rows(outs["ours"]):
        sys.exit("progs.sh: %s: toybox's sockets differ from ours: no figure" % " ".join(args))
    return outs["ours"]

def report(title, nproc):
    for args in (["-tan"], ["-tanp"]):
        a = same_rows(args)
    print("%s: %d processes, %d lines of -tanp, the same as net-tools' (toybox: the same sockets)" %
          (title, nproc, a.count(b"\n")))
    for args in (["-tan"], ["-tanp"]):
        r = measure(args)
        line = "  %-6s" % " ".join(args)
        for name, _ in tools:
            line += "  %s %.3f s" % (name, r[name])
        for name, _ in tools[1:]:
            line += "  ours/%s %.2f" % (name, r["ours"] / r[name])
        print(line)
    sys.stdout.flush()

def stop(pids):
    for pid in pids:
        os.kill(pid, signal.SIGKILL)
    for pid in pids:
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass

# A) 20 000 connections, both ends in 4 processes of 5 000 connections
pids = []
try:
    for i in range(4):
        socks = connections(5000 // scale, 9000 + i, "127.0.0.%d" % (i + 1))
        pids.append(subprocess.Popen(sleeper, pass_fds=[s.fileno() for s in socks]).pid)
        for s in socks:
            s.close()
    report("A) %d connections" % (20000 // scale), len(pids))
finally:
    stop(pids)
time.sleep(1)
# B) 2 000 processes with 5 connections each
pids = []
try:
    pids = many_processes(2000 // scale, 5, 9100)
    report("B) %d processes" % (2000 // scale), len(pids) + 1)
finally:
    stop(pids)
PY
