#!/bin/sh
# Host names by reverse DNS: a test server that answers PTR questions
# (tests/resolve/ptr.zone: CNAME chains, names glibc rejects, long names,
# NXDOMAIN, SERVFAIL, v4-mapped addresses). Our output must equal
# net-tools' against the same server, each address must be asked once,
# and a nameserver that refuses or one reached over IPv6 changes nothing.
. "$(dirname "$0")/../resolve/lib.sh"
resolve_sandbox "$0" "$@"
need_net_tools
mkdir -p "$WORK/ptr"
cd "$WORK/ptr" || exit 1
fx=$top/tests/fixtures/resolve
start_dnsd --zone "$rdir/ptr.zone" --log "$WORK/ptr/queries"
for args in -tuaW -tua -tuae -ta6 -tua4; do
	net_tools $args >want.out 2>want.err
	: >"$WORK/ptr/queries"
	ours "$fx" $args >got.out 2>got.err
	same_output "netstat $args" want.out want.err got.out got.err
done
# -4: every address once (the log has one line per question)
ours "$fx" -tuaW4 >/dev/null 2>&1
: >"$WORK/ptr/queries"
ours "$fx" -tuaW4 >/dev/null 2>&1
dup=$(sort "$WORK/ptr/queries" | uniq -d)
[ -z "$dup" ] && [ -s "$WORK/ptr/queries" ] || {
	echo "FAIL: asked more than once: $dup"; failures=$((failures + 1)); }
# -n asks nothing
: >"$WORK/ptr/queries"
ours "$fx" -tuan >/dev/null 2>&1
[ -s "$WORK/ptr/queries" ] && { echo "FAIL: -n asked DNS"; failures=$((failures + 1)); }
# -f (classic): foreign names resolved and whole even with -n
ours "$fx" -tanf >got.out 2>&1
grep -q '10.0.0.100:443  *Mixed-Case.Example.ORG:5000 ' got.out || {
	echo "FAIL: -f"; cat got.out; failures=$((failures + 1)); }
net_tools -tuaW >want.out 2>want.err
# a first nameserver that refuses is dropped; the second answers
use_resolv_conf "nameserver 127.0.0.2" "nameserver 127.0.0.1"
ours "$fx" -tuaW >got.out 2>got.err
same_output "refusing first server" want.out want.err got.out got.err
stop_dnsd
# the server on ::1
start_dnsd --zone "$rdir/ptr.zone" --addr ::1
use_resolv_conf "nameserver ::1"
ours "$fx" -tuaW >got.out 2>got.err
same_output "server on ::1" want.out want.err got.out got.err
finish
