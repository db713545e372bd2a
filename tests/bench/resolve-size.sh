#!/bin/sh
# What naming an address and a port costs, per target: a probe built with
# the project's flags (as the Makefile sets them) three ways, stripped
# static bytes: numeric only, + musl's getnameinfo/getservbyport, + our
# names.c/resolv.c. Prints the two increments.
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
out=build/resolve-size
make -s build/gen/usage.h || exit 1
mkdir -p "$out"
cflags="-std=c11 -D_GNU_SOURCE -Iinclude -Ibuild/gen -Os -ffunction-sections -fdata-sections
	-fno-asynchronous-unwind-tables -fno-unwind-tables -fno-stack-protector -fno-ident
	-fomit-frame-pointer"
ldflags="-static -Wl,--gc-sections -s -Wl,-z,noseparate-code -Wl,--build-id=none
	-Wl,-z,norelro -Wl,-z,max-page-size=4096 -Wl,--no-warn-mismatch"
printf '%-8s %9s %12s %12s\n' target numeric +getnameinfo +ours
for t in ${*:-x86_64 mips mipsel armhf armel aarch64}; do
	case $t in
	mips|mipsel) arch="-msoft-float -march=24kc -mips16 -minterlink-mips16" ;;
	armel) arch="-march=armv5te -mthumb -mthumb-interwork" ;;
	armhf) arch="-mthumb" ;;
	*) arch= ;;
	esac
	cc=.toolchains/$t/bin/musl-gcc
	[ -x "$cc" ] || { echo "$t: no toolchain"; continue; }
	for p in 0 1 2; do
		# shellcheck disable=SC2086
		$cc $cflags $arch -DPROBE=$p -o "$out/$t-$p" tests/bench/resolve-probe.c \
			applet/io.c applet/fmt.c applet/seam.c applet/names.c applet/resolv.c $ldflags || exit 1
	done
	s0=$(wc -c <"$out/$t-0") s1=$(wc -c <"$out/$t-1") s2=$(wc -c <"$out/$t-2")
	printf '%-8s %9d %12d %12d\n' "$t" "$s0" $((s1 - s0)) $((s2 - s0))
done
