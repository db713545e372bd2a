#!/bin/sh
# Processes that come and go while -p scans /proc. In a private network
# namespace a churner keeps some twenty short-lived children alive, each
# opening tcp, udp and unix sockets and exiting after a few milliseconds
# (some before netstat lists their fds, some between that and reading
# their cmdline), while netstat -tuwxanp runs again and again. Every run
# must exit 0 with nothing on stderr, still name the long-lived keeper
# process on its unix socket, and print only well-formed program columns
# ("-" or "PID/name"; a process caught exiting has an empty cmdline and
# shows as "PID/", as in net-tools). A process that vanished is nobody's
# error.
set -u
[ "$(id -u)" = 0 ] || { echo "needs root"; exit 77; }
command -v python3 >/dev/null || { echo "needs python3"; exit 77; }
: "${NETSTAT:?}"
# Its own PID namespace and /proc (tests/netns.sh): the machine's other
# processes would be scanned too, and their sockets could fill the table.
netns_work=progs-race netns_pids=1
. "$(dirname "$0")/../netns.sh"
. "$(dirname "$0")/../waits.sh"

cat >"$work/churn.py" <<'EOF'
import os, random, socket, sys, time
work = sys.argv[1]
if sys.argv[2] == "keeper":
    s = socket.socket(socket.AF_UNIX); s.bind(work + "/keeper.sock"); s.listen(1)
    open(work + "/keeper.ready", "w").close()
    while not os.path.exists(work + "/stop"):
        time.sleep(0.05)
    sys.exit(0)
kids = set()
spawned = 0
while not os.path.exists(work + "/stop"):
    while len(kids) < 20:
        pid = os.fork()
        if pid == 0:
            t = socket.socket(); t.bind(("127.0.0.1", 0)); t.listen(1)
            u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(("127.0.0.1", 0))
            x = socket.socket(socket.AF_UNIX)
            time.sleep(random.random() * 0.004)
            os._exit(0)
        kids.add(pid)
        spawned += 1
    pid, _ = os.wait()
    kids.discard(pid)
for pid in kids:
    os.waitpid(pid, 0)
open(work + "/spawned", "w").write(str(spawned))
EOF
# the keeper's argv[0] is what -p shows
python3 -c 'import os, sys; os.execv(sys.executable, ["/opt/race/racekeeper"] + sys.argv[1:])' \
	"$work/churn.py" "$work" keeper &
keeper=$!
python3 "$work/churn.py" "$work" churn &
churner=$!
wait_for $keeper test -e "$work/keeper.ready" || { echo "the keeper did not start"; exit 1; }

runs=150
case ${RUNNER:-} in valgrind*) runs=15 ;; qemu*) runs=50 ;; esac
fail=0
i=0
while [ $i -lt $runs ]; do
	i=$((i + 1))
	# shellcheck disable=SC2086
	${RUNNER:-} "$NETSTAT" -tuwxanp >"$work/out" 2>"$work/err"
	status=$?
	if [ $status != 0 ] || [ -s "$work/err" ]; then
		echo "run $i: status $status, stderr:"; cat "$work/err"; fail=1; break
	fi
	if ! grep -q "/racekeeper .*$work/keeper.sock\$" "$work/out"; then
		echo "run $i: the keeper's unix socket is not named:"; cat "$work/out"; fail=1; break
	fi
	bad=$(awk '/^(tcp|udp)/ && !/ (-|[0-9]+\/[^ ]*) *$/' "$work/out")
	if [ -n "$bad" ]; then
		echo "run $i: malformed program column:"; echo "$bad"; fail=1; break
	fi
done
: >"$work/stop"
wait $churner $keeper
echo "$i runs of -tuwxanp while $(cat "$work/spawned" 2>/dev/null || echo ?) processes came and went"
[ "$(cat "$work/spawned" 2>/dev/null || echo 0)" -gt 100 ] ||
	{ echo "the churner did not churn"; fail=1; }
exit $fail
