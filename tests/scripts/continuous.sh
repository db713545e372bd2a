#!/bin/sh
# -c repeats the same table every round, a trailing number means the
# same, and Ctrl-C or SIGTERM ends it after a whole round, the process
# dying by the signal as net-tools does (status 130 or 143 to the
# shell); with -j each round is one line holding one whole JSON
# document. A SIGINT the environment ignores (a background job's) stays
# ignored, as it does for net-tools.
set -u
fx=$PWD/tests/fixtures/router
. "$PWD/tests/waits.sh"
fail() { echo "FAIL: $*"; exit 1; }

# rounds OUT LINES SIGNAL ARGS...: runs netstat -c until OUT has LINES
# lines (so the signals are blocked by then), then SIGNAL (INT, TERM):
# it must end, killed by that signal, nothing on stderr. timeout(1) runs
# it with the signals at their defaults (a background job of this shell
# has SIGINT ignored) and passes SIGNAL on. Rounds are counted, not
# timed: no limit on the wait (timeout's KILL after 60 s, and check.sh's
# timeout, end a netstat that ignores the signal).
rounds() {
	out=$1 want=$2 sig=$3
	shift 3
	: >"$out"
	# shellcheck disable=SC2086
	PROC_ROOT=$fx NETSTAT_ROUND_MS=50 timeout --preserve-status -s KILL 60 \
		$RUNNER $NETSTAT "$@" >"$out" 2>"$WORK/rounds.err" &
	pid=$!
	while [ "$(wc -l <"$out")" -lt "$want" ] && alive $pid; do
		sleep 0.05
	done
	alive $pid || fail "$*: ended before SIG$sig"
	echo "$*: $(wc -l <"$out") lines, SIG$sig"
	kill -$sig $pid
	wait $pid
	rc=$?
	case $sig in INT) want_rc=130 ;; *) want_rc=143 ;; esac
	[ $rc = $want_rc ] || fail "$*: status $rc after SIG$sig, want $want_rc"
	[ ! -s "$WORK/rounds.err" ] || fail "$*: stderr $(cat "$WORK/rounds.err")"
}

PROC_ROOT=$fx $RUNNER $NETSTAT -tn >"$WORK/once.out" || fail "single run"
lines=$(wc -l <"$WORK/once.out")

sig=INT
for form in "-tnc" "-tn -c" "--tcp --numeric --continuous" "-tn 1"; do
	# shellcheck disable=SC2086
	rounds "$WORK/rounds.out" $((3 * lines)) $sig $form
	sig=TERM
	total=$(wc -l <"$WORK/rounds.out")
	n=$((total / lines))
	[ $n -ge 3 ] || fail "$form: only $n rounds"
	[ $((n * lines)) = "$total" ] || fail "$form: a partial round ($total lines, $lines per round)"
	i=0
	while [ $i -lt $n ]; do
		tail -n +$((i * lines + 1)) "$WORK/rounds.out" | head -n "$lines" | cmp -s - "$WORK/once.out" ||
			fail "$form: round $i differs"
		i=$((i + 1))
	done
done

# With --json each round is one line, one whole document: JSON Lines.
PROC_ROOT=$fx $RUNNER $NETSTAT -tnj >"$WORK/once.json" || fail "single JSON run"
rounds "$WORK/rounds.json" 3 INT -tnjc
python3 - "$WORK/once.json" "$WORK/rounds.json" <<'PY' || fail "-tnjc: not one document a line"
import json, sys
once = open(sys.argv[1]).read()
rounds = open(sys.argv[2]).read()
assert once.count("\n") == 1 and once.endswith("\n"), "one line"
lines = rounds.split("\n")
assert lines[-1] == "" and len(lines) >= 4, "whole lines, three rounds"
for line in lines[:-1]:
    assert json.loads(line) == json.loads(once), line[:80]
PY

# A SIGINT ignored where netstat starts stays ignored: SIGTERM ends it.
PROC_ROOT=$fx NETSTAT_ROUND_MS=50 $RUNNER $NETSTAT -tnc >"$WORK/ign.out" 2>&1 &
pid=$!
while [ ! -s "$WORK/ign.out" ] && alive $pid; do sleep 0.05; done
kill -INT $pid
sleep 1
kill -0 $pid 2>/dev/null || fail "an ignored SIGINT ended -c"
kill -TERM $pid
wait $pid
rc=$?
[ $rc = 143 ] || fail "SIGTERM after an ignored SIGINT: status $rc"
echo ok
