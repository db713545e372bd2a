#!/bin/sh
# The `make system` scenario, run by /init inside each guest (BusyBox sh):
# builds the network the views look at, opens the sockets (/sockets), then
# runs every compared view with our netstat (/ours/netstat, and on the
# big-endian guest also `busybox netstat`, our applet inside BusyBox) and
# with net-tools (/bin/netstat), back to back, into /out. /init sends /out
# to the host, which compares (tests/system/run.sh).
set -u
out=/out
mkdir -p $out/views $out/proc/net
say() { echo "scenario: $*"; }
fail() { echo "scenario: FAILED: $*"; echo "$*" >>$out/failures; }

# ---- the network ----
echo 0 >/proc/sys/net/ipv6/conf/default/accept_dad
echo 0 >/proc/sys/net/ipv6/conf/all/accept_dad
ip link set lo up
ip link add vth0 type veth peer name vth1 || fail "veth"
# BusyBox's ip names the peer itself: give it ours
[ -e /sys/class/net/vth1 ] || ip link set "$(ls /sys/class/net | grep -v -e '^lo$' -e '^vth0$' | head -n 1)" name vth1
ip link add br0 type bridge || fail "bridge"
brctl addif br0 vth1 || fail "brctl addif"
ip link add down0 type veth peer name down1 || fail "veth (down)"
[ -e /sys/class/net/down1 ] || ip link set "$(ls /sys/class/net | grep -v -e '^lo$' -e '^vth' -e '^br0$' -e '^down0$' | head -n 1)" name down1
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

# ---- our views with no net-tools oracle: checked by the host against the
# known sockets (classic switches) ----
for a in "-an -p tcp" "-an -p udp" "-rn -4" "-E" "-q -n"; do
	name=classic$(printf '%s\n' "$a" | sed 's/ /_/g')
	mkdir -p $out/views/$name
	printf '%s\n' "$a" >$out/views/$name/args
	# shellcheck disable=SC2086
	/ours/netstat $a >$out/views/$name/ours.stdout 2>$out/views/$name/ours.stderr
	echo $? >$out/views/$name/ours.status
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
