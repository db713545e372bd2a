#!/bin/sh
# Regenerate the expected output of cases from net-tools 2.10: for each
# case, net-tools' netstat runs with the case's fixture as its /proc
# (tests/replay.sh: a private mount namespace, no network, tests/etc over
# /etc) and its stdout, stderr and exit status become expected.*.
#
#   tests/regen.sh [CASE...]      (default: every case)
#
# Our own output is never copied here; deliberate differences live in
# ours.* files written by hand, with the reason in `why`.
#
# Classic switches have no net-tools equivalent of their own: a case may
# name the net-tools command line that must print the same in
# `oracle_args`, and a filter its stdout goes through in `oracle_filter`
# (a shell command: "-p tcp" is net-tools' -p output with only tcp rows).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
version=$(netstat -V 2>/dev/null | head -n 1)
[ "$version" = "net-tools 2.10" ] || { echo "regen.sh: need net-tools 2.10, have '$version'" >&2; exit 1; }
cases=${*:-$(ls -d tests/cases/*/ | sed 's|/$||')}
for dir in $cases; do
	dir=tests/cases/${dir#tests/cases/}
	[ -f "$dir/args" ] || continue
	as_user=
	[ -f "$dir/user" ] && as_user="setpriv --reuid=$(cat "$dir/user") --regid=$(cat "$dir/user") --clear-groups"
	stdin=/dev/null
	[ -f "$dir/stdin" ] && stdin=$dir/stdin
	# net-tools loops forever on some inputs (a directory as a file):
	# such cases say so in ours.* and get status 124 here.
	args=$(cat "$dir/args")
	[ -f "$dir/oracle_args" ] && args=$(cat "$dir/oracle_args")
	filter=cat
	[ -f "$dir/oracle_filter" ] && filter=$(cat "$dir/oracle_filter")
	# a capture from a MIPS kernel: net-tools here reads its x86 twin
	fx=$dir/proc
	if [ -f "$fx/.kernel" ] && [ "$(cat "$fx/.kernel")" != x86 ]; then
		fx=$(mktemp -d /tmp/regen-twin.XXXXXX)/proc
		python3 tests/bswap.py --to x86 "$dir/proc/" "$fx" || exit 1
	fi
	eval "timeout 10 tests/replay.sh '$fx' tests/etc $as_user netstat $args" \
		<"$stdin" >"$dir/expected.stdout.raw" 2>"$dir/expected.stderr"
	echo $? >"$dir/expected.status"
	eval "$filter" <"$dir/expected.stdout.raw" >"$dir/expected.stdout"
	rm -f "$dir/expected.stdout.raw"
	echo "regenerated $dir (status $(cat "$dir/expected.status"))"
done
