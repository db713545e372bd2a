#!/usr/bin/env python3
"""Make the MIPS twin of a fixture written by an x86 or ARM kernel.

A big-endian kernel prints each IPv4 address (and each 32-bit word of an
IPv6 address) in /proc/net/{tcp,udp,udplite,raw}{,6}, route and igmp as a
host-order 32-bit number, so the hex digits of every such word are
byte-swapped. A MIPS kernel of either byte order numbers socket types
SOCK_DGRAM 1 and SOCK_STREAM 2 (the other way round from every other
architecture), so the Type column of /proc/net/unix swaps 1 and 2.
Everything else is copied. Each change is its own inverse, so the same
command turns a fixture captured on a MIPS kernel into an x86 one.

    tests/bswap.py SRC_FIXTURE DST_FIXTURE            big-endian MIPS (both)
    tests/bswap.py --mipsel SRC_FIXTURE DST_FIXTURE   little-endian MIPS (types)
"""
import os, re, shutil, sys

def swap_word(w):
    return w[6:8] + w[4:6] + w[2:4] + w[0:2]

def swap_words(hexstr):
    return "".join(swap_word(hexstr[i:i + 8]) for i in range(0, len(hexstr), 8))

ADDR = re.compile(rb"(?<=[ :])([0-9A-Fa-f]{8}|[0-9A-Fa-f]{32}):([0-9A-Fa-f]{4})")

def inet(data):
    out = []
    for i, line in enumerate(data.split(b"\n")):
        if i == 0:
            out.append(line); continue
        # only the two address fields, which follow "sl:"
        m = re.match(rb"(\s*\d+:\s+)(\S+)(\s+)(\S+)(.*)", line, re.S)
        if not m:
            out.append(line); continue
        def fix(field):
            a, sep, port = field.partition(b":")
            if sep and re.fullmatch(rb"[0-9A-Fa-f]{8}|[0-9A-Fa-f]{32}", a):
                return swap_words(a.decode()).encode() + b":" + port
            return field
        out.append(m.group(1) + fix(m.group(2)) + m.group(3) + fix(m.group(4)) + m.group(5))
    return b"\n".join(out)

def route(data):
    out = []
    for i, line in enumerate(data.split(b"\n")):
        f = line.split(b"\t")
        if i > 0 and len(f) > 7:
            for k in (1, 2, 7):
                if re.fullmatch(rb"[0-9A-Fa-f]{8}", f[k]):
                    f[k] = swap_word(f[k].decode()).encode()
        out.append(b"\t".join(f))
    return b"\n".join(out)

def igmp(data):
    def fix(m):
        return m.group(1) + swap_word(m.group(2).decode()).encode()
    return re.sub(rb"(^\t+)([0-9A-Fa-f]{8})", fix, data, flags=re.M)

def unix_types(data):
    out = []
    for i, line in enumerate(data.split(b"\n")):
        f = line.split(b" ")
        # "Num: RefCount Protocol Flags Type St Inode Path": Type is word 4
        if i > 0 and len(f) > 5 and f[4] in (b"0001", b"0002"):
            f[4] = b"0002" if f[4] == b"0001" else b"0001"
        out.append(b" ".join(f))
    return b"\n".join(out)

HANDLERS = {"tcp": inet, "tcp6": inet, "udp": inet, "udp6": inet,
            "udplite": inet, "udplite6": inet, "raw": inet, "raw6": inet,
            "route": route, "igmp": igmp}

def main(src, dst):
    if os.path.exists(dst):
        shutil.rmtree(dst)
    for root, dirs, files in os.walk(src):
        rel = os.path.relpath(root, src)
        os.makedirs(os.path.join(dst, rel), exist_ok=True)
        for name in dirs:
            p = os.path.join(root, name)
            if os.path.islink(p):
                os.symlink(os.readlink(p), os.path.join(dst, rel, name))
        for name in files:
            s, d = os.path.join(root, name), os.path.join(dst, rel, name)
            if os.path.islink(s):
                os.symlink(os.readlink(s), d); continue
            try:
                data = open(s, "rb").read()
            except OSError:
                shutil.copy2(s, d); continue
            in_net = os.path.basename(root) == "net"
            h = HANDLERS.get(name) if in_net and not types_only else None
            if in_net and name == "unix":
                data = unix_types(data)
            open(d, "wb").write(h(data) if h else data)
            os.chmod(d, os.stat(s).st_mode & 0o777)

types_only = False

if __name__ == "__main__":
    args = sys.argv[1:]
    if args and args[0] == "--mipsel":
        types_only = True
        args = args[1:]
    main(args[0], args[1])
