#!/bin/sh
# An unreadable /proc file (as a normal user): named on stderr with the
# reason, the other tables still print, exit status 1. (Git keeps no file
# modes and root reads anything, so the fixture is made here.)
set -u
fail() { echo "FAIL: $*"; exit 1; }
fx=$WORK/unreadable
rm -rf "$fx"
cp -r tests/fixtures/router "$fx"
chmod 000 "$fx/net/udp"
chmod -R a+rX "$WORK" 2>/dev/null; chmod 000 "$fx/net/udp"
cp "$NETSTAT" "$WORK/netstat-user" && chmod 755 "$WORK/netstat-user"
PROC_ROOT=$fx setpriv --reuid=65534 --regid=65534 --clear-groups $RUNNER "$WORK/netstat-user" -tun \
	>"$WORK/unreadable.out" 2>"$WORK/unreadable.err"
rc=$?
[ $rc = 1 ] || fail "status $rc, want 1"
[ "$(cat "$WORK/unreadable.err")" = "netstat: $fx/net/udp: Permission denied" ] ||
	fail "stderr: $(cat "$WORK/unreadable.err")"
grep -q '^tcp ' "$WORK/unreadable.out" || fail "the tcp rows are missing"
grep -q '^udp6 ' "$WORK/unreadable.out" || fail "the udp6 rows are missing"
echo ok
