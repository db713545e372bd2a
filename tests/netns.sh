# Sourced by a test script that needs its own network namespace:
#   netns_work=NAME; . "$(dirname "$0")/../netns.sh"
# The first time through it runs the script again inside `unshare --net`;
# there, lo is up and $work is an empty scratch folder ($WORK/NAME).
if [ -z "${NETSTAT_TEST_NS:-}" ]; then
	exec env NETSTAT_TEST_NS=1 unshare --net -- sh "$0"
fi
ip link set lo up
work=${WORK:-/tmp}/$netns_work
rm -rf "$work"
mkdir -p "$work"
