#!/bin/sh
# Output failures: a full disk is a message and status 1; a reader that
# goes away ends us quietly, with no partial garbage on stderr.
set -u
fx=$PWD/tests/fixtures/gen-2000
fail() { echo "FAIL: $*"; exit 1; }

PROC_ROOT=$fx $RUNNER $NETSTAT -tan >/dev/full 2>"$WORK/full.err"
rc=$?
[ $rc = 1 ] || fail "write to /dev/full: status $rc, want 1"
[ "$(cat "$WORK/full.err")" = "netstat: write error: No space left on device" ] ||
	fail "write to /dev/full: stderr '$(cat "$WORK/full.err")'"

# the reader stops after one line; SIGPIPE (default) ends us
first=$(PROC_ROOT=$fx $RUNNER $NETSTAT -tan 2>"$WORK/pipe.err" | head -n 1)
[ "$first" = "Active Internet connections (servers and established)" ] || fail "head -1 gave '$first'"
[ ! -s "$WORK/pipe.err" ] || fail "stderr after a closed pipe: $(cat "$WORK/pipe.err")"

# with SIGPIPE ignored the write fails with EPIPE: still quiet
first=$(sh -c 'trap "" PIPE; PROC_ROOT=$0 exec $1 $2 -tan' "$fx" "$RUNNER" "$NETSTAT" 2>"$WORK/epipe.err" | head -n 1)
[ "$first" = "Active Internet connections (servers and established)" ] || fail "head -1 (EPIPE) gave '$first'"
[ ! -s "$WORK/epipe.err" ] || fail "stderr after EPIPE: $(cat "$WORK/epipe.err")"
echo ok
