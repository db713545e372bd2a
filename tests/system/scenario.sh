#!/bin/sh
# The `make system` scenario, run by /init inside each guest (BusyBox sh):
# builds the network the views look at, opens the sockets (/sockets), then
# runs every compared view with our netstat (/ours/netstat, and on the
# big-endian guest also `busybox netstat`, our applet inside BusyBox) and
# with net-tools (/bin/netstat), back to back, into /out; the views
# net-tools lacks (the classic switches, -M, the diagnostics -O, -D and
# -K) with what the host checks them against, copied in the guest around
# them. /init sends /out to the host, which compares (tests/system/run.sh).
set -u
out=/out
mkdir -p $out/views $out/proc/net
say() { echo "scenario: $*"; }
fail() { echo "scenario: FAILED: $*"; echo "$*" >>$out/failures; }

# ip link add A type veth peer name B: BusyBox's ip names the peer itself
veth() {
	before=$(ls /sys/class/net)
	ip link add "$1" type veth peer name "$2" || return 1
	[ -e "/sys/class/net/$2" ] && return 0
	for l in $(ls /sys/class/net); do
		[ "$l" = "$1" ] && continue
		echo "$before" | grep -qx "$l" || { ip link set "$l" name "$2"; return; }
	done
}

# ---- the network ----
echo 0 >/proc/sys/net/ipv6/conf/default/accept_dad
echo 0 >/proc/sys/net/ipv6/conf/all/accept_dad
ip link set lo up
veth vth0 vth1 || fail "veth"
ip link add br0 type bridge || fail "bridge"
brctl addif br0 vth1 || fail "brctl addif"
veth down0 down1 || fail "veth (down)"
ip link set vth0 mtu 1400
ip addr add 10.98.1.1/24 dev vth0
ip addr add 10.98.2.1/24 dev br0
ip -6 addr add 2001:db8:98::1/64 dev vth0
ip -6 addr add 2001:db8:99::1/64 dev br0
for l in vth0 vth1 br0; do ip link set $l up; done
ip route add default via 10.98.1.254 || fail "default route"
ip route add 10.99.0.0/16 via 10.98.1.254 metric 5 || fail "route via"
ip route add 10.100.0.0/16 dev br0 metric 20 || fail "route dev"
ip route add blackhole 10.97.0.0/16 || fail "blackhole"
ip route add unreachable 10.96.0.0/16 || fail "unreachable"
ip route add prohibit 10.95.0.0/16 || fail "prohibit"
ip -6 route add 2001:db8:aa::/48 via 2001:db8:98::fe metric 7 || fail "route6 via"
ip -6 route add 2001:db8:bb::/48 dev br0 metric 9 || fail "route6 dev"
ip -6 route add blackhole 2001:db8:cc::/48 || fail "route6 blackhole"
ip -6 route add unreachable 2001:db8:dd::/48 || fail "route6 unreachable"
sleep 1

/sockets vth0 10.98.1.1 2001:db8:98::1 >$out/sockets.log 2>&1 &
sockets_pid=$!
i=0
until grep -q 'sockets: ready' $out/sockets.log 2>/dev/null; do
	i=$((i + 1))
	[ $i -gt 100 ] && { fail "sockets never ready"; break; }
	usleep 100000
done
cat $out/sockets.log

# ---- facts about this guest ----
{
	echo "arch=$(uname -m)"
	echo "kernel=$(uname -r)"
	if grep -q ' 7F000001:1B59 ' /proc/net/tcp; then echo "order=big"
	elif grep -q ' 0100007F:1B59 ' /proc/net/tcp; then echo "order=little"
	else echo "order=unknown"; fi
	echo "expect_order=$EXPECT_ORDER"
	[ -e /proc/net/sctp/eps ] && echo "sctp=yes" || echo "sctp=no"
	echo "netstat_version=$(/bin/netstat -V 2>&1 | head -n 1)"
	echo "busybox_ours=${BUSYBOX_OURS:-0}"
} >$out/info
grep -q "^order=$EXPECT_ORDER\$" $out/info || fail "byte order is not $EXPECT_ORDER: $(grep ^order= $out/info)"

# ---- the views: ours and net-tools back to back, up to three tries ----
# (timers, TIME_WAIT and counters move between two runs; a view that
# differs three times in a row is a difference)
ours_list="/ours/netstat"
[ "${BUSYBOX_OURS:-}" = 1 ] && ours_list="$ours_list busybox-netstat"
run() {
	"$@" >$d/$who.stdout 2>$d/$who.stderr
	echo $? >$d/$who.status
}
view() {
	name=$(printf '%s\n' "$*" | sed 's/ /_/g')
	for ours in $ours_list; do
		d=$out/views/$name${ours#/ours/netstat}
		mkdir -p $d
		printf '%s\n' "$*" >$d/args
		try=1
		while :; do
			if [ "$ours" = busybox-netstat ]; then
				who=ours run busybox netstat "$@"
			else
				who=ours run /ours/netstat "$@"
			fi
			who=theirs run /bin/netstat "$@"
			same=1
			for s in stdout stderr status; do
				cmp -s $d/ours.$s $d/theirs.$s || same=0
			done
			[ $same = 1 ] || [ $try = 3 ] && break
			try=$((try + 1))
			sleep 1
		done
		echo $try >$d/tries
	done
}

view -tuwxanpe
view -tuwxa
view -tano
view -rn
view -r
view -rne
view -rnee
view -rn6
view -rn -4
view -r -A inet6
view -i
view -ia
view -ie
view -g
view -gn
view -s
view -s6
view -st
view -su
view -S -a
view -S -an
view -Uan
view -tuwan -4
view -tuwan -6
view -xa

# ours_only PREFIX "ARGS": a view only we have, into views/PREFIXARGS
ours_only() {
	name=$1$(printf '%s\n' "$2" | sed 's/ /_/g')
	mkdir -p $out/views/$name
	printf '%s\n' "$2" >$out/views/$name/args
	# shellcheck disable=SC2086
	/ours/netstat $2 >$out/views/$name/ours.stdout 2>$out/views/$name/ours.stderr
	echo $? >$out/views/$name/ours.status
}

# ---- NAT (where the guest has nftables): a LAN and a WAN namespace
# behind this one, masquerade out of wan0 and a port forward in; -M is
# checked by the host against the conntrack table copied right after ----
nat_views() {
	# the table is copied right after the numeric views (the last two
	# look names up, which adds a connection to the nameserver); the
	# ctnetlink fallback (-M without /proc/net/nf_conntrack: a private
	# mount namespace whose /proc is an empty tmpfs) among them
	for a in "-M -n -W" "-M -n -e -W" "-M -n -4 -W" "-M -n -6 -W" netlink copy "-M -n" "-M"; do
		if [ "$a" = copy ]; then
			cat /proc/net/nf_conntrack >$out/nf_conntrack.after 2>/dev/null
			continue
		fi
		if [ "$a" = netlink ]; then
			d=$out/views/nat-netlink-M_-n_-e_-W
			mkdir -p $d
			echo "-M -n -e -W (ctnetlink)" >$d/args
			unshare -m sh -c 'mount -t tmpfs none /proc && mkdir /proc/net && exec /ours/netstat -M -n -e -W' \
				>$d/ours.stdout 2>$d/ours.stderr
			echo $? >$d/ours.status
			continue
		fi
		ours_only nat "$a"
	done
}
if command -v nft >/dev/null; then
	echo "nat=yes" >>$out/info
	unshare -n sleep 100000 &
	lan=$!
	unshare -n sleep 100000 &
	wan=$!
	usleep 300000
	in_lan() { nsenter -t $lan -n "$@"; }
	in_wan() { nsenter -t $wan -n "$@"; }
	for ns in in_lan in_wan; do
		# a new namespace has DAD on again (for links that move in too):
		# addresses must work at once
		$ns sh -c 'echo 0 >/proc/sys/net/ipv6/conf/default/accept_dad; echo 0 >/proc/sys/net/ipv6/conf/all/accept_dad'
	done
	veth lan0 lan1 || fail "veth lan"
	veth wan0 wan1 || fail "veth wan"
	ip link set lan1 netns $lan || fail "netns lan"
	ip link set wan1 netns $wan || fail "netns wan"
	ip addr add 10.77.0.1/24 dev lan0
	ip addr add 10.88.0.1/24 dev wan0
	ip -6 addr add 2001:db8:77::1/64 dev lan0
	ip -6 addr add 2001:db8:88::1/64 dev wan0
	ip link set lan0 up
	ip link set wan0 up
	for ns in in_lan in_wan; do $ns ip link set lo up; done
	in_lan ip addr add 10.77.0.2/24 dev lan1
	in_lan ip -6 addr add 2001:db8:77::2/64 dev lan1
	in_lan ip link set lan1 up
	in_lan ip route add default via 10.77.0.1
	in_lan ip -6 route add default via 2001:db8:77::1
	in_wan ip addr add 10.88.0.2/24 dev wan1
	in_wan ip -6 addr add 2001:db8:88::2/64 dev wan1
	in_wan ip link set wan1 up
	echo 1 >/proc/sys/net/ipv4/ip_forward
	echo 1 >/proc/sys/net/ipv6/conf/all/forwarding
	echo 1 >/proc/sys/net/netfilter/nf_conntrack_acct 2>/dev/null
	nft -f /nat.nft || fail "nft ruleset"
	usleep 500000
	in_wan /sockets serve tcp 10.88.0.2 9000 >>$out/nat.log 2>&1 &
	in_wan /sockets serve udp 10.88.0.2 9001 >>$out/nat.log 2>&1 &
	in_wan /sockets serve tcp 2001:db8:88::2 9000 >>$out/nat.log 2>&1 &
	in_lan /sockets serve tcp 10.77.0.2 80 >>$out/nat.log 2>&1 &
	usleep 500000
	in_lan /sockets flow tcp 10.88.0.2 9000 >>$out/nat.log 2>&1 &
	in_lan /sockets flow udp 10.88.0.2 9001 >>$out/nat.log 2>&1 &
	in_lan /sockets flow udp 10.88.0.2 9002 >>$out/nat.log 2>&1 &
	in_lan /sockets flow tcp 2001:db8:88::2 9000 >>$out/nat.log 2>&1 &
	in_wan /sockets flow tcp 10.88.0.1 8080 >>$out/nat.log 2>&1 &
	in_lan ping -c 1 -W 2 10.88.0.2 >/dev/null 2>&1 || fail "ping through NAT"
	ping -c 1 -W 2 10.77.0.2 >/dev/null 2>&1 || fail "ping to the LAN"
	usleep 500000
	nat_views
else
	# no nftables (the big-endian guest's BusyBox userland): NAT'd
	# entries inserted over ctnetlink, as conntrack -I would
	if /ctinsert >$out/nat.log 2>&1; then
		echo "nat=inserted" >>$out/info
	else
		echo "nat=no" >>$out/info
		fail "ctinsert: $(cat $out/nat.log)"
	fi
	nat_views
fi

# ---- the router diagnostics (-K, -O, -D): views net-tools lacks, each
# with its oracle copied in this guest around it; the host compares
# (tests/system/compare.py, tests/diagcheck.py) ----
lines_of() { n=0; [ -f "$1" ] && n=$(wc -l <"$1"); echo $((n)); }
# wait_lines FILE N: until FILE has N lines (30 s at most)
wait_lines() {
	i=0
	while [ "$(lines_of "$1")" -lt "$2" ]; do
		i=$((i + 1))
		[ $i -gt 300 ] && return 1
		usleep 100000
	done
}
# what moves under -O and -K between two readings
tcp_states() { /bin/netstat -tan 2>/dev/null | awk '$1 ~ /^tcp/ { print $6 }' | sort | uniq -c; }
ct_table() { awk '{ $5 = ""; print }' /proc/net/nf_conntrack 2>/dev/null | sort; }
ct_numbers() {
	cat /proc/sys/net/netfilter/nf_conntrack_count /proc/sys/net/netfilter/nf_conntrack_max \
		/proc/net/stat/nf_conntrack 2>/dev/null
}

# -K: the conntrack copies (the layout of a PROC_ROOT fixture, for
# diagcheck.py pressure-fixture) right after; again when the table, the
# count or the counters moved between a reading before and the copies
diag_conntrack() {
	d=$out/views/diag-K_-n_-j
	mkdir -p $d/proc/net/stat $d/proc/sys/net/netfilter
	echo "-K -n -j" >$d/args
	try=1
	while :; do
		ct_table >$d/table.before
		ct_numbers >$d/numbers.before
		/ours/netstat -K -n -j >$d/ours.stdout 2>$d/ours.stderr
		echo $? >$d/ours.status
		for f in nf_conntrack_count nf_conntrack_max; do
			cat /proc/sys/net/netfilter/$f >$d/proc/sys/net/netfilter/$f
		done
		cat /proc/net/stat/nf_conntrack >$d/proc/net/stat/nf_conntrack
		cat /proc/net/nf_conntrack >$d/proc/net/nf_conntrack
		ct_table >$d/table.after
		ct_numbers >$d/numbers.after
		cmp -s $d/table.before $d/table.after && cmp -s $d/numbers.before $d/numbers.after && break
		[ $try = 3 ] && break
		try=$((try + 1))
		sleep 1
	done
	echo $try >$d/tries
	rm -f $d/table.* $d/numbers.*
}
case $(grep '^nat=' $out/info) in nat=yes|nat=inserted) diag_conntrack ;; esac

# -O (JSON and text): /proc/net/sockstat, sockstat6 and net-tools -tan
# right after; again when they moved since a reading before ours
diag_summary() {
	d=$out/views/diag-O_-j
	mkdir -p $d
	echo "-O -j" >$d/args
	try=1
	while :; do
		cat /proc/net/sockstat /proc/net/sockstat6 >$d/before 2>/dev/null
		tcp_states >>$d/before
		/ours/netstat -O -j >$d/ours.stdout 2>$d/ours.stderr
		echo $? >$d/ours.status
		/ours/netstat -O >$d/text.stdout 2>$d/text.stderr
		echo $? >$d/text.status
		cat /proc/net/sockstat >$d/sockstat
		cat /proc/net/sockstat6 >$d/sockstat6
		/bin/netstat -tan >$d/theirs-tan.stdout 2>&1
		cat $d/sockstat $d/sockstat6 >$d/after
		tcp_states >>$d/after
		cmp -s $d/before $d/after && break
		[ $try = 3 ] && break
		try=$((try + 1))
		sleep 1
	done
	echo $try >$d/tries
	rm -f $d/before $d/after
}
diag_summary

# -s -D: N pings of 127.0.0.1 in a network namespace of its own, where
# nothing else moves a counter, between two copies of /proc/net/snmp,
# netstat and sctp/snmp taken while -D's rounds run: every counter's
# changes over the rounds sum to the copies' difference
diag_changes_s() {
	d=$out/views/diag-s_-D_-j_-c_1
	mkdir -p $d
	echo "-s -D -j -c 1" >$d/args
	echo 5 >$d/pings
	unshare -n sleep 100000 &
	quiet=$!
	usleep 300000
	# (/proc/net is the reader's namespace's: cat reads the quiet one's)
	in_quiet() { nsenter -t $quiet -n "$@"; }
	in_quiet ip link set lo up
	# one ping first: the IcmpMsg lines exist from the first round on
	in_quiet ping -c 1 -W 2 127.0.0.1 >/dev/null 2>&1
	# (a simple command: $! is our netstat, nsenter and env exec)
	nsenter -t $quiet -n env NETSTAT_ROUND_MS=300 /ours/netstat -s -D -j -c 1 >$d/ours.stdout 2>$d/ours.stderr &
	ours=$!
	wait_lines $d/ours.stdout 1 || echo "no first round" >>$d/problems
	in_quiet cat /proc/net/snmp >$d/snmp.before
	in_quiet cat /proc/net/netstat >$d/netstat.before
	in_quiet cat /proc/net/sctp/snmp >$d/sctp.before 2>/dev/null
	in_quiet ping -c "$(cat $d/pings)" -W 2 127.0.0.1 >$d/ping.log 2>&1 || echo "ping failed" >>$d/problems
	in_quiet cat /proc/net/snmp >$d/snmp.after
	in_quiet cat /proc/net/netstat >$d/netstat.after
	in_quiet cat /proc/net/sctp/snmp >$d/sctp.after 2>/dev/null
	wait_lines $d/ours.stdout $(($(lines_of $d/ours.stdout) + 2)) ||
		echo "no two rounds after the pings" >>$d/problems
	kill $ours
	wait $ours
	echo $? >$d/ours.status
	kill $quiet
}
diag_changes_s

# -i -D: M pings over a veth pair of its own (its far end in a namespace,
# IPv6 off, static ARP: no packet but the pings' on it), /proc/net/dev
# copied before and after while -D's rounds run
diag_changes_i() {
	d=$out/views/diag-i_-D_-j_-c_1
	mkdir -p $d
	echo "-i -D -j -c 1" >$d/args
	echo 4 >$d/pings
	unshare -n sleep 100000 &
	peer=$!
	usleep 300000
	veth dlt0 dlt1 || { fail "veth dlt"; kill $peer; return; }
	mac0=$(cat /sys/class/net/dlt0/address)
	mac1=$(cat /sys/class/net/dlt1/address)
	echo 1 >/proc/sys/net/ipv6/conf/dlt0/disable_ipv6
	ip link set dlt1 netns $peer || { fail "netns dlt1"; kill $peer; return; }
	nsenter -t $peer -n sh -c "echo 1 >/proc/sys/net/ipv6/conf/dlt1/disable_ipv6
		ip addr add 10.66.0.2/24 dev dlt1
		arp -i dlt1 -s 10.66.0.1 $mac0
		ip link set dlt1 up" || fail "dlt1 in its namespace"
	ip addr add 10.66.0.1/24 dev dlt0
	arp -i dlt0 -s 10.66.0.2 $mac1 || fail "arp -s"
	ip link set dlt0 up
	sleep 1
	NETSTAT_ROUND_MS=300 /ours/netstat -i -D -j -c 1 >$d/ours.stdout 2>$d/ours.stderr &
	ours=$!
	wait_lines $d/ours.stdout 1 || echo "no first round" >>$d/problems
	cat /proc/net/dev >$d/dev.before
	ping -c "$(cat $d/pings)" -W 2 10.66.0.2 >$d/ping.log 2>&1 || echo "ping failed" >>$d/problems
	cat /proc/net/dev >$d/dev.after
	wait_lines $d/ours.stdout $(($(lines_of $d/ours.stdout) + 2)) ||
		echo "no two rounds after the pings" >>$d/problems
	kill $ours
	wait $ours
	echo $? >$d/ours.status
	kill $peer
}
diag_changes_i

# ---- our views with no net-tools oracle: checked by the host against the
# known sockets (classic switches) ----
for a in "-an -p tcp" "-an -p udp" "-E" "-q -n"; do
	ours_only classic "$a"
done

# ---- a copy of what the views read, for tests/fixtures ----
for f in /proc/net/*; do
	[ -f "$f" ] && cat "$f" >$out/proc/net/"${f##*/}" 2>/dev/null
done
if [ -d /proc/net/sctp ]; then
	mkdir -p $out/proc/net/sctp
	for f in /proc/net/sctp/*; do cat "$f" >$out/proc/net/sctp/"${f##*/}"; done
fi
ip addr >$out/ip-addr.txt 2>&1
ip route >$out/ip-route.txt 2>&1
kill $sockets_pid 2>/dev/null
say "done"
