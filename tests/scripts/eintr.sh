#!/bin/sh
# host-only: strace on a static native binary (a dynamic one, the clang
# build's, would have the loader's reads hit; the sanitizer and valgrind
# builds are not static, qemu is in between)
# Interrupted system calls are retried: strace makes every other read()
# and write() fail with EINTR, and the output must be what an undisturbed
# run prints, with nothing on stderr. Covers the line reader (every /proc
# table), the writer, and the cmdline reads of -p.
set -u
command -v strace >/dev/null || { echo "needs strace"; exit 77; }
: "${NETSTAT:?}" "${WORK:?}"
top=$PWD
if readelf -l "$NETSTAT" 2>/dev/null | grep -q 'program interpreter'; then
	echo "$NETSTAT is dynamically linked: the host build is static"
	exit 77
fi
mkdir -p "$WORK"
fail=0
injected=0
check() {
	fx=$top/tests/fixtures/$1
	shift
	PROC_ROOT=$fx "$NETSTAT" "$@" >"$WORK/eintr.want" 2>"$WORK/eintr.want.err"
	want_status=$?
	# odd calls fail, then even ones: a call that is not retried cannot
	# always land on the other kind
	for first in 1 2; do
		PROC_ROOT=$fx strace -o "$WORK/eintr.trace" -e trace=read,write \
			-e inject=read:error=EINTR:when=$first+2 \
			-e inject=write:error=EINTR:when=$first+2 \
			"$NETSTAT" "$@" >"$WORK/eintr.out" 2>"$WORK/eintr.err"
		status=$?
		n=$(grep -c 'EINTR.*INJECTED' "$WORK/eintr.trace")
		injected=$((injected + n))
		[ "$n" -gt 0 ] || { echo "$*: nothing was interrupted"; fail=1; }
		if [ $status != $want_status ] || ! cmp -s "$WORK/eintr.want" "$WORK/eintr.out" ||
			! cmp -s "$WORK/eintr.want.err" "$WORK/eintr.err"; then
			echo "$*: output differs with EINTR from call $first on (status $status, want $want_status)"
			diff "$WORK/eintr.want" "$WORK/eintr.out" | head -5
			diff "$WORK/eintr.want.err" "$WORK/eintr.err" | head -5
			fail=1
		fi
	done
}
check gen-2000 -tuan
check live-unix -xa
check progs-names -tuwxanp
check stats-real -s
check routes -rn
check routes -rn6
check routes -gn
check conntrack-nat -M
check bad-lines -tuan
echo "$injected system calls interrupted"
exit $fail
