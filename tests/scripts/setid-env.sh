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
echo ok
