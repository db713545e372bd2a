#!/usr/bin/env python3
"""Checks the router diagnostics (-O, -D, -K) against independent oracles.
Each subcommand prints one line per problem and exits 1 if there was one.

  summary OURS.json SOCKSTAT SOCKSTAT6 SS-S.txt NETTOOLS-TAN.txt
      -Oj against the kernel's sockstat files (every number), `ss -s`
      (Total, TCP's allocated/orphaned/timewait, the transport table) and
      net-tools `netstat -tan` rows counted by state.
  summary-text OURS.txt OURS.json
      -O's text says the numbers its JSON says.
  changes ROUNDS.jsonl BEFORE.json AFTER.json KEY...
      -D -j rounds (JSON Lines, the first a full page): the changes of the
      later rounds summed, for each KEY, against AFTER - BEFORE, two
      readings of the oracle taken inside the window (nstat -a -j for -s,
      ip -j -s link for -i: KEY is then IFNAME:COUNTER).
  pressure OURS.json CONNTRACK-L.txt CONNTRACK-S.txt COUNT MAX [--no-stats]
      -Kj against `conntrack -L -o extended` grouped here by inside host,
      protocol and TCP state, `conntrack -S` summed over the CPUs,
      `conntrack -C` and nf_conntrack_max.
  pressure-fixture FIXTURE OURS.json
      -Kj on a PROC_ROOT copy against the same sums taken from its files.
  schema FILE...
      each JSON document of each file (one a line) valid against
      include/netstat.schema.json (needs python3-jsonschema).
"""
import json
import sys

problems = []
HOSTS = 2048    # -K's bounded host table (applet/pressure.c)


def problem(text):
    problems.append(text)


def load_json(path):
    with open(path) as f:
        return json.load(f)


# ---- -O ----

def sockstat(path):
    """{"TCP": {"inuse": 1, ...}, ...} from a sockstat file."""
    out = {}
    try:
        lines = open(path).read().splitlines()
    except FileNotFoundError:
        return out
    for line in lines:
        name, _, rest = line.partition(":")
        words = rest.split()
        out[name] = {words[i]: int(words[i + 1]) for i in range(0, len(words) - 1, 2)}
    return out


def ss_summary(path):
    """The numbers of `ss -s`: Total, the TCP line, the transport table."""
    out = {}
    for line in open(path):
        w = line.replace("(", " ").replace(")", " ").replace(",", " ").split()
        if not w:
            continue
        if w[0] == "Total:":
            out["total"] = int(w[1])
        elif w[0] == "TCP:":
            out["tcp"] = int(w[1])
            for i in range(2, len(w) - 1, 2):
                out["tcp_" + w[i]] = int(w[i + 1])
        elif w[0] in ("RAW", "UDP", "TCP", "INET", "FRAG") and len(w) == 4:
            out[w[0]] = tuple(int(x) for x in w[1:])
    return out


def nettools_states(path):
    counts = {}
    for line in open(path):
        w = line.split()
        if w and w[0] in ("tcp", "tcp6") and len(w) >= 6:
            counts[w[5]] = counts.get(w[5], 0) + 1
    return counts


def check_summary(ours_path, sockstat4, sockstat6, ss_path, tan_path):
    ours = load_json(ours_path)["summary"]
    kernel = sockstat(sockstat4)
    kernel.update(sockstat(sockstat6))
    for name, fields in kernel.items():
        got = ours.get(name.lower())
        if got != fields:
            problem("summary %s: ours %s, %s %s" % (name.lower(), got, "sockstat", fields))
    ss = ss_summary(ss_path)

    def num(line, key):
        return ours.get(line, {}).get(key, 0)
    # iproute2 6.1's print_summary: TCP is alloc + tw, closed is alloc
    # less the hashed sockets that are not TIME_WAIT
    tw, hashed = num("tcp", "tw"), num("tcp", "inuse") + num("tcp6", "inuse")
    pairs = [("total", num("sockets", "used")), ("tcp", num("tcp", "alloc") + tw),
             ("tcp_closed", num("tcp", "alloc") - (hashed - tw)),
             ("tcp_orphaned", num("tcp", "orphan")), ("tcp_timewait", tw)]
    for key, mine in pairs:
        if ss.get(key) != mine:
            problem("ss -s %s %s, ours %s" % (key, ss.get(key), mine))
    for row, line in (("RAW", "raw"), ("UDP", "udp"), ("TCP", "tcp"), ("FRAG", "frag")):
        v4, v6 = num(line, "inuse"), num(line + "6", "inuse")
        if ss.get(row) != (v4 + v6, v4, v6):
            problem("ss -s %s %s, ours %s" % (row, ss.get(row), (v4 + v6, v4, v6)))
    states = nettools_states(tan_path)
    if ours.get("tcp_states") != states:
        problem("TCP states: ours %s, net-tools -tan rows %s" % (ours.get("tcp_states"), states))


def check_summary_text(text_path, json_path):
    """Every "Name: key N, key N" line of the text against the JSON."""
    ours = load_json(json_path)["summary"]
    seen = {}
    key = None
    for line in open(text_path).read().splitlines():
        if not line.startswith(" "):
            name, _, rest = line.partition(":")
            key = "tcp_states" if name == "TCP states" else name.lower()
            seen[key] = {}
        for item in filter(None, (x.strip() for x in (line.partition(":")[2]
                                                       if not line.startswith(" ") else line).split(","))):
            if item == "none":	# a list with no item
                continue
            k, v = item.rsplit(" ", 1)
            seen[key][k] = int(v)
    if seen != ours:
        problem("-O text %s, its JSON %s" % (seen, ours))


# ---- -D ----

def flat_counters(doc):
    """nstat -a -j: {"kernel": {name: value}}; ip -j -s link: a list of links."""
    if isinstance(doc, dict):
        return {k: v for k, v in doc.get("kernel", doc).items() if isinstance(v, int)}
    out = {}
    for link in doc:
        s = link.get("stats64", {})
        for d in ("rx", "tx"):
            for k, v in s.get(d, {}).items():
                out["%s:%s_%s" % (link["ifname"], d, k)] = v
    return out


# ip -j's names of the -i counters
IP_NAMES = {"rx_packets": "rx_packets", "rx_bytes": "rx_bytes", "rx_errors": "rx_errors",
            "rx_drops": "rx_dropped", "tx_packets": "tx_packets", "tx_bytes": "tx_bytes",
            "tx_errors": "tx_errors", "tx_drops": "tx_dropped"}


def check_changes(rounds_path, before_path, after_path, keys):
    lines = [json.loads(l) for l in open(rounds_path) if l.strip()]
    if len(lines) < 2:
        problem("-D: %d rounds, want at least 2" % len(lines))
        return
    if "changes" in lines[0]:
        problem("-D: the first round is a change, not the full page")
    sums = {}
    for doc in lines[1:]:
        ch = doc.get("changes")
        if not ch or not isinstance(ch.get("seconds"), int):
            problem("-D: a later round without changes.seconds: %s" % doc)
            continue
        if "counters" in ch:
            for k, v in ch["counters"].items():
                sums[k] = sums.get(k, 0) + v
        for ifname, counters in ch.get("interfaces", {}).items():
            for k, v in counters.items():
                key = "%s:%s" % (ifname, IP_NAMES.get(k, k))
                sums[key] = sums.get(key, 0) + v
    before = flat_counters(load_json(before_path))
    after = flat_counters(load_json(after_path))
    for key in keys:
        want = after.get(key, 0) - before.get(key, 0)
        if sums.get(key, 0) != want:
            problem("-D %s: ours +%d over the rounds, the oracle +%d" % (key, sums.get(key, 0), want))


# ---- -K ----

def conntrack_entries(path):
    """(family, proto, state, inside address, bytes or None) per line of
    conntrack -L -o extended or /proc/net/nf_conntrack."""
    out = []
    for line in open(path):
        w = line.split()
        if len(w) < 4 or w[0] not in ("ipv4", "ipv6"):
            continue
        proto = w[2]
        kv = [x.split("=", 1) for x in w if "=" in x]
        src = [v for k, v in kv if k == "src"]
        dst = [v for k, v in kv if k == "dst"]
        sport = [v for k, v in kv if k == "sport"] or [None, None]
        dport = [v for k, v in kv if k == "dport"] or [None, None]
        nbytes = [int(v) for k, v in kv if k == "bytes"]
        state = w[5] if proto == "tcp" and "=" not in w[5] else None
        # DNAT when the reply does not come from the original destination
        dnat = (src[1], sport[1]) != (dst[0], dport[0])
        inside = src[1] if dnat else src[0]
        out.append((w[0], proto, state, inside, sum(nbytes) if len(nbytes) == 2 else None))
    return out


def addr_key(family, addr):
    import ipaddress
    return (family == "ipv6", ipaddress.ip_address(addr).packed)


def check_pressure(ours, entries, stats, count, maximum, top=10):
    """ours: -Kj's "conntrack"; entries: conntrack_entries; stats: the
    counters summed (None: none expected)."""
    if ours.get("count") != count:
        problem("-K count %s, oracle %s" % (ours.get("count"), count))
    if ours.get("max") != maximum:
        problem("-K max %s, oracle %s" % (ours.get("max"), maximum))
    if ours.get("listed") != len(entries):
        problem("-K listed %s, table %d" % (ours.get("listed"), len(entries)))
    full = count is not None and maximum is not None and count >= maximum
    if ours.get("full") != full:
        problem("-K full %s, oracle %s" % (ours.get("full"), full))
    if stats is None:
        if "stats" in ours:
            problem("-K has stats with no stat file")
    else:
        for k, v in stats.items():
            if ours.get("stats", {}).get(k) != v:
                problem("-K stats %s %s, oracle %s" % (k, ours.get("stats", {}).get(k), v))
    # a first round's "lost": the three counters so far
    lost = {k: (stats or {}).get(k, 0) for k in ("drop", "early_drop", "insert_failed")}
    if ours.get("lost") != lost:
        problem("-K lost %s, oracle %s" % (ours.get("lost"), lost))
    protos, states, hosts = {}, {}, {}
    accounted = any(e[4] is not None for e in entries)
    for fam, proto, state, inside, nbytes in entries:
        protos[proto] = protos.get(proto, 0) + 1
        if state:
            states[state] = states.get(state, 0) + 1
        h = hosts.setdefault((fam, inside), [0, 0])
        h[0] += 1
        h[1] += nbytes or 0
    if ours.get("protocols") != protos:
        problem("-K protocols %s, oracle %s" % (ours.get("protocols"), protos))
    if ours.get("tcp_states") != states:
        problem("-K tcp_states %s, oracle %s" % (ours.get("tcp_states"), states))

    def ranked(by_bytes):
        return sorted(hosts.items(), key=lambda kv: (-kv[1][1 if by_bytes else 0],) + addr_key(*kv[0]))

    def rows(by_bytes):
        import ipaddress
        return [(str(ipaddress.ip_address(a)), v[0], v[1] if accounted else None)
                for (f, a), v in ranked(by_bytes)[:top]]
    got = [(h["address"], h["entries"], h["bytes"]) for h in ours.get("hosts", [])]
    if got != rows(False):
        problem("-K hosts %s, oracle %s" % (got, rows(False)))
    if accounted:
        got = [(h["address"], h["entries"], h["bytes"]) for h in ours.get("hosts_by_bytes") or []]
        if got != rows(True):
            problem("-K hosts_by_bytes %s, oracle %s" % (got, rows(True)))
    elif "hosts_by_bytes" in ours:
        problem("-K hosts_by_bytes without accounting")
    # the bounded table: the first HOSTS hosts in the table's order are
    # counted each, the entries of any other only as untracked (the
    # table's order is the kernel's hash order, procfs's and ctnetlink's
    # alike). The top rows above are the true ones, all hosts ranked: a
    # heavy host past the bound would show as a difference.
    kept = {}
    for fam, proto, state, inside, nbytes in entries:
        if len(kept) < HOSTS:
            kept[(fam, inside)] = True
    untracked = sum(1 for e in entries if (e[0], e[3]) not in kept)
    counted = {k: v for k, v in hosts.items() if k in kept}
    rest = sorted(counted.items(), key=lambda kv: (-kv[1][0],) + addr_key(*kv[0]))[top:]
    want = {"hosts": len(rest), "entries": sum(v[0] for k, v in rest) + untracked,
            "bytes": sum(v[1] for k, v in rest) if accounted else None,
            "untracked_entries": untracked}
    if ours.get("others") != want:
        problem("-K others %s, oracle %s" % (ours.get("others"), want))


# conntrack -S's names of the stat/nf_conntrack columns
S_NAMES = {"found": "found", "invalid": "invalid", "insert": "insert",
           "insert_failed": "insert_failed", "drop": "drop", "early_drop": "early_drop",
           "error": "icmp_error", "search_restart": "search_restart",
           "clash_resolve": "clashres", "chaintoolong": "chainlength"}


def conntrack_s(path):
    sums = {}
    for line in open(path):
        for item in line.split():
            k, _, v = item.partition("=")
            if k in S_NAMES:
                sums[S_NAMES[k]] = sums.get(S_NAMES[k], 0) + int(v)
    return sums


def stat_file(path):
    lines = open(path).read().splitlines()
    names = lines[0].split()
    sums = {n: 0 for n in names if n != "entries"}
    for line in lines[1:]:
        for n, v in zip(names, line.split()):
            if n != "entries":
                sums[n] += int(v, 16)
    return sums


def number(path):
    try:
        return int(open(path).read())
    except FileNotFoundError:
        return None


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "summary":
        check_summary(*args)
    elif cmd == "summary-text":
        check_summary_text(*args)
    elif cmd == "changes":
        check_changes(args[0], args[1], args[2], args[3:])
    elif cmd == "pressure":
        ours = load_json(args[0])["conntrack"]
        stats = None if "--no-stats" in args else conntrack_s(args[2])
        check_pressure(ours, conntrack_entries(args[1]), stats, int(args[3]), int(args[4]))
    elif cmd == "pressure-fixture":
        fx = args[0]
        ours = load_json(args[1])["conntrack"]
        import os
        st = os.path.join(fx, "net/stat/nf_conntrack")
        check_pressure(ours, conntrack_entries(os.path.join(fx, "net/nf_conntrack")),
                       stat_file(st) if os.path.exists(st) else None,
                       number(os.path.join(fx, "sys/net/netfilter/nf_conntrack_count")),
                       number(os.path.join(fx, "sys/net/netfilter/nf_conntrack_max")))
    elif cmd == "schema":
        import os
        import jsonschema
        here = os.path.dirname(os.path.abspath(__file__))
        schema = load_json(os.path.join(here, "..", "include", "netstat.schema.json"))
        validator = jsonschema.Draft202012Validator(schema)
        for path in args:
            for n, line in enumerate(open(path), 1):
                if line.strip():
                    for e in validator.iter_errors(json.loads(line)):
                        problem("%s:%d: %s at %s" % (path, n, e.message[:200], list(e.absolute_path)))
    else:
        sys.exit("unknown check " + cmd)
    for p in problems:
        print(p)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
