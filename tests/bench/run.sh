#!/bin/sh
# Benchmark (not a test): our netstat against net-tools, BusyBox, toybox
# and ss on generated fixtures, all measured in the same run.
#
#   tests/bench/run.sh [SIZE...]     SIZE = tcp sockets, default "100000 300000"
#
# A fixture of SIZE tcp + SIZE/2 tcp6 + SIZE/10 udp sockets is generated
# into tests/bench/data/ (git-ignored). The peers read it as their /proc
# through tests/replay.sh; we read it through PROC_ROOT in the same kind of
# namespace. Each figure is the median of RUNS runs (default 5); the ratio
# is our median over the peer's. Peak RSS is our VmHWM, sampled while the
# output is read (tests/bench/peak_rss.py). A second table: CPU time
# (tests/bench/cpu.py) against `cat` of the same files and `ss`.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
runs=${RUNS:-5}
sizes=${*:-100000 300000}
ours=$top/netstat
[ -x "$ours" ] || make -s all
in_ns() { # FIXTURE cmd...: run the measurement inside the replay namespace
	fx=$1; shift
	tests/replay.sh "$fx" tests/etc python3 "$top/tests/bench/measure.py" "$runs" 60 "$@"
}
ours_ns() {
	fx=$1; shift
	REPLAY_PROC=0 tests/replay.sh "$fx" tests/etc env PROC_ROOT="$fx" \
		python3 "$top/tests/bench/measure.py" "$runs" 60 "$ours" "$@"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == "timeout" || b <= 0) print "-"; else printf "%.2f", a / b }'; }

printf '%-8s %-6s %9s %9s %9s %9s %9s  %s\n' size args ours net-tools busybox toybox "ss(files)" "ratios: ours/peer (nt bb tb ss), our peak RSS"
for n in $sizes; do
	fx=$top/tests/bench/data/sockets-$n
	if [ ! -f "$fx/net/tcp" ]; then
		python3 tests/gen-sockets.py "$fx" --tcp "$n" --tcp6 $((n / 2)) --udp $((n / 10)) \
			--seed "$n" --listen-every 1000
	fi
	for args in -tan -tuan -tln -an; do
		set -- $(ours_ns "$fx" $args); o=$1
		rss=$(REPLAY_PROC=0 tests/replay.sh "$fx" tests/etc env PROC_ROOT="$fx" \
			python3 "$top/tests/bench/peak_rss.py" "$ours" $args)
		set -- $(in_ns "$fx" netstat $args); nt=$1
		set -- $(in_ns "$fx" busybox netstat $args); bb=$1
		set -- $(in_ns "$fx" toybox netstat $args); tb=$1
		ssargs=$(echo "$args" | sed 's/^-an$/-an -A inet/')
		set -- $(REPLAY_PROC=0 tests/replay.sh "$fx" tests/etc env PROC_ROOT="$fx" \
			python3 "$top/tests/bench/measure.py" "$runs" 60 ss $ssargs); ss=$1
		printf '%-8s %-6s %9s %9s %9s %9s %9s  %s %s %s %s  %s KB\n' "$n" "$args" "$o" "$nt" "$bb" "$tb" "$ss" \
			"$(ratio "$o" "$nt")" "$(ratio "$o" "$bb")" "$(ratio "$o" "$tb")" "$(ratio "$o" "$ss")" "$rss"
	done
done

# CPU of the whole pipeline (user + sys, through `| cat >/dev/null`, the
# commands taking turns), against the cost of reading the same files and
# against ss reading them (file mode: PROC_ROOT set)
echo
printf '%-8s %-6s %9s %9s  %s\n' size args ours peer "ratio (peer)"
for n in $sizes; do
	fx=$top/tests/bench/data/sockets-$n
	files="$fx/net/tcp $fx/net/tcp6 $fx/net/udp $fx/net/udp6"
	for args in -tan -tuan -tln -an; do
		peer="cat $files" name=cat
		case $args in -tln|-an) peer="ss $(echo "$args" | sed 's/^-an$/-an -A inet/')" name=ss ;; esac
		set -- $(PROC_ROOT=$fx python3 "$top/tests/bench/cpu.py" "$((runs * 2 + 1))" "$ours $args" "$peer")
		printf '%-8s %-6s %9s %9s  %s (%s)\n' "$n" "$args" "$1" "$2" "$(ratio "$1" "$2")" "$name"
	done
done
