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
    tests/bswap.py --to ABI SRC_FIXTURE DST_FIXTURE   from the fixture's own ABI

An ABI is x86 (any little-endian kernel but MIPS: x86, ARM), mipsel or mips
(big-endian). A fixture captured on a real kernel names its ABI in a file
`.kernel` at its top (tests/system/run.sh writes it); others are x86.
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

UNIX_TYPE = re.compile(rb"^(\s*(?:\S+\s+){4})([0-9A-Fa-f]+)(?=\s)")

def unix_types(data):
    """"Num: RefCount Protocol Flags Type St Inode Path": Type is word 4"""
    def fix(m):
        t = m.group(2)
        if int(t, 16) not in (1, 2):
            return m.group(0)
        return m.group(1) + (b"%0*X" % (len(t), 3 - int(t, 16)))
    lines = data.split(b"\n")
    return b"\n".join(lines[:1] + [UNIX_TYPE.sub(fix, l) for l in lines[1:]])

HANDLERS = {"tcp": inet, "tcp6": inet, "udp": inet, "udp6": inet,
            "udplite": inet, "udplite6": inet, "raw": inet, "raw6": inet,
            "route": route, "igmp": igmp}

def fixture_abi(src):
    try:
        return open(os.path.join(src, ".kernel")).read().split()[0]
    except OSError:
        return "x86"

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
            h = HANDLERS.get(name) if in_net and swap_order else None
            if in_net and name == "unix" and swap_types:
                data = unix_types(data)
            if name == ".kernel" and rel == ".":
                data = (to_abi + "\n").encode()
            open(d, "wb").write(h(data) if h else data)
            os.chmod(d, os.stat(s).st_mode & 0o777)

ABIS = {"x86": (0, 0), "mipsel": (0, 1), "mips": (1, 1)}   # big-endian, MIPS types

if __name__ == "__main__":
    args = sys.argv[1:]
    to_abi = "mips"
    if args and args[0] == "--mipsel":
        to_abi, args = "mipsel", args[1:]
    elif args and args[0] == "--to":
        to_abi, args = args[1], args[2:]
    from_abi = fixture_abi(args[0])
    if to_abi not in ABIS or from_abi not in ABIS:
        sys.exit("bswap.py: unknown ABI (x86, mipsel, mips)")
    swap_order = ABIS[to_abi][0] != ABIS[from_abi][0]
    swap_types = ABIS[to_abi][1] != ABIS[from_abi][1]
    main(args[0], args[1])
