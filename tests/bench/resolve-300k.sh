#!/bin/sh
# Benchmark (not a test): 300k TCP sockets to 50k different hosts listed
# without -n while lookups fail fast (nothing listens on the nameserver's
# port: refused). Goal: ours <= 0.5 x `ss -ta` reading the same file
# (ss reads $PROC_ROOT/net/tcp when PROC_ROOT is set). Medians of 3 runs.
#   tests/bench/resolve-300k.sh [SOCKETS [DISTINCT]]
top=$(cd "$(dirname "$0")/../.." && pwd); export top
. "$top/tests/resolve/lib.sh"
resolve_sandbox "$0" "$@"
n=${1:-300000} distinct=${2:-50000}
WORK=$top/build/bench-resolve
mkdir -p "$WORK"
fx=$WORK/tcp-$n-$distinct
[ -d "$fx" ] || python3 "$top/tests/bench/resolve-gen.py" "$fx" "$n" "$distinct"
[ -x "$NETSTAT" ] || make -C "$top" -s all
median3() {
	for i in 1 2 3; do
		start=$(now_ms)
		"$@" >"$WORK/out" 2>"$WORK/err"
		echo $(($(now_ms) - start))
	done | sort -n | sed -n 2p
}
ours=$(median3 env PROC_ROOT="$fx" "$NETSTAT" -ta)
lines=$(wc -l <"$WORK/out")
ss=$(median3 env PROC_ROOT="$fx" ss -ta)
sslines=$(wc -l <"$WORK/out")
oursn=$(median3 env PROC_ROOT="$fx" "$NETSTAT" -tan)
echo "ours -ta: $ours ms ($lines lines); ours -tan: $oursn ms; ss -ta: $ss ms ($sslines lines)"
echo "ratio ours/ss: $(awk "BEGIN { printf \"%.2f\", $ours / $ss }")"
