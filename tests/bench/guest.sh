#!/bin/sh
# Benchmark (not a test) on a target's CPU: our netstat against Debian's
# net-tools, BusyBox and ss (file mode) for that architecture, in a
# `make system` guest (tests/system/run.sh, SYSTEM_BENCH), on a fixture
# of ROWS sockets made from real captures as tests/bench/run.sh makes
# them. TCG makes the guest's time emulation time: only the ratios,
# measured in the same boot, mean anything.
#
#   tests/bench/guest.sh [GUEST] [ROWS]    default mipsel 30000
#
# Each command prints once and the host checks that its rows are ours
# (tests/bench/rows.py; BusyBox and ss against ours with -W) before a
# ratio is printed; then the guest's /cputime takes the median user+sys
# of BENCH_RUNS runs (default 5). A peer that printed other rows, failed
# or is missing is an error: exit status 1 and no ratio for it.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
g=${1:-mipsel} n=${2:-30000}
data=${BENCH_DATA:-$top/tests/bench/data}
fx=$data/guest-$n
# tcp : tcp6 : udp as in run.sh's fixtures, ROWS lines in all
tcp=$((n * 100 / 158))
[ -f "$fx/net/tcp" ] || python3 tests/bench/scale-capture.py "$fx" --tcp "$tcp" \
	--tcp6 $((tcp / 2)) --udp $((n - tcp - tcp / 2)) --listen 299 --seed "$n" ||
	{ echo "guest.sh: making the fixture failed" >&2; exit 1; }
SYSTEM_BENCH=$fx tests/system/run.sh "$g" >&2 || { echo "guest.sh: the $g guest failed" >&2; exit 1; }
res=$top/build/system/$g/out/bench
errors=0
error() { echo "error: $*" >&2; errors=$((errors + 1)); }
time_of() { awk -v n="$1" -v a="$2" '$1 == n && $2 == a { print $3 }' "$res/times.txt"; }
rows() { # NAME ARGS KIND: the normalized rows of one output
	python3 tests/bench/rows.py "$3" "$res/$1_$(echo "$2" | tr -d ' -').out"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a !~ /^[0-9]+$/ || b !~ /^[0-9]+$/ || b <= 0) print "-"; else printf "%.2f", a / b }'; }
w=$(mktemp -d /tmp/bench-guest.XXXXXX)
trap 'rm -rf "$w"' EXIT

echo "guest $g, $n rows ($(cat "$fx"/net/tcp "$fx"/net/tcp6 "$fx"/net/udp "$fx"/net/udp6 | grep -vc 'local_address'));" \
	"median CPU (user+sys) of ${BENCH_RUNS:-5} runs, us"
printf '%-6s %10s %10s %10s %10s %10s  %s\n' args ours net-tools busybox "ss(files)" cat "ratios: ours/peer (nt bb ss cat)"
for args in -tan -tln; do
	o=$(time_of ours "$args")
	case $o in ''|*[!0-9]*) error "ours $args: ${o:-no result}"; continue ;; esac
	rows ours "$args" netstat >"$w/ours" && rows oursW "$args" netstat >"$w/oursW" &&
		[ -s "$w/ours" ] || { error "ours $args: no rows"; continue; }
	t_nettools=- t_busybox=- t_ss=-
	for peer in net-tools busybox ss; do
		t=$(time_of "$peer" "$args") kind=netstat want=oursW
		case $peer in net-tools) want=ours ;; ss) kind=ss ;; esac
		if [ -z "$t" ] || [ "$t" = failed ]; then
			error "$peer $args: ${t:-no result} $(head -n 2 "$res/${peer}_$(echo "$args" | tr -d ' -').out.err" 2>/dev/null)"
			t=-
		elif ! rows "$peer" "$args" $kind >"$w/$peer" || ! cmp -s "$w/$want" "$w/$peer"; then
			error "$peer $args: $(diff "$w/$want" "$w/$peer" | grep -c '^[<>]') rows differ from ours ($(wc -l <"$w/$want") rows)"
			t=-
		fi
		case $peer in net-tools) t_nettools=$t ;; busybox) t_busybox=$t ;; ss) t_ss=$t ;; esac
	done
	c=-
	[ "$args" = -tan ] && c=$(time_of cat -tan)
	printf '%-6s %10s %10s %10s %10s %10s  %s %s %s %s\n' "$args" "$o" "$t_nettools" "$t_busybox" "$t_ss" "$c" \
		"$(ratio "$o" "$t_nettools")" "$(ratio "$o" "$t_busybox")" "$(ratio "$o" "$t_ss")" "$(ratio "$o" "$c")"
done
[ $errors = 0 ] || { echo "$errors errors: no ratio was printed for those" >&2; exit 1; }
