#!/usr/bin/env python3
"""Compare one guest's results (tests/system/run.sh): for every view, our
stdout, stderr and exit status against net-tools' from the same guest,
byte for byte. The only thing forgiven is a difference README lists under
"Differences from net-tools" that this guest's data shows (ALLOWED below,
each with that README row). Views without a net-tools oracle are checked
against another: the classic switches against what the scenario built,
-M against the guest's conntrack table (tests/natcheck.py; nftables NAT,
or entries inserted over ctnetlink where the guest has no nftables). A
view the scenario wrote that has no oracle result, a guest without NAT'd
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
if forgiven:
    notes.append("allowed: " + ", ".join(sorted(forgiven)))
if retried:
    notes.append("retried: " + ", ".join(retried))
notes.extend(problems)
print("%-8s %-8s %-28s %-7s %-10s %s" % (guest, info.get("arch", "?"), info.get("kernel", "?"),
                                        info.get("order", "?"), "%d/%d" % (identical, compared),
                                        "; ".join(notes)))
sys.exit(0 if identical == compared and not problems else 1)
