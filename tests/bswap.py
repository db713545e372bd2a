#!/usr/bin/env python3
"""Make the big-endian twin of a fixture: a big-endian kernel prints each
IPv4 address (and each 32-bit word of an IPv6 address) in /proc/net/{tcp,
udp,udplite,raw}{,6}, route and igmp as a host-order 32-bit number, so the
hex digits of every such word are byte-swapped. Everything else is copied.

    tests/bswap.py SRC_FIXTURE DST_FIXTURE
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
            h = HANDLERS.get(name) if os.path.basename(root) == "net" else None
            open(d, "wb").write(h(data) if h else data)
            os.chmod(d, os.stat(s).st_mode & 0o777)

if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
