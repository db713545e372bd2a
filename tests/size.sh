#!/bin/sh
# make size: build every target and print "<target> <bytes>" for each
# stripped static binary; fail if any is 65536 bytes or more.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
limit=65536 rc=0
mkdir -p build
for t in ${*:-x86_64 mips mipsel armhf armel aarch64}; do
	if ! make -s TARGET="$t" ${CONFIG:+CONFIG="$CONFIG"} >/dev/null 2>build/size-$t.log; then
		echo "$t build-failed"; cat build/size-$t.log; rc=1; continue
	fi
	bin=build/$t${CONFIG:+-$(basename "$CONFIG")}/netstat
	bytes=$(wc -c <"$bin")
	echo "$t $bytes"
	[ "$bytes" -lt $limit ] || rc=1
done
exit $rc
