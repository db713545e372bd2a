#!/usr/bin/env python3
"""Loads the connections of an nf_conntrack text file (as conntrack-gen.py
writes it, or the kernel) into this network namespace's live table with
ctnetlink IPCTNL_MSG_CT_NEW messages: the same tuples, protocol state,
timeout and status. Counters cannot be set this way (they start at zero).
Debian's conntrack tool has no -R; this stands in for it.

    ct-load.py FILE [TIMEOUT]    (root, in the namespace to fill)
TIMEOUT (seconds) replaces every entry's, so that none ends while a
check compares two readings of the table. Prints the number of entries
the kernel took.
"""
import socket, struct, sys

TCP_STATES = {"NONE": 0, "SYN_SENT": 1, "SYN_RECV": 2, "ESTABLISHED": 3,
              "FIN_WAIT": 4, "CLOSE_WAIT": 5, "LAST_ACK": 6, "TIME_WAIT": 7,
              "CLOSE": 8, "SYN_SENT2": 9}
PROTOS = {"tcp": 6, "udp": 17, "udplite": 136, "icmp": 1, "icmpv6": 58}


def nla(t, payload, nested=False):
    n = 4 + len(payload)
    return struct.pack("=HH", n, t | (0x8000 if nested else 0)) + payload + bytes(-n % 4)


def tuple_attr(kind, fam, f, proto):
    if fam == socket.AF_INET:
        ip = nla(1, socket.inet_aton(f["src"])) + nla(2, socket.inet_aton(f["dst"]))
    else:
        ip = (nla(3, socket.inet_pton(socket.AF_INET6, f["src"])) +
              nla(4, socket.inet_pton(socket.AF_INET6, f["dst"])))
    l4 = nla(1, bytes([proto]))
    if proto in (1, 58):
        b = 4 if proto == 1 else 7
        l4 += (nla(b, struct.pack(">H", int(f["id"]))) +
               nla(b + 1, bytes([int(f["type"])])) + nla(b + 2, bytes([int(f["code"])])))
    else:
        l4 += nla(2, struct.pack(">H", int(f["sport"]))) + nla(3, struct.pack(">H", int(f["dport"])))
    return nla(kind, nla(1, ip, True) + nla(2, l4, True), True)


def message(line, seq):
    w = line.split()
    fam = socket.AF_INET if w[0] == "ipv4" else socket.AF_INET6
    proto = PROTOS.get(w[2])
    if proto is None:
        return None
    timeout = int(sys.argv[2]) if len(sys.argv) > 2 else int(w[4])
    rest = w[5:]
    state = None
    if rest and "=" not in rest[0] and not rest[0].startswith("["):
        state = rest.pop(0)
    dirs, cur, status = [], None, 8  # IPS_CONFIRMED, which a new entry has
    for x in rest:
        if x.startswith("src="):
            cur = {}
            dirs.append(cur)
        if "=" in x and cur is not None:
            k, v = x.split("=", 1)
            cur.setdefault(k, v)
        elif x == "[ASSURED]":
            status |= 4
    if len(dirs) < 2:
        return None
    if "[UNREPLIED]" not in w:
        status |= 2
    attrs = (tuple_attr(1, fam, dirs[0], proto) + tuple_attr(2, fam, dirs[1], proto) +
             nla(7, struct.pack(">I", timeout)) + nla(3, struct.pack(">I", status)))
    if proto == 6 and state in TCP_STATES:
        attrs += nla(4, nla(1, nla(1, bytes([TCP_STATES[state]])), True), True)
    body = struct.pack("=BBH", fam, 0, 0) + attrs
    # IPCTNL_MSG_CT_NEW; NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL
    return struct.pack("=IHHII", 16 + len(body), 1 << 8 | 0, 0x1 | 0x400 | 0x200, seq, 0) + body


s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 12)
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
sent = errors = 0
batch = b""
for seq, line in enumerate(open(sys.argv[1])):
    m = message(line, seq)
    if m is None:
        continue
    batch += m
    sent += 1
    if len(batch) > 16000:
        s.send(batch)
        batch = b""
if batch:
    s.send(batch)
s.setblocking(False)
try:
    while True:
        d = s.recv(65536)
        i = 0
        while i + 20 <= len(d):
            ln, typ = struct.unpack_from("=IH", d, i)
            if typ == 2 and struct.unpack_from("=i", d, i + 16)[0] != 0:
                errors += 1
            i += (ln + 3) & ~3
except BlockingIOError:
    pass
print(sent - errors)
