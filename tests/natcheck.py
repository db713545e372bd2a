#!/usr/bin/env python3
"""Check a `netstat -M -n -W` listing against the conntrack table it was
read from, as README's NAT view defines the columns: SNAT Inside = original
source, Outside = reply destination, Remote = original destination; DNAT
(wins when both apply) Inside = reply source, Outside = original
destination, Remote = original source; no translation: Outside "-", listed
only with -e. The table is /proc/net/nf_conntrack's format, which is also
what `conntrack -L -o extended` prints, copied just after netstat ran.

Used by tests/system/compare.py and tests/scripts/live-nat.sh:

    natcheck.py TABLE LISTING [--all] [--family 4|6] [--acct] [--slack S]

--all: the listing is -e (every connection); --acct: -e's Packets and
Bytes columns must equal the table's; --slack: how many seconds the
expiry may be above the table's (the table was copied later). Prints one
line per problem; exit status 1 if there is any.
"""
import ipaddress, sys


def endpoint(addr, port):
    """As -M prints it: IPv6 compressed, and in brackets before a port."""
    if ":" in addr:
        addr = str(ipaddress.IPv6Address(addr))
        if port is not None:
            addr = "[%s]" % addr
    return addr if port is None else "%s:%s" % (addr, port)


def parse_table(text):
    entries = []
    for line in text.splitlines():
        f = line.split()
        if len(f) < 6:
            continue
        proto, timeout = f[2], int(f[4])
        kv = [x.split("=", 1) for x in f if "=" in x]
        get = lambda k: [v for key, v in kv if key == k]
        src, dst = get("src"), get("dst")
        sport, dport = get("sport") or [None, None], get("dport") or [None, None]
        packets, nbytes = get("packets"), get("bytes")
        o_src, o_dst, r_src, r_dst = src[0], dst[0], src[1], dst[1]
        o_sp, o_dp, r_sp, r_dp = sport[0], dport[0], sport[1], dport[1]
        if proto in ("icmp", "icmpv6"):
            o_sp = o_dp = r_sp = r_dp = None
        dnat = (r_src, r_sp) != (o_dst, o_dp)
        snat = (r_dst, r_dp) != (o_src, o_sp)
        if dnat:
            row = (endpoint(r_src, r_sp), endpoint(o_dst, o_dp), endpoint(o_src, o_sp))
        elif snat:
            row = (endpoint(o_src, o_sp), endpoint(r_dst, r_dp), endpoint(o_dst, o_dp))
        else:
            row = (endpoint(o_src, o_sp), "-", endpoint(o_dst, o_dp))
        entries.append({"proto": proto, "v6": f[0] == "ipv6", "timeout": timeout,
                        "state": f[5] if proto in ("tcp", "sctp", "dccp") else None,
                        "nat": dnat or snat, "row": row, "unreplied": "[UNREPLIED]" in f,
                        "acct": (packets, nbytes) if len(packets) == 2 else None})
    return entries


def parse_listing(text):
    """Rows of -M -W: Prot Expire Inside Outside Remote [State] [Packets Bytes]."""
    rows = []
    for line in text.splitlines()[2:]:
        t = line.split()
        if len(t) >= 5:
            rows.append({"proto": t[0], "expire": t[1], "row": (t[2], t[3], t[4]), "rest": t[5:]})
    return rows


def check(entries, rows, want_all=False, family=None, acct=False, slack=5):
    problems = []
    want = [e for e in entries if (want_all or e["nat"]) and family in (None, e["v6"])]
    got = {}
    for r in rows:
        got.setdefault(r["row"], []).append(r)
    for e in want:
        name = "%s %s" % (e["proto"], " ".join(e["row"]))
        rs = got.get(e["row"])
        if not rs:
            problems.append("missing " + name)
            continue
        # entries may share a row's endpoints (two pings, other ids):
        # each takes one row, the one with its counters if there is one
        pick = 0
        if acct and e["acct"]:
            counters = ["%s/%s" % tuple(e["acct"][0]), "%s/%s" % tuple(e["acct"][1])]
            pick = next((i for i, x in enumerate(rs)
                         if [y for y in x["rest"] if "/" in y] == counters), 0)
        r = rs.pop(pick)
        if not rs:
            del got[e["row"]]
        expire = int(r["expire"]) if r["expire"].isdigit() else -1
        if not (e["timeout"] <= expire <= e["timeout"] + slack):
            problems.append("%s: expire %s, conntrack %d just after" % (name, r["expire"], e["timeout"]))
        state = r["rest"][0] if r["rest"] and not r["rest"][0][0].isdigit() else ""
        if e["state"] and state != e["state"]:
            problems.append("%s: state %r, conntrack %s" % (name, state, e["state"]))
        if e["unreplied"] and state != "UNREPLIED":
            problems.append("%s: state %r, conntrack UNREPLIED" % (name, state))
        if acct and e["acct"]:
            nums = [x for x in r["rest"] if "/" in x]
            want_nums = ["%s/%s" % tuple(e["acct"][0]), "%s/%s" % tuple(e["acct"][1])]
            if nums != want_nums:
                problems.append("%s: packets/bytes %s, conntrack %s" % (name, nums, want_nums))
    for k, rs in got.items():
        problems.extend("row not in conntrack: " + " ".join(k) for r in rs)
    return problems


if __name__ == "__main__":
    args = sys.argv[1:]
    table, listing = open(args[0]).read(), open(args[1]).read()
    fam = None
    if "--family" in args:
        fam = args[args.index("--family") + 1] == "6"
    slack = int(args[args.index("--slack") + 1]) if "--slack" in args else 5
    ps = check(parse_table(table), parse_listing(listing), "--all" in args, fam, "--acct" in args, slack)
    for p in ps:
        print(p)
    sys.exit(1 if ps else 0)
