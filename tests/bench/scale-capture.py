#!/usr/bin/env python3
"""A socket table at a busy host's scale made from real captures: the
lines of tests/fixtures/system-aarch64 and live-ns (kernels' own text:
hashed pointers, TIME_WAIT's short form, UDP's bucket numbers) repeated
with new slot numbers, inodes and ports, so that states come in the
proportions the captures have them instead of from a made-up
distribution, and no socket is in CLOSE (a kernel unhashes those: they
are never in the file).

    scale-capture.py OUT --tcp N --tcp6 N --udp N --listen L [--seed S]

OUT/net/{tcp,tcp6,udp,udp6}: L listening TCP sockets in all (two thirds
over IPv4), each on its own port, the rest of each table the captures'
connected sockets (UDP: all their sockets) again and again; raw, raw6 and
unix as headers.
"""
import argparse, os, random, re

top = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SOURCES = ["system-aarch64", "live-ns"]


def templates(name):
    header, rows = None, []
    for src in SOURCES:
        path = os.path.join(top, "tests", "fixtures", src, "net", name)
        lines = open(path).read().splitlines()
        header = header or lines[0]
        rows += [l for l in lines[1:] if l.strip()]
    return header, rows


def fields(line):
    """The line as [separator, token, separator, token, ...]."""
    return re.split(r"(\S+)", line)


def make(line, sl, inode, local_port=None, remote_seq=None):
    f = fields(line)
    tok = f[1::2]
    width = len(f[0]) + len(tok[0]) - 1
    tok[0] = "%*d:" % (width, sl)
    addr, port = tok[1].split(":")
    if local_port is not None:
        tok[1] = "%s:%04X" % (addr, local_port)
    if remote_seq is not None and tok[2].split(":")[1] != "0000":
        raddr, _ = tok[2].split(":")
        # another peer: its last byte (the first two hex digits of the
        # last group of eight, in the kernel's byte order) and port
        k = len(raddr) - 8
        raddr = raddr[:k] + "%02X" % (remote_seq % 254 + 1) + raddr[k + 2:]
        tok[2] = "%s:%04X" % (raddr, 1024 + remote_seq * 7919 % 64000)
    if tok[9] != "0":
        tok[9] = str(inode)
    f[1::2] = tok
    f[0] = ""
    return "".join(f)


def table(out, name, n, listen, rng, inode):
    header, rows = templates(name)
    listeners = [r for r in rows if fields(r)[1::2][3] == "0A"] if name.startswith("tcp") else []
    others = [r for r in rows if r not in listeners]
    lines = [header]
    for i in range(n):
        if i < listen and listeners:
            lines.append(make(listeners[i % len(listeners)], i, inode + i, local_port=2000 + i))
        else:
            lines.append(make(rng.choice(others), i, inode + i, remote_seq=i))
    with open(os.path.join(out, "net", name), "w") as f:
        f.write("\n".join(lines) + "\n")
    return inode + n


def main():
    a = argparse.ArgumentParser()
    a.add_argument("out")
    a.add_argument("--tcp", type=int, default=100000)
    a.add_argument("--tcp6", type=int, default=50000)
    a.add_argument("--udp", type=int, default=8000)
    a.add_argument("--listen", type=int, default=299)
    a.add_argument("--seed", type=int, default=1)
    o = a.parse_args()
    rng = random.Random(o.seed)
    os.makedirs(os.path.join(o.out, "net"), exist_ok=True)
    inode = 100000
    inode = table(o.out, "tcp", o.tcp, o.listen * 2 // 3, rng, inode)
    inode = table(o.out, "tcp6", o.tcp6, o.listen - o.listen * 2 // 3, rng, inode)
    inode = table(o.out, "udp", o.udp * 3 // 4, 0, rng, inode)
    table(o.out, "udp6", o.udp - o.udp * 3 // 4, 0, rng, inode)
    for name in ("raw", "raw6", "unix"):
        src = os.path.join(top, "tests", "fixtures", "live-unix", "net", name)
        with open(os.path.join(o.out, "net", name), "w") as f:
            f.write(open(src).readline())


if __name__ == "__main__":
    main()
