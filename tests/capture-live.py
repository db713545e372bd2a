#!/usr/bin/env python3
"""Capture a /proc/net fixture from real sockets in a private network namespace.

Run as root:  unshare -n python3 tests/capture-live.py OUTDIR
It brings lo up, adds test addresses, opens a known set of sockets
(listeners v4/v6, wildcard and specific, ESTABLISHED with Recv-Q/Send-Q,
TIME_WAIT, CLOSE_WAIT, FIN_WAIT2, v4-mapped, raw, UDP-Lite, connected UDP,
a long IPv6 address) and copies the /proc/net files while they are open.

With --unix it also opens unix domain sockets (stream listener with a
connected client, socketpair, dgram, seqpacket, abstract names, a path
with spaces, a path of the maximum length), copies /proc/net/unix, and
copies its own process as OUTDIR/<pid>/{cmdline,fd/N} so that -p has a
process tree to show (a forked child holds a few sockets of its own).
"""
import os, socket, subprocess, sys, time

args = [a for a in sys.argv[1:] if not a.startswith("--")]
with_unix = "--unix" in sys.argv
out = args[0]
def sh(*a): subprocess.run(a, check=True)
sh("ip", "link", "set", "lo", "up")
sh("ip", "addr", "add", "10.1.2.3/32", "dev", "lo")
sh("ip", "addr", "add", "192.168.1.1/32", "dev", "lo")
sh("ip", "-6", "addr", "add", "2001:db8:1234:5678:9abc:def0:1234:5678/128", "dev", "lo", "nodad")
sh("ip", "-6", "addr", "add", "2001:db8::1/128", "dev", "lo", "nodad")
time.sleep(0.2)
keep = []

def listen(fam, addr, port, backlog=8):
    s = socket.socket(fam, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if fam == socket.AF_INET6 and addr == "::":
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    s.bind((addr, port)); s.listen(backlog); keep.append(s); return s

def pair(fam, srv_addr, port, cli_bind=None):
    srv = listen(fam, srv_addr, port)
    c = socket.socket(fam, socket.SOCK_STREAM)
    if cli_bind: c.bind(cli_bind)
    c.connect((srv_addr, port)); a, _ = srv.accept(); keep.extend([c, a]); return c, a

listen(socket.AF_INET, "0.0.0.0", 22)
listen(socket.AF_INET, "127.0.0.1", 631)
listen(socket.AF_INET6, "::", 80)
listen(socket.AF_INET6, "::1", 8080)
listen(socket.AF_INET6, "2001:db8:1234:5678:9abc:def0:1234:5678", 9999)
listen(socket.AF_INET, "10.1.2.3", 53)

# ESTABLISHED with data queued: the reader never reads, the writer fills.
c, a = pair(socket.AF_INET, "192.168.1.1", 443)
c.setblocking(False)
try:
    while True: c.send(b"x" * 65536)
except BlockingIOError: pass
# ESTABLISHED with a small unread Recv-Q.
c2, a2 = pair(socket.AF_INET, "10.1.2.3", 23)
a2.send(b"hello\n")
# v4-mapped: a v6 socket talking to an IPv4 listener through ::ffff:
c3 = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
c3.connect(("::ffff:127.0.0.1", 631)); keep.append(c3)
# IPv6 established on the long address
c4, a4 = pair(socket.AF_INET6, "2001:db8::1", 25)
# CLOSE_WAIT / FIN_WAIT2: the server closes, the client does not.
c5, a5 = pair(socket.AF_INET, "127.0.0.1", 21)
a5.shutdown(socket.SHUT_WR)
# TIME_WAIT: the client closes first and the server follows.
c6, a6 = pair(socket.AF_INET, "127.0.0.1", 8081)
c6.close(); time.sleep(0.05); a6.close()
keep.remove(c6); keep.remove(a6)
# UDP: wildcard, specific, connected, v6.
for fam, addr, port in ((socket.AF_INET, "0.0.0.0", 67), (socket.AF_INET, "127.0.0.1", 123),
                        (socket.AF_INET6, "::", 5353), (socket.AF_INET6, "2001:db8::1", 161)):
    u = socket.socket(fam, socket.SOCK_DGRAM); u.bind((addr, port)); keep.append(u)
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(("127.0.0.1", 40000))
u.connect(("127.0.0.1", 53)); keep.append(u)
u6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); u6.bind(("::1", 40001))
u6.connect(("::1", 123)); keep.append(u6)
# UDP with unread data (Recv-Q).
r = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); r.bind(("127.0.0.1", 514)); keep.append(r)
socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"x" * 100, ("127.0.0.1", 514))
# UDP-Lite (IPPROTO_UDPLITE = 136)
for fam, addr, port in ((socket.AF_INET, "0.0.0.0", 5000), (socket.AF_INET6, "::1", 5001)):
    try:
        l = socket.socket(fam, socket.SOCK_DGRAM, 136); l.bind((addr, port)); keep.append(l)
    except OSError as e: print("udplite:", e, file=sys.stderr)
# raw: ICMP v4 and v6, one connected
for fam, proto in ((socket.AF_INET, 1), (socket.AF_INET6, 58), (socket.AF_INET, 255)):
    keep.append(socket.socket(fam, socket.SOCK_RAW, proto))
rc = socket.socket(socket.AF_INET, socket.SOCK_RAW, 17); rc.connect(("127.0.0.1", 0)); keep.append(rc)

child = None
if with_unix:
    base = "/run/netstat-capture"
    os.makedirs(base + "/dir with spaces", exist_ok=True)
    def unix(kind, path=None, listen_=False):
        s = socket.socket(socket.AF_UNIX, kind)
        if path is not None:
            if isinstance(path, str) and os.path.exists(path): os.unlink(path)
            s.bind(path)
        if listen_: s.listen(4)
        keep.append(s); return s
    srv = unix(socket.SOCK_STREAM, base + "/stream.sock", True)
    cl = unix(socket.SOCK_STREAM); cl.connect(base + "/stream.sock")
    keep.append(srv.accept()[0])
    keep.extend(socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM))
    keep.extend(socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM))
    unix(socket.SOCK_DGRAM, base + "/dgram.sock")
    d = unix(socket.SOCK_DGRAM); d.connect(base + "/dgram.sock")
    unix(socket.SOCK_SEQPACKET, base + "/seqpacket.sock", True)
    unix(socket.SOCK_STREAM, b"\0netstat-abstract", True)
    unix(socket.SOCK_DGRAM, b"\0abstract\0with\0nuls")
    # a listener only: shown by -a and -l, where net-tools cuts the path
    unix(socket.SOCK_STREAM, base + "/dir with spaces/listener sock", True)
    longp = base + "/" + "d" * 40 + "/" + "long-" * 20
    longp = longp[:107]
    os.makedirs(os.path.dirname(longp), exist_ok=True)
    unix(socket.SOCK_STREAM, longp, True)
    unix(socket.SOCK_DGRAM)      # unbound
    # a child with sockets of its own, and one it shares with us
    r, w = os.pipe()
    child = os.fork()
    if child == 0:
        own = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        t.bind(("127.0.0.1", 7777)); t.listen(1)
        os.write(w, b"x"); time.sleep(30); os._exit(0)
    os.read(r, 1)
time.sleep(0.2)

def copy_process(pid, keep_fds):
    """OUTDIR/<pid>/cmdline and fd/N -> socket:[inode] for its sockets."""
    pdir = os.path.join(out, str(pid))
    os.makedirs(os.path.join(pdir, "fd"), exist_ok=True)
    with open("/proc/%d/cmdline" % pid, "rb") as f: data = f.read()
    with open(os.path.join(pdir, "cmdline"), "wb") as f: f.write(data)
    for fd in os.listdir("/proc/%d/fd" % pid):
        try: target = os.readlink("/proc/%d/fd/%s" % (pid, fd))
        except OSError: continue
        if target.startswith("socket:[") and (keep_fds is None or target in keep_fds):
            os.symlink(target, os.path.join(pdir, "fd", fd))

os.makedirs(os.path.join(out, "net"), exist_ok=True)
if with_unix:
    mine = set()
    for fd in os.listdir("/proc/self/fd"):
        try: mine.add(os.readlink("/proc/self/fd/" + fd))
        except OSError: pass
    copy_process(os.getpid(), None)
    # the child's inherited copies of our sockets are left out: which of
    # two processes is listed first depends on directory order
    theirs = set()
    for fd in os.listdir("/proc/%d/fd" % child):
        try: theirs.add(os.readlink("/proc/%d/fd/%s" % (child, fd)))
        except OSError: pass
    copy_process(child, theirs - mine)
for name in ("tcp", "tcp6", "udp", "udp6", "udplite", "udplite6", "raw", "raw6", "unix"):
    if name == "unix" and not with_unix: continue
    src = "/proc/net/" + name
    if os.path.exists(src):
        with open(src, "rb") as f: data = f.read()
        with open(os.path.join(out, "net", name), "wb") as f: f.write(data)
if child:
    os.kill(child, 9); os.waitpid(child, 0)
    import shutil; shutil.rmtree(base)
