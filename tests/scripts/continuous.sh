#!/bin/sh
# -c repeats the same table every round, a trailing number means the
# same, and Ctrl-C ends it cleanly with status 0; with -j each round is
# one line holding one whole JSON document.
set -u
fx=$PWD/tests/fixtures/router
fail() { echo "FAIL: $*"; exit 1; }

# rounds OUT LINES ARGS...: runs netstat -c until OUT has LINES lines
# (so the signals are blocked by then), then Ctrl-C: it must end within
# 5 s, with status 0 and nothing on stderr.
rounds() {
	out=$1 want=$2
	shift 2
	: >"$out"
	# shellcheck disable=SC2086
	PROC_ROOT=$fx NETSTAT_ROUND_MS=50 $RUNNER $NETSTAT "$@" >"$out" 2>"$WORK/rounds.err" &
	pid=$!
	tries=0
	while [ "$(wc -l <"$out")" -lt "$want" ] && [ $tries -lt 100 ]; do
		sleep 0.1; tries=$((tries + 1))
	done
	kill -INT $pid
	tries=0
	while kill -0 $pid 2>/dev/null && [ $tries -lt 50 ]; do sleep 0.1; tries=$((tries + 1)); done
	kill -0 $pid 2>/dev/null && { kill -9 $pid; fail "$*: still running 5 s after SIGINT"; }
	wait $pid
	rc=$?
	[ $rc = 0 ] || fail "$*: status $rc after SIGINT"
	[ ! -s "$WORK/rounds.err" ] || fail "$*: stderr $(cat "$WORK/rounds.err")"
}

PROC_ROOT=$fx $RUNNER $NETSTAT -tn >"$WORK/once.out" || fail "single run"
lines=$(wc -l <"$WORK/once.out")

for form in "-tnc" "-tn -c" "--tcp --numeric --continuous" "-tn 1"; do
	# shellcheck disable=SC2086
	rounds "$WORK/rounds.out" $((3 * lines)) $form
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
rounds "$WORK/rounds.json" 3 -tnjc
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
