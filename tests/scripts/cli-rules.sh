#!/bin/sh
# Our own command-line rules where net-tools has none to follow (README,
# "Switches" and "Differences from net-tools"): each line is a command
# line, the exit status it must have and the first line it must print
# on stderr (argv[0] shown as "netstat"), written here by hand; a usage
# error prints nothing on stdout and the usage text after the message.
#   - one rule for intervals: -cN, --continuous=N and a trailing number
#     are 1 to 86400 seconds; any other number is a usage error
#   - -E (classic netstat -e) is a view of its own: with another view,
#     -g or anything that selects sockets it is a usage error
#   - classic protocol words narrow -t -u -w -U and the families: a
#     selection they leave empty is a usage error, not an empty table
# busybox-too
set -u
fail=0
fx=$PWD/tests/fixtures/router
while IFS='|' read -r args status first; do
	case $args in ''|'#'*) continue ;; esac
	# shellcheck disable=SC2086
	eval "PROC_ROOT='$fx' timeout 10 $RUNNER '$NETSTAT' $args" >"$WORK/rule.out" 2>"$WORK/rule.err" </dev/null
	rc=$?
	got=$(grep -v '^BusyBox v.* multi-call binary\.$' "$WORK/rule.err" | head -n 1 | sed "s|^$NETSTAT: |netstat: |")
	if [ $rc != "$status" ] || [ "$got" != "$first" ]; then
		echo "FAIL: netstat $args: status $rc, '$got'; want $status, '$first'"
		fail=1
	fi
	if [ "$status" = 3 ]; then
		[ -s "$WORK/rule.out" ] && { echo "FAIL: netstat $args: printed on stdout"; fail=1; }
		grep -q '^Usage: netstat ' "$WORK/rule.err" || [ "${BUSYBOX:-0}" = 1 ] ||
			{ echo "FAIL: netstat $args: no usage text"; fail=1; }
	fi
done <<'EOF2'
-tnc0|3|netstat: invalid interval '0'
-tn -c 0|3|netstat: invalid interval '0'
-tn 0|3|netstat: invalid interval '0'
-tn --continuous=0|3|netstat: invalid interval '0'
-tn 86401|3|netstat: invalid interval '86401'
-tnc86401|3|netstat: invalid interval '86401'
-tn 007x|0|
-E -r|3|netstat: -E shows interface totals only: no other view or socket selection
-E -i|3|netstat: -E shows interface totals only: no other view or socket selection
-E -s|3|netstat: -E shows interface totals only: no other view or socket selection
-E -M|3|netstat: -E shows interface totals only: no other view or socket selection
-E -g|3|netstat: -E shows interface totals only: no other view or socket selection
-E -t|3|netstat: -E shows interface totals only: no other view or socket selection
-E -x|3|netstat: -E shows interface totals only: no other view or socket selection
-E -4|3|netstat: -E shows interface totals only: no other view or socket selection
-E tcp|3|netstat: -E shows interface totals only: no other view or socket selection
-t udp|3|netstat: the protocol words and switches select no table
-t -- udp|3|netstat: the protocol words and switches select no table
-u tcpv6|3|netstat: the protocol words and switches select no table
-4 tcpv6|3|netstat: the protocol words and switches select no table
-6 raw|3|netstat: the protocol words and switches select no table
-x tcp -n|0|
-t tcp -n|0|
-an tcp|0|
EOF2
exit $fail
