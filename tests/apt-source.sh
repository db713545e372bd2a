#!/bin/sh
# Unpacks the upstream source of a Debian package (without Debian's
# patches; with them when DEBIAN_PATCHES=1) into DIR, adding a deb-src
# entry for bookworm if there is none.
#   tests/apt-source.sh PACKAGE DIR     (used by toolchains.sh, busybox/build.sh,
#                                        system/run.sh)
set -eu
pkg=$1 dir=$2
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if ! grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ /etc/apt/sources.list 2>/dev/null &&
   ! grep -qs '^deb-src' /etc/apt/sources.list 2>/dev/null; then
	printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: bookworm\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' |
		as_root tee /etc/apt/sources.list.d/netstat-deb-src.sources >/dev/null
	as_root apt-get update -qq >/dev/null
fi
mkdir -p "$dir"
cd "$dir"
apt-get source -qq --download-only "$pkg" >/dev/null 2>&1
if [ "${DEBIAN_PATCHES:-}" = 1 ]; then
	dpkg-source -x "${pkg}"_*.dsc >/dev/null 2>&1 || true
else
	dpkg-source -x --skip-patches "${pkg}"_*.dsc >/dev/null 2>&1 || true
fi
