#!/bin/sh
# -s and -M with -c repeat (net-tools -s prints once: ours repeats, as its
# other tables do): three whole rounds, each the single run's output, and
# SIGTERM ends it after a whole round (status 143). Rounds are counted,
# not timed (tests/waits.sh: 50 ms apart), so a slow runner cannot fail
# this.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/waits.sh"
fail=0
check() {	# FIXTURE ARGS TITLE
	fx=$top/tests/fixtures/$1
	# shellcheck disable=SC2086
	PROC_ROOT=$fx $RUNNER "$NETSTAT" $2 >"$WORK/once.out" 2>"$WORK/once.err"
	# shellcheck disable=SC2086
	rounds_until "$WORK/rounds.out" "$WORK/rounds.err" "$3" 3 env PROC_ROOT="$fx" $RUNNER "$NETSTAT" $2 -c
	n=$(grep -c -- "$3" "$WORK/rounds.out")
	per=$(wc -l <"$WORK/once.out")
	total=$(wc -l <"$WORK/rounds.out")
	if [ "$n" -lt 3 ]; then
		echo "FAIL: $2 -c printed $n rounds"; fail=1; return
	fi
	[ "$rounds_status" = 143 ] || { echo "FAIL: $2 -c: status $rounds_status after SIGTERM, want 143"; fail=1; }
	[ $((n * per)) = "$total" ] || { echo "FAIL: $2 -c: $total lines for $n rounds of $per"; fail=1; }
	i=0
	while [ $i -lt "$n" ]; do
		tail -n +$((i * per + 1)) "$WORK/rounds.out" | head -n "$per" | cmp -s - "$WORK/once.out" ||
			{ echo "FAIL: $2 -c: round $i differs from a single run"; fail=1; }
		i=$((i + 1))
	done
	# stderr: the single run's, once a round
	[ "$(sort -u "$WORK/rounds.err")" = "$(sort -u "$WORK/once.err")" ] ||
		{ echo "FAIL: $2 -c: stderr $(head -n 3 "$WORK/rounds.err")"; fail=1; }
	echo "$2 -c: $n rounds of $per lines"
}
check stats-real "-s" '^Ip:'
check conntrack-nat "-M -n" '^NAT connections'
exit $fail
