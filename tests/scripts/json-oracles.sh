#!/bin/sh
# native-only
# The JSON of views net-tools' text has no twin for, against the tools
# that report the same kernel state, on a live private network namespace
# (veth pairs, a tun, addresses, traffic that moves the counters):
#   -iej  against ip -j -s -s addr: ifname, mtu, flags both name, the MAC,
#         txqlen, addr_info (local, prefixlen, broadcast, peer, scope) and
#         stats64 (ip's parts summed as /proc/net/dev sums them);
#   -sj, -s6j  against nstat -asz -j, counter for counter.
# Counters move while two tools run one after the other: each is read by
# ip (or nstat) just before and just after ours, and ours must lie between
# the two readings (equal when they are). Nothing here depends on timing.
set -u
: "${NETSTAT:?}" "${WORK:=/tmp}"
RUNNER=${RUNNER:-}
if [ -z "${IN_TEST_NS:-}" ]; then
	[ "$(id -u)" = 0 ] || { echo "needs root for a private network namespace"; exit 77; }
	for tool in ip nstat unshare; do
		command -v $tool >/dev/null || { echo "needs $tool (iproute2)"; exit 77; }
	done
	mkdir -p "$WORK"
	exec unshare --net --mount -- env IN_TEST_NS=1 sh "$0" "$@"
fi
set -e
ip link set lo up
ip link add v0 type veth peer name v1
ip link add v2 mtu 1400 type veth peer name v3
ip tuntap add tun0 mode tun
ip link set v0 address 02:00:00:00:00:01
ip link set v1 address 02:00:00:00:00:02
for l in v0 v1 v2 v3; do ip link set $l up; done
ip addr add 10.9.0.1/24 brd + dev v0
ip addr add 10.9.0.2/24 dev v1
ip addr add 10.9.9.1 peer 10.9.9.2 dev v2
ip addr add 2001:db8:9::1/64 dev v0 nodad
ip addr add fd00:9::1/48 dev v2 nodad
ip -6 addr add fe80::1234/64 dev v3 nodad
set +e

# traffic: UDP over the veth (both ends here, so each side counts it),
# ICMP errors back (no listener), some TCP on lo
python3 - <<'EOF'
import socket
for dst, fam in (("10.9.0.2", socket.AF_INET), ("2001:db8:9::1", socket.AF_INET6)):
    s = socket.socket(fam, socket.SOCK_DGRAM)
    for i in range(20):
        s.sendto(b"x" * (100 + i), (dst, 9))
l = socket.socket(); l.bind(("127.0.0.1", 0)); l.listen()
c = socket.create_connection(l.getsockname()); a, _ = l.accept()
c.sendall(b"y" * 5000); a.recv(10000)
EOF

fail=0
export NSTAT_HISTORY="$WORK/nstat.history"
/usr/bin/python3 - "$NETSTAT" "$RUNNER" "$WORK" <<'EOF' || fail=1
import json, shlex, subprocess, sys
netstat, runner, work = sys.argv[1], shlex.split(sys.argv[2]), sys.argv[3]
problems = []

def ours(*args):
    p = subprocess.run(runner + [netstat] + list(args), capture_output=True, text=True, timeout=60)
    if p.returncode or p.stderr:
        problems.append("netstat %s: status %d, %r" % (" ".join(args), p.returncode, p.stderr))
    return json.loads(p.stdout)

def ip(*args):
    return json.loads(subprocess.run(["ip", "-j"] + list(args), capture_output=True, text=True, check=True).stdout)

def between(what, before, got, after):
    lo, hi = min(before, after), max(before, after)
    if not (lo <= got <= hi):
        problems.append("%s: ours %r, ip/nstat %r before and %r after" % (what, got, before, after))

# ---- -iej against ip -j -s -s addr ----
COMMON_FLAGS = {"UP", "BROADCAST", "DEBUG", "LOOPBACK", "POINTOPOINT", "NOTRAILERS",
                "NOARP", "PROMISC", "ALLMULTI", "SLAVE", "MASTER", "MULTICAST"}
RX = {"bytes": ["bytes"], "packets": ["packets"], "errors": ["errors"], "multicast": ["multicast"],
      "dropped": ["dropped", "missed_errors"], "fifo_errors": ["fifo_errors"],
      "frame_errors": ["length_errors", "over_errors", "crc_errors", "frame_errors"]}
TX = {"bytes": ["bytes"], "packets": ["packets"], "errors": ["errors"], "dropped": ["dropped"],
      "fifo_errors": ["fifo_errors"], "collisions": ["collisions"],
      "carrier_errors": ["carrier_errors", "aborted_errors", "window_errors", "heartbeat_errors"]}
SCOPES = {"global": "global", "link": "link", "host": "host", "site": "site"}
before = {l["ifname"]: l for l in ip("-s", "-s", "addr")}
doc = ours("-iaej")
after = {l["ifname"]: l for l in ip("-s", "-s", "addr")}
links = doc.get("links", [])
if sorted(l["ifname"] for l in links) != sorted(before):
    problems.append("-iaej lists %r, ip %r" % (sorted(l["ifname"] for l in links), sorted(before)))
for o in links:
    b, a = before.get(o["ifname"]), after.get(o["ifname"])
    if not b:
        continue
    name = o["ifname"]
    if o["mtu"] != b["mtu"]:
        problems.append("%s mtu: ours %r, ip %r" % (name, o["mtu"], b["mtu"]))
    if set(o["flags"]) & COMMON_FLAGS != set(b["flags"]) & COMMON_FLAGS:
        problems.append("%s flags: ours %r, ip %r" % (name, o["flags"], b["flags"]))
    if ("UP" in b["flags"] and "LOWER_UP" in b["flags"]) != ("RUNNING" in o["flags"]) and b["link_type"] != "none":
        problems.append("%s RUNNING: ours %r, ip %r" % (name, o["flags"], b["flags"]))
    if o["link_type"] != b["link_type"]:
        problems.append("%s link_type: ours %r, ip %r" % (name, o["link_type"], b["link_type"]))
    if o["address"] != b.get("address") and o["address"] is not None:
        problems.append("%s address: ours %r, ip %r" % (name, o["address"], b.get("address")))
    if o["txqlen"] != b.get("txqlen"):
        problems.append("%s txqlen: ours %r, ip %r" % (name, o["txqlen"], b.get("txqlen")))
    # IPv4: the ioctls give the first address; IPv6: every one
    theirs = [x for x in b["addr_info"] if x["family"] == "inet"][:1] + \
             [x for x in b["addr_info"] if x["family"] == "inet6"]
    mine = sorted((x["family"], x["local"]) for x in o["addr_info"])
    if mine != sorted((x["family"], x["local"]) for x in theirs):
        problems.append("%s addr_info: ours %r, ip %r" % (name, mine, sorted((x["family"], x["local"]) for x in theirs)))
    for x in o["addr_info"]:
        t = [y for y in theirs if y["local"] == x["local"]]
        if not t:
            continue
        t = t[0]
        for k in ("prefixlen", "broadcast", "address"):
            if x[k] != t.get(k):
                problems.append("%s %s %s: ours %r, ip %r" % (name, x["local"], k, x[k], t.get(k)))
        if x["scope"] is not None and SCOPES.get(t["scope"]) != x["scope"]:
            problems.append("%s %s scope: ours %r, ip %r" % (name, x["local"], x["scope"], t["scope"]))
    for d, keys in (("rx", RX), ("tx", TX)):
        for k, parts in keys.items():
            between("%s %s.%s" % (name, d, k), sum(b["stats64"][d].get(p, 0) for p in parts),
                    o["stats64"][d][k], sum(a["stats64"][d].get(p, 0) for p in parts))
checked_links = len(links)

# ---- -sj and -s6j against nstat ----
def nstat():
    return json.loads(subprocess.run(["nstat", "-asz", "-j"], capture_output=True, text=True, check=True).stdout)["kernel"]
n_before = nstat()
got = dict(ours("-sj")["statistics"])
got.update(ours("-s6j")["statistics"])
n_after = nstat()
shared = [k for k in got if k in n_before]
for k in shared:
    between(k, n_before[k], got[k], n_after[k])
# every counter nstat shows of the files -s reads is ours too
missing = [k for k in n_before if k not in got and not k.startswith(("IpExt", "TcpExt", "MPTcpExt")) or
           k.startswith(("IpExt", "TcpExt")) and k not in got]
missing = [k for k in missing if not k.startswith("MPTcp")]
if missing:
    problems.append("nstat has counters ours lacks: %r" % missing[:10])
if len(shared) < 200:
    problems.append("only %d counters shared with nstat" % len(shared))
for p in problems:
    print("FAIL:", p)
print("json-oracles: %d interfaces against ip -j, %d counters against nstat, %d problems" %
      (checked_links, len(shared), len(problems)))
sys.exit(1 if problems else 0)
EOF
exit $fail
