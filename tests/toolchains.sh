#!/bin/sh
# Install and build everything the builds and tests need, on a fresh Debian 12.
# Idempotent: musl per target is cached under .toolchains/ (git-ignored).
# Usage: tests/toolchains.sh [target...]   (default: all six)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cache=${TOOLCHAIN_DIR:-$top/.toolchains}
all="x86_64 mips mipsel armhf armel aarch64"
targets=${*:-$all}

triple() {
	case $1 in
	x86_64) echo x86_64-linux-gnu ;;
	mips) echo mips-linux-gnu ;;
	mipsel) echo mipsel-linux-gnu ;;
	armhf) echo arm-linux-gnueabihf ;;
	armel) echo arm-linux-gnueabi ;;
	aarch64) echo aarch64-linux-gnu ;;
	*) echo "toolchains.sh: unknown target $1" >&2; exit 2 ;;
	esac
}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# builds: compilers; tests: the peers, qemu, namespaces, sanitizers, fuzzers
pkgs="gcc make libc6-dev dpkg-dev bzip2 xz-utils file qemu-user-static clang
 gcc-mips-linux-gnu gcc-mipsel-linux-gnu gcc-arm-linux-gnueabihf
 gcc-arm-linux-gnueabi gcc-aarch64-linux-gnu net-tools busybox-static toybox
 iproute2 util-linux valgrind libclang-rt-14-dev python3 netbase procps time
 strace nftables conntrack jc python3-jsonschema jq"
missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "toolchains.sh: installing$missing" >&2
	as_root apt-get update -qq >/dev/null
	DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq $missing >/dev/null
fi

mkdir -p "$cache"
src=$(ls -d "$cache"/musl-1.* 2>/dev/null | head -n 1 || true)
if [ -z "$src" ] || [ ! -f "$src/configure" ]; then
	"$top/tests/apt-source.sh" musl "$cache" || true
	src=$(ls -d "$cache"/musl-1.* 2>/dev/null | head -n 1)
	[ -f "$src/configure" ] || { echo "toolchains.sh: no musl source" >&2; exit 1; }
fi

for t in $targets; do
	prefix=$cache/$t
	[ -x "$prefix/bin/musl-gcc" ] && [ -f "$prefix/lib/libc.a" ] && continue
	tr=$(triple "$t")
	extra=
	case $t in mips|mipsel) extra=-msoft-float ;; esac
	build=$cache/build-$t
	rm -rf "$build"; mkdir -p "$build"
	echo "toolchains.sh: building musl for $t" >&2
	(cd "$build" && CC=$tr-gcc CFLAGS="-Os $extra" "$src/configure" \
		--target="$tr" --prefix="$prefix" --disable-shared \
		--enable-wrapper=gcc >/dev/null &&
		make -j"$(nproc)" >/dev/null && make install >/dev/null)
	rm -rf "$build"
done
# BusyBox's source for the in-tree build test (make check has no network)
TOOLCHAIN_DIR=$cache "$top/tests/busybox/build.sh" fetch
echo "toolchains.sh: ready in $cache" >&2
