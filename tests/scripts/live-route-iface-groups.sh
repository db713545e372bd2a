#!/bin/sh
# Routing tables, the interface table and multicast groups on live state:
# a private network namespace with a bridge and a veth port, a veth pair
# with different MTUs, a tun and a tap left down, IPv4 and IPv6 addresses,
# gateway routes with metric/MTU/window/rtt, blackhole/unreachable/prohibit
# routes, IPv6 default and unreachable routes and joined multicast groups.
# Each mode is compared with net-tools' netstat on the same namespace.
#
# Env (tests/check.sh): NETSTAT, RUNNER, BIG_ENDIAN, WORK.
set -u
: "${NETSTAT:?}" "${WORK:=/tmp}"
RUNNER=${RUNNER:-}

if [ -z "${IN_TEST_NS:-}" ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "needs root for a private network namespace"
		exit 77
	fi
	for tool in ip unshare; do
		command -v $tool >/dev/null || { echo "needs $tool"; exit 77; }
	done
	if [ "$(netstat -V 2>/dev/null | head -n 1)" != "net-tools 2.10" ]; then
		echo "needs net-tools 2.10 as the reference"
		exit 77
	fi
	mkdir -p "$WORK"
	exec unshare --net -- env IN_TEST_NS=1 sh "$0" "$@"
fi

set -e
ip link set lo up
ip link add br0 type bridge
ip link add veth0 type veth peer name veth0p
ip link set veth0p master br0
ip link add veth1 mtu 1400 type veth peer name veth1p mtu 9000
ip tuntap add tun0 mode tun
ip tuntap add tap0 mode tap
n=1
for l in br0 veth0 veth0p veth1 veth1p tap0; do
	ip link set $l address 02:00:00:00:00:0$n
	n=$((n + 1))
done
for l in br0 veth0 veth0p veth1 veth1p; do ip link set $l up; done
ip addr add 192.168.1.1/24 brd + dev br0
ip addr add 10.1.2.4/16 dev veth1
ip addr add 10.9.9.1 peer 10.9.9.2 dev veth1p
ip addr add 2001:db8::1/64 dev br0 nodad
ip addr add 2001:db8:1::5/64 dev veth1 nodad
ip route add default via 192.168.1.254 metric 100
ip route add 10.20.0.0/16 via 10.1.2.3 metric 5 mtu lock 1300 window 65535 rtt 300ms
ip route add 10.21.0.0/16 via 10.1.2.3 advmss 1400
ip route add blackhole 10.66.0.0/16
ip route add unreachable 10.67.0.0/16 metric 7
ip route add prohibit 10.68.0.0/16
ip route add 203.0.113.80/32 via 192.168.1.10
ip -6 route add default via 2001:db8::fe metric 1024
ip -6 route add unreachable 2001:db8:dead::/48
ip -6 route add 2001:db8:beef::/64 via 2001:db8:1::1 dev veth1 metric 42
ip addr add 224.0.0.251/32 dev br0 autojoin
ip addr add 239.1.2.3/32 dev veth1 autojoin
ip -6 addr add ff05::fb/128 dev br0 autojoin
ip -6 addr add ff02::1:3/128 dev veth1 autojoin
set +e

fail=0
out=$WORK/live-rig
. "$(dirname "$0")/../waits.sh"
mkdir -p "$out"

# Counters move while interfaces settle: compare ours with two net-tools
# runs around it, and retry while net-tools does not agree with itself.
compare() {
	label=$1
	shift
	tries=0
	while :; do
		netstat "$@" >"$out/want1" 2>"$out/want1.err"
		echo "status $?" >>"$out/want1"
		# shellcheck disable=SC2086
		$RUNNER "$NETSTAT" "$@" >"$out/got" 2>"$out/got.err"
		echo "status $?" >>"$out/got"
		netstat "$@" >"$out/want2" 2>"$out/want2.err"
		echo "status $?" >>"$out/want2"
		if cmp -s "$out/want1" "$out/got" && cmp -s "$out/want1.err" "$out/got.err"; then
			echo "ok: $label"
			return
		fi
		tries=$((tries + 1))
		if cmp -s "$out/want1" "$out/want2" || [ $tries -ge 8 ]; then
			echo "FAIL: $label"
			diff "$out/want1" "$out/got" | head -20
			diff "$out/want1.err" "$out/got.err" | head -5
			fail=1
			return
		fi
		sleep 1
	done
}

# -I=IFACE (absent from net-tools 2.10): net-tools' -ia table cut to the
# header and that interface.
compare_one() {
	iface=$1
	tries=0
	while :; do
		netstat -ia >"$out/all"
		# shellcheck disable=SC2086
		$RUNNER "$NETSTAT" -a "-I=$iface" >"$out/got" 2>"$out/got.err"
		{ head -n 2 "$out/all"; grep "^$iface " "$out/all"; } >"$out/want1"
		if cmp -s "$out/want1" "$out/got" && [ ! -s "$out/got.err" ]; then
			echo "ok: -a -I=$iface"
			return
		fi
		tries=$((tries + 1))
		if [ $tries -ge 4 ]; then
			echo "FAIL: -a -I=$iface"
			diff "$out/want1" "$out/got"
			fail=1
			return
		fi
		sleep 1
	done
}

sleep 1
for args in -r -rn -re -ree -rF -rC -rCee "-r -6" -rn6 "-r -A inet6" "-r -4 -6" \
	-i -ia "-g -6"; do
	# shellcheck disable=SC2086
	compare "$args" $args
done
# Under qemu-user a big-endian guest reads the little-endian host's
# kernel: qemu rewrites /proc/net/route for it but not /proc/net/igmp
# (the fixture cases cover igmp in big-endian order), and it converts
# SIOCGIFTXQLEN's ifreq as a sockaddr, garbling the queue length.
if [ "${BIG_ENDIAN:-0}" != 1 ]; then
	compare -g -g
	compare -gn -gn
	compare -ie -ie
	compare -iea -iea
fi
compare_one veth1p
compare_one tun0

# -c repeats the table under one "Kernel Interface table" title (three
# rounds, counted rather than timed: tests/waits.sh).
# shellcheck disable=SC2086
rounds_until "$out/repeat" "$out/repeat.err" '^Iface ' 3 $RUNNER "$NETSTAT" -ic
titles=$(grep -c '^Kernel Interface table$' "$out/repeat")
heads=$(grep -c '^Iface ' "$out/repeat")
if [ "$titles" = 1 ] && [ "$heads" -ge 3 ] && [ "$rounds_status" = 143 ] && [ ! -s "$out/repeat.err" ]; then
	echo "ok: -ic"
else
	echo "FAIL: -ic: $titles titles, $heads headers, status $rounds_status"
	cat "$out/repeat.err"
	fail=1
fi

exit $fail
