#!/bin/sh
# BusyBox sizes: the same allnoconfig static musl BusyBox with no netstat,
# with BusyBox's own netstat (-W, -p, IPv6), and with ours in the minimal,
# default and full configurations, for x86_64 and mips; then
# scripts/bloat-o-meter between BusyBox's netstat and our full one.
#
#   tests/busybox/sizes.sh [TARGET...]
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
printf '%-8s %8s %8s %8s %8s %8s\n' target none theirs minimal default full
for t in ${*:-x86_64 mips}; do
	none=$(tests/busybox/build.sh "$t" none)
	theirs=$(tests/busybox/build.sh "$t" theirs)
	min=$(tests/busybox/build.sh "$t" ours tests/configs/minimal.config)
	def=$(tests/busybox/build.sh "$t" ours tests/configs/default.config)
	full=$(tests/busybox/build.sh "$t" ours)
	printf '%-8s %8s %8s %8s %8s %8s\n' "$t" "$(wc -c <"$none")" "$(wc -c <"$theirs")" \
		"$(wc -c <"$min")" "$(wc -c <"$def")" "$(wc -c <"$full")"
	echo "bloat-o-meter $t: BusyBox's netstat -> ours (full)" >"build/busybox-bloat-$t.txt"
	python3 "${theirs%/busybox}/scripts/bloat-o-meter" "${theirs}_unstripped" "${full}_unstripped" \
		>>"build/busybox-bloat-$t.txt" 2>&1 || true
done
for t in ${*:-x86_64 mips}; do
	sed -n '1,3p;/^Total/p' "build/busybox-bloat-$t.txt"
done
