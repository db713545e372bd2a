#!/bin/sh
# Cases on the /proc/net captured from a real kernel by
# `SYSTEM_CAPTURE=1 make system` (tests/fixtures/system-GUEST, its ABI in
# .kernel): the views that a fixture can hold, expected output from
# net-tools 2.10 (tests/regen.sh reads the capture's x86 twin).
#
#   tests/system/capture-cases.sh GUEST...
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
for g in "$@"; do
	fx=tests/fixtures/system-$g
	[ -d "$fx/net" ] || { echo "capture-cases.sh: no $fx" >&2; exit 1; }
	for args in "-tuwan" "-xa" "-rn" "-rnee" "-r" "-rn6" "-gn" "-s" "-S -an"; do
		name=system-$g$(printf '%s' "$args" | tr -d ' ')
		dir=tests/cases/$name
		mkdir -p "$dir"
		printf '%s\n' "$args" >"$dir/args"
		ln -sfn "../../fixtures/system-$g" "$dir/proc"
		tests/regen.sh "$dir"
		# README's difference: net-tools cuts a unix path at its first
		# space; the scenario's stream socket has one
		if [ "$args" = -xa ]; then
			sed 's|/tmp/netstat$|/tmp/netstat test.sock|' "$dir/expected.stdout" >"$dir/ours.stdout"
			cmp -s "$dir/ours.stdout" "$dir/expected.stdout" && rm "$dir/ours.stdout"
			[ -f "$dir/ours.stdout" ] && cat >"$dir/why" <<'WHY'
The scenario's unix socket "/tmp/netstat test.sock" has a space in its
path: net-tools cuts the path at the first space, we print it whole
(README, "Differences from net-tools": a unix socket path with spaces).
WHY
		fi
	done
done
