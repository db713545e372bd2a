#!/bin/sh
# A nameserver that never answers: the run ends after the time budget
# (2 s of waiting in total, not per address), every address not in
# /etc/hosts prints numerically, as net-tools prints them when DNS fails
# at once, and one line on stderr says lookups were cut short. The wait is
# at least the budget, and less than two budgets more than the same run
# against a server that answers (measured just before, so the bound
# scales with the runner: qemu, valgrind, the sanitizer); a budget per
# address would take 2 s for each of the fixture's many addresses.
. "$(dirname "$0")/../resolve/lib.sh"
resolve_sandbox "$0" "$@"
need_net_tools
mkdir -p "$WORK/silent"
cd "$WORK/silent" || exit 1
fx=$top/tests/fixtures/resolve
net_tools -tuaW >want.out 2>want.err	# no server yet: refused at once
echo "netstat: name lookups cut short: no answer within 2 seconds; the rest print as numbers" >>want.err
start_dnsd --zone "$rdir/ptr.zone"
start=$(now_ms)
ours "$fx" -tuaW >answered.out 2>answered.err
answered=$(($(now_ms) - start))
stop_dnsd
start_dnsd --zone "$rdir/ptr.zone" --silent --log "$WORK/silent/queries"
start=$(now_ms)
ours "$fx" -tuaW >got.out 2>got.err
took=$(($(now_ms) - start))
same_output "silent server" want.out want.err got.out got.err
echo "took $took ms; with answers $answered ms"
[ "$took" -ge 1900 ] && [ "$took" -lt $((answered + 4000)) ] || {
	echo "FAIL: took $took ms, not 2 s more than $answered ms"; failures=$((failures + 1)); }
[ -s "$WORK/silent/queries" ] || { echo "FAIL: no question was sent"; failures=$((failures + 1)); }
finish
