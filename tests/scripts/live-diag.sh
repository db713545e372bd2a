#!/bin/sh
# timeout: 120
# -O and -D on live sockets and counters of a private network namespace:
# - -O's numbers against the kernel's sockstat files, `ss -s` (iproute2)
#   and net-tools' `netstat -tan` rows counted by state, for listening,
#   established, CLOSE_WAIT, FIN_WAIT2 and TIME_WAIT TCP sockets over
#   IPv4 and IPv6, bound UDP and raw sockets; its text against its JSON;
# - -s -D's changes summed over the rounds against nstat's readings
#   around a burst of N pings (IcmpOutEchos +N and the rest);
# - -i -D's changes against `ip -j -s link` around M pings over a veth
#   pair with static neighbours (no ARP): tx_packets +M, rx_packets +M.
netns_work=live-diag; . "$(dirname "$0")/../netns.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/waits.sh"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
for tool in ss nstat ip; do
	command -v $tool >/dev/null || { echo "needs $tool (tests/toolchains.sh installs it)"; exit 77; }
done
nettools=/usr/bin/netstat
[ -x $nettools ] && $nettools --version 2>&1 | grep -q '^net-tools 2.10' ||
	{ echo "needs net-tools 2.10 as $nettools"; exit 77; }
pids=
cleanup() { for p in $pids; do kill "$p" 2>/dev/null; done; }
trap cleanup EXIT
sysctl -qw net.ipv6.conf.all.disable_ipv6=0 2>/dev/null

# ---- -s -D: N pings between the first round and the last ----
N=7
rounds() { [ "$(grep -c . "$1" 2>/dev/null)" -ge "$2" ]; }
NSTAT_HISTORY=$work/nstat.hist
export NSTAT_HISTORY
$RUNNER "$NETSTAT" -s -D -j >"$work/s.jsonl" 2>"$work/s.err" &
ours=$!
pids="$pids $ours"
wait_for $ours rounds "$work/s.jsonl" 1 || fail "-s -D -j: no first round"
nstat -a -j >"$work/s.before.json"
busybox ping -c $N -i 0.01 -W 1 127.0.0.1 >/dev/null || fail "ping 127.0.0.1"
nstat -a -j >"$work/s.after.json"
have=$(grep -c . "$work/s.jsonl")
wait_for $ours rounds "$work/s.jsonl" $((have + 1)) || fail "-s -D -j: no round after the pings"
kill $ours; wait $ours 2>/dev/null
python3 "$top/tests/diagcheck.py" changes "$work/s.jsonl" "$work/s.before.json" "$work/s.after.json" \
	IcmpOutEchos IcmpInEchos IcmpOutEchoReps IcmpInEchoReps IcmpOutMsgs IcmpInMsgs \
	IpInReceives IpOutRequests IpInDelivers IcmpMsgOutType8 IcmpMsgInType0 ||
	fail "-s -D against nstat"
# the pings' own count, not only the oracle's
python3 - "$work/s.jsonl" $N <<'EOF' || fail "-s -D: IcmpOutEchos is not +$N over the rounds"
import json, sys
total = sum(json.loads(l).get("changes", {}).get("counters", {}).get("IcmpOutEchos", 0)
            for l in open(sys.argv[1]) if l.strip())
sys.exit(total != int(sys.argv[2]))
EOF
# text: the same burst as "+N" sentences under their sections; a quiet
# round says so
$RUNNER "$NETSTAT" -s -D >"$work/s.txt" 2>&1 &
ours=$!
pids="$pids $ours"
titled() { [ "$(grep -c "^$2" "$1" 2>/dev/null)" -ge "$3" ]; }
wait_for $ours titled "$work/s.txt" Ip: 1 || fail "-s -D: no first round"
busybox ping -c $N -i 0.01 -W 1 127.0.0.1 >/dev/null
wait_for $ours titled "$work/s.txt" 'Changes in 1 s:' 2 || fail "-s -D: no second later round"
kill $ours; wait $ours 2>/dev/null
awk '/^Changes in 1 s:/ { later = 1 } later' "$work/s.txt" >"$work/s.later"
grep -q '^Icmp:$' "$work/s.later" || fail "-s -D: no Icmp: title over the changes"
grep -Eq '^        echo requests: \+[0-9]+ \([0-9]+/s\)$' "$work/s.later" ||
	fail "-s -D: no '+N' echo requests line"
# (the output histogram's: the input one has a line of the same words)
sum=$(awk '/^    ICMP output histogram:/ { out = 1; next } /^    [^ ]/ { out = 0 }
	out && /^        echo requests: \+/ { sub(/.*: \+/, ""); s += $1 } END { print s + 0 }' "$work/s.later")
[ "$sum" = $N ] || fail "-s -D text: echo requests +$sum, want +$N"
grep -q '^    none$' "$work/s.later" || fail "-s -D: no quiet round said 'none'"
# over a 2 s interval each rate has one decimal: the change halved,
# truncated (the test's own arithmetic)
$RUNNER "$NETSTAT" -s -D -c 2 >"$work/s2.txt" 2>&1 &
ours=$!
pids="$pids $ours"
wait_for $ours titled "$work/s2.txt" Ip: 1 || fail "-s -D -c 2: no first round"
busybox ping -c $N -i 0.01 -W 1 127.0.0.1 >/dev/null
wait_for $ours titled "$work/s2.txt" 'Changes in 2 s:' 1 || fail "-s -D -c 2: no later round"
kill $ours; wait $ours 2>/dev/null
python3 - "$work/s2.txt" <<'EOF' || fail "-s -D -c 2: a rate is not the change over 2 s"
import re, sys
later, rates = False, 0
for line in open(sys.argv[1]):
    later = later or line.startswith("Changes in 2 s:")
    m = re.search(r"\+(\d+).* \((\d+)\.(\d)/s\)$", line) if later else None
    if m:
        if (int(m[2]), int(m[3])) != divmod(int(m[1]) * 10 // 2, 10):
            sys.exit("wrong rate: " + line)
        rates += 1
sys.exit(rates == 0)
EOF

# ---- -i -D: M pings over a veth pair ----
M=5
unshare -n sleep 600 &
peer=$!
pids="$pids $peer"
own_ns() { [ "$(readlink "/proc/$1/ns/net")" != "$(readlink /proc/self/ns/net)" ]; }
wait_for $peer own_ns $peer || fail "no peer namespace"
in_peer() { nsenter -t $peer -n "$@"; }
ip link add vd0 type veth peer name vd1 netns $peer || exit 1
sysctl -qw net.ipv6.conf.vd0.disable_ipv6=1
in_peer sysctl -qw net.ipv6.conf.vd1.disable_ipv6=1
ip addr add 10.66.0.1/24 dev vd0
in_peer ip addr add 10.66.0.2/24 dev vd1
ether() { sed -n 's|.* link/ether \([0-9a-f:]*\) .*|\1|p'; }
mac0=$(ip -o link show vd0 | ether)
mac1=$(in_peer ip -o link show vd1 | ether)
ip neigh replace 10.66.0.2 lladdr "$mac1" dev vd0 nud permanent
in_peer ip neigh replace 10.66.0.1 lladdr "$mac0" dev vd1 nud permanent
ip link set vd0 up
in_peer ip link set vd1 up
up() { ip -o link show vd0 | grep -q 'state UP'; }
wait_for $peer up || fail "vd0 not up"
$RUNNER "$NETSTAT" -i -D -j >"$work/i.jsonl" 2>"$work/i.err" &
ours=$!
pids="$pids $ours"
wait_for $ours rounds "$work/i.jsonl" 1 || fail "-i -D -j: no first round"
ip -j -s link show vd0 >"$work/i.before.json"
busybox ping -c $M -i 0.01 -W 1 10.66.0.2 >/dev/null || fail "ping over the veth"
ip -j -s link show vd0 >"$work/i.after.json"
have=$(grep -c . "$work/i.jsonl")
wait_for $ours rounds "$work/i.jsonl" $((have + 1)) || fail "-i -D -j: no round after the pings"
kill $ours; wait $ours 2>/dev/null
python3 "$top/tests/diagcheck.py" changes "$work/i.jsonl" "$work/i.before.json" "$work/i.after.json" \
	vd0:rx_packets vd0:tx_packets vd0:rx_bytes vd0:tx_bytes vd0:rx_errors vd0:tx_errors \
	vd0:rx_dropped vd0:tx_dropped || fail "-i -D against ip -s link"
python3 - "$work/i.jsonl" $M <<'EOF' || fail "-i -D: vd0 tx_packets and rx_packets are not +$M"
import json, sys
tx = rx = 0
for l in open(sys.argv[1]):
    c = json.loads(l).get("changes", {}).get("interfaces", {}).get("vd0", {}) if l.strip() else {}
    tx += c.get("tx_packets", 0)
    rx += c.get("rx_packets", 0)
sys.exit((tx, rx) != (int(sys.argv[2]),) * 2)
EOF
# text: one line for vd0
$RUNNER "$NETSTAT" -i -D >"$work/i.txt" 2>&1 &
ours=$!
pids="$pids $ours"
wait_for $ours titled "$work/i.txt" Iface 1 || fail "-i -D: no first round"
busybox ping -c $M -i 0.01 -W 1 10.66.0.2 >/dev/null
wait_for $ours titled "$work/i.txt" 'Changes in 1 s:' 2 || fail "-i -D: no second later round"
kill $ours; wait $ours 2>/dev/null
grep -Eq "^vd0: rx_packets \\+[0-9]+ \\([0-9]+/s\\), rx_bytes \\+[0-9]+ \\([0-9]+/s\\), tx_packets \\+[0-9]+ \\([0-9]+/s\\), tx_bytes \\+[0-9]+ \\([0-9]+/s\\)$" "$work/i.txt" ||
	fail "-i -D: no 'vd0: rx_packets +N (R/s), ...' line"
sum=$(sed -n 's/^vd0: .*tx_packets +\([0-9]*\) .*/\1/p' "$work/i.txt" | awk '{ s += $1 } END { print s + 0 }')
[ "$sum" = $M ] || fail "-i -D text: tx_packets +$sum, want +$M"

# ---- -O: sockets of every kind, then the readings ----
python3 - "$work/ready" <<'EOF' &
import os, socket, sys, time
keep = []
for fam, host in ((socket.AF_INET, "127.0.0.1"), (socket.AF_INET6, "::1")):
    srv = socket.socket(fam, socket.SOCK_STREAM)
    srv.bind((host, 0)); srv.listen(16); keep.append(srv)
    port = srv.getsockname()[1]
    for i in range(3):                      # ESTABLISHED pairs
        c = socket.create_connection((host, port)); a, _ = srv.accept(); keep += [c, a]
    c = socket.create_connection((host, port)); a, _ = srv.accept()
    c.close(); keep.append(a)               # a: CLOSE_WAIT (c: FIN_WAIT2, then gone)
    c = socket.create_connection((host, port)); a, _ = srv.accept()
    a.close(); time.sleep(0.05); c.close()  # a: TIME_WAIT
    u = socket.socket(fam, socket.SOCK_DGRAM); u.bind((host, 0)); keep.append(u)
    keep.append(socket.socket(fam, socket.SOCK_RAW,
                              socket.IPPROTO_ICMP if fam == socket.AF_INET else socket.IPPROTO_ICMPV6))
open(sys.argv[1], "w").write("ready\n")
time.sleep(600)
EOF
holder=$!
pids="$pids $holder"
wait_for $holder test -s "$work/ready" || fail "the sockets are not open"
tw() { grep -q ' 06 ' /proc/net/tcp && grep -q ' 06 ' /proc/net/tcp6; }
wait_for $holder tw || fail "no TIME_WAIT sockets"
ok=0
for try in 1 2 3 4 5; do
	# the readings back to back; taken again if something global moved
	$RUNNER "$NETSTAT" -O -j >"$work/o.json" 2>"$work/o.err"
	cp /proc/net/sockstat "$work/sockstat"
	cp /proc/net/sockstat6 "$work/sockstat6"
	ss -s >"$work/ss.txt"
	$nettools -tan >"$work/tan.txt"
	$RUNNER "$NETSTAT" -O >"$work/o.txt" 2>>"$work/o.err"
	if python3 "$top/tests/diagcheck.py" summary "$work/o.json" "$work/sockstat" "$work/sockstat6" \
		"$work/ss.txt" "$work/tan.txt" >"$work/o.problems"; then
		ok=1
		break
	fi
done
[ $ok = 1 ] || { fail "-O against sockstat, ss -s and net-tools -tan:"; cat "$work/o.problems"; }
[ -s "$work/o.err" ] && fail "-O said on stderr: $(cat "$work/o.err")"
python3 "$top/tests/diagcheck.py" summary-text "$work/o.txt" "$work/o.json" || fail "-O text and JSON differ"
# a namespace without a TCP socket: the states list says "none", its JSON
# is empty
unshare -n $RUNNER "$NETSTAT" -O >"$work/o-empty.txt" 2>&1 || fail "-O in an empty namespace: status $?"
grep -qx 'TCP states: none' "$work/o-empty.txt" || fail "-O with no TCP socket: $(tail -n 1 "$work/o-empty.txt")"
unshare -n $RUNNER "$NETSTAT" -O -j >"$work/o-empty.json" 2>&1 || fail "-O -j in an empty namespace: status $?"
python3 -c 'import json, sys; sys.exit(json.load(open(sys.argv[1]))["summary"]["tcp_states"] != {})' \
	"$work/o-empty.json" || fail "-O -j with no TCP socket: tcp_states not {}"
for s in LISTEN ESTABLISHED CLOSE_WAIT TIME_WAIT; do
	grep -q "^TCP states:.* $s [1-9]" "$work/o.txt" || fail "-O: no $s count"
done
/usr/bin/python3 "$top/tests/diagcheck.py" schema "$work/o.json" "$work/s.jsonl" "$work/i.jsonl" ||
	fail "-O, -s -D, -i -D: JSON not as include/netstat.schema.json says"
cat "$work/o.txt"
[ $failures = 0 ]
