#!/bin/sh
# Benchmark (not a test): our netstat against net-tools, BusyBox, toybox
# and ss on generated fixtures, all measured in the same run.
#
#   tests/bench/run.sh [SIZE...]     SIZE = tcp sockets, default "100000 300000"
#
# A fixture of SIZE tcp + SIZE/2 tcp6 + 8% of SIZE udp sockets, 299 of
# them listening, is made from real captures (tests/bench/scale-capture.py)
# into BENCH_DATA (default tests/bench/data/, git-ignored). The peers read
# it as their /proc through tests/replay.sh; we read it through PROC_ROOT
# in the same kind of namespace. Each figure is the median of RUNS runs
# (default 5); the ratio is our median over the peer's. Peak RSS is our
# VmHWM, sampled while the output is read (tests/bench/peak_rss.py). A
# second table: CPU time (tests/bench/cpu.py) against `cat` of the same
# files and `ss`.
#
# Before anything is timed, every command runs once: it must exit 0 and
# print the same Internet rows as ours (tests/bench/rows.py; BusyBox and
# ss print long addresses whole, so they are held against ours with -W).
# A peer that prints other rows for a reason listed in KNOWN below gets
# "rows" instead of a time and a ratio, and the reason under the table;
# any other difference, a failed or timed-out run, or a missing peer
# (NETSTAT_TOOLS, BUSYBOX, TOYBOX, SS name them) is an error: exit status
# 1, and no ratio is printed for it.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
runs=${RUNS:-5}
sizes=${*:-100000 300000}
data=${BENCH_DATA:-$top/tests/bench/data}
ours=$top/netstat
[ -x "$ours" ] || make -s all
nettools=${NETSTAT_TOOLS:-netstat} busybox=${BUSYBOX_BIN:-busybox} toybox=${TOYBOX:-toybox} ss=${SS:-ss}
errors=0
error() { echo "error: $*" >&2; errors=$((errors + 1)); }
for t in "$nettools" "$busybox" "$toybox" "$ss" cat python3; do
	command -v "$t" >/dev/null || error "peer $t is not installed (tests/toolchains.sh)"
done
"$nettools" -V 2>/dev/null | grep -q '^net-tools ' || error "$nettools is not net-tools' netstat"
[ $errors = 0 ] || exit 1
w=$(mktemp -d /tmp/bench-run.XXXXXX)
trap 'rm -rf "$w"' EXIT

# Rows a peer prints otherwise, and why (PEER ARGS: reason).
KNOWN="toybox -tln: toybox 0.8.9's -l lists sockets in every state, not only LISTEN
toybox -tan: toybox 0.8.9 writes v4-mapped addresses as ::ffff:a.b.c.d cut to the column (::ffff:127.0.0.100 as ::ffff:127.0.0.10)
toybox -tuan: as for -tan
toybox -an: as for -tan"
notes=

in_ns() { # FIXTURE cmd...: run the measurement inside the replay namespace
	fx=$1; shift
	tests/replay.sh "$fx" tests/etc python3 "$top/tests/bench/measure.py" "$runs" 60 "$@"
}
ours_ns() {
	fx=$1; shift
	REPLAY_PROC=0 tests/replay.sh "$fx" tests/etc env PROC_ROOT="$fx" \
		python3 "$top/tests/bench/measure.py" "$runs" 60 "$ours" "$@"
}
# once FIXTURE NAME KIND cmd...: one run of a command as it will be timed,
# its normalized rows into $w/NAME.rows; 1 if it failed
once() {
	o_fx=$1 o_name=$2 o_kind=$3; shift 3
	case $o_name in
	ours*|ss) REPLAY_PROC=0 tests/replay.sh "$o_fx" tests/etc env PROC_ROOT="$o_fx" "$@" ;;
	*) tests/replay.sh "$o_fx" tests/etc "$@" ;;
	esac >"$w/$o_name.out" 2>"$w/$o_name.err"
	o_st=$?
	if [ $o_st != 0 ]; then
		error "$*: status $o_st: $(head -n 3 "$w/$o_name.err")"
		return 1
	fi
	python3 tests/bench/rows.py "$o_kind" "$w/$o_name.out" >"$w/$o_name.rows"
	[ -s "$w/$o_name.rows" ] || { error "$*: no rows"; return 1; }
}
# same PEER ARGS OURS_ROWS: the peer printed our rows (0), a known
# difference (2, noted), or another (1, an error)
same() {
	cmp -s "$w/$3.rows" "$w/$1.rows" && return 0
	s_why=$(echo "$KNOWN" | sed -n "s/^$1 $2: //p")
	if [ -n "$s_why" ]; then
		case $notes in *"$1 $2: $s_why"*) ;; *) notes="$notes
  $1 $2: $s_why" ;; esac
		return 2
	fi
	error "$1 $2: $(diff "$w/$3.rows" "$w/$1.rows" | grep -c '^[<>]') rows differ from ours ($(wc -l <"$w/$3.rows") rows), e.g.:
$(diff "$w/$3.rows" "$w/$1.rows" | grep '^[<>]' | head -n 4)"
	return 1
}
# time NAME FIXTURE cmd...: the median, or "rows" (a known difference), or
# "-" after an error (reported)
timed() {
	t_name=$1; shift
	set -- $("$@"); case ${1:-error:} in error:) error "$t_name: $*"; echo -; return ;; esac
	echo "$1"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a !~ /^[0-9.]+$/ || b !~ /^[0-9.]+$/ || b <= 0) print "-"; else printf "%.2f", a / b }'; }

printf '%-8s %-6s %9s %9s %9s %9s %9s  %s\n' size args ours net-tools busybox toybox "ss(files)" "ratios: ours/peer (nt bb tb ss), our peak RSS"
for n in $sizes; do
	fx=$data/capture-$n
	# real captures scaled up (their states, hashed pointers, no CLOSE
	# socket), 299 listening; raw and unix as headers (toybox's -a fails
	# without them)
	[ -f "$fx/net/tcp" ] || python3 tests/bench/scale-capture.py "$fx" --tcp "$n" \
		--tcp6 $((n / 2)) --udp $((n * 8 / 100)) --listen 299 --seed "$n"
	for args in -tan -tuan -tln -an; do
		ssargs=$(echo "$args" | sed 's/^-an$/-an -A inet/')
		# shellcheck disable=SC2086
		{ once "$fx" ours netstat "$ours" $args && once "$fx" oursW netstat "$ours" $args -W; } ||
			{ echo "$n $args: ours failed"; continue; }
		o=- nt=- bb=- tb=- s=-
		o=$(timed ours ours_ns "$fx" $args)
		rss=$(REPLAY_PROC=0 tests/replay.sh "$fx" tests/etc env PROC_ROOT="$fx" \
			python3 "$top/tests/bench/peak_rss.py" "$ours" $args)
		# shellcheck disable=SC2086
		if once "$fx" net-tools netstat "$nettools" $args; then
			same net-tools "$args" ours; case $? in 0) nt=$(timed net-tools in_ns "$fx" "$nettools" $args) ;; 2) nt=rows ;; esac
		fi
		# shellcheck disable=SC2086
		if once "$fx" busybox netstat "$busybox" netstat $args; then
			same busybox "$args" oursW; case $? in 0) bb=$(timed busybox in_ns "$fx" "$busybox" netstat $args) ;; 2) bb=rows ;; esac
		fi
		# shellcheck disable=SC2086
		if once "$fx" toybox netstat "$toybox" netstat $args; then
			same toybox "$args" ours; case $? in 0) tb=$(timed toybox in_ns "$fx" "$toybox" netstat $args) ;; 2) tb=rows ;; esac
		fi
		# shellcheck disable=SC2086
		if once "$fx" ss ss "$ss" $ssargs; then
			same ss "$args" oursW
			case $? in
			0) s=$(timed ss sh -c 'REPLAY_PROC=0 tests/replay.sh "$1" tests/etc env PROC_ROOT="$1" \
				python3 "$2/tests/bench/measure.py" "$3" 60 "$4" $5' sh "$fx" "$top" "$runs" "$ss" "$ssargs") ;;
			2) s=rows ;;
			esac
		fi
		printf '%-8s %-6s %9s %9s %9s %9s %9s  %s %s %s %s  %s KB\n' "$n" "$args" "$o" "$nt" "$bb" "$tb" "$s" \
			"$(ratio "$o" "$nt")" "$(ratio "$o" "$bb")" "$(ratio "$o" "$tb")" "$(ratio "$o" "$s")" "$rss"
	done
done
[ -n "$notes" ] && printf 'rows: the peer prints other rows, no time taken:%s\n' "$notes"

# CPU of the whole pipeline (user + sys, through `| cat >/dev/null`, the
# commands taking turns), against the cost of reading the same files and
# against ss reading them (file mode: PROC_ROOT set)
echo
printf '%-8s %-6s %9s %9s  %s\n' size args ours peer "ratio (peer)"
for n in $sizes; do
	fx=$data/capture-$n
	files="$fx/net/tcp $fx/net/tcp6 $fx/net/udp $fx/net/udp6"
	for args in -tan -tuan -tln -an; do
		peer="cat $files" name=cat
		case $args in
		-tln|-an)
			ssargs=$(echo "$args" | sed 's/^-an$/-an -A inet/')
			peer="$ss $ssargs" name=ss
			# the same rows as ours first, as above
			# shellcheck disable=SC2086
			once "$fx" ss ss "$ss" $ssargs && once "$fx" oursW netstat "$ours" $args -W || continue
			if ! same ss "$args" oursW; then
				printf '%-8s %-6s %9s %9s  %s (%s)\n' "$n" "$args" - rows - "$name"
				continue
			fi ;;
		esac
		if set -- $(PROC_ROOT=$fx python3 "$top/tests/bench/cpu.py" "$((runs * 2 + 1))" "$ours $args" "$peer") &&
			[ "${1:-error:}" != error: ]; then
			printf '%-8s %-6s %9s %9s  %s (%s)\n' "$n" "$args" "$1" "$2" "$(ratio "$1" "$2")" "$name"
		else
			error "CPU $args: $*"
		fi
	done
done
[ $errors = 0 ] || { echo "$errors errors: no figure was printed for those" >&2; exit 1; }
