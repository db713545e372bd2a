#!/bin/sh
# -c repeats the same table every round, a trailing number means the
# same, and Ctrl-C ends it cleanly with status 0; with -j each round is
# one line holding one whole JSON document.
set -u
fx=$PWD/tests/fixtures/router
fail() { echo "FAIL: $*"; exit 1; }

PROC_ROOT=$fx $RUNNER $NETSTAT -tn >"$WORK/once.out" || fail "single run"
lines=$(wc -l <"$WORK/once.out")

for form in "-tnc" "-tn -c" "--tcp --numeric --continuous" "-tn 1"; do
	: >"$WORK/rounds.out"
	# shellcheck disable=SC2086
	PROC_ROOT=$fx NETSTAT_ROUND_MS=50 $RUNNER $NETSTAT $form >"$WORK/rounds.out" 2>"$WORK/rounds.err" &
	pid=$!
	# three rounds out means the SIGINT handler is in place
	tries=0
	while [ "$(wc -l <"$WORK/rounds.out")" -lt $((3 * lines)) ] && [ $tries -lt 100 ]; do
		sleep 0.1; tries=$((tries + 1))
	done
	kill -INT $pid
	tries=0
	while kill -0 $pid 2>/dev/null && [ $tries -lt 50 ]; do sleep 0.1; tries=$((tries + 1)); done
	kill -0 $pid 2>/dev/null && { kill -9 $pid; fail "$form: still running 5 s after SIGINT"; }
	wait $pid
	rc=$?
	[ $rc = 0 ] || fail "$form: status $rc after SIGINT"
	[ ! -s "$WORK/rounds.err" ] || fail "$form: stderr $(cat "$WORK/rounds.err")"
	total=$(wc -l <"$WORK/rounds.out")
	rounds=$((total / lines))
	[ $rounds -ge 3 ] || fail "$form: only $rounds rounds"
	[ $((rounds * lines)) = "$total" ] || fail "$form: a partial round ($total lines, $lines per round)"
	i=0
	while [ $i -lt $rounds ]; do
		tail -n +$((i * lines + 1)) "$WORK/rounds.out" | head -n "$lines" | cmp -s - "$WORK/once.out" ||
			fail "$form: round $i differs"
		i=$((i + 1))
	done
done

# With --json each round is one line, one whole document: JSON Lines.
PROC_ROOT=$fx $RUNNER $NETSTAT -tnj >"$WORK/once.json" || fail "single JSON run"
: >"$WORK/rounds.json"
PROC_ROOT=$fx NETSTAT_ROUND_MS=50 $RUNNER $NETSTAT -tnjc >"$WORK/rounds.json" 2>"$WORK/rounds.err" &
pid=$!
tries=0
while [ "$(wc -l <"$WORK/rounds.json")" -lt 3 ] && [ $tries -lt 100 ]; do
	sleep 0.1; tries=$((tries + 1))
done
kill -INT $pid
tries=0
while kill -0 $pid 2>/dev/null && [ $tries -lt 50 ]; do sleep 0.1; tries=$((tries + 1)); done
kill -0 $pid 2>/dev/null && { kill -9 $pid; fail "-tnjc: still running 5 s after SIGINT"; }
wait $pid || fail "-tnjc: status $? after SIGINT"
[ ! -s "$WORK/rounds.err" ] || fail "-tnjc: stderr $(cat "$WORK/rounds.err")"
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
echo ok
