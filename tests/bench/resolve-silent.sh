#!/bin/sh
# Benchmark (not a test): a router's worth of sockets (60 established
# to 55 different hosts) listed without -n while the nameserver never
# answers. Goal: our complete output in <= 3 s; net-tools, BusyBox and
# toybox are killed at 60 s, and how many lines they had printed is shown.
#   tests/bench/resolve-silent.sh [TIMEOUT_SECONDS]
top=$(cd "$(dirname "$0")/../.." && pwd); export top
. "$top/tests/resolve/lib.sh"
resolve_sandbox "$0" "$@"
limit=${1:-60}
WORK=$top/build/bench-resolve
mkdir -p "$WORK"
fx=$WORK/router
[ -d "$fx" ] || python3 "$top/tests/bench/resolve-gen.py" "$fx" 65 55
[ -x "$NETSTAT" ] || make -C "$top" -s all
start_dnsd --zone "$rdir/ptr.zone" --silent
run() {
	name=$1; shift
	start=$(now_ms)
	"$@" >"$WORK/$name.out" 2>"$WORK/$name.err"
	rc=$?
	took=$(($(now_ms) - start))
	if [ $rc = 124 ]; then
		echo "$name: still running at ${limit} s (killed), $(wc -l <"$WORK/$name.out") lines out"
	else
		echo "$name: $took ms, $(wc -l <"$WORK/$name.out") lines, exit $rc"
	fi
}
run ours env PROC_ROOT="$fx" timeout "$limit" "$NETSTAT" -ta
run net-tools as_proc "$fx" timeout "$limit" netstat -ta
run busybox as_proc "$fx" timeout "$limit" busybox netstat -ta
run toybox as_proc "$fx" timeout "$limit" toybox netstat -ta
stop_dnsd
