#!/bin/sh
# -p and -x on live sockets: in a private network namespace a helper
# process (and two children) hold known tcp, udp, raw and unix sockets;
# our netstat (reading the real /proc) and net-tools' must print the same
# `-tuwxanp`. In the fresh namespace every socket listed belongs to the
# helpers, so whole outputs are compared; the rows must also name the
# helpers, so a wrong program column cannot pass. The same run with -j
# must parse and hold the same rows, field for field.
#
# Big-endian builds (mips under qemu) read this little-endian kernel's
# /proc/net/tcp as their own byte order would have it written, so there
# only the unix table (-xanp) is compared; fixture cases cover the rest.
#
# It runs in its own PID namespace with its own /proc (tests/netns.sh,
# netns_pids=1). It failed once on mipsel under load while it shared the
# machine's: other processes' sockets (a parallel check's or benchmark's)
# filled -p's table, so ours printed "table full" and "-" where net-tools
# named the helper, and with pid_max 32768 the pids wrapped between the
# helper and its children, which then came first in /proc and owned the
# sockets they inherited. Both were reproduced here: four processes with
# 17 000 sockets each, and a wrap that happened by itself in that run.
# The waits are for events, with no time limit of their own
# (tests/waits.sh); the helpers live until they are killed.
set -u
[ "$(id -u)" = 0 ] || { echo "needs root"; exit 77; }
command -v python3 >/dev/null || { echo "needs python3"; exit 77; }
command -v netstat >/dev/null || { echo "needs net-tools netstat"; exit 77; }
[ "$(netstat -V 2>/dev/null | head -n 1)" = "net-tools 2.10" ] ||
	{ echo "needs net-tools 2.10"; exit 77; }
top=$(cd "$(dirname "$0")/../.." && pwd)
netns_work=live-progs netns_pids=1
. "$(dirname "$0")/../netns.sh"
. "$top/tests/waits.sh"

cat >"$work/helper.py" <<'EOF'
import os, signal, socket, sys, time
work = sys.argv[1]
if len(sys.argv) < 3:
    # a long absolute argv[0]: -p shows its base name, cut to 19 bytes
    os.execv(sys.executable, ["/opt/netstat-test/live-progs-helper",
                              __file__, work, "run"])
keep = []
def tcp_pair(port):
    srv = socket.socket(); srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", port)); srv.listen(4)
    c = socket.create_connection(("127.0.0.1", port)); a, _ = srv.accept()
    keep.extend([srv, c, a])
tcp_pair(7001)
l6 = socket.socket(socket.AF_INET6); l6.bind(("::1", 7002)); l6.listen(1); keep.append(l6)
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(("127.0.0.1", 7003)); keep.append(u)
uc = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); uc.connect(("127.0.0.1", 7003)); keep.append(uc)
keep.append(socket.socket(socket.AF_INET, socket.SOCK_RAW, 1))
base = os.path.join(work, "sock")
os.makedirs(base, exist_ok=True)
us = socket.socket(socket.AF_UNIX); us.bind(base + "/stream"); us.listen(4); keep.append(us)
ucl = socket.socket(socket.AF_UNIX); ucl.connect(base + "/stream"); keep.extend([ucl, us.accept()[0]])
keep.extend(socket.socketpair())
ud = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); ud.bind(base + "/dgram"); keep.append(ud)
ua = socket.socket(socket.AF_UNIX); ua.bind(b"\0netstat-live-progs"); ua.listen(1); keep.append(ua)
r, w = os.pipe()
kids = []
for name in ("first", "second"):
    kid = os.fork()
    if kid:
        kids.append(kid)
    else:
        # the children inherit every socket above: the parent, found
        # first in /proc, keeps them; each child has two of its own
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        own = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        t = socket.socket(); t.bind(("127.0.0.1", 7004 if name == "first" else 7005)); t.listen(1)
        os.write(w, b"x")
        while True:
            signal.pause()
def stop(*_):
    for kid in kids:
        os.kill(kid, signal.SIGKILL)
    os._exit(0)
signal.signal(signal.SIGTERM, stop)
os.read(r, 1); os.read(r, 1)
with open(os.path.join(work, "ready.tmp"), "w") as f:
    f.write(str(os.getpid()))
os.rename(os.path.join(work, "ready.tmp"), os.path.join(work, "ready"))
while True:
    signal.pause()
EOF

python3 "$work/helper.py" "$work" &
helper=$!
trap 'kill $helper 2>/dev/null' EXIT
wait_for $helper test -s "$work/ready" || { echo "helper did not start"; exit 1; }
pid=$(cat "$work/ready")

args=-tuwxanp
[ "${BIG_ENDIAN:-0}" = 1 ] && args=-xanp
netstat $args >"$work/want.out" 2>"$work/want.err"
echo $? >"$work/want.status"
# Under qemu-user a MIPS binary reads the build machine's socket type
# numbers, which a MIPS kernel prints the other way round (SOCK_STREAM 2,
# SOCK_DGRAM 1): it must read them as a MIPS kernel's.
if [ "${BIG_ENDIAN:-0}" = 1 ] || [ "${MIPSEL:-0}" = 1 ]; then
	sed -i -e 's/ STREAM     / @S@ /' -e 's/ DGRAM      / STREAM     /' \
		-e 's/ @S@ / DGRAM      /' "$work/want.out"
fi
# shellcheck disable=SC2086
env -u PROC_ROOT ${RUNNER:-} "$NETSTAT" $args >"$work/got.out" 2>"$work/got.err"
echo $? >"$work/got.status"

rc=0
for f in out err status; do
	if ! cmp -s "$work/want.$f" "$work/got.$f"; then
		echo "live-progs: $args: $f differs (net-tools <, ours >)"
		diff "$work/want.$f" "$work/got.$f" | head -40
		rc=1
	fi
done
# The rows must name the helper (7 unix and 7 inet sockets) and its
# children (2 unix and 1 inet socket each).
name=$(printf '%s/live-progs-helper' "$pid" | cut -c1-19)
mine=$(grep -cF " $name " "$work/got.out")
children=$(grep -vF " $name " "$work/got.out" | grep -c "/live-prog")
want_mine=7 want_children=4
[ "$args" = -tuwxanp ] && want_mine=14 want_children=6
if [ "$mine" != $want_mine ] || [ "$children" != $want_children ]; then
	echo "live-progs: $mine rows name $name (want $want_mine)," \
		"$children the children (want $want_children)"
	cat "$work/got.out"
	rc=1
fi
[ $rc = 0 ] && echo "live-progs: $args: same as net-tools, $mine + $children rows named"

# --json of the same moment: a valid document with every socket the text
# shows, field for field (the sockets are the helpers' and do not change).
{
	# shellcheck disable=SC2086
	env -u PROC_ROOT ${RUNNER:-} "$NETSTAT" ${args}j >"$work/got.json" 2>"$work/got.jerr"
	echo $? >"$work/got.jstatus"
	if ! cmp -s "$work/got.status" "$work/got.jstatus" || [ -s "$work/got.jerr" ]; then
		echo "live-progs: ${args}j: status $(cat "$work/got.jstatus"), stderr:"
		cat "$work/got.jerr"
		rc=1
	fi
	python3 - "$work/got.out" "$work/got.json" <<'PY' || rc=1
import json, re, sys
def no_dups(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("duplicate key")
    return dict(pairs)
TCP_STATES = ["", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2",
              "TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING"]
text = open(sys.argv[1]).read().splitlines()
doc = json.loads(open(sys.argv[2], encoding="utf-8").read(), object_pairs_hook=no_dups)
unix_re = re.compile(r"^(unix|\?\?)\s+(\d+)\s+\[ ([A-Z ]*)\]\s+(\S+)\s+"
                     r"(LISTENING|CONNECTED|CONNECTING|DISCONNECTING|UNKNOWN)?\s+"
                     r"(\d+|-)\s+(\S+)\s*(.*)$")
want_inet, want_unix = [], []
for line in text:
    m = unix_re.match(line)
    if m:
        want_unix.append((m[1], int(m[2]), m[3].split(), m[4], m[5] or None,
                          m[6], m[7], m[8] or None))
    elif line.split()[0] in ("tcp", "tcp6", "udp", "udp6", "raw", "raw6"):
        f = line.split()
        state = f[5] if len(f) == 7 else None
        if f[0].startswith("raw") and state:	# the kernel's TCP state numbers
            state = TCP_STATES[int(state)]
        want_inet.append((f[0], int(f[1]), int(f[2]), f[3], f[4], state, f[-1]))
def prog(r):
    return "-" if r["pid"] is None else "%d/%s" % (r["pid"], r["program_name"])
def end(a, p):
    return "%s:%s" % (a, p if p else "*")
# a raw socket's port column is its IP protocol (ip_protocol in JSON)
got_inet = [(r["proto"], r["recv_q"], r["send_q"],
             end(r["local_address"], r.get("ip_protocol", r["local_port"])),
             end(r["foreign_address"], r["foreign_port"]), r["state"], prog(r))
            for r in doc.get("inet", [])]
got_unix = [(r["proto"], r["refcnt"], r["flags"], r["type"], r["state"],
             str(r["inode"]), prog(r), r["path"]) for r in doc.get("unix", [])]
bad = 0
for name, want, got in (("inet", want_inet, got_inet), ("unix", want_unix, got_unix)):
    if want != got:
        bad = 1
        print("live-progs: --json %s rows differ from the text:" % name)
        for w, g in zip(want, got):
            if w != g:
                print("  text %r\n  json %r" % (w, g))
        if len(want) != len(got):
            print("  %d text rows, %d JSON rows" % (len(want), len(got)))
if not want_unix:
    bad = 1
    print("live-progs: no unix rows read from the text")
print("live-progs: --json: %d inet and %d unix rows, as the text" % (len(got_inet), len(got_unix)))
sys.exit(bad)
PY
}
exit $rc
