# Sourced by test scripts that wait for something: they wait for the
# event, never for a fixed time, so that a slow runner (qemu, valgrind) or
# a loaded machine changes how long a test takes, never its result.
# Nothing here gives up: check.sh's timeout ends a script that hangs, and
# reports it.
#
#   . "$top/tests/waits.sh"
#   alive PID                  the process exists and has not exited (a
#                              zombie not yet reaped counts as ended)
#   wait_for PID CMD...        until CMD succeeds; status 1 as soon as PID
#                              (what should make it succeed) has ended
#   rounds_until OUT ERR PATTERN N CMD...
#                              CMD (netstat -c ...) in the background, with
#                              NETSTAT_ROUND_MS=50 between rounds, until OUT
#                              has N lines matching PATTERN (grep) or CMD
#                              ended; then SIGTERM (a background job has
#                              SIGINT ignored, and netstat keeps it so),
#                              and its exit status in rounds_status: 143
#                              when it ended by that signal after a whole
#                              round. Rounds are counted, not timed.

alive() {
	[ -r "/proc/$1/stat" ] || return 1
	[ "$(sed 's/.*) \([A-Za-z]\).*/\1/' "/proc/$1/stat" 2>/dev/null)" != Z ]
}

wait_for() {
	wf_pid=$1
	shift
	until "$@"; do
		alive "$wf_pid" || { "$@"; return; }
		sleep 0.05
	done
}

rounds_until() {
	ru_out=$1 ru_err=$2 ru_pat=$3 ru_n=$4
	shift 4
	: >"$ru_out"
	NETSTAT_ROUND_MS=50 "$@" >"$ru_out" 2>"$ru_err" &
	ru_pid=$!
	while [ "$(grep -c -- "$ru_pat" "$ru_out")" -lt "$ru_n" ] && alive $ru_pid; do
		sleep 0.05
	done
	kill -TERM $ru_pid 2>/dev/null
	wait $ru_pid
	rounds_status=$?
}
