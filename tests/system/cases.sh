#!/bin/sh
# The case suite (tests/cases) inside a `make system` guest, as
# tests/check.sh runs it on the build machine, but with the guest's own
# kernel answering what a fixture cannot hold: the interface ioctls of -i
# and -ie, which qemu-user garbles for big-endian guests. /init runs it in
# a fresh network namespace (only lo, up) with tests/etc as /etc. The
# fixtures are already in this kernel's ABI (run.sh made the twins).
#
#   sh /cases.sh OUT NAME CMD...     OUT/cases-NAME.txt: a line per failure
#                                    and "cases: P passed, F failed"
out=$1 name=$2
shift 2
log=$out/cases-$name.txt
: >"$log"
pass=0 fail=0
tmp=/tmp/case-$name
mkdir -p $tmp
for dir in /cases/*/; do
	dir=${dir%/}
	[ -f "$dir/args" ] || continue
	fx=$(cd "$dir/proc" && pwd -P)
	args=$(cat "$dir/args")
	as_user=
	[ -f "$dir/user" ] && as_user="/sockets as $(cat "$dir/user")"
	stdin=/dev/null
	[ -f "$dir/stdin" ] && stdin=$dir/stdin
	(cd $tmp && eval "PROC_ROOT='$fx' timeout 60 $as_user \"\$@\" $args") \
		<"$stdin" >$tmp/stdout 2>$tmp/stderr.raw
	echo $? >$tmp/status
	sed "s|$fx|/proc|g" $tmp/stderr.raw >$tmp/stderr
	ok=1
	for s in stdout stderr status; do
		want=$dir/expected.$s
		[ -f "$dir/ours.$s" ] && want=$dir/ours.$s
		if ! cmp -s "$want" $tmp/$s; then
			ok=0
			echo "--- ${dir#/cases/} [$name] $s differs" >>"$log"
			diff "$want" $tmp/$s | head -n 10 >>"$log"
		fi
	done
	if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
echo "cases: $pass passed, $fail failed" >>"$log"
echo "cases [$name]: $pass passed, $fail failed"
