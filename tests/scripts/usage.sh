#!/bin/sh
# Usage errors: the message (first stderr line) and the exit status are
# net-tools' for every bad command line; the usage text after it is ours.
# Help forms print usage on stdout and exit 0.
set -u
fail() { echo "FAIL: $*"; exit 1; }
fx=$PWD/tests/fixtures/router

while IFS= read -r args; do
	# shellcheck disable=SC2086
	netstat $args >"$WORK/nt.out" 2>"$WORK/nt.err" </dev/null
	nt=$?
	# shellcheck disable=SC2086
	PROC_ROOT=$fx $RUNNER $NETSTAT $args >"$WORK/our.out" 2>"$WORK/our.err" </dev/null
	ours=$?
	[ $ours = $nt ] || fail "'$args': status $ours, net-tools $nt"
	want=$(head -n 1 "$WORK/nt.err")
	# usage with no message before it (more than one of -r -i -s -M)
	case $want in "usage: netstat "*) want=$(head -n 1 "$WORK/our.err" | grep '^Usage: netstat ') ;; esac
	[ "$(head -n 1 "$WORK/our.err")" = "$want" ] ||
		fail "'$args': '$(head -n 1 "$WORK/our.err")', net-tools '$(head -n 1 "$WORK/nt.err")'"
	[ -s "$WORK/our.out" ] && fail "'$args': printed on stdout"
	if [ $nt = 3 ]; then
		grep -q '^Usage: netstat ' "$WORK/our.err" || fail "'$args': no usage text"
	fi
done <<'EOF2'
-k
-tuk
--foo
--tcp=1
-A
--protocol
-A foo
-A inet,bogus
-ri
-rs
-iM
-sM
-r -i -s
--rou --int
EOF2

for args in -h --help /? help HELP; do
	# shellcheck disable=SC2086
	$RUNNER $NETSTAT $args >"$WORK/help.out" 2>"$WORK/help.err"
	rc=$?
	[ $rc = 0 ] || fail "'$args': status $rc"
	[ -s "$WORK/help.err" ] && fail "'$args': stderr $(cat "$WORK/help.err")"
	head -n 1 "$WORK/help.out" | grep -q '^Usage: netstat ' || fail "'$args': $(head -n 1 "$WORK/help.out")"
	# every switch of the option table is in the text
	for sw in -r -i -g -s -M -E -a -l -q -t -u -U -w -x -S -4 -6 -A -n -f -e -W -p -b -o -c -v -V; do
		grep -q -- "$sw" "$WORK/help.out" || fail "usage text lacks $sw"
	done
done
echo ok
