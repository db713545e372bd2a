#!/bin/sh
# A nameserver that sends garbage: three malformed packets (too short, a
# wrong id, a header without a question) before every answer, which must
# be skipped; then answers cut short and answers with the TC bit, which
# mean no name (glibc would retry over TCP, which this server lacks).
. "$(dirname "$0")/../resolve/lib.sh"
resolve_sandbox "$0" "$@"
need_net_tools
mkdir -p "$WORK/garbage"
cd "$WORK/garbage" || exit 1
fx=$top/tests/fixtures/resolve
net_tools -tuaW >numeric.out 2>numeric.err	# no server yet: refused at once
start_dnsd --zone "$rdir/ptr.zone"
net_tools -tuaW >want.out 2>want.err
stop_dnsd
start_dnsd --zone "$rdir/ptr.zone" --junk
ours "$fx" -tuaW >got.out 2>got.err
same_output "junk before answers" want.out want.err got.out got.err
stop_dnsd
# every address of the fixture but localhost: cut or TC, alternately
awk '!/^#/ && NF { print $1, (n++ % 2 ? "cut" : "tc") }' "$rdir/ptr.zone" >bad.zone
start_dnsd --zone bad.zone
start=$(now_ms)
ours "$fx" -tuaW >got.out 2>got.err
took=$(($(now_ms) - start))
echo "cut and TC answers: took $took ms"
same_output "cut and TC answers" numeric.out numeric.err got.out got.err
[ "$took" -lt 1500 ] || { echo "FAIL: waited for broken answers"; failures=$((failures + 1)); }
finish
