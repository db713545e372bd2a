#!/usr/bin/env python3
"""Capture a /proc/net fixture from real sockets in a private network namespace.

Run as root:  unshare -n python3 tests/capture-live.py OUTDIR
It brings lo up, adds test addresses, opens a known set of sockets
(listeners v4/v6, wildcard and specific, ESTABLISHED with Recv-Q/Send-Q,
TIME_WAIT, CLOSE_WAIT, FIN_WAIT2, v4-mapped, raw, UDP-Lite, connected UDP,
a long IPv6 address) and copies the /proc/net files while they are open.
"""
import os, socket, subprocess, sys, time

out = sys.argv[1]
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
time.sleep(0.2)

os.makedirs(os.path.join(out, "net"), exist_ok=True)
for name in ("tcp", "tcp6", "udp", "udp6", "udplite", "udplite6", "raw", "raw6"):
    src = "/proc/net/" + name
    if os.path.exists(src):
        with open(src, "rb") as f: data = f.read()
        with open(os.path.join(out, "net", name), "wb") as f: f.write(data)
