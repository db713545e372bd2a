#!/bin/sh
# Usage errors: the message (first stderr line) and the exit status are
# net-tools' for every bad command line; the usage text after it is ours.
# Help forms print usage on stdout and exit 0. Inside BusyBox (BUSYBOX=1)
# BusyBox prints the //usage: text, as for every applet: on stderr, and
# in a BusyBox of more than one applet after its banner and a blank line.
# busybox-too
set -u
BUSYBOX=${BUSYBOX:-0}
fail() { echo "FAIL: $*"; exit 1; }
fx=$PWD/tests/fixtures/router

# A BusyBox of more than one applet prints its banner and a blank line
# before the usage text: checked, then taken out of FILE.
unbanner() {
	[ "$BUSYBOX" = 1 ] && grep -q -x 'BusyBox v.* multi-call binary\.' "$1" || return 0
	awk 'b == 1 { b = 2; if ($0 != "") exit; next }
	     b == 2 { ok = /^Usage: netstat /; exit }
	     /^BusyBox v.* multi-call binary\.$/ { b = 1 }
	     END { exit !ok }' "$1" ||
		fail "'$args': no blank line between BusyBox's banner and the usage text"
	awk 'b { b = 0; next } /^BusyBox v.* multi-call binary\.$/ { b = 1; next } { print }' "$1" >"$1.new"
	mv "$1.new" "$1"
}

while IFS= read -r args; do
	# shellcheck disable=SC2086
	netstat $args >"$WORK/nt.out" 2>"$WORK/nt.err" </dev/null
	nt=$?
	# shellcheck disable=SC2086
	PROC_ROOT=$fx $RUNNER $NETSTAT $args >"$WORK/our.out" 2>"$WORK/our.err" </dev/null
	ours=$?
	unbanner "$WORK/our.err"
	# getopt names us as invoked (cmdline.sh checks that)
	sed -i "s|^$NETSTAT: |netstat: |" "$WORK/our.err"
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
	if [ "$BUSYBOX" = 1 ]; then
		[ -s "$WORK/help.out" ] && fail "'$args': stdout $(cat "$WORK/help.out")"
		mv "$WORK/help.err" "$WORK/help.out"
		unbanner "$WORK/help.out"
	fi
	[ -s "$WORK/help.err" ] && fail "'$args': stderr $(cat "$WORK/help.err")"
	head -n 1 "$WORK/help.out" | grep -q '^Usage: netstat ' || fail "'$args': $(head -n 1 "$WORK/help.out")"
	# every switch of the option table is in the text
	for sw in -r -i -g -s -M -E -a -l -q -t -u -U -w -x -S -4 -6 -A -n -f -e -W -p -b -o -c -v -V; do
		grep -q -- "$sw" "$WORK/help.out" || fail "usage text lacks $sw"
	done
done
echo ok
