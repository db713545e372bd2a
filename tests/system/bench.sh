#!/bin/sh
# The guest side of tests/bench/guest.sh, run by /init instead of the
# scenario: our netstat, Debian's net-tools, BusyBox and ss on the same
# fixture, /bench/proc. net-tools and BusyBox open the literal path
# /proc/net/tcp, so they run in a mount namespace whose /proc is a tmpfs
# of links into the real one, with net linked to the fixture's; ours and
# ss (file mode) are given PROC_ROOT. Every command runs once for its
# output (the host checks that the rows are the same before it prints a
# ratio), then BENCH_RUNS times under /cputime.
#
#   sh /bench.sh OUT    OUT/bench/NAME_ARGS.out and OUT/bench/times.txt:
#                       "NAME ARGS MICROSECONDS" a line
out=$1/bench
runs=${BENCH_RUNS:-5}
fx=/bench/proc
mkdir -p "$out" /realproc
mount -t proc proc /realproc
: >"$out/times.txt"
in_fixture() {
	unshare -m sh -c '
	mount -t tmpfs tmpfs /proc || exit 1
	for e in /realproc/*; do
		case ${e##*/} in net|[0-9]*) ;; *) ln -s "$e" "/proc/${e##*/}" ;; esac
	done
	ln -s /bench/proc/net /proc/net
	unset PROC_ROOT
	exec "$@"' sh "$@"
}
plain() { "$@"; }
# one NAME ARGS WRAP CMD...: the output once, then the median CPU time of
# RUNS runs, both through WRAP (plain, or in_fixture around /cputime as
# well, so that the namespace's making is not timed)
one() {
	name=$1 args=$2 wrap=$3; shift 3
	f=$out/${name}_$(echo "$args" | tr -d ' -').out
	if ! $wrap "$@" >"$f" 2>"$f.err"; then
		echo "$name $args failed" >>"$out/times.txt"
		return
	fi
	t=$($wrap /cputime "$runs" /dev/null "$@") || t=failed
	echo "$name $args $t" >>"$out/times.txt"
	echo "bench: $name $args $t us" >&2
}
export PROC_ROOT=$fx
for args in -tan -tln; do
	one ours "$args" plain /ours/netstat $args
	one oursW "$args" plain /ours/netstat $args -W
	one net-tools "$args" in_fixture /bin/netstat $args
	one busybox "$args" in_fixture busybox netstat $args
	one ss "$args" plain ss $args
done
one cat -tan plain cat $fx/net/tcp $fx/net/tcp6 $fx/net/udp $fx/net/udp6
