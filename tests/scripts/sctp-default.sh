#!/bin/sh
# SCTP in the listings chosen without a protocol switch (none, -a, -l, -v
# and friends), with and without /proc/net/sctp, against net-tools 2.10.
# These cannot be cases yet: net-tools adds its Unix table and the -v
# notes about other families. So this compares stdout up to the Unix
# table, stderr without those notes, and the exit status.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
if ! netstat -V 2>/dev/null | grep -q '^net-tools 2\.10$'; then
	echo "net-tools 2.10 is not installed"
	exit 77
fi
mkdir -p "$WORK"
fail=0 runs=0
internet_part() {
	sed '/^Active UNIX domain sockets/,$d' "$1"
	grep -v -e "AF UNIX'" -e "AF IPX'" -e "AF AX25'" -e "AF X25'" \
		-e "AF NETROM'" -e "AF ROSE'" "$2"
	cat "$3"
}
for fx in sctp live-ns; do
	src=tests/fixtures/$fx ours=$top/tests/fixtures/$fx
	if [ "$BIG_ENDIAN" = 1 ]; then
		ours=$WORK/sctp-default-$fx
		python3 tests/bswap.py "$src" "$ours" || exit 2
	fi
	for args in "" -a -l -v -av -lv -n -e -o -W "-a -v -n"; do
		# shellcheck disable=SC2086
		tests/replay.sh "$src" tests/etc netstat $args \
			>"$WORK/want.out" 2>"$WORK/want.err"
		echo $? >"$WORK/want.status"
		# shellcheck disable=SC2086
		PROC_ROOT=$ours $RUNNER "$NETSTAT" $args \
			>"$WORK/got.out" 2>"$WORK/got.err"
		echo $? >"$WORK/got.status"
		internet_part "$WORK/want.out" "$WORK/want.err" "$WORK/want.status" >"$WORK/want"
		internet_part "$WORK/got.out" "$WORK/got.err" "$WORK/got.status" >"$WORK/got"
		runs=$((runs + 1))
		if ! cmp -s "$WORK/want" "$WORK/got"; then
			echo "netstat $args on $fx differs:"
			diff "$WORK/want" "$WORK/got" | head -20
			fail=1
		fi
	done
done
# The comparison must have seen SCTP rows and the missing-SCTP note.
tests/replay.sh tests/fixtures/sctp tests/etc netstat -a 2>/dev/null | grep -q '^sctp ' || fail=1
tests/replay.sh tests/fixtures/live-ns tests/etc netstat -v 2>&1 >/dev/null | grep -q 'AF INET (sctp)' || fail=1
echo "$runs runs"
exit $fail
