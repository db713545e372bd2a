#!/usr/bin/env python3
"""The Internet socket rows of a listing, normalized so that listings of
different tools can be compared: before a benchmark times two commands,
it checks that both printed the same rows (a peer that failed, or read
nothing, would otherwise time as fast).

    rows.py netstat|ss FILE      one row a line, sorted:
                                 proto local remote state recv-q send-q

netstat: net-tools' layout, which ours, BusyBox's and toybox's share
(the Unix part is left out); ss: `ss -tan` and the like (-A inet). The
protocol loses its 6, addresses their brackets and "*" ports stay "*";
ss's state names become netstat's (TCP's UNCONN is CLOSE, UDP's none)
and raw states are dropped (netstat prints a number there).
"""
import ipaddress
import sys

SS_STATES = {"ESTAB": "ESTABLISHED", "SYN-SENT": "SYN_SENT", "SYN-RECV": "SYN_RECV",
             "FIN-WAIT-1": "FIN_WAIT1", "FIN-WAIT-2": "FIN_WAIT2", "TIME-WAIT": "TIME_WAIT",
             "CLOSE-WAIT": "CLOSE_WAIT", "LAST-ACK": "LAST_ACK", "LISTEN": "LISTEN",
             "CLOSING": "CLOSING", "UNCONN": "", "CLOSED": "CLOSE"}


def endpoint(text, v6=False):
    """ADDR:PORT; ss's "*" address (a v6 socket's unspecified address or
    peer) is netstat's 0.0.0.0 or ::"""
    addr, _, port = text.rpartition(":")
    addr = addr.strip("[]")
    if addr == "*":
        addr = "::" if v6 else "0.0.0.0"
    # a v4-mapped address (::ffff:127.0.0.1, toybox's ::ffff:7f00:1):
    # net-tools prints the dotted quad alone
    if addr.lower().startswith("::ffff:"):
        try:
            addr = str(ipaddress.ip_address(addr).ipv4_mapped or addr)
        except ValueError:
            pass	# cut short without -W
    return "%s:%s" % (addr, port)


def netstat_rows(lines):
    rows, inet = [], False
    for line in lines:
        if line.startswith("Active Internet"):
            inet = True
            continue
        if line.startswith("Active ") or line.startswith("Proto"):
            inet = line.startswith("Proto") and inet
            continue
        f = line.split()
        if not inet or len(f) < 5:
            continue
        proto = f[0].rstrip("6")
        state = f[5] if len(f) > 5 and proto != "raw" else ""
        rows.append((proto, endpoint(f[3]), endpoint(f[4]), state, f[1], f[2]))
    return rows


def ss_rows(lines):
    rows = []
    head = lines[0].split() if lines else []
    netid = head[:1] == ["Netid"]
    for line in lines[1:]:
        f = line.split()
        if netid:
            proto, f = f[0], f[1:]
        else:
            proto = "tcp"
        if len(f) < 5 or proto not in ("tcp", "udp", "raw"):
            continue
        state = SS_STATES.get(f[0], f[0]) if proto != "raw" else ""
        if proto == "tcp" and f[0] == "UNCONN":
            state = "CLOSE"
        # ("*" as a local address: ss 6.1's IPv6 unspecified address of a
        # socket it cannot tell is v6-only; IPv4's is 0.0.0.0)
        local = endpoint(f[3], True)
        rows.append((proto, local, endpoint(f[4], ":" in local.rpartition(":")[0]), state, f[1], f[2]))
    return rows


kind, path = sys.argv[1], sys.argv[2]
lines = open(path, errors="replace").read().splitlines()
for r in sorted(netstat_rows(lines) if kind == "netstat" else ss_rows(lines)):
    print(" ".join(r))
