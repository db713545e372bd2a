#!/bin/sh
# Builds Debian's BusyBox (1.35, upstream source, Debian patches not
# applied) as a static musl binary with one applet, netstat:
#
#   tests/busybox/build.sh TARGET [VARIANT [CONFIG]]
#
#   TARGET   x86_64 or mips (MIPS16e, soft-float, as our Makefile builds),
#            or fetch: only fetch the source (tests/toolchains.sh does)
#   VARIANT  ours (default): our netstat dropped in by dropin.sh, every
#            feature on, or the FEATURE_NETSTAT_* of CONFIG (a .config
#            fragment such as tests/configs/default.config);
#            theirs: BusyBox's own netstat (-W, -p and IPv6 on);
#            none: no netstat at all (allnoconfig with no applet)
#   BB_BASE  allnoconfig (default): netstat alone; defconfig: BusyBox's
#            defconfig (about 400 applets) with the variant's netstat, as
#            routers ship it (Debian's cross kernel headers come after
#            musl's, which has none; sleep without floats, as MIPS16
#            soft-float hangs in it)
#
# The configured tree is cached in .toolchains/busybox/VARIANT-TARGET[-CONFIG]
# (git-ignored); a second run rebuilds only what changed. Prints the path
# of the stripped binary on stdout.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
tc=${TOOLCHAIN_DIR:-$top/.toolchains}
cache=$tc/busybox
target=${1:?usage: build.sh TARGET [ours|theirs|none [CONFIG]]}
variant=${2:-ours}
config=${3:-}
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
say() { echo "busybox/build.sh: $*" >&2; }

case $target in
fetch) ;;
x86_64) cross= arch_cflags= ;;
mips) cross=mips-linux-gnu- arch_cflags="-msoft-float -march=24kc -mips16 -minterlink-mips16 -fno-pic -mno-abicalls" ;;
*) say "unknown target $target"; exit 2 ;;
esac
cc=$tc/$target/bin/musl-gcc
[ "$target" = fetch ] || [ -x "$cc" ] || { say "no musl toolchain for $target (run tests/toolchains.sh)"; exit 77; }

# The source, once: apt-get source with a deb-src entry, as for musl.
mkdir -p "$cache"
src=$(ls -d "$cache"/busybox-1.* 2>/dev/null | head -n 1 || true)
if [ -z "$src" ] || [ ! -f "$src/Makefile" ]; then
	"$top/tests/apt-source.sh" busybox "$cache" ||
		{ say "could not fetch the BusyBox source"; exit 77; }
	src=$(ls -d "$cache"/busybox-1.* 2>/dev/null | head -n 1)
	[ -f "$src/Makefile" ] || { say "no BusyBox source"; exit 77; }
fi

[ "$target" = fetch ] && exit 0	# tests/toolchains.sh: the source only

base=${BB_BASE:-allnoconfig}
case $base in allnoconfig) base_tag= ;; defconfig) base_tag=-defconfig ;; *) say "unknown BB_BASE $base"; exit 2 ;; esac
# A defconfig BusyBox keeps PIC and abicalls: without them (as our own
# static binary is built) its tar dies of SIGBUS and --install of SIGSEGV,
# with or without our applet. BB_MIPS16=0: plain MIPS32 code.
isa_tag=
if [ "$target" = mips ] && [ "$base" = defconfig ]; then
	arch_cflags="-msoft-float -march=24kc -mips16 -minterlink-mips16"
	if [ "${BB_MIPS16:-1}" = 0 ]; then
		arch_cflags="-msoft-float -march=24kc"
		isa_tag=-mips32
	fi
fi
tree=$cache/$variant-$target$base_tag$isa_tag${config:+-$(basename "$config" .config)}
[ -f "$tree/Makefile" ] || { rm -rf "$tree"; cp -a "$src" "$tree"; }
[ "$variant" = ours ] && "$top/tests/busybox/dropin.sh" "$tree" >/dev/null

# Kernel headers for defconfig's applets, and nothing else of glibc's
kheaders=$cache/kheaders-$target
if [ "$base" = defconfig ] && [ ! -d "$kheaders" ]; then
	case $target in
	x86_64) inc=/usr/include asm=/usr/include/x86_64-linux-gnu/asm ;;
	*) inc=/usr/${cross%-}/include; asm=$inc/asm ;;
	esac
	[ -d "$inc/linux" ] && [ -d "$asm" ] || { say "no kernel headers in $inc (linux-libc-dev)"; exit 77; }
	mkdir -p "$kheaders"
	for d in linux asm-generic mtd scsi rdma sound video xen drm misc; do
		[ -d "$inc/$d" ] && ln -s "$inc/$d" "$kheaders/$d"
	done
	ln -s "$asm" "$kheaders/asm"
fi

# The .config fragment: a static musl build of netstat and nothing else
# (allnoconfig leaves ash on: no shell; 32-bit musl needs LFS).
frag=$tree/.netstat-fragment
{
	echo "CONFIG_STATIC=y"
	echo "CONFIG_LFS=y"
	if [ "$base" = allnoconfig ]; then
		echo "# CONFIG_SH_IS_ASH is not set"
		echo "CONFIG_SH_IS_NONE=y"
		echo "# CONFIG_BASH_IS_ASH is not set"
		echo "CONFIG_BASH_IS_NONE=y"
		echo "CONFIG_EXTRA_CFLAGS=\"$arch_cflags\""
	else
		echo "# CONFIG_FLOAT_DURATION is not set"
		echo "CONFIG_EXTRA_CFLAGS=\"$arch_cflags -idirafter $kheaders\""
		[ "$variant" = none ] && echo "# CONFIG_NETSTAT is not set"
	fi
	echo "CONFIG_EXTRA_LDFLAGS=\"-Wl,--no-warn-mismatch\""
	case $variant in
	ours)
		echo "CONFIG_NETSTAT=y"
		echo "CONFIG_FEATURE_IPV6=y"
		echo "CONFIG_LONG_OPTS=y"
		echo "CONFIG_SHOW_USAGE=y"
		echo "CONFIG_FEATURE_VERBOSE_USAGE=y"	# as defconfig: the whole text
		if [ -n "$config" ]; then
			grep -E '^(CONFIG_FEATURE_NETSTAT_[A-Z0-9_]*=y|# CONFIG_FEATURE_NETSTAT_[A-Z0-9_]* is not set)$' "$config"
		else
			sed -n 's/^#define ENABLE_\(FEATURE_NETSTAT_[A-Z0-9_]*\) .*/CONFIG_\1=y/p' \
				"$top/include/netstat_config.h"
		fi ;;
	theirs)
		echo "CONFIG_NETSTAT=y"
		echo "CONFIG_FEATURE_IPV6=y"
		echo "CONFIG_FEATURE_NETSTAT_WIDE=y"
		echo "CONFIG_FEATURE_NETSTAT_PRG=y" ;;
	none) ;;
	*) say "unknown variant $variant"; exit 2 ;;
	esac
} >"$frag.new"

mk() { make -C "$tree" CC="$cc" CROSS_COMPILE="$cross" "$@"; }
log=$tree/.netstat-build.log
if ! cmp -s "$frag.new" "$frag" || [ ! -f "$tree/.config" ]; then
	say "configuring $variant-$target"
	mk "$base" >"$log" 2>&1 || { tail -n 20 "$log" >&2; exit 1; }
	sed 's/^# \(CONFIG_[A-Z0-9_]*\) is not set$/\1/; s/=.*//' "$frag.new" |
		while read -r sym; do
			sed -i -e "/^$sym=/d" -e "/^# $sym is not set\$/d" "$tree/.config"
		done
	cat "$frag.new" >>"$tree/.config"
	yes "" | mk oldconfig >>"$log" 2>&1 || { tail -n 20 "$log" >&2; exit 1; }
	# every line of the fragment must have survived oldconfig
	while IFS= read -r line; do
		grep -qxF "$line" "$tree/.config" ||
			{ say "oldconfig dropped '$line'"; exit 1; }
	done <"$frag.new"
	mv "$frag.new" "$frag"
else
	rm -f "$frag.new"
fi
say "building $variant-$target"
if ! mk -j"$(nproc)" busybox >"$log" 2>&1; then
	grep -E 'error|warning' "$log" | head -n 20 >&2
	tail -n 10 "$log" >&2
	exit 1
fi
# BusyBox's build warns but does not fail on warnings; ours must have none
if grep -E '^networking/netstat.*(warning|error)' "$log" >&2; then
	say "warnings in our sources"
	exit 1
fi
echo "$tree/busybox"
