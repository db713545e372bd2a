#!/usr/bin/python3
"""The JSON twin of a case: runs our netstat on the case's fixture with its
arguments plus -W (text) and plus -j (JSON), and checks that
  - each document is strict RFC 8259 (duplicate keys, NaN and Infinity
    rejected), valid UTF-8, one a line, and valid against the schema,
    include/netstat.schema.json (JSON Schema 2020-12, python3-jsonschema);
  - exit status and stderr are the same in both forms;
  - the values equal an independent reading:
      sockets (TCP, UDP, UDP-Lite, raw, unix), IPv4 routes and -i:
        jc --netstat run on the text, which is net-tools' own (the cases
        hold net-tools' output), key for key where the two share a key;
      -s: the fixture's snmp, netstat, snmp6 and sctp/snmp files, read
        here under nstat's names;
      IPv6 routes, groups, NAT, -ie: as many rows as the text.
    (-ie and -s on live kernels: tests/scripts/json-oracles.sh, against
    ip -j and nstat.)

    jsoncheck.py NETSTAT CASE_DIR...   (RUNNER, if set, runs NETSTAT;
                                        BIG_ENDIAN/MIPSEL pick the fixture
                                        twin of the build's kernel ABI)
Prints one line per problem; exit status 1 if there was any. Usage and
version cases have no JSON form and are passed over (counted).
"""
import json, os, re, shlex, subprocess, sys, tempfile

import jc
import jsonschema

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCHEMA = json.load(open(os.path.join(TOP, "include", "netstat.schema.json")))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)

# the kernel's TCP state numbers (include/net/tcp_states.h), which the
# raw table's State column prints as numbers
TCP_STATES = ["", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2",
              "TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING"]
# net-tools' route flag letters (route(8)), for the words of route_flags
IPV4_LETTERS = [("U", "UP"), ("G", "GATEWAY"), ("!", "REJECT"), ("H", "HOST"),
                ("R", "REINSTATE"), ("D", "DYNAMIC"), ("M", "MODIFIED"),
                ("d", "DEFAULT"), ("a", "ALLONLINK"), ("c", "ADDRCONF"),
                ("o", "NONEXTHOP"), ("e", "EXPIRES"), ("c", "CACHE"), ("f", "FLOW"),
                ("p", "POLICY"), ("l", "LOCAL"), ("u", "MTU"), ("w", "WINDOW"),
                ("i", "IRTT"), ("n", "NOTCACHED")]
# ifconfig's Flg letters (net-tools' lib/interface.c)
IFACE_LETTERS = [("A", "ALLMULTI"), ("B", "BROADCAST"), ("D", "DEBUG"), ("L", "LOOPBACK"),
                 ("M", "MULTICAST"), ("P", "PROMISC"), ("N", "NOTRAILERS"), ("O", "NOARP"),
                 ("P", "POINTOPOINT"), ("s", "SLAVE"), ("m", "MASTER"), ("R", "RUNNING"),
                 ("U", "UP")]

# text tables whose rows follow a fixed number of title lines: the JSON
# table of the same name has as many rows
TEXT_TABLES = [
    ("Kernel IPv6 routing table", "route6", 1),
    ("Kernel IPv6 routing cache", "route6_cache", 1),
    ("IPv6/IPv4 Group Memberships", "groups", 2),
    ("NAT connections (conntrack)", "nat", 1),
    ("Tracked connections (conntrack)", "nat", 1),
]


def run(netstat, proc, args):
    env = dict(os.environ, PROC_ROOT=proc)
    runner = shlex.split(os.environ.get("RUNNER", ""))
    p = subprocess.run(runner + [netstat] + args, env=env, capture_output=True, timeout=60)
    return p.returncode, p.stdout, p.stderr.replace(netstat.encode() + b": ", b"netstat: ")


def reject_duplicates(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("duplicate key in %r" % keys)
    return dict(pairs)


def reject_constant(name):
    raise ValueError("not JSON: " + name)


def parse_documents(raw):
    text = raw.decode("utf-8")  # must be valid UTF-8
    return [json.loads(line, object_pairs_hook=reject_duplicates, parse_constant=reject_constant)
            for line in text.split("\n") if line]


def supported(args):
    """Every view has a JSON form; only usage and version have none."""
    return not any(a in ("-h", "--help", "-V", "--version", "/?", "help") for a in args)


def escaped(s):
    """A string as our text shows it: control bytes as \\ooo."""
    if s is None:
        return None
    return "".join("\\%03o" % ord(c) if ord(c) < 0x20 or ord(c) == 0x7f else c for c in s)


def lines_head(keep):
    """The title of the section the kept lines are in."""
    for line in reversed(keep):
        if line.startswith(("Kernel ", "Active ")):
            return " ".join(line.split()[:2])
    return ""


def jc_text(out):
    """The text jc reads: the socket tables, IPv4 routes and -i's table,
    without SCTP rows (several lines each, which it cannot parse); not
    IPv6 routes, -ie or the others, which it does not know."""
    keep, on = [], False
    lines = out.split("\n")
    for i, line in enumerate(lines):
        if line.startswith(("Kernel ", "Active ", "IPv6/IPv4 Group", "NAT ", "Tracked ")):
            nxt = lines[i + 1] if i + 1 < len(lines) else ""
            on = line.startswith(("Active Internet", "Active UNIX", "Kernel IP routing")) or \
                (line == "Kernel Interface table" and nxt.startswith("Iface "))
        # SCTP rows (several lines each) are left out: jc cannot read them
        if not on or (lines_head(keep) == "Active Internet" and
                      not line.startswith(("tcp", "udp", "raw", "Proto", "Active "))):
            continue
        # jc splits at blanks: an empty State column (an unconnected UDP
        # socket) with columns after it shifts them, so it reads "-"
        # there (None); several unix flags are one word for it
        f = line.split(None, 5)
        if on and f and f[0].startswith("udp") and len(f) == 6 and not f[5].startswith(("ESTABLISHED", "UNKNOWN")):
            line = " ".join(f[:5] + ["-", f[5]])
        m = re.match(r"(unix +-?\d+ +\[ )([A-Z ]+?)( \].*)", line)
        if on and m:
            line = m.group(1) + m.group(2).replace(" ", ",") + m.group(3)
        keep.append(line)
    return "\n".join(keep)


def port_of(jc_port, jc_num):
    """jc's port: "*" is 0, else its number (or the name the text shows)."""
    return 0 if jc_port == "*" else jc_num if jc_num is not None else jc_port


class Case:
    def __init__(self, name, problems, args):
        self.name, self.problems, self.args = name, problems, args
        short = "".join(a[1:] for a in args if a.startswith("-") and not a.startswith("--"))
        self.numeric_hosts = "n" in short or "--numeric" in args or "--numeric-hosts" in args
        self.numeric_ports = "n" in short or "--numeric" in args or "--numeric-ports" in args
        self.numeric_users = "n" in short or "--numeric" in args or "--numeric-users" in args

    def problem(self, what, *about):
        self.problems.append("%s: %s %s" % (self.name, what, " ".join(repr(a) for a in about)))

    def same(self, what, theirs, ours, jrow, orow):
        if theirs != ours:
            self.problem("%s: jc %r, ours %r in" % (what, theirs, ours), jrow, orow)

    def inet(self, j, o):
        """A TCP, UDP, UDP-Lite or raw row against jc's."""
        for k in ("proto", "recv_q", "send_q", "transport_protocol", "network_protocol", "inode"):
            if k in j or k in o:
                self.same(k, j.get(k), o.get(k), j, o)
        raw = o["proto"].startswith("raw")
        for side in ("local", "foreign"):
            addr = o[side + "_address"]
            if not self.numeric_hosts:
                name = o.get(side + "_address_name")
                addr = name if name else "[::]" if addr == "::" else addr
            self.same(side + "_address", j[side + "_address"], addr, j, o)
            num = o["ip_protocol"] if raw and side == "local" else o[side + "_port"] or 0
            want = port_of(j[side + "_port"], j.get(side + "_port_num"))
            if not self.numeric_ports and num and o.get(side + "_port_name"):
                num = o[side + "_port_name"]
            self.same(side + "_port", want, num, j, o)
        state = None if j["state"] == "-" else j["state"]
        if raw and state is not None and state.isdigit():
            state = TCP_STATES[int(state)] if int(state) < len(TCP_STATES) else "UNKNOWN(%s)" % state
        self.same("state", state, o["state"], j, o)
        self.tail(j, o)

    def tail(self, j, o):
        if "uid" in o:
            user = o.get("user") if not self.numeric_users else None
            want = user if user else str(o["uid"] - (1 << 32) if o["uid"] >= 1 << 31 else o["uid"])
            self.same("user", j.get("user"), want, j, o)
        if "pid" in o:
            self.same("pid", j.get("pid"), o["pid"], j, o)
            name = escaped(o["program_name"])
            if name is not None:
                name = name[:19 - len(str(o["pid"]))]
                if o.get("proto") == "unix":	# jc reads brackets as blanks there
                    name = name.replace("[", " ").replace("]", " ").strip()
            self.same("program_name", j.get("program_name"), name, j, o)

    def unix(self, j, o):
        # a value wider than its column runs into the next, and jc reads
        # columns at the header's places: such rows it cannot split
        if (o["inode"] is not None and len(str(o["inode"])) > 8 and "pid" in o) or len(str(o["refcnt"])) > 6:
            return
        for k in ("proto", "refcnt", "type", "state", "inode"):
            self.same(k, j.get(k), o.get(k), j, o)
        self.same("flags", j["flags"], ",".join(o["flags"]) or None, j, o)
        if o["path"] is not None:
            # jc reads brackets as blanks and strips the path
            path = escaped(o["path"]).replace("[", " ").replace("]", " ").strip()
            self.same("path", j.get("path"), path, j, o)
        self.tail(j, o)

    def route(self, j, o):
        # the text shows "-" for a reject route's gateway, Ref, device
        # and -r's MSS, Window, irtt
        reject = "REJECT" in o["route_flags"]
        for k in ("mss", "window", "irtt", "metric", "route_refs", "use", "genmask"):
            if k in j and not (reject and k in ("mss", "window", "irtt", "route_refs")):
                self.same(k, j[k], o[k], j, o)
        if "iface" in j and not reject:
            iface = o["iface"] or "*"
            if "-ree" in self.args or "-rnee" in self.args or "-ree" in " ".join(self.args):
                iface = iface[:6]	# that layout cuts the name to 6
            self.same("iface", j["iface"], iface, j, o)
        for k in ("destination", "gateway"):
            want = o[k]
            if not self.numeric_hosts and o.get(k + "_name"):
                want = o[k + "_name"][:15]
            self.same(k, j[k], "-" if k == "gateway" and "REJECT" in o["route_flags"] else want, j, o)
        letters = ""
        for letter, word in IPV4_LETTERS:
            if word in o["route_flags"]:
                letters = "" if letter == "!" else letters
                letters += letter
        self.same("route_flags", j["route_flags"], letters, j, o)

    def iface(self, j, o):
        for k in ("iface", "mtu", "rx_ok", "rx_err", "rx_drp", "rx_ovr", "tx_ok", "tx_err", "tx_drp", "tx_ovr"):
            if o[k] is not None or k in ("iface", "mtu"):
                self.same(k, j[k], o[k], j, o)
        if o["rx_ok"] is None:
            return	# "- no statistics available -": jc reads the rest as one
        letters = "".join(l for l, w in IFACE_LETTERS if w in o["flags"])
        self.same("flg", j.get("flg", "[NO FLAGS]"), letters or "[NO FLAGS]", j, o)


JC_UNREAD = []


def jc_rows(text):
    """jc's rows of the text, read a row at a time under its section's
    title and header, so that a row jc cannot read (it fails on some
    program names) is counted (JC_UNREAD) and the others are still
    compared: None stands for it."""
    rows, head = [], []
    for line in jc_text(text).split("\n"):
        if line.startswith(("Kernel ", "Active ")):
            head = [line]
            continue
        if len(head) == 1:
            head.append(line)
            continue
        if not line:
            continue
        try:
            got = jc.parse("netstat", "\n".join(head + [line]), quiet=True)
        except Exception:
            got = None
        if got is None or len(got) != 1:
            JC_UNREAD.append(line)
            got = [None]
        rows.append((head[0], got[0]))
    return rows


def check_with_jc(case, text, doc):
    ours = {"Active Internet": [r for r in doc.get("inet", []) if r["proto"] != "sctp"],
            "Active UNIX": doc.get("unix", []),
            "Kernel IP routing": doc.get("route", []) + doc.get("route_cache", []),
            "Kernel Interface": doc.get("interfaces", [])}
    check = {"Active Internet": case.inet, "Active UNIX": case.unix,
             "Kernel IP routing": case.route, "Kernel Interface": case.iface}
    rows = jc_rows(text)
    for kind in ours:
        theirs = [r for title, r in rows if title.startswith(kind)]
        if len(ours[kind]) != len(theirs):
            case.problem("%s: jc reads %d rows, JSON has %d" % (kind, len(theirs), len(ours[kind])))
            continue
        for j, o in zip(theirs, ours[kind]):
            if j is not None:
                check[kind](j, o)


def kernel_counters(proc):
    """Counters of the fixture's statistics files under nstat's names, by
    file: {"snmp": {...}, "netstat": ..., "snmp6": ..., "sctp": ...}.
    A value that fits no 64-bit integer is left out (the text case says
    what is wrong with it)."""
    net = os.path.join(proc, "net")
    files = {}

    def value(v):
        if re.fullmatch(r"-?\d+", v) and -(1 << 63) <= int(v) < (1 << 64):
            return int(v)
        return None

    def pairs(name):
        got = files.setdefault(name, {})
        try:
            lines = [l for l in open(os.path.join(net, name), errors="replace").read().split("\n") if l]
        except OSError:
            return
        for names, values in zip(lines[0::2], lines[1::2]):
            if ":" not in names or ":" not in values:
                continue
            title = names.split(":")[0]
            for n, v in zip(names.split(":", 1)[1].split(), values.split(":", 1)[1].split()):
                if value(v) is not None:
                    got.setdefault(title + n, value(v))

    def single(name, path):
        got = files.setdefault(name, {})
        try:
            for line in open(os.path.join(net, path), errors="replace"):
                f = line.split()
                if len(f) == 2 and value(f[1]) is not None:
                    got.setdefault(f[0], value(f[1]))
        except OSError:
            pass
    pairs("snmp")
    pairs("netstat")
    single("snmp6", "snmp6")
    single("sctp", os.path.join("sctp", "snmp"))
    return files


def check_statistics(case, proc, args, got, bad_input):
    """-s JSON against the files: every value is the file's; without
    switches that choose sections, every counter of the files shown is
    there (-s -6: snmp6 and snmp's Tcp, as net-tools shows them)."""
    files = kernel_counters(proc)
    every = {}
    for f in files.values():
        for k, v in f.items():
            every.setdefault(k, v)
    short = "".join(a[1:] for a in args if a.startswith("-") and not a.startswith("--"))
    v6 = "6" in short or "--inet6" in args or "inet6" in args
    chosen = set(short) & set("tuwUS") or set(args) & {"--tcp", "--udp", "--raw", "--udplite", "--sctp"} or any(
        w.lower() in ("ip", "ipv6", "icmp", "icmpv6", "tcp", "tcpv6", "udp", "udpv6", "udplite") for w in args)
    for k, v in got.items():
        if k not in every:
            if not bad_input:
                case.problem("statistics: %s is in no file" % k)
        elif every[k] != v and not bad_input:
            case.problem("statistics: %s is %d, the file %d" % (k, v, every[k]))
    if chosen or bad_input:
        return
    if v6:
        want = dict(files["snmp6"], **{k: v for k, v in files["snmp"].items() if k.startswith("Tcp")})
    else:
        want = dict(files["snmp"], **files["netstat"], **files["sctp"])
    missing = [k for k in want if k not in got]
    if missing:
        case.problem("statistics lack %d counters of the files: %r" % (len(missing), missing[:5]))


def check_case(netstat, case_dir, proc, problems):
    name = os.path.basename(case_dir)
    args = open(os.path.join(case_dir, "args")).read().split()
    if not supported(args):
        return False
    case = Case(name, problems, args)
    ts, tout, terr = run(netstat, proc, args + ["-W"])
    js, jout, jerr = run(netstat, proc, args + ["-j"])
    # a refusal net-tools prints on stdout goes to stderr with JSON
    refusal = tout if tout.startswith(b"netstat: ") else b""
    if ts != js or terr + refusal != jerr:
        case.problem("text and JSON differ in status (%d, %d) or stderr" % (ts, js), terr, jerr)
    try:
        docs = parse_documents(jout)
    except (ValueError, UnicodeDecodeError) as e:
        case.problem("not valid JSON: %s" % e)
        return True
    for d in docs:
        for e in VALIDATOR.iter_errors(d):
            case.problem("schema: %s at %s" % (e.message[:200], "/".join(map(str, e.absolute_path))))
    if not tout.strip() or refusal:
        if docs and any(v for k, v in docs[0].items() if k != "schema"):
            case.problem("JSON has rows, text has none")
        return True
    if len(docs) != 1:
        case.problem("%d JSON documents, one expected" % len(docs))
        return True
    doc = docs[0]
    text = tout.decode("utf-8", "replace")
    check_with_jc(case, text, doc)
    lines = text.split("\n")
    for title, table, skip in TEXT_TABLES:
        if title in lines:
            i = lines.index(title) + 1 + skip
            n = 0
            while i < len(lines) and lines[i] and not lines[i].startswith("Kernel "):
                n += 1
                i += 1
            rows = doc.get(table)
            if rows is None or len(rows) != n:
                case.problem("%s has %s rows in JSON, %d in text" % (table, None if rows is None else len(rows), n))
    if "statistics" in doc:
        # a broken file (its text case says what is wrong) is read as
        # net-tools reads it, which this reading does not attempt
        check_statistics(case, proc, args, doc["statistics"], bool(terr.strip()))
    return True


def fixture(case_dir):
    """The case's fixture, or its twin in the kernel ABI of the build."""
    proc = os.path.realpath(os.path.join(case_dir, "proc"))
    abi = "mips" if os.environ.get("BIG_ENDIAN") == "1" else "mipsel" if os.environ.get("MIPSEL") == "1" else "x86"
    have = open(os.path.join(proc, ".kernel")).read().strip() if os.path.exists(os.path.join(proc, ".kernel")) else "x86"
    if have == abi:
        return proc
    twin = os.path.join(os.environ.get("WORK", tempfile.gettempdir()), "jsoncheck-twins", abi,
                        proc.replace(TOP + "/", "").replace("/", "_"))
    if not os.path.isdir(twin):
        subprocess.run(["python3", os.path.join(TOP, "tests", "bswap.py"), "--to", abi, proc, twin], check=True)
    return twin


def main():
    netstat, cases = sys.argv[1], sys.argv[2:]
    problems = []
    checked = passed_over = 0
    for case in cases:
        if not os.path.exists(os.path.join(case, "args")):
            continue
        if check_case(netstat, case, fixture(case), problems):
            checked += 1
        else:
            passed_over += 1
    for p in problems:
        print(p)
    print("jsoncheck: %d cases checked, %d without a JSON form, %d problems; "
          "%d text rows jc could not read" % (checked, passed_over, len(problems), len(JC_UNREAD)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
