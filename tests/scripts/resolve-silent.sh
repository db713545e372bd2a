#!/bin/sh
# A nameserver that never answers: the run ends after the time budget
# (2 s of waiting in total, not per address), every address not in
# /etc/hosts prints numerically, as net-tools prints them when DNS fails
# at once, and one line on stderr says lookups were cut short.
. "$(dirname "$0")/../resolve/lib.sh"
resolve_sandbox "$0" "$@"
need_net_tools
mkdir -p "$WORK/silent"
cd "$WORK/silent" || exit 1
fx=$top/tests/fixtures/resolve
net_tools -tuaW >want.out 2>want.err	# no server yet: refused at once
echo "netstat: name lookups cut short: no answer within 2 seconds; the rest print as numbers" >>want.err
start_dnsd --zone "$rdir/ptr.zone" --silent --log "$WORK/silent/queries"
start=$(now_ms)
ours "$fx" -tuaW >got.out 2>got.err
took=$(($(now_ms) - start))
same_output "silent server" want.out want.err got.out got.err
echo "took $took ms"
# 2 s of budget; generous for qemu, far below one glibc timeout (5 s)
[ "$took" -ge 1900 ] && [ "$took" -lt 4500 ] || {
	echo "FAIL: took $took ms"; failures=$((failures + 1)); }
[ -s "$WORK/silent/queries" ] || { echo "FAIL: no question was sent"; failures=$((failures + 1)); }
finish
