#!/bin/sh
# host-only: the benchmarks time the host build against their peers
# timeout: 600
# The benchmarks (tests/bench, `make bench`) at a small size, one run
# each: not for figures (no time is asserted) but so that make check
# fails when a benchmark would print a false one. Each benchmark checks
# before timing that every command exits 0 and that ours and the peer
# print the same rows (run.sh: net-tools, BusyBox, toybox, ss; progs.sh:
# net-tools, toybox; conntrack.sh: the table natcheck.py reads), and a
# missing peer is an error: any of those fails this script.
set -u
top=$PWD
data=$WORK/bench-data
mkdir -p "$data"
fail=0
run() {
	echo "== $*"
	"$@" || { echo "FAIL: $* (status $?)"; fail=1; }
}
run env RUNS=1 CPU_REPEAT=1 BENCH_DATA="$data" tests/bench/run.sh 2000
run env RUNS=1 BENCH_DATA="$data" tests/bench/conntrack.sh 2048
run env RUNS=1 PROGS_SCALE=40 tests/bench/progs.sh "$NETSTAT"
exit $fail
