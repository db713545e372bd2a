#!/bin/sh
# A nameserver that sends garbage: three malformed packets (too short, a
# wrong id, a header without a question) before every answer, which must
# be skipped; then answers cut short and answers with the TC bit, which
# mean no name (glibc would retry over TCP, which this server lacks).
# Broken answers are not waited for: no "cut short" line (the 2 s budget
# did not run out), and natively the run takes less than the budget on
# top of the run with answers just before it (a bound scaled to the
# runner by that run; under qemu, valgrind and the sanitizer the time is
# only printed).
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
start=$(now_ms)
ours "$fx" -tuaW >got.out 2>got.err
answered=$(($(now_ms) - start))
same_output "junk before answers" want.out want.err got.out got.err
stop_dnsd
# every address of the fixture but localhost: cut or TC, alternately
awk '!/^#/ && NF { print $1, (n++ % 2 ? "cut" : "tc") }' "$rdir/ptr.zone" >bad.zone
start_dnsd --zone bad.zone
start=$(now_ms)
ours "$fx" -tuaW >got.out 2>got.err
took=$(($(now_ms) - start))
echo "cut and TC answers: took $took ms (with answers: $answered ms)"
same_output "cut and TC answers" numeric.out numeric.err got.out got.err
if [ "${NATIVE:-0}" = 1 ] && [ "$took" -ge $((answered + 1500)) ]; then
	echo "FAIL: waited for broken answers"; failures=$((failures + 1))
fi
finish
