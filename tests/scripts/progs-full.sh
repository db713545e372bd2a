#!/bin/sh
# -p with more than the map holds (4096 processes with sockets, 65536
# sockets): a generated fixture (too big to keep in git) of unix sockets,
# one per process for 4200 processes, then one process with 66000. We
# differ from net-tools on purpose: it has no limit, we keep a fixed table,
# show "-" for what does not fit and say so once on stderr. Every other
# byte must be what net-tools prints, and the "-" rows exactly the
# overflow (which ones depends on directory order).
set -u
[ "$(id -u)" = 0 ] || { echo "needs root"; exit 77; }
[ "$(netstat -V 2>/dev/null | head -n 1)" = "net-tools 2.10" ] ||
	{ echo "needs net-tools 2.10"; exit 77; }
top=$(cd "$(dirname "$0")/../.." && pwd)
work=${WORK:-/tmp}/progs-full
rm -rf "$work"
mkdir -p "$work"
rc=0
warning="netstat: -p: table full, some sockets show \"-\""

# check NAME OVERFLOW: ours against net-tools on $work/NAME
check() {
	fx=$work/$1
	"$top/tests/replay.sh" "$fx" "$top/tests/etc" netstat -xap \
		>"$fx.want" 2>"$fx.want.err"
	ours_fx=$fx
	# MIPS numbers socket types its own way (tests/bswap.py)
	if [ "${BIG_ENDIAN:-0}" = 1 ] || [ "${MIPSEL:-0}" = 1 ]; then
		ours_fx=$fx-mips
		flag=; [ "${MIPSEL:-0}" = 1 ] && flag=--mipsel
		python3 "$top/tests/bswap.py" $flag "$fx" "$ours_fx" || exit 1
	fi
	# shellcheck disable=SC2086
	PROC_ROOT=$ours_fx ${RUNNER:-} "$NETSTAT" -xap >"$fx.got" 2>"$fx.got.err"
	python3 - "$fx" "$2" <<'EOF' || rc=1
import sys
fx, overflow = sys.argv[1], int(sys.argv[2])
want = open(fx + ".want").read().split("\n")
got = open(fx + ".got").read().split("\n")
if len(want) != len(got):
    sys.exit("progs-full: %s: %d lines, net-tools %d" % (fx, len(got), len(want)))
dashes = 0
for w, g in zip(want, got):
    if w == g:
        continue
    # the same row with "-" in the program column (width 20 at 59)
    if g[:59] == w[:59] and g[59:80] == "-" + " " * 20 and w[80:] == g[80:] \
            and w[59:80].strip() != "-":
        dashes += 1
        continue
    sys.exit("progs-full: %s:\n- %s\n+ %s" % (fx, w, g))
if dashes != overflow:
    sys.exit("progs-full: %s: %d rows show \"-\", want %d" % (fx, dashes, overflow))
print("progs-full: %s: %d rows over the limit show \"-\"" % (fx, dashes))
EOF
	if [ "$(cat "$fx.got.err")" != "$warning" ] || [ -s "$fx.want.err" ]; then
		echo "progs-full: $1: stderr:"
		cat "$fx.got.err"
		rc=1
	fi
}

python3 - "$work" <<'EOF'
import os, sys
work = sys.argv[1]
H = "Num       RefCount Protocol Flags    Type St Inode Path\n"
def row(inode):
    return "0000000000000000: 00000002 00000000 00000000 0002 01 %5d /run/s%d\n" % (inode, inode)
# 4200 processes, one socket each
fx = os.path.join(work, "procs")
os.makedirs(fx + "/net")
with open(fx + "/net/unix", "w") as f:
    f.write(H)
    for i in range(4200):
        f.write(row(100000 + i))
        pid = str(1000 + i)
        os.makedirs(os.path.join(fx, pid, "fd"))
        open(os.path.join(fx, pid, "cmdline"), "wb").write(b"/usr/bin/daemon\0")
        os.symlink("socket:[%d]" % (100000 + i), os.path.join(fx, pid, "fd", "3"))
# one process with 66000 sockets
fx = os.path.join(work, "sockets")
os.makedirs(fx + "/net")
os.makedirs(fx + "/42/fd")
open(fx + "/42/cmdline", "wb").write(b"/usr/sbin/busy\0")
with open(fx + "/net/unix", "w") as f:
    f.write(H)
    for i in range(66000):
        f.write(row(200000 + i))
        os.symlink("socket:[%d]" % (200000 + i), "%s/42/fd/%d" % (fx, i + 3))
EOF
check procs $((4200 - 4096))
check sockets $((66000 - 65536))
exit $rc
