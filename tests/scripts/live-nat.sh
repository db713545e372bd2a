#!/bin/sh
# native-only: reads the live conntrack table
# -M against the table the kernel wrote, compared with `conntrack -L`
# (conntrack-tools, what router engineers use today). This namespace is
# the router: nftables masquerades from a LAN namespace out of wan0 and
# forwards port 8080 on the WAN side to a LAN host, over IPv4 and IPv6.
# Flows: TCP established and closing (CLOSE_WAIT), UDP replied and
# unreplied, ICMP, and an untranslated ping from the router to the LAN.
# Every connection must be a row with Inside/Outside/Remote as README
# defines them, the state, the expiry within a second of conntrack's, and
# with -e the untranslated ones too and Packets/Bytes (nf_conntrack_acct).
netns_work=live-nat; . "$(dirname "$0")/../netns.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/waits.sh"
command -v nft >/dev/null && command -v conntrack >/dev/null ||
	{ echo "needs nft and conntrack (tests/toolchains.sh installs them)"; exit 77; }
cc -O2 -o "$work/sockets" "$top/tests/system/sockets.c" || exit 1
sockets=$work/sockets
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

pids=
cleanup() { for p in $pids; do kill "$p" 2>/dev/null; done; }
trap cleanup EXIT
unshare -n sleep 600 &
lan=$!
unshare -n sleep 600 &
wan=$!
pids="$lan $wan"
# (each has its own namespace once unshare has made it)
own_ns() { [ "$(readlink "/proc/$1/ns/net")" != "$(readlink /proc/self/ns/net)" ]; }
wait_for $lan own_ns $lan && wait_for $wan own_ns $wan || { echo "no LAN or WAN namespace"; exit 1; }
in_lan() { nsenter -t $lan -n "$@"; }
in_wan() { nsenter -t $wan -n "$@"; }
for ns in in_lan in_wan; do
	$ns sh -c 'echo 0 >/proc/sys/net/ipv6/conf/default/accept_dad; echo 0 >/proc/sys/net/ipv6/conf/all/accept_dad'
done
echo 0 >/proc/sys/net/ipv6/conf/default/accept_dad
ip link add lan0 type veth peer name lan1 netns $lan || exit 1
ip link add wan0 type veth peer name wan1 netns $wan || exit 1
ip addr add 10.77.0.1/24 dev lan0
ip addr add 10.88.0.1/24 dev wan0
ip -6 addr add 2001:db8:77::1/64 dev lan0 nodad
ip -6 addr add 2001:db8:88::1/64 dev wan0 nodad
ip link set lan0 up
ip link set wan0 up
in_lan ip link set lo up
in_lan ip addr add 10.77.0.2/24 dev lan1
in_lan ip -6 addr add 2001:db8:77::2/64 dev lan1 nodad
in_lan ip link set lan1 up
in_lan ip route add default via 10.77.0.1
in_lan ip -6 route add default via 2001:db8:77::1
in_wan ip link set lo up
in_wan ip addr add 10.88.0.2/24 dev wan1
in_wan ip -6 addr add 2001:db8:88::2/64 dev wan1 nodad
in_wan ip link set wan1 up
echo 1 >/proc/sys/net/ipv4/ip_forward
echo 1 >/proc/sys/net/ipv6/conf/all/forwarding
nft -f "$top/tests/system/nat.nft" || exit 1
echo 1 >/proc/sys/net/netfilter/nf_conntrack_acct
bg() { "$@" >>"$work/flows.log" 2>&1 & pids="$pids $!"; }
# LINES TEXT: flows.log has that many lines of TEXT (the helpers say
# "sockets: serving" when they listen, "sockets: flow ready" once they
# have sent; one that fails says so and ends)
logged() { [ "$(grep -c "^sockets: $2" "$work/flows.log")" -ge "$1" ]; }
nothing_failed() { ! grep -q '^sockets: .*: ' "$work/flows.log"; }
: >"$work/flows.log"
bg in_wan "$sockets" serve tcp 10.88.0.2 9000
bg in_wan "$sockets" serve udp 10.88.0.2 9001
bg in_wan "$sockets" serve tcp 2001:db8:88::2 9000
bg in_lan "$sockets" serve tcp 10.77.0.2 80
until logged 4 serving; do nothing_failed || { cat "$work/flows.log"; exit 1; }; sleep 0.05; done
bg in_lan "$sockets" flow tcp 10.88.0.2 9000
bg in_lan "$sockets" flow udp 10.88.0.2 9001
bg in_lan "$sockets" flow udp 10.88.0.2 9002
bg in_lan "$sockets" flow tcp 2001:db8:88::2 9000
bg in_wan "$sockets" flow tcp 10.88.0.1 8080
until logged 5 "flow ready"; do nothing_failed || { cat "$work/flows.log"; exit 1; }; sleep 0.05; done
# a connection the client closes at once (the server keeps its end):
# CLOSE_WAIT in conntrack
in_lan python3 -c 'import socket; s = socket.create_connection(("10.88.0.2", 9000)); s.close()'
in_lan busybox ping -c 1 -W 2 10.88.0.2 >/dev/null || fail "no ping through the NAT"
busybox ping -c 1 -W 2 10.77.0.2 >/dev/null || fail "no ping to the LAN"
# until the kernel's table has the closing connection and the UDP reply
settled() {
	conntrack -L -p tcp 2>/dev/null | grep -q 'CLOSE_WAIT src=10\.77\.0\.2 .* dport=9000 ' &&
		conntrack -L -p udp 2>/dev/null | grep 'dport=9001 ' | grep -qv UNREPLIED
}
until settled; do sleep 0.05; done

# Without /proc/net/nf_conntrack (a kernel without CONFIG_NF_CONNTRACK_PROCFS,
# here a private mount namespace whose /proc has an empty net/) -M reads the
# table over ctnetlink.
no_procfs() {
	unshare -m sh -c 'mount -t tmpfs none /proc && mkdir /proc/net && exec "$@"' sh "$@"
}
no_procfs sh -c '! [ -e /proc/net/nf_conntrack ]' || fail "no_procfs still shows /proc/net/nf_conntrack"

# VIEW ARGS...: ours (through $via: nothing, or no_procfs for the
# ctnetlink fallback), then conntrack's table at once, then the check. The
# expiry may have counted down between the two by the seconds they took
# (the slack: whole seconds from our start to conntrack's end, plus one
# for the rounding), whatever the machine's load.
via=
check() {
	name=$1 flags=$2
	shift 2
	t0=$(date +%s%N)
	$via "$NETSTAT" "$@" >"$work/$name.out" 2>"$work/$name.err"
	echo $? >"$work/$name.status"
	# each family once (a plain -L lists both in some versions, and an
	# entry listed twice, a second apart, would be two)
	{ conntrack -L -f ipv4 -o extended 2>/dev/null; conntrack -L -f ipv6 -o extended 2>/dev/null; } \
		>"$work/$name.table"
	slack=$((($(date +%s%N) - t0) / 1000000000 + 1))
	[ -s "$work/$name.err" ] || [ "$(cat "$work/$name.status")" != 0 ] &&
		fail "$name: status $(cat "$work/$name.status"), stderr $(cat "$work/$name.err")"
	# shellcheck disable=SC2086
	python3 "$top/tests/natcheck.py" "$work/$name.table" "$work/$name.out" --slack $slack $flags >"$work/$name.problems" ||
		{ fail "${via:+$via }netstat $*:"; cat "$work/$name.problems"; cat "$work/$name.out"; }
}
check nat "" -M -n -W
check all "--all --acct" -M -n -e -W
check v4 "--family 4" -M -n -4 -W
check v6 "--family 6" -M -n -6 -W
# the ctnetlink fallback against conntrack's table as well, not only
# against our procfs rows (below)
via=no_procfs
check nl-nat "" -M -n -W
check nl-all "--all --acct" -M -n -e -W
check nl-v4 "--family 4" -M -n -4 -W
check nl-v6 "--family 6" -M -n -6 -W
via=
[ "$(wc -l <"$work/nl-all.out")" = "$(wc -l <"$work/all.out")" ] ||
	fail "ctnetlink -M -n -e -W: $(wc -l <"$work/nl-all.out") lines, procfs $(wc -l <"$work/all.out")"

# the scenario's flows must be there, as the kernel translated them
want() {
	grep -Eq "$2" "$work/nat.out" || fail "no $1 row in -M -n -W"
}
want "SNAT tcp" '^tcp +[0-9]+ 10\.77\.0\.2:[0-9]+ +10\.88\.0\.1:[0-9]+ +10\.88\.0\.2:9000 +ESTABLISHED'
want "SNAT tcp closing" '^tcp +[0-9]+ 10\.77\.0\.2:[0-9]+ +10\.88\.0\.1:[0-9]+ +10\.88\.0\.2:9000 +CLOSE_WAIT'
want "SNAT udp" '^udp +[0-9]+ 10\.77\.0\.2:[0-9]+ +10\.88\.0\.1:[0-9]+ +10\.88\.0\.2:9001'
want "SNAT udp unreplied" '^udp +[0-9]+ 10\.77\.0\.2:[0-9]+ +10\.88\.0\.1:[0-9]+ +10\.88\.0\.2:9002 +UNREPLIED'
want "SNAT icmp" '^icmp +[0-9]+ 10\.77\.0\.2 +10\.88\.0\.1 +10\.88\.0\.2'
want "SNAT tcp over IPv6" '^tcp +[0-9]+ \[2001:db8:77::2\]:[0-9]+ +\[2001:db8:88::1\]:[0-9]+ +\[2001:db8:88::2\]:9000 +ESTABLISHED'
want "DNAT tcp" '^tcp +[0-9]+ 10\.77\.0\.2:80 +10\.88\.0\.1:8080 +10\.88\.0\.2:[0-9]+ +ESTABLISHED'
grep -q ' 10\.77\.0\.1 ' "$work/nat.out" && fail "an untranslated connection without -e"
grep -Eq '^icmp +[0-9]+ 10\.77\.0\.1 +- +10\.77\.0\.2' "$work/all.out" ||
	fail "no untranslated ping with -e"
# names (no nameserver answers here) and the narrow columns: the same rows
"$NETSTAT" -M >"$work/names.out" 2>"$work/names.err" || fail "-M: status $?"
"$NETSTAT" -M -n >"$work/narrow.out" 2>"$work/narrow.err" || fail "-M -n: status $?"
[ "$(wc -l <"$work/narrow.out")" = "$(wc -l <"$work/nat.out")" ] ||
	fail "-M -n and -M -n -W list different numbers of rows"

# Over ctnetlink: the same rows as procfs gives at that moment (taken
# again when a timer ticked between the two).
for args in "-M -n -e -W" "-M -n" "-M -n -6" "-M -n -e -4"; do
	same=0
	for try in 1 2 3 4 5; do
		# shellcheck disable=SC2086
		"$NETSTAT" $args >"$work/proc.out" 2>&1; echo "status $?" >>"$work/proc.out"
		# shellcheck disable=SC2086
		no_procfs "$NETSTAT" $args >"$work/netlink.out" 2>&1; echo "status $?" >>"$work/netlink.out"
		if cmp -s "$work/proc.out" "$work/netlink.out"; then same=1; break; fi
	done
	[ $same = 1 ] || { fail "netlink -M $args differs from procfs:"; diff "$work/proc.out" "$work/netlink.out"; }
done
# -K on the same flows, with accounting: the top inside hosts by entries
# and by bytes against conntrack -L grouped by tests/diagcheck.py, the
# counters against conntrack -S and -C (taken again when a timer ticked)
for via in "" no_procfs_keep_sys; do
	ok=0
	for try in 1 2 3 4 5; do
		if [ -n "$via" ]; then
			unshare -m sh -c 'keep=$(mktemp -d) && mount --rbind /proc/sys "$keep" &&
				mount -t tmpfs none /proc && mkdir /proc/net /proc/sys &&
				mount --rbind "$keep" /proc/sys && exec "$@"' sh "$NETSTAT" -K -n -j
		else
			"$NETSTAT" -K -n -j
		fi >"$work/k.json" 2>"$work/k.err"
		{ conntrack -L -f ipv4 -o extended; conntrack -L -f ipv6 -o extended; } >"$work/k.table" 2>/dev/null
		conntrack -S >"$work/k.stats" 2>/dev/null
		# shellcheck disable=SC2046
		if [ ! -s "$work/k.err" ] && python3 "$top/tests/diagcheck.py" pressure "$work/k.json" "$work/k.table" \
			"$work/k.stats" "$(conntrack -C)" "$(cat /proc/sys/net/netfilter/nf_conntrack_max)" \
			${via:+--no-stats} >"$work/k.problems"; then
			ok=1
			break
		fi
	done
	[ $ok = 1 ] || { fail "-K ${via:-procfs} against conntrack -L/-S/-C:"; cat "$work/k.problems" "$work/k.err"; }
done
python3 -c 'import json, sys; c = json.load(open(sys.argv[1]))["conntrack"]; sys.exit(not c["hosts_by_bytes"] or c["hosts"][0]["address"] != "10.77.0.2")' \
	"$work/k.json" || fail "-K: the LAN host 10.77.0.2 is not first, or no hosts by bytes"

# (CTNETLINK_SEED=FILE keeps this table's dump as a fuzz seed)
[ -n "${CTNETLINK_SEED:-}" ] && python3 "$top/tests/fuzz/ctnetlink-dump.py" "$CTNETLINK_SEED"
cat "$work/nat.out"
[ $failures = 0 ]
