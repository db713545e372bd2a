#!/usr/bin/env python3
"""The JSON twin of a case: runs our netstat on the case's fixture with its
arguments plus -W (text) and plus -j (JSON), and checks that
  - the JSON is one document per round, strict RFC 8259 (duplicate keys,
    NaN and Infinity rejected), valid UTF-8, typed as README says;
  - exit status and stderr are the same in both forms;
  - every table has the rows the text shows, with the same values.

    jsoncheck.py NETSTAT CASE_DIR...   (PROC_ROOT is each case's proc;
                                        RUNNER, if set, runs NETSTAT)
Prints one line per problem; exit status 1 if there was any. Usage and
version cases have no JSON form and are passed over (counted).
"""
import json, os, re, shlex, subprocess, sys

# text tables whose rows follow a fixed number of title lines: the JSON
# table of the same name has as many rows
TEXT_TABLES = [
    ("Kernel IP routing table", "route", 1),
    ("Kernel IP routing cache", "route_cache", 1),
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
    return p.returncode, p.stdout, p.stderr


def reject_duplicates(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("duplicate key in %r" % keys)
    return dict(pairs)


def reject_constant(name):
    raise ValueError("not JSON: " + name)


def parse_documents(raw):
    text = raw.decode("utf-8")  # must be valid UTF-8
    docs = []
    for line in text.split("\n"):
        if line == "":
            continue
        docs.append(json.loads(line, object_pairs_hook=reject_duplicates,
                               parse_constant=reject_constant))
    return docs


def supported(args):
    """Every view has a JSON form; only usage and version have none."""
    return not any(a in ("-h", "--help", "-V", "--version", "/?", "help") for a in args)


def text_sections(out):
    """Rows of the text output by table: inet, sctp, unix."""
    rows = {"inet": [], "sctp": [], "unix": []}
    section = None
    skip_header = False
    for line in out[:-1].split("\n") if out.endswith("\n") else out.split("\n"):
        if line.startswith("Active Internet connections"):
            section, skip_header = "inet", True
            continue
        if line.startswith("Active UNIX domain sockets"):
            section, skip_header = "unix", True
            continue
        if line.startswith("IPv6/IPv4 Group Memberships"):
            section = None
            continue
        if skip_header:
            skip_header = False
            continue
        if section is None:
            continue
        if section == "inet" and not line:
            rows["sctp"].append(line)  # an SCTP row without addresses or tail
        elif not line:
            continue
        elif section == "inet" and line.startswith("sctp"):
            rows["sctp"].append(line)
        elif section == "inet" and line.startswith(" " * 20):
            continue  # an SCTP row's further addresses
        elif section == "inet" and line.startswith(" "):
            rows["sctp"].append(line)  # an SCTP row without addresses
        else:
            rows[section].append(line)
    return rows


UNIX_STATES = {"FREE", "CONNECTING", "CONNECTED", "DISCONNECTING", "UNKNOWN", "LISTENING"}


def endpoint_text(addr, port):
    if addr.startswith("::ffff:") and "." in addr:
        addr = addr[7:]
    return "%s:%s" % (addr, port if port else "*")


def check_inet(problems, name, text, rows, numeric):
    for t, j in zip(text, rows):
        f = t.split()
        if f[0] != j["proto"] or int(f[1]) != j["recv_q"] or int(f[2]) != j["send_q"]:
            problems.append("%s: inet row %r against %r" % (name, t, j))
            continue
        for k in ("recv_q", "send_q", "local_port", "remote_port"):
            if type(j[k]) is not int:
                problems.append("%s: %s is not a number: %r" % (name, k, j))
        if numeric and (f[3] != endpoint_text(j["local_address"], j["local_port"]) or
                        f[4] != endpoint_text(j["remote_address"], j["remote_port"])):
            problems.append("%s: inet endpoints %r against %r" % (name, t, j))
        if j["state"] is not None and (len(f) < 6 or f[5] != j["state"]):
            problems.append("%s: inet state %r against %r" % (name, t, j))
        if "inode" in j and str(j["inode"]) not in f:
            problems.append("%s: inet inode %r against %r" % (name, t, j))


def check_unix(problems, name, text, rows):
    for t, j in zip(text, rows):
        m = re.match(r"^(\S+)\s+(-?\d+)\s+\[ ([A-Z ]*)\]\s+(.*)$", t)
        if not m:
            problems.append("%s: unix row not understood: %r" % (name, t))
            continue
        rest = m.group(4).split()
        flags = m.group(3).split()
        state = rest[1] if len(rest) > 1 and rest[1] in UNIX_STATES else None
        inode = rest[2 if state else 1] if len(rest) > (2 if state else 1) else None
        if (m.group(1) != j["proto"] or int(m.group(2)) != j["refcnt"] or
                flags != j["flags"] or rest[0] != j["type"] or state != j["state"] or
                (j["inode"] is not None and inode != str(j["inode"]))):
            problems.append("%s: unix row %r against %r" % (name, t, j))
        if j["path"] is not None and not t.endswith(j["path"]) and "\\" not in t:
            problems.append("%s: unix path %r against %r" % (name, t, j))


def check_case(netstat, case, problems):
    name = os.path.basename(case)
    args = open(os.path.join(case, "args")).read().split()
    if not supported(args):
        return False
    proc = os.path.realpath(os.path.join(case, "proc"))
    ts, tout, terr = run(netstat, proc, args + ["-W"])
    js, jout, jerr = run(netstat, proc, args + ["-j"])
    # a refusal net-tools prints on stdout goes to stderr with JSON
    refusal = tout if tout.startswith(b"netstat: ") else b""
    if ts != js or terr + refusal != jerr:
        problems.append("%s: text and JSON differ in status (%d, %d) or stderr" % (name, ts, js))
    try:
        docs = parse_documents(jout)
    except (ValueError, UnicodeDecodeError) as e:
        problems.append("%s: not valid JSON: %s" % (name, e))
        return True
    if not tout.strip() or refusal:
        if docs and any(docs[0].values()):
            problems.append("%s: JSON has rows, text has none" % name)
        return True
    if len(docs) != 1:
        problems.append("%s: %d JSON documents, one expected" % (name, len(docs)))
        return True
    doc = docs[0]
    text = text_sections(tout.decode("utf-8", "replace"))
    numeric = "n" in "".join(a for a in args if a.startswith("-") and not a.startswith("--"))
    lines = tout.decode("utf-8", "replace").split("\n")
    for title, table, skip in TEXT_TABLES:
        if title in lines:
            i = lines.index(title) + 1 + skip
            n = 0
            while i < len(lines) and lines[i] and not lines[i].startswith("Kernel "):
                n += 1
                i += 1
            rows = doc.get(table)
            if rows is None or len(rows) != n:
                problems.append("%s: %s has %s rows in JSON, %d in text" %
                                (name, table, None if rows is None else len(rows), n))
    if "Iface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg" in lines:
        i = lines.index("Iface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg") + 1
        text_ifaces = [l.split()[0] for l in lines[i:] if l]
        if [r["ifname"] for r in doc.get("interfaces", [])] != text_ifaces:
            problems.append("%s: interfaces %r in text, %r in JSON" %
                            (name, text_ifaces, [r["ifname"] for r in doc.get("interfaces", [])]))
    inet = doc.get("inet", [])
    tables = {"inet": [r for r in inet if r["proto"] != "sctp"],
              "sctp": [r for r in inet if r["proto"] == "sctp"],
              "unix": doc.get("unix", [])}
    for table, rows in tables.items():
        if len(rows) != len(text[table]):
            problems.append("%s: %s has %d rows in JSON, %d in text" %
                            (name, table, len(rows), len(text[table])))
    if len(tables["inet"]) == len(text["inet"]):
        check_inet(problems, name, text["inet"], tables["inet"], numeric)
    for t, j in zip(text["sctp"], tables["sctp"]):
        if t.startswith("sctp") and j["kind"] == "association" and \
                [int(x) for x in t.split()[1:3]] != [j["recv_q"], j["send_q"]]:
            problems.append("%s: sctp row %r against %r" % (name, t, j))
    if len(doc.get("unix", [])) == len(text["unix"]):
        check_unix(problems, name, text["unix"], doc.get("unix", []))
    return True


def main():
    netstat, cases = sys.argv[1], sys.argv[2:]
    problems = []
    checked = passed_over = 0
    for case in cases:
        if not os.path.exists(os.path.join(case, "args")):
            continue
        if check_case(netstat, case, problems):
            checked += 1
        else:
            passed_over += 1
    for p in problems:
        print(p)
    print("jsoncheck: %d cases checked, %d without a JSON form, %d problems" %
          (checked, passed_over, len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
