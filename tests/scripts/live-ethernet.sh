#!/bin/sh
# -E (classic interface totals, applet/ethernet.c) on a live namespace with
# known traffic, against sums this script makes itself, twice over: from
# /proc/net/dev (every interface but lo) and from `ip -s -j link`
# (iproute2, over netlink), and Unknown protocols against nstat's
# IpInUnknownProtos. The namespace has lo, a bridge (veth does not count
# multicast, the bridge does) and one end of a veth pair as its port (the
# other end in a second namespace), IPv6 off and neighbours fixed, so
# nothing moves the counters but the test's traffic: a burst of pings
# out, multicast datagrams in, and IP packets of an unknown protocol in.
# Each figure must equal both sums, and the burst must show in ours.
set -u
netns_work=live-ethernet
. "$(dirname "$0")/../netns.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/waits.sh"
for tool in ip nstat python3; do
	command -v $tool >/dev/null || { echo "needs $tool (tests/toolchains.sh)"; exit 77; }
done
fail=0

# the peer namespace, its end of the pair, fixed neighbours, no IPv6
unshare -n sleep 100000 &
peer=$!
trap 'kill $peer 2>/dev/null' EXIT
own_ns() { [ "$(readlink "/proc/$1/ns/net")" != "$(readlink /proc/self/ns/net)" ]; }
wait_for $peer own_ns $peer || { echo "no peer namespace"; exit 1; }
in_peer() { nsenter -t $peer -n "$@"; }
echo 1 >/proc/sys/net/ipv6/conf/default/disable_ipv6
in_peer sh -c 'echo 1 >/proc/sys/net/ipv6/conf/default/disable_ipv6'
ip link add ea address 02:00:00:00:55:01 type veth peer name eb address 02:00:00:00:55:02 netns $peer || exit 1
ip link add br0 address 02:00:00:00:55:03 type bridge || exit 1
ip link set ea master br0
ip addr add 10.55.0.1/24 dev br0
ip link set ea up
ip link set br0 up
in_peer ip addr add 10.55.0.2/24 dev eb
in_peer ip link set eb up
in_peer ip link set lo up
ip neigh replace 10.55.0.2 lladdr 02:00:00:00:55:02 dev br0 nud permanent
in_peer ip neigh replace 10.55.0.1 lladdr 02:00:00:00:55:03 dev eb nud permanent
in_peer ip route add 224.0.0.0/4 dev eb
wait_for $peer sh -c 'ip -j link show br0 | grep -q LOWER_UP' || { echo "br0 not up"; exit 1; }

cat >"$work/oracle.py" <<'EOF'
"""The -E figures from /proc/net/dev and from `ip -s -j link` (both must
agree), and Unknown protocols from nstat: one line of ten numbers, in
-E's order: bytes rx tx, unicast rx tx, non-unicast rx tx, discards rx
tx, errors rx tx, unknown protocols."""
import json, subprocess, sys
dev = [0] * 16
for line in open("/proc/net/dev").read().splitlines()[2:]:
    name, _, nums = line.partition(":")
    if name.strip() != "lo":
        dev = [a + int(b) for a, b in zip(dev, nums.split())]
ip = {"rx": {}, "tx": {}}
for link in json.loads(subprocess.check_output(["ip", "-s", "-j", "link"])):
    if link["ifname"] != "lo":
        for d in ("rx", "tx"):
            for k, v in link["stats64"][d].items():
                ip[d][k] = ip[d].get(k, 0) + v
nstat = json.loads(subprocess.check_output(["nstat", "-a", "-s", "-z", "-j", "IpInUnknownProtos"]))
unknown = nstat["kernel"]["IpInUnknownProtos"]
# /proc/net/dev: bytes packets errs drop fifo frame compressed multicast
# (received), bytes packets errs drop fifo colls carrier compressed (sent)
from_dev = [dev[0], dev[8], dev[1] - dev[7], dev[9], dev[7], 0, dev[3], dev[11], dev[2], dev[10], unknown]
rx, tx = ip["rx"], ip["tx"]
# the kernel's "drop" column of /proc/net/dev is dropped + missed
from_ip = [rx["bytes"], tx["bytes"], rx["packets"] - rx["multicast"], tx["packets"], rx["multicast"], 0,
           rx["dropped"] + rx.get("missed", 0), tx["dropped"], rx["errors"], tx["errors"], unknown]
if from_dev != from_ip:
    # read one after the other: a frame the kernel sent in between (the
    # bridge's first IGMP reports) moves one of them
    print("moving: /proc/net/dev gives %s, ip -s -j link %s" % (from_dev, from_ip))
    sys.exit(0)
print(" ".join(map(str, from_dev)))
EOF
# ours as one line in the same order
ours() {
	${RUNNER:-} "$NETSTAT" -E >"$work/ours.out" 2>"$work/ours.err"
	echo $? >"$work/ours.status"
	awk '/^(Bytes|Unicast packets|Non-unicast packets|Discards|Errors) / { printf "%s %s ", $(NF-1), $NF }
	     /^Unknown protocols / { printf "%s\n", $NF }' "$work/ours.out"
}
# compare NAME: ours between two oracle readings; again while the
# counters moved between those (only the kernel's own first frames do,
# the bridge's IGMP reports in its first seconds: tried again a fifth of
# a second later, up to 100 times)
compare() {
	tries=0 got=
	while :; do
		before=$(python3 "$work/oracle.py") || { echo "FAIL: $1: $before"; fail=1; return; }
		got=$(ours)
		after=$(python3 "$work/oracle.py") || { echo "FAIL: $1: $after"; fail=1; return; }
		case $before$after in *moving*) after=moving ;; esac
		if [ "$before" = "$after" ]; then
			if [ "$got" = "$before" ] && [ "$(cat "$work/ours.status")" = 0 ] && [ ! -s "$work/ours.err" ]; then
				echo "$1: $got"
			else
				echo "FAIL: $1: ours $got (status $(cat "$work/ours.status")), the sums $before"
				cat "$work/ours.out" "$work/ours.err"
				fail=1
			fi
			return
		fi
		tries=$((tries + 1))
		[ $tries -lt 100 ] || { echo "FAIL: $1: the counters kept moving: $before / $after"; fail=1; return; }
		sleep 0.2
	done
}
field() { echo "$1" | cut -d' ' -f"$2"; }

compare "before any traffic"
start=$got
# 20 pings out of ea (echo requests out, replies in), 10 multicast
# datagrams in, 7 packets of IP protocol 253 (no handler) in
python3 - <<'EOF' || { echo "FAIL: the pings were not answered"; fail=1; }
import os, select, socket, struct, sys
def csum(b):
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    s = (s >> 16) + (s & 0xffff)
    return ~(s + (s >> 16)) & 0xffff
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
got = 0
for seq in range(20):
    body = struct.pack("!BBHHH", 8, 0, 0, 77, seq) + b"x" * 56
    s.sendto(body[:2] + struct.pack("!H", csum(body)) + body[4:], ("10.55.0.2", 0))
while got < 20 and select.select([s], [], [], 10)[0]:
    pkt = s.recv(2048)
    if pkt[20] == 0:
        got += 1
sys.exit(got != 20)
EOF
in_peer python3 -c '
import socket
m = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
m.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton("10.55.0.2"))
for i in range(10):
    m.sendto(b"x" * 100, ("239.55.0.1", 5555))
r = socket.socket(socket.AF_INET, socket.SOCK_RAW, 253)
for i in range(7):
    r.sendto(b"y" * 40, ("10.55.0.1", 0))'
compare "after the traffic"
end=$got
# the burst in ours: 20 echo requests out (98-byte frames), 20 replies
# and 10 multicast frames in, 7 packets of an unknown protocol (each
# frame counts on the bridge and on its port)
d() { echo $(($(field "$end" "$1") - $(field "$start" "$1"))); }
[ "$(d 4)" -ge 20 ] || { echo "FAIL: unicast sent grew by $(d 4), want 20 or more"; fail=1; }
[ "$(d 2)" -ge $((20 * 98)) ] || { echo "FAIL: bytes sent grew by $(d 2)"; fail=1; }
[ "$(d 3)" -ge 20 ] || { echo "FAIL: unicast received grew by $(d 3), want 20 or more"; fail=1; }
[ "$(d 5)" -ge 10 ] || { echo "FAIL: non-unicast received grew by $(d 5), want 10 or more"; fail=1; }
[ "$(d 11)" = 7 ] || { echo "FAIL: unknown protocols grew by $(d 11), want 7"; fail=1; }
exit $fail
