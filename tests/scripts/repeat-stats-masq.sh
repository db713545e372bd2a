#!/bin/sh
# -s and -M with -c repeat every second (net-tools -s prints once: ours
# repeats, as its other tables do). Two and a half seconds give 2 or 3
# rounds; a run that printed once fails.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
count() {
	PROC_ROOT=$top/tests/fixtures/$1 timeout 2.5 $RUNNER "$NETSTAT" $2 2>/dev/null |
		grep -c "$3"
}
n=$(count stats-real "-s -c" '^Ip:')
[ "$n" -ge 2 ] || { echo "-s -c printed $n rounds"; exit 1; }
n=$(count conntrack-nat "-M -n -c" '^NAT connections')
[ "$n" -ge 2 ] || { echo "-M -c printed $n rounds"; exit 1; }
echo ok
