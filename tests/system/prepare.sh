#!/bin/sh
# Host packages and foreign architectures for `make system` (idempotent):
# qemu-system for MIPS and ARM, what builds the big-endian kernel and
# net-tools, and apt's lists for mipsel, armhf and arm64, from which
# tests/system/run.sh downloads Debian's kernels, BusyBox and net-tools.
set -eu
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
pkgs="qemu-system-mips qemu-system-arm cpio gzip kmod linux-source-6.1 flex bison bc
 libssl-dev libelf-dev python3 dpkg-dev gcc-mips-linux-gnu libc6-dev-mips-cross"
update=0
for a in mipsel armhf arm64; do
	dpkg --print-foreign-architectures | grep -qx "$a" || { as_root dpkg --add-architecture "$a"; update=1; }
done
missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done
[ -n "$missing" ] && update=1
# apt's lists must know the foreign packages and the deb-src entry
apt-cache show net-tools:arm64 >/dev/null 2>&1 || update=1
if [ $update = 1 ]; then
	# a mirror caught mid-sync fails an index once in a while: try again
	for try in 1 2 3; do
		as_root apt-get update -qq >/dev/null && break
		[ $try = 3 ] && exit 1
		sleep 20
	done
fi
if [ -n "$missing" ]; then
	echo "prepare.sh: installing$missing" >&2
	DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
