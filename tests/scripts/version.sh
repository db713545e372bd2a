#!/bin/sh
# -V: the version line, then "features:" and every FEATURE_NETSTAT_* of
# include/netstat_config.h, in that order, "+" when the build has it and
# "-" when it was configured out: on a router the only way to tell what
# the packager switched on. The standalone builds of make check have
# every feature (a plain make); a BusyBox build has those of its .config.
# toggles.sh checks the "-" side on builds with features switched off.
# busybox-too
set -u
fail() { echo "FAIL: $*"; exit 1; }
BUSYBOX=${BUSYBOX:-0}
# shellcheck disable=SC2086
$RUNNER $NETSTAT -V >"$WORK/version.out" 2>"$WORK/version.err"
rc=$?
[ $rc = 0 ] || fail "-V: status $rc"
[ -s "$WORK/version.err" ] && fail "-V: stderr $(cat "$WORK/version.err")"
first="netstat (routers) 1.0"
config=
if [ "$BUSYBOX" = 1 ]; then
	first="$first, BusyBox applet"
	config=$(dirname "${RUNNER##* }")/.config
	[ -f "$config" ] || fail "no .config beside ${RUNNER##* }"
fi
want="features:"
for f in $(sed -n 's/^#define ENABLE_FEATURE_NETSTAT_\([A-Z0-9_]*\) .*/\1/p' include/netstat_config.h); do
	sign=+
	[ -n "$config" ] && ! grep -qx "CONFIG_FEATURE_NETSTAT_$f=y" "$config" && sign=-
	want="$want $sign$f"
done
printf '%s\n%s\n' "$first" "$want" >"$WORK/version.want"
diff "$WORK/version.want" "$WORK/version.out" || fail "-V differs"
echo ok
