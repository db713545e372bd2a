# Sourced by a test script that needs its own network namespace:
#   netns_work=NAME; . "$(dirname "$0")/../netns.sh"
# The first time through it runs the script again inside `unshare --net`;
# there, lo is up and $work is an empty scratch folder ($WORK/NAME).
#
# With netns_pids=1 the script also gets its own PID namespace and /proc
# (unshare --pid --fork --mount-proc), for -p on live processes: /proc
# then lists only the test's processes, numbered from 1. In the machine's
# namespace every other process is scanned too (their sockets can fill
# -p's fixed table: "table full", rows shown as "-"), and pids wrap at
# pid_max (32768 here), so children forked by a test's helper can get
# lower numbers than the helper, come first in /proc and own the sockets
# they inherited.
if [ -z "${NETSTAT_TEST_NS:-}" ]; then
	if [ "${netns_pids:-0}" = 1 ]; then
		exec env NETSTAT_TEST_NS=1 unshare --net --pid --fork --mount-proc -- sh "$0"
	fi
	exec env NETSTAT_TEST_NS=1 unshare --net -- sh "$0"
fi
ip link set lo up
work=${WORK:-/tmp}/$netns_work
rm -rf "$work"
mkdir -p "$work"
