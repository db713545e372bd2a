#!/usr/bin/env python3
"""Compare one guest's results (tests/system/run.sh): for every view, our
stdout, stderr and exit status against net-tools' from the same guest,
byte for byte. The only thing forgiven is a difference README lists under
"Differences from net-tools" that this guest's data shows (ALLOWED below,
each with that README row). Views without a net-tools oracle are checked
against another: the classic switches against what the scenario built,
-M against the guest's conntrack table (tests/natcheck.py; nftables NAT,
or entries inserted over ctnetlink where the guest has no nftables);
the router diagnostics against what the scenario copied around them
(-O: sockstat and net-tools -tan; -s -D and -i -D: /proc/net/snmp,
netstat and dev before and after a known burst of pings; -K: the
conntrack files, through tests/diagcheck.py pressure-fixture). A
view the scenario wrote that has no oracle result, a missing -O or -D
view (every guest) or -K view (a guest with NAT), a guest without NAT'd
connections, or a missing BusyBox case summary (BUSYBOX_OURS guests) is a
failure, never a skip.

    compare.py GUEST RESULT_DIR      prints one report line; details of
                                     every difference go to DETAILS
Exit status 1 when anything differs or the scenario failed.
"""
import difflib, os, re, sys

guest, res = sys.argv[1], sys.argv[2]
details_path = os.path.join(os.path.dirname(os.path.dirname(res.rstrip("/"))), "details.txt")


def read(path):
    try:
        with open(path, errors="surrogateescape") as f:
            return f.read()
    except FileNotFoundError:
        return None


def unix_path_cut(text):
    """README: 'a unix socket path with spaces': net-tools cuts the path at
    the first space; we print it whole."""
    out = []
    for line in text.split("\n"):
        if line.startswith("unix "):
            m = re.match(r"(unix .*?\s(?:\d+|-)\s+(?:\S+\s+)?)(/.*)$", line)
            if m and " " in m.group(2):
                line = m.group(1) + m.group(2).split(" ")[0]
        out.append(line)
    return "\n".join(out)


ALLOWED = [("a unix socket path with spaces", unix_path_cut)]

TIMER = re.compile(r"\((\d+)\.(\d\d)/")


def timers_close(ours, theirs):
    """-o: the remaining time of a timer moves between our run and
    net-tools' just after it (by tens of milliseconds under TCG). A line
    whose timers differ by less than a second, ours not below theirs (we
    ran first), takes net-tools' values; nothing else may differ."""
    a, b = ours.split("\n"), theirs.split("\n")
    if len(a) != len(b):
        return ours
    out = []
    for x, y in zip(a, b):
        tx, ty = TIMER.findall(x), TIMER.findall(y)
        if x != y and len(tx) == len(ty) == 1 and TIMER.sub("(/", x) == TIMER.sub("(/", y):
            cx = int(tx[0][0]) * 100 + int(tx[0][1])
            cy = int(ty[0][0]) * 100 + int(ty[0][1])
            if 0 <= cx - cy < 100:
                x = y
        out.append(x)
    return "\n".join(out)

info = dict(l.split("=", 1) for l in (read(os.path.join(res, "info")) or "").splitlines() if "=" in l)
problems = []
failures = read(os.path.join(res, "failures"))
if failures:
    problems.append("scenario: " + failures.strip().replace("\n", "; "))
if info.get("order") != info.get("expect_order"):
    problems.append("byte order %s, expected %s" % (info.get("order"), info.get("expect_order")))

views_dir = os.path.join(res, "views")
compared = identical = 0
forgiven = set()
retried = []
details = []
checked_elsewhere = set()   # ours-only views, each checked below (classic, nat)
all_views = sorted(os.listdir(views_dir)) if os.path.isdir(views_dir) else []
if not all_views:
    problems.append("no views")
for name in all_views:
    d = os.path.join(views_dir, name)
    args = (read(os.path.join(d, "args")) or "").strip()
    if not os.path.exists(os.path.join(d, "theirs.status")):
        continue
    if not os.path.exists(os.path.join(d, "ours.status")):
        problems.append("view %s: net-tools ran, ours did not" % name)
        continue
    compared += 1
    same = True
    view_forgiven = False
    for s in ("stdout", "stderr", "status"):
        ours, theirs = read(os.path.join(d, "ours." + s)), read(os.path.join(d, "theirs." + s))
        if ours == theirs:
            continue
        fixed = ours
        used = []
        if ours is not None and theirs is not None and re.search(r"(^|\s)-[a-zA-Z]*o", args):
            new = timers_close(fixed, theirs)
            if new != fixed:
                used.append("timers within a second")
                fixed = new
        for why, fix in ALLOWED:
            new = fix(fixed)
            if new != fixed:
                used.append(why)
                fixed = new
        if fixed == theirs:
            forgiven.update(used)
            view_forgiven = True
            continue
        same = False
        details.append("--- %s: netstat %s: %s differs (ours, net-tools)%s" % (
            guest, args, s, " on " + name.split("_")[-1] if name.endswith("busybox-netstat") else ""))
        details.extend(difflib.unified_diff((theirs or "").splitlines(), (ours or "").splitlines(),
                                            "net-tools", "ours", lineterm="", n=1))
    if same:
        identical += 1
        tries = (read(os.path.join(d, "tries")) or "1").strip()
        if tries != "1" and not view_forgiven:
            retried.append("%s (%s tries)" % (args, tries))

# The classic switches: no net-tools line of their own; what they must show.
def classic(name, check, what):
    checked_elsewhere.add(name)
    d = os.path.join(views_dir, name)
    out = read(os.path.join(d, "ours.stdout")) or ""
    err = read(os.path.join(d, "ours.stderr")) or ""
    status = (read(os.path.join(d, "ours.status")) or "").strip()
    global compared, identical
    compared += 1
    if status == "0" and not err and check(out):
        identical += 1
    else:
        details.append("--- %s: classic %s: %s (status %s)\n%s%s" % (guest, name, what, status, out, err))

tcp_rows = lambda out: [l for l in out.splitlines() if l.startswith("tcp ")]
classic("classic-an_-p_tcp",
        lambda o: {"127.0.0.1:7001", "10.98.1.1:7002", "0.0.0.0:7080"} <= {l.split()[3] for l in tcp_rows(o)}
        and not any(l.startswith(("tcp6", "udp", "raw", "unix")) for l in o.splitlines()),
        "TCP over IPv4 only, with the scenario's listeners")
classic("classic-an_-p_udp",
        lambda o: any(l.split()[3] == "127.0.0.1:5301" for l in o.splitlines() if l.startswith("udp "))
        and not any(l.startswith(("tcp", "udp6", "raw", "unix")) for l in o.splitlines()),
        "UDP over IPv4 only, with the scenario's socket")
classic("classic-q_-n",
        lambda o: "LISTEN" in o and "TIME_WAIT" in o and "/tmp/seqpacket.sock" in o,
        "-q is -a: listeners, TIME_WAIT and unix sockets")


def dev_totals():
    text = read(os.path.join(res, "proc", "net", "dev")) or ""
    rx = tx = 0
    for line in text.splitlines()[2:]:
        name, _, nums = line.partition(":")
        if name.strip() == "lo":
            continue
        f = nums.split()
        rx += int(f[0]); tx += int(f[8])
    return rx, tx


def bytes_within(o):
    # -E ran before /proc/net/dev was copied: its sums are above zero (the
    # bridge and veth carry neighbour discovery) and at most the copy's
    rx, tx = dev_totals()
    rows = [l.split() for l in o.splitlines() if l.startswith("Bytes ")]
    return len(rows) == 1 and 0 < int(rows[0][1]) <= rx and 0 < int(rows[0][2]) <= tx


classic("classic-E", bytes_within, "interface totals over the non-lo interfaces")

# -M: every connection of the conntrack table copied right after the
# numeric views, row by row (tests/natcheck.py)
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import natcheck


def conntrack_entries():
    text = read(os.path.join(res, "nf_conntrack.after"))
    return None if text is None else natcheck.parse_table(text)


def check_nat(name, want_all, family):
    global compared, identical
    checked_elsewhere.add(name)
    d = os.path.join(views_dir, name)
    compared += 1
    if not os.path.isdir(d):
        details.append("--- %s: no view %s" % (guest, name))
        return
    entries = conntrack_entries() or []
    status = (read(os.path.join(d, "ours.status")) or "").strip()
    err = read(os.path.join(d, "ours.stderr")) or ""
    bad = natcheck.check(entries, natcheck.parse_listing(read(os.path.join(d, "ours.stdout")) or ""),
                         want_all, family, acct=want_all)
    if status != "0" or err:
        bad.append("status %s, stderr %r" % (status, err))
    if bad:
        details.append("--- %s: netstat %s: %s" % (guest, name, "; ".join(bad)))
    else:
        identical += 1
    return [e for e in entries if e["nat"] and family in (None, e["v6"])]


# nat=yes: nftables NATed the scenario's flows; nat=inserted: the same
# connections inserted over ctnetlink (tests/system/ctinsert.c); either
# way the table is the oracle. Anything else leaves -M unchecked: a failure.
if info.get("nat") not in ("yes", "inserted"):
    problems.append("NAT: nat=%s, no NAT'd connections to check -M against" % info.get("nat"))
else:
    entries = conntrack_entries()
    if not entries:
        problems.append("NAT: no conntrack table copied")
    else:
        want = check_nat("nat-M_-n_-W", False, None) or []
        check_nat("nat-M_-n_-e_-W", True, None)
        check_nat("nat-M_-n_-4_-W", False, False)
        check_nat("nat-M_-n_-6_-W", False, True)
        check_nat("nat-netlink-M_-n_-e_-W", True, None)
        rows = {" ".join(e["row"]) for e in want}
        # the scenario's flows: masquerade (TCP, UDP replied and not, ICMP,
        # TCP over IPv6) and the port forward
        for what, pattern in (("SNAT tcp", r"^10\.77\.0\.2:\d+ 10\.88\.0\.1:\d+ 10\.88\.0\.2:9000$"),
                              ("SNAT udp", r"^10\.77\.0\.2:\d+ 10\.88\.0\.1:\d+ 10\.88\.0\.2:9001$"),
                              ("SNAT udp unreplied", r"^10\.77\.0\.2:\d+ 10\.88\.0\.1:\d+ 10\.88\.0\.2:9002$"),
                              ("SNAT icmp", r"^10\.77\.0\.2 10\.88\.0\.1 10\.88\.0\.2$"),
                              ("SNAT tcp6", r"^\[2001:db8:77::2\]:\d+ \[2001:db8:88::1\]:\d+ \[2001:db8:88::2\]:9000$"),
                              ("DNAT tcp", r"^10\.77\.0\.2:80 10\.88\.0\.1:8080 10\.88\.0\.2:\d+$")):
            if not any(re.match(pattern, r) for r in rows):
                problems.append("NAT: no %s connection in -M" % what)
    for name in ("nat-M_-n", "nat-M"):
        checked_elsewhere.add(name)
        d = os.path.join(views_dir, name)
        compared += 1
        if (read(os.path.join(d, "ours.status")) or "").strip() == "0" and not read(os.path.join(d, "ours.stderr")) \
                and (read(os.path.join(d, "ours.stdout")) or "").startswith("NAT connections"):
            identical += 1
        else:
            details.append("--- %s: netstat %s failed" % (guest, name))

# The router diagnostics (-O, -D, -K): each against the oracle the scenario
# copied in the guest around it (tests/diagcheck.py's checks)
import diagcheck
import json
import subprocess

diag_notes = []


def diag(name, what, check):
    """One diag view: CHECK(dir, out) returns the problems; a view the
    scenario did not write, one that said something on stderr or one
    whose check raised is a failure."""
    global compared, identical
    checked_elsewhere.add(name)
    compared += 1
    d = os.path.join(views_dir, name)
    if not os.path.isdir(d):
        problems.append("diag: no view %s" % name)
        return
    out = read(os.path.join(d, "ours.stdout")) or ""
    bad = []
    said = (read(os.path.join(d, "problems")) or "").strip()
    if said:
        bad.append("scenario: " + said.replace("\n", "; "))
    err = read(os.path.join(d, "ours.stderr"))
    if err:
        bad.append("stderr %r" % err)
    diagcheck.problems[:] = []
    try:
        bad.extend(check(d, out))
    except Exception as e:   # a missing copy, a document that is not JSON
        bad.append("%s: %s" % (type(e).__name__, e))
    bad.extend(diagcheck.problems)
    if bad:
        details.append("--- %s: netstat %s: %s" % (guest, (read(os.path.join(d, "args")) or name).strip(),
                                                  "; ".join(bad)))
        diag_notes.append(what + " FAILED")
    else:
        identical += 1
        tries = (read(os.path.join(d, "tries")) or "1").strip()
        diag_notes.append(what + ("" if tries == "1" else " (%s tries)" % tries))


def status_is(d, want):
    got = (read(os.path.join(d, "ours.status")) or "").strip()
    return [] if got == want else ["exit status %s, want %s" % (got, want)]


def check_summary(d, out):
    """-O -j: every sockstat number and the TCP rows of net-tools -tan by
    state (copied right after); -O's text says what its JSON says."""
    bad = status_is(d, "0")
    if (read(os.path.join(d, "text.status")) or "").strip() != "0" or read(os.path.join(d, "text.stderr")):
        bad.append("-O (text) failed: status %s" % (read(os.path.join(d, "text.status")) or "").strip())
    ours = json.loads(out)["summary"]
    kernel = diagcheck.sockstat(os.path.join(d, "sockstat"))
    if not kernel:
        bad.append("no sockstat copied")
    kernel.update(diagcheck.sockstat(os.path.join(d, "sockstat6")))
    for name, fields in kernel.items():
        if ours.get(name.lower()) != fields:
            bad.append("%s: ours %s, sockstat %s" % (name.lower(), ours.get(name.lower()), fields))
    states = diagcheck.nettools_states(os.path.join(d, "theirs-tan.stdout"))
    if not states.get("LISTEN"):
        bad.append("net-tools -tan shows no listener")
    if ours.get("tcp_states") != states:
        bad.append("TCP states: ours %s, net-tools -tan rows %s" % (ours.get("tcp_states"), states))
    with open(os.path.join(d, "ours.json"), "w") as f:
        f.write(out)
    diagcheck.check_summary_text(os.path.join(d, "text.stdout"), os.path.join(d, "ours.json"))
    return bad


def proc_counters(path):
    """nstat's names of /proc/net/snmp or netstat: title+name lines pairs."""
    out = {}
    lines = (read(path) or "").splitlines()
    for names, values in zip(lines[0::2], lines[1::2]):
        title, _, names = names.partition(":")
        for n, v in zip(names.split(), values.partition(":")[2].split()):
            out[title + n] = int(v)
    return out


def named_counters(path):
    """/proc/net/sctp/snmp: a name and a value a line (nstat's names)."""
    out = {}
    for line in (read(path) or "").splitlines():
        w = line.split()
        if len(w) == 2:
            out[w[0]] = int(w[1])
    return out


def dev_counters(path):
    """ip -j's names of /proc/net/dev's numbers, as IFNAME:COUNTER."""
    out = {}
    for line in (read(path) or "").splitlines()[2:]:
        name, _, nums = line.partition(":")
        f = [int(x) for x in nums.split()]
        for key, i in (("rx_bytes", 0), ("rx_packets", 1), ("rx_errors", 2), ("rx_dropped", 3),
                       ("tx_bytes", 8), ("tx_packets", 9), ("tx_errors", 10), ("tx_dropped", 11)):
            out["%s:%s" % (name.strip(), key)] = f[i]
    return out


def changes(d, before, after, keys):
    """The later rounds' changes summed against the copies' difference
    (diagcheck.check_changes); the copies as nstat -j documents."""
    for which, counters in (("before", before), ("after", after)):
        with open(os.path.join(d, which + ".json"), "w") as f:
            json.dump({"kernel": counters}, f)
    diagcheck.check_changes(os.path.join(d, "ours.stdout"), os.path.join(d, "before.json"),
                            os.path.join(d, "after.json"), keys)


def later_sum(out, pick):
    return sum(pick(json.loads(l).get("changes", {})) for l in out.splitlines()[1:] if l.strip())


def check_changes_s(d, out):
    """-s -D -j in a quiet namespace around N pings of 127.0.0.1: every
    counter both -s and the copies of snmp, netstat and sctp/snmp name
    changed by the copies' difference; IcmpOutEchos by N."""
    bad = status_is(d, "143")   # ended by SIGTERM
    first = json.loads(out.splitlines()[0]).get("statistics", {})
    before, after = {}, {}
    for name in ("snmp", "netstat", "sctp"):
        parse = named_counters if name == "sctp" else proc_counters
        before.update(parse(os.path.join(d, name + ".before")))
        after.update(parse(os.path.join(d, name + ".after")))
    keys = sorted(k for k in after if k in first and k in before)
    if len(keys) < 50 or "IcmpOutEchos" not in keys or "IcmpMsgOutType8" not in keys:
        bad.append("only %d counters in both -s and the copies" % len(keys))
    changes(d, before, after, keys)
    n = int(read(os.path.join(d, "pings")))
    echos = later_sum(out, lambda c: c.get("counters", {}).get("IcmpOutEchos", 0))
    if echos != n:
        bad.append("IcmpOutEchos +%d over the rounds, %d pings" % (echos, n))
    return bad


def check_changes_i(d, out):
    """-i -D -j around M pings over dlt0 (its own veth pair): its eight
    counters changed by /proc/net/dev's difference, packets by M."""
    bad = status_is(d, "143")
    keys = ["dlt0:" + k for k in ("rx_packets", "rx_bytes", "rx_errors", "rx_dropped",
                                  "tx_packets", "tx_bytes", "tx_errors", "tx_dropped")]
    before, after = dev_counters(os.path.join(d, "dev.before")), dev_counters(os.path.join(d, "dev.after"))
    if "dlt0:tx_packets" not in after:
        bad.append("no dlt0 in /proc/net/dev")
    changes(d, before, after, keys)
    m = int(read(os.path.join(d, "pings")))
    for k in ("rx_packets", "tx_packets"):
        got = later_sum(out, lambda c: c.get("interfaces", {}).get("dlt0", {}).get(k, 0))
        if got != m:
            bad.append("dlt0 %s +%d over the rounds, %d pings" % (k, got, m))
    return bad


def check_conntrack(d, out):
    """-K -n -j against its copies (a PROC_ROOT fixture): diagcheck.py
    pressure-fixture computes the whole document's numbers from them."""
    bad = status_is(d, "0")
    if not (read(os.path.join(d, "proc", "net", "nf_conntrack")) or "").strip():
        bad.append("an empty conntrack table")
    r = subprocess.run([sys.executable, os.path.join(os.path.dirname(diagcheck.__file__), "diagcheck.py"),
                        "pressure-fixture", os.path.join(d, "proc"), os.path.join(d, "ours.stdout")],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
    if r.returncode:
        bad.append(r.stdout.strip().replace("\n", "; ") or "pressure-fixture exited %d" % r.returncode)
    return bad


# the summary and the deltas on every guest; conntrack where it has NAT
diag("diag-O_-j", "-O", check_summary)
diag("diag-s_-D_-j_-c_1", "-s -D", check_changes_s)
diag("diag-i_-D_-j_-c_1", "-i -D", check_changes_i)
if info.get("nat") in ("yes", "inserted"):
    diag("diag-K_-n_-j", "-K", check_conntrack)

# every view the scenario wrote has an oracle result: net-tools' or one
# of the checks above
for name in all_views:
    if not os.path.exists(os.path.join(views_dir, name, "theirs.status")) and name not in checked_elsewhere:
        problems.append("view %s: no oracle result" % name)

# the case suite, run in the guest (tests/system/cases.sh); BusyBox's too
# where our applet is in the guest's BusyBox
busybox_ours = info.get("busybox_ours") == "1"
if busybox_ours and not any(n.endswith("busybox-netstat") for n in all_views):
    problems.append("no busybox netstat views")
cases_note = []
for name in ("ours", "busybox"):
    text = read(os.path.join(res, "cases-%s.txt" % name))
    if text is None:
        if name == "ours" or busybox_ours:
            problems.append("the case suite [%s] did not run" % name)
        continue
    m = re.search(r"^cases: (\d+) passed, (\d+) failed$", text, re.M)
    if not m:
        problems.append("cases [%s]: no summary" % name)
        continue
    cases_note.append("%s %s/%d" % (name, m.group(1), int(m.group(1)) + int(m.group(2))))
    if m.group(2) != "0":
        problems.append("cases [%s]: %s failed" % (name, m.group(2)))
        details.append(text.rsplit("cases:", 1)[0].rstrip())

if details:
    with open(details_path, "a") as f:
        f.write("\n".join(details) + "\n")
notes = []
if cases_note:
    notes.append("cases: " + ", ".join(cases_note))
if diag_notes:
    notes.append("diag: " + ", ".join(diag_notes))
if forgiven:
    notes.append("allowed: " + ", ".join(sorted(forgiven)))
if retried:
    notes.append("retried: " + ", ".join(retried))
notes.extend(problems)
print("%-8s %-8s %-28s %-7s %-10s %s" % (guest, info.get("arch", "?"), info.get("kernel", "?"),
                                        info.get("order", "?"), "%d/%d" % (identical, compared),
                                        "; ".join(notes)))
sys.exit(0 if identical == compared and not problems else 1)
