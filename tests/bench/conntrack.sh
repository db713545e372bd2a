#!/bin/sh
# Benchmark (not a test): -M and -K on a router-sized conntrack table replayed
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
#
# Before timing, each listing is checked: ours (from the file, from the
# live table over procfs and over ctnetlink) row by row against the table
# it read (tests/natcheck.py: the file itself, or `conntrack -L -o
# extended` just after), conntrack -L and cat must exit 0. A failed check,
# run or missing tool is an error (exit status 1), never a figure.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
n=${1:-65536}
runs=${RUNS:-7}
ours=$top/netstat
[ -x "$ours" ] || make -s all
data=${BENCH_DATA:-$top/tests/bench/data}
fx=$data/conntrack-$n
small=$data/conntrack-$((n / 16))
[ -f "$fx/net/nf_conntrack" ] || python3 tests/bench/conntrack-gen.py "$fx" "$n"
[ -f "$small/net/nf_conntrack" ] || python3 tests/bench/conntrack-gen.py "$small" $((n / 16))
for t in conntrack cat python3; do
	command -v $t >/dev/null || { echo "error: $t is not installed (tests/toolchains.sh)" >&2; exit 1; }
done
w=$(mktemp -d /tmp/bench-ct.XXXXXX)
trap 'rm -rf "$w"' EXIT
# every entry of the file, as natcheck.py reads the same file
PROC_ROOT=$fx "$ours" -M -n -e -W >"$w/file.out" 2>"$w/file.err" || { echo "error: -M on $fx failed" >&2; exit 1; }
[ -s "$w/file.err" ] && { echo "error: -M on $fx: $(head -n 3 "$w/file.err")" >&2; exit 1; }
python3 tests/natcheck.py "$fx/net/nf_conntrack" "$w/file.out" --all --acct --slack 0 >"$w/file.problems" ||
	{ echo "error: -M -n -e -W on $fx is not the file's table:" >&2; head -n 5 "$w/file.problems" >&2; exit 1; }
printf '%-14s %9s %11s %9s %s\n' args "ours (s)" "us/entry" "cat (s)" "ratio to cat"
for args in "-M -n" "-M -n -e" "-M -n -e -W"; do
	set -- $(PROC_ROOT=$fx python3 tests/bench/cpu.py "$runs" "$ours $args" "cat $fx/net/nf_conntrack")
	[ "${1:-error:}" = error: ] && { echo "error: $*" >&2; exit 1; }
	awk -v a="$args" -v o="$1" -v c="$2" -v n="$n" 'BEGIN {
		printf "%-14s %9.4f %11.2f %9.4f %.1f\n", a, o, o * 1e6 / n, c, o / c }'
done
big=$(REPLAY_PROC=0 tests/replay.sh "$fx" tests/etc env PROC_ROOT="$fx" \
	python3 tests/bench/peak_rss.py "$ours" -M -n -e) || exit 1
little=$(REPLAY_PROC=0 tests/replay.sh "$small" tests/etc env PROC_ROOT="$small" \
	python3 tests/bench/peak_rss.py "$ours" -M -n -e) || exit 1
echo "peak RSS: $big KB with $n entries, $little KB with $((n / 16))"

# -K (conntrack pressure) on the same file: first checked against the
# file (tests/diagcheck.py pressure-fixture groups its entries by inside
# host), then its CPU against -M -n's and its peak RSS (goals: at most
# -M -n's CPU, at most 200 KB)
PROC_ROOT=$fx "$ours" -K -n -j >"$w/k.json" 2>"$w/k.err" || { echo "error: -K on $fx failed" >&2; exit 1; }
[ -s "$w/k.err" ] && { echo "error: -K on $fx: $(head -n 3 "$w/k.err")" >&2; exit 1; }
python3 tests/diagcheck.py pressure-fixture "$fx" "$w/k.json" >"$w/k.problems" ||
	{ echo "error: -K -n -j on $fx is not the file's table:" >&2; head -n 5 "$w/k.problems" >&2; exit 1; }
set -- $(PROC_ROOT=$fx python3 tests/bench/cpu.py "$runs" "$ours -K -n" "$ours -M -n")
[ "${1:-error:}" = error: ] && { echo "error: $*" >&2; exit 1; }
kbig=$(REPLAY_PROC=0 tests/replay.sh "$fx" tests/etc env PROC_ROOT="$fx" \
	python3 tests/bench/peak_rss.py "$ours" -K -n) || exit 1
awk -v k="$1" -v m="$2" -v n="$n" -v rss="$kbig" 'BEGIN {
	printf "-K -n: %.4f s, %.2f us/entry, %.2f of -M -n (%.4f s); peak RSS %d KB\n", k, k * 1e6 / n, k / m, m, rss }'

live=$(unshare -n sh -c '
	ours=$1 runs=$2 w=$4
	# (timeouts of a day: no entry ends between our listing and the check)
	loaded=$(python3 tests/bench/ct-load.py "$3/net/nf_conntrack" 86400) || exit 1
	no_procfs="unshare -m sh -c \"mount -t tmpfs none /proc && mkdir /proc/net && exec $ours -M -n -e -W\""
	# ours from procfs and over ctnetlink against conntrack -L just after
	for how in procfs netlink; do
		t0=$(date +%s)
		if [ $how = procfs ]; then $ours -M -n -e -W; else sh -c "$no_procfs"; fi >"$w/$how.out" 2>"$w/$how.err" ||
			{ echo "error: -M ($how) failed: $(head -n 3 "$w/$how.err")" >&2; exit 1; }
		{ conntrack -L -f ipv4 -o extended && conntrack -L -f ipv6 -o extended; } >"$w/table" 2>/dev/null ||
			{ echo "error: conntrack -L failed" >&2; exit 1; }
		python3 tests/natcheck.py "$w/table" "$w/$how.out" --all --slack $(($(date +%s) - t0 + 1)) \
			>"$w/$how.problems" || { echo "error: -M ($how) is not conntrack -L:" >&2; head -n 5 "$w/$how.problems" >&2; exit 1; }
	done
	set -- $(python3 tests/bench/cpu.py "$runs" "$ours -M -n" \
		"unshare -m sh -c \"mount -t tmpfs none /proc && mkdir /proc/net && exec $ours -M -n\"" \
		"conntrack -L 2>/dev/null" "cat /proc/net/nf_conntrack")
	[ "${1:-error:}" = error: ] && { echo "$*" >&2; exit 1; }
	echo "$loaded $*"' sh "$ours" "$runs" "$fx" "$w") || { echo "error: the live table" >&2; exit 1; }
set -- $live
echo
echo "live table, $1 entries loaded:"
awk -v o="$2" -v nl="$3" -v ct="$4" -v c="$5" -v n="$1" 'BEGIN {
	printf "%-28s %9s %11s %s\n", "", "CPU (s)", "us/entry", "ratio to conntrack -L"
	printf "%-28s %9.4f %11.2f %.2f\n", "-M -n (procfs)", o, o * 1e6 / n, o / ct
	printf "%-28s %9.4f %11.2f %.2f\n", "-M -n (ctnetlink fallback)", nl, nl * 1e6 / n, nl / ct
	printf "%-28s %9.4f %11.2f %.2f\n", "conntrack -L", ct, ct * 1e6 / n, 1
	printf "%-28s %9.4f %11.2f %.2f\n", "cat /proc/net/nf_conntrack", c, c * 1e6 / n, c / ct
	printf "-M -n (procfs) against the kernel writing the table (cat): %.2f (goal <= 1.1)\n", o / c }'
