#!/bin/sh
# -p as an unprivileged user, against net-tools on the same process tree:
# the live-unix fixture copied with some <pid>/fd directories made
# unreadable (mode 0700, owned by root). Git keeps no directory modes, so
# the tree is made here rather than kept as a case.
#   one of two unreadable: "(Not all processes could be identified ..."
#   both unreadable:       "(No info could be read for "-p": geteuid()=..."
# and with -c the note comes again in every round, as in net-tools.
set -u
[ "$(id -u)" = 0 ] || { echo "needs root"; exit 77; }
command -v setpriv >/dev/null || { echo "needs setpriv"; exit 77; }
[ "$(netstat -V 2>/dev/null | head -n 1)" = "net-tools 2.10" ] ||
	{ echo "needs net-tools 2.10"; exit 77; }
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/waits.sh"
work=${WORK:-/tmp}/progs-user
rm -rf "$work"
mkdir -p "$work"
chmod 755 "$work"
nobody="setpriv --reuid=65534 --regid=65534 --clear-groups"
rc=0

# compare NAME ARGS...: net-tools and ours as nobody on $work/fx
compare() {
	name=$1
	shift
	"$top/tests/replay.sh" "$work/fx" "$top/tests/etc" $nobody netstat "$@" \
		>"$work/$name.want.out" 2>"$work/$name.want.err"
	echo $? >"$work/$name.want.status"
	# shellcheck disable=SC2086
	REPLAY_PROC=0 "$top/tests/replay.sh" "$fx" "$top/tests/etc" \
		env PROC_ROOT="$fx" $nobody ${RUNNER:-} "$NETSTAT" "$@" \
		>"$work/$name.got.out" 2>"$work/$name.got.err"
	echo $? >"$work/$name.got.status"
	for f in out err status; do
		if ! cmp -s "$work/$name.want.$f" "$work/$name.got.$f"; then
			echo "progs-user: $name ($*): $f differs (net-tools <, ours >)"
			diff "$work/$name.want.$f" "$work/$name.got.$f" | head -20
			rc=1
		fi
	done
	# the test must see the note it is about
	grep -q "$note" "$work/$name.got.err" ||
		{ echo "progs-user: $name: no \"$note\" note"; rc=1; }
}

cp -a "$top/tests/fixtures/live-unix" "$work/fx"
fx=$work/fx
if [ "${BIG_ENDIAN:-0}" = 1 ]; then
	python3 "$top/tests/bswap.py" "$work/fx" "$work/fx-be" || exit 1
	fx=$work/fx-be
elif [ "${MIPSEL:-0}" = 1 ]; then
	python3 "$top/tests/bswap.py" --mipsel "$work/fx" "$work/fx-be" || exit 1
	fx=$work/fx-be
fi
# shellcheck disable=SC2046
set -- $(cd "$work/fx" && ls -d [0-9]*)
[ $# = 2 ] || { echo "the fixture should have two processes"; exit 1; }
first=$1 last=$2

chmod 700 "$work/fx/$last/fd" "$fx/$last/fd"
note="Not all processes could be identified"
compare some-tanp -tanp
compare some-xp -xp
compare some-default -p

chmod 700 "$work/fx/$first/fd" "$fx/$first/fd"
note="No info could be read for"
compare none-tanp -tanp
compare none-tuwxnp -tuwxnp

# -c: the note again before every round's tables (three rounds, counted
# rather than timed: tests/waits.sh)
# shellcheck disable=SC2086
rounds_until "$work/c.out" "$work/c.err" "^Active Internet" 3 \
	env PROC_ROOT="$fx" $nobody ${RUNNER:-} "$NETSTAT" -tnpc
rounds=$(grep -c "^Active Internet" "$work/c.out")
notes=$(grep -c "^(No info could be read" "$work/c.err")
if [ "$rounds" -lt 3 ] || [ "$notes" != "$rounds" ] || [ "$rounds_status" != 143 ]; then
	echo "progs-user: -c: $rounds rounds, $notes notes, status $rounds_status after SIGTERM"
	rc=1
fi
[ $rc = 0 ] && echo "progs-user: notes as net-tools"
exit $rc
