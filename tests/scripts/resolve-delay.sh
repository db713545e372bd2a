#!/bin/sh
# A nameserver that answers late. 0.25 s late: the questions of rows in
# flight go out together, so all names arrive within the budget and the
# output is net-tools' (taken from the same zone answered at once, as
# net-tools asks one address at a time). 3 s late: the budget runs out
# first; answers that come after it are dropped.
. "$(dirname "$0")/../resolve/lib.sh"
resolve_sandbox "$0" "$@"
need_net_tools
mkdir -p "$WORK/delay"
cd "$WORK/delay" || exit 1
fx=$top/tests/fixtures/resolve
net_tools -tuaW >numeric.out 2>numeric.err	# no server yet: refused at once
start_dnsd --zone "$rdir/ptr.zone"
net_tools -tuaW >want.out 2>want.err
stop_dnsd
start_dnsd --zone "$rdir/ptr.zone" --delay 0.25
start=$(now_ms)
ours "$fx" -tuaW >got.out 2>got.err
echo "0.25 s late: took $(($(now_ms) - start)) ms"
same_output "0.25 s late" want.out want.err got.out got.err
stop_dnsd
start_dnsd --zone "$rdir/ptr.zone" --delay 3
echo "netstat: name lookups cut short: no answer within 2 seconds; the rest print as numbers" >>numeric.err
ours "$fx" -tuaW >got.out 2>got.err
same_output "3 s late" numeric.out numeric.err got.out got.err
finish
