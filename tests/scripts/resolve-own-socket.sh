#!/bin/sh
# native-only: reads the live UDP table of its namespace
# Our lookups' own socket to the nameserver is not a row of the UDP table
# (net-tools has closed its socket before it reads that table; a first
# run on a real MIPS kernel listed ours as `udp ... localhost:domain
# ESTABLISHED`), while another program's socket to the same nameserver is.
. "$(dirname "$0")/../resolve/lib.sh"
resolve_sandbox "$0" "$@"
mkdir -p "$WORK/own"
cd "$WORK/own" || exit 1
failures=0
ip addr add 10.98.7.1/32 dev lo	# not in hosts: a PTR question goes out
start_dnsd --zone "$rdir/ptr.zone" --log "$WORK/own/queries"
rm -f port
python3 -c '
import socket, sys, time
t = socket.socket(); t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
t.bind(("10.98.7.1", 7777)); t.listen()
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.connect(("127.0.0.1", 53))
open("port.tmp", "w").write("%d\n" % u.getsockname()[1])
import os; os.rename("port.tmp", "port")
time.sleep(30)' &
helper=$!
i=0
until [ -s port ]; do i=$((i + 1)); [ $i -lt 100 ] || break; sleep 0.05; done
port=$(cat port)
# shellcheck disable=SC2086
$RUNNER "$NETSTAT" -tua --numeric-ports >got.out 2>got.err
kill "$helper" 2>/dev/null
stop_dnsd
cat got.out
[ -s queries ] || { echo "FAIL: no question was sent, so no lookup socket was open"; failures=$((failures + 1)); }
rows=$(grep -c '^udp .*:53 .*ESTABLISHED' got.out)
[ "$rows" = 1 ] || { echo "FAIL: $rows rows to port 53, want 1 (the other program's)"; failures=$((failures + 1)); }
grep -q "^udp .*:$port .*:53 .*ESTABLISHED" got.out ||
	{ echo "FAIL: the other program's socket (port $port) is missing"; failures=$((failures + 1)); }
grep -q ':7777 ' got.out || { echo "FAIL: the TCP listener is missing"; failures=$((failures + 1)); }
[ $failures = 0 ]
