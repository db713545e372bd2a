#!/bin/sh
# Run a command with a fixture directory standing in for /proc, as net-tools
# and the other peers see it: they open the literal path /proc/net/tcp.
#   tests/replay.sh FIXTURE ETCDIR cmd [args...]
# FIXTURE holds net/ (and optionally <pid>/ directories); ETCDIR holds
# hosts, services, passwd, group, networks, nsswitch.conf, resolv.conf that
# are bind-mounted over /etc for the run. Needs root (mount namespaces).
# The run happens without a network (unshare -n), so name lookups are
# deterministic: only the ETCDIR files answer. With REPLAY_PROC=0 the
# real /proc stays (for our own binary, which is given PROC_ROOT).
set -eu
[ $# -ge 3 ] || { echo "usage: replay.sh FIXTURE ETCDIR cmd [args...]" >&2; exit 2; }
fixture=$(cd "$1" && pwd); etc=$(cd "$2" && pwd); shift 2
exec unshare --mount --propagation private --net -- /bin/sh -c '
set -e
fixture=$1 etc=$2; shift 2
priv=$(mktemp -d /tmp/replay.XXXXXX)
mount -t tmpfs tmpfs "$priv"
mkdir "$priv/proc" "$priv/root"
mount -t proc proc "$priv/proc"
for f in hosts services passwd group networks nsswitch.conf resolv.conf; do
	[ -e "$etc/$f" ] && [ -e "/etc/$f" ] && mount --bind "$etc/$f" "/etc/$f"
done
if [ "${REPLAY_PROC:-1}" = 0 ]; then ip link set lo up 2>/dev/null || true; exec "$@"; fi
mount -t tmpfs tmpfs /proc
for e in "$priv"/proc/*; do
	n=${e##*/}
	case $n in net|[0-9]*) continue ;; esac
	ln -s "$e" "/proc/$n"
done
for e in "$fixture"/*; do
	n=${e##*/}
	ln -s "$e" "/proc/$n"
done
ip link set lo up 2>/dev/null || true
exec "$@"
' replay "$fixture" "$etc" "$@"
