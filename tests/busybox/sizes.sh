#!/bin/sh
# What netstat costs inside a BusyBox as routers ship it: BusyBox 1.35's
# defconfig (about 400 applets, static musl, Debian's cross kernel headers
# for the applets that need them) with no netstat, with BusyBox's own
# (-W, -p, IPv6), and with ours in the minimal, default and full
# configurations, for x86_64 and mips (MIPS16e, BusyBox's own PIC). For each:
# text+data and .bss of busybox_unstripped, then what each netstat adds
# over none. BB_BASE=allnoconfig gives the netstat-only binaries instead
# (a footnote: no router runs BusyBox with one applet).
#
#   tests/busybox/sizes.sh [TARGET...]
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
mkdir -p build
export BB_BASE=${BB_BASE:-defconfig}
echo "BusyBox 1.35, $BB_BASE, static musl: bytes (added over none)"
printf '%-8s %-9s %16s %16s %16s %16s %16s\n' target section none theirs "ours minimal" "ours default" "ours full"
for t in ${*:-x86_64 mips}; do
	size=size
	[ "$t" = mips ] && size=mips-linux-gnu-size
	none=$(tests/busybox/build.sh "$t" none)
	theirs=$(tests/busybox/build.sh "$t" theirs)
	min=$(tests/busybox/build.sh "$t" ours tests/configs/minimal.config)
	def=$(tests/busybox/build.sh "$t" ours tests/configs/default.config)
	full=$(tests/busybox/build.sh "$t" ours)
	for section in text+data bss; do
		printf '%-8s %-9s' "$t" "$section"
		base=
		for b in "$none" "$theirs" "$min" "$def" "$full"; do
			v=$("$size" "${b}_unstripped" | awk -v s="$section" 'NR == 2 { print s == "bss" ? $3 : $1 + $2 }')
			if [ -z "$base" ]; then
				base=$v
				printf ' %16s' "$v"
			else
				printf ' %16s' "$v (+$((v - base)))"
			fi
		done
		echo
	done
	echo "bloat-o-meter $t: BusyBox's netstat -> ours (full)" >"build/busybox-bloat-$t.txt"
	python3 "${theirs%/busybox}/scripts/bloat-o-meter" "${theirs}_unstripped" "${full}_unstripped" \
		>>"build/busybox-bloat-$t.txt" 2>&1 || true
done
