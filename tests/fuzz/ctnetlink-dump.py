#!/usr/bin/env python3
"""Writes the datagrams of one ctnetlink dump (IPCTNL_MSG_CT_GET,
NLM_F_DUMP, both families) to FILE, back to back, up to and including
NLMSG_DONE: a seed for the ctnetlink fuzz target.

    ctnetlink-dump.py FILE        (root; in the namespace whose table it is)
"""
import socket, struct, sys

s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 12)  # NETLINK_NETFILTER
s.send(struct.pack("=IHHII", 20, 1 << 8 | 1, 0x301, 0, 0) + bytes(4))
out = b""
done = False
while not done:
    d = s.recv(65536)
    out += d
    i = 0
    while i + 16 <= len(d):
        ln, typ = struct.unpack_from("=IH", d, i)
        if typ in (2, 3) or ln < 16:
            done = True
            break
        i += (ln + 3) & ~3
open(sys.argv[1], "wb").write(out)
