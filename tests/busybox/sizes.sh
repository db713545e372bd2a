#!/bin/sh
# BusyBox sizes: the same allnoconfig static musl BusyBox with no netstat,
# with BusyBox's own netstat (-W, -p, IPv6), and with ours in the minimal,
# default and full configurations, for x86_64 and mips: the stripped file
# (x86_64 files grow in 4 KB pages) and text+data of busybox_unstripped;
# then scripts/bloat-o-meter from BusyBox's netstat to our full one (its
# total counts our static buffers, which are bss and take no file space).
#
#   tests/busybox/sizes.sh [TARGET...]
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
mkdir -p build
printf '%-8s %-9s %8s %8s %8s %8s %8s\n' target size none theirs minimal default full
for t in ${*:-x86_64 mips}; do
	size=size
	[ "$t" = mips ] && size=mips-linux-gnu-size
	none=$(tests/busybox/build.sh "$t" none)
	theirs=$(tests/busybox/build.sh "$t" theirs)
	min=$(tests/busybox/build.sh "$t" ours tests/configs/minimal.config)
	def=$(tests/busybox/build.sh "$t" ours tests/configs/default.config)
	full=$(tests/busybox/build.sh "$t" ours)
	printf '%-8s %-9s' "$t" file
	for b in "$none" "$theirs" "$min" "$def" "$full"; do printf ' %8s' "$(wc -c <"$b")"; done
	printf '\n%-8s %-9s' "$t" text+data
	for b in "$none" "$theirs" "$min" "$def" "$full"; do
		printf ' %8s' "$("$size" "${b}_unstripped" | awk 'NR == 2 { print $1 + $2 }')"
	done
	echo
	echo "bloat-o-meter $t: BusyBox's netstat -> ours (full)" >"build/busybox-bloat-$t.txt"
	python3 "${theirs%/busybox}/scripts/bloat-o-meter" "${theirs}_unstripped" "${full}_unstripped" \
		>>"build/busybox-bloat-$t.txt" 2>&1 || true
done
for t in ${*:-x86_64 mips}; do
	sed -n '1p;/Total:/p' "build/busybox-bloat-$t.txt"
done
