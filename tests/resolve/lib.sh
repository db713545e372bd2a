# Shared by tests/scripts/resolve-*.sh and tests/bench/resolve-*.sh:
# a private network and mount namespace with the test DNS server on
# loopback and this folder's hosts and resolv.conf over /etc.
#
#   . tests/resolve/lib.sh; resolve_sandbox "$0" "$@"   (re-runs the script inside)
#   start_dnsd ARGS...        the server (tests/scripts/resolve-dnsd.py) in the background
#   stop_dnsd
#   as_proc FIXTURE CMD...    CMD sees FIXTURE as /proc (for net-tools)
#   ours FIXTURE ARGS...      our netstat on FIXTURE (its big-endian twin on mips)

: "${top:=$(cd "$(dirname "$0")/../.." && pwd)}"
rdir=$top/tests/resolve
. "$top/tests/waits.sh"
: "${WORK:=$top/build/resolve}"
: "${RUNNER:=}" "${BIG_ENDIAN:=0}" "${NETSTAT:=$top/netstat}"

resolve_sandbox() {
	[ -n "${RESOLVE_SANDBOX:-}" ] && return 0
	if [ "$(id -u)" != 0 ] || ! command -v unshare >/dev/null; then
		echo "needs root for private namespaces"
		exit 77
	fi
	script=$1
	shift
	exec unshare --mount --propagation private --net -- env RESOLVE_SANDBOX=1 \
		sh -c 'for f in hosts resolv.conf nsswitch.conf; do
			[ -e /etc/$f ] || : >/etc/$f
		done
		mount --bind "$1/hosts" /etc/hosts
		mount --bind "$1/resolv.conf" /etc/resolv.conf
		mount --bind "$1/nsswitch.conf" /etc/nsswitch.conf
		ip link set lo up
		shift
		exec sh "$@"' resolve "$rdir" "$script" "$@"
}

dnsd_pid=
start_dnsd() {
	mkdir -p "$WORK"
	rm -f "$WORK/dnsd.ready"
	python3 "$top/tests/scripts/resolve-dnsd.py" --ready "$WORK/dnsd.ready" "$@" &
	dnsd_pid=$!
	wait_for "$dnsd_pid" test -s "$WORK/dnsd.ready" || { echo "the DNS server did not start"; exit 1; }
}

stop_dnsd() {
	[ -n "$dnsd_pid" ] && kill "$dnsd_pid" 2>/dev/null && wait "$dnsd_pid" 2>/dev/null
	dnsd_pid=
}

as_proc() {
	as_proc_fx=$(cd "$1" && pwd)
	shift
	unshare --mount --propagation private -- sh -c '
		fx=$1; shift
		priv=$(mktemp -d /tmp/resolve-proc.XXXXXX)
		mount -t tmpfs tmpfs "$priv"
		mkdir "$priv/proc"
		mount -t proc proc "$priv/proc"
		mount -t tmpfs tmpfs /proc
		for e in "$priv"/proc/*; do
			n=${e##*/}
			case $n in net|[0-9]*) continue ;; esac
			ln -s "$e" "/proc/$n"
		done
		for e in "$fx"/*; do ln -s "$e" "/proc/${e##*/}"; done
		exec "$@"' as_proc "$as_proc_fx" "$@"
}

# the fixture our binary reads: the big-endian twin on mips
fixture_for() {
	if [ "$BIG_ENDIAN" = 1 ]; then
		be=$WORK/be-${1##*/}
		[ -d "$be" ] || python3 "$top/tests/bswap.py" "$1" "$be"
		echo "$be"
	else
		echo "$1"
	fi
}

ours() {
	ours_fx=$(fixture_for "$1")
	shift
	# shellcheck disable=SC2086
	PROC_ROOT=$ours_fx $RUNNER "$NETSTAT" "$@"
}

# milliseconds since the epoch
now_ms() { date +%s%3N; }

# net-tools must be the reference netstat
need_net_tools() {
	netstat -V 2>&1 | grep -q net-tools || { echo "net-tools netstat is not installed"; exit 77; }
}

# same_output NAME WANT_STDOUT WANT_STDERR GOT_STDOUT GOT_STDERR: diffs, counts failures
failures=0
same_output() {
	for s in 2 3; do
		eval "want=\${$s} got=\${$((s + 2))}"
		if ! cmp -s "$want" "$got"; then
			echo "FAIL: $1: $(basename "$got") differs"
			diff "$want" "$got" | head -20
			failures=$((failures + 1))
		fi
	done
}

# reference output of net-tools on the plain fixture, now
net_tools() {
	as_proc "$top/tests/fixtures/resolve" netstat "$@"
}

# a resolv.conf of our own on top of the sandbox's
use_resolv_conf() {
	printf '%s\n' "$@" >"$WORK/resolv.conf"
	mount --bind "$WORK/resolv.conf" /etc/resolv.conf
}

finish() {
	stop_dnsd
	[ "$failures" = 0 ] && { echo "PASS"; exit 0; }
	echo "$failures failures"
	exit 1
}
