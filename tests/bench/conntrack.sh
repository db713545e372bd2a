#!/bin/sh
# Benchmark (not a test): -M on a router-sized conntrack table replayed
# from a file (tests/bench/conntrack-gen.py, 65 536 entries by default):
# CPU of the whole pipeline (user+sys through `| cat`), per entry, against
# `cat` of the same file (the cost of moving its bytes), and our peak RSS
# against a table a sixteenth of the size (memory flat in the entries).
# Then live: the same connections loaded into a new network namespace's
# table (tests/bench/ct-load.py, ctnetlink; Debian's conntrack has no -R),
# -M -n from /proc/net/nf_conntrack and from the ctnetlink fallback (a
# private mount namespace hides the procfs file; unshare and mount are in
# that figure) against `conntrack -L` (both families) and `cat` of the
# kernel's file.
#
#   tests/bench/conntrack.sh [ENTRIES]
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
n=${1:-65536}
runs=${RUNS:-7}
ours=$top/netstat
[ -x "$ours" ] || make -s all
fx=$top/tests/bench/data/conntrack-$n
small=$top/tests/bench/data/conntrack-$((n / 16))
[ -f "$fx/net/nf_conntrack" ] || python3 tests/bench/conntrack-gen.py "$fx" "$n"
[ -f "$small/net/nf_conntrack" ] || python3 tests/bench/conntrack-gen.py "$small" $((n / 16))
printf '%-14s %9s %11s %9s %s\n' args "ours (s)" "us/entry" "cat (s)" "ratio to cat"
for args in "-M -n" "-M -n -e" "-M -n -e -W"; do
	set -- $(PROC_ROOT=$fx python3 tests/bench/cpu.py "$runs" "$ours $args" "cat $fx/net/nf_conntrack")
	awk -v a="$args" -v o="$1" -v c="$2" -v n="$n" 'BEGIN {
		printf "%-14s %9.4f %11.2f %9.4f %.1f\n", a, o, o * 1e6 / n, c, o / c }'
done
big=$(REPLAY_PROC=0 tests/replay.sh "$fx" tests/etc env PROC_ROOT="$fx" \
	python3 tests/bench/peak_rss.py "$ours" -M -n -e)
little=$(REPLAY_PROC=0 tests/replay.sh "$small" tests/etc env PROC_ROOT="$small" \
	python3 tests/bench/peak_rss.py "$ours" -M -n -e)
echo "peak RSS: $big KB with $n entries, $little KB with $((n / 16))"

live=$(unshare -n sh -c '
	ours=$1 runs=$2
	loaded=$(python3 tests/bench/ct-load.py "$3/net/nf_conntrack")
	set -- $(python3 tests/bench/cpu.py "$runs" "$ours -M -n" \
		"unshare -m sh -c \"mount -t tmpfs none /proc && mkdir /proc/net && exec $ours -M -n\"" \
		"conntrack -L 2>/dev/null" "cat /proc/net/nf_conntrack")
	echo "$loaded $*"' sh "$ours" "$runs" "$fx")
set -- $live
echo
echo "live table, $1 entries loaded:"
awk -v o="$2" -v nl="$3" -v ct="$4" -v c="$5" -v n="$1" 'BEGIN {
	printf "%-28s %9s %11s %s\n", "", "CPU (s)", "us/entry", "ratio to conntrack -L"
	printf "%-28s %9.4f %11.2f %.2f\n", "-M -n (procfs)", o, o * 1e6 / n, o / ct
	printf "%-28s %9.4f %11.2f %.2f\n", "-M -n (ctnetlink fallback)", nl, nl * 1e6 / n, nl / ct
	printf "%-28s %9.4f %11.2f %.2f\n", "conntrack -L", ct, ct * 1e6 / n, 1
	printf "%-28s %9.4f %11.2f %.2f\n", "cat /proc/net/nf_conntrack", c, c * 1e6 / n, c / ct }'
