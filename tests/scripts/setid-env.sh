#!/bin/sh
# native-only: qemu-user cannot run a set-id target binary.
# PROC_ROOT and NETSTAT_ROUND_MS are ignored when netstat runs set-id.
set -u
fail() { echo "FAIL: $*"; exit 1; }
fx=$PWD/tests/fixtures/bad-state
cp "$NETSTAT" "$WORK/netstat-suid" || fail copy
chown root:root "$WORK/netstat-suid"
chmod 4755 "$WORK/netstat-suid"
chmod 755 "$WORK"
# Without set-id the fixture's distinctive rows show ...
cp "$NETSTAT" "$WORK/netstat-plain"; chmod 755 "$WORK/netstat-plain"
PROC_ROOT=$fx setpriv --reuid=65534 --regid=65534 --clear-groups "$WORK/netstat-plain" -tan >"$WORK/plain.out" 2>&1
grep -q ':50004 ' "$WORK/plain.out" || fail "PROC_ROOT not used without set-id"
# ... and with set-id they must not: the real /proc is read instead.
PROC_ROOT=$fx setpriv --reuid=65534 --regid=65534 --clear-groups "$WORK/netstat-suid" -tan >"$WORK/suid.out" 2>&1
grep -q ':50004 ' "$WORK/suid.out" && fail "PROC_ROOT honoured while set-uid"
head -n 1 "$WORK/suid.out" | grep -q '^Active Internet connections' || fail "set-uid run printed $(head -n 2 "$WORK/suid.out")"
# A set-id run started with stdout closed gets /dev/null there, as musl's
# start does (ours replaces it in the size build): no file it opens
# takes fd 1, so the table is not written into one of them.
# glibc's start (the clang and sanitize builds) opens /dev/null there
# read-only, so that the write fails: status 1 and the write error.
setpriv --reuid=65534 --regid=65534 --clear-groups "$WORK/netstat-suid" -tan >&- 2>"$WORK/closed.err"
rc=$?
if grep -q 'GNU C Library' "$NETSTAT" 2>/dev/null || ldd "$NETSTAT" 2>/dev/null | grep -q 'libc\.so\.6'; then
	[ $rc = 1 ] && grep -qx 'netstat: write error: Bad file descriptor' "$WORK/closed.err" ||
		fail "glibc build, set-uid with stdout closed: status $rc, $(cat "$WORK/closed.err")"
else
	[ $rc = 0 ] && [ ! -s "$WORK/closed.err" ] || fail "set-uid with stdout closed: status $rc, $(cat "$WORK/closed.err")"
fi
echo ok
