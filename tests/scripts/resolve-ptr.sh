#!/bin/sh
# Host names by reverse DNS: a test server that answers PTR questions
# (tests/resolve/ptr.zone: CNAME chains, names glibc rejects, long names,
# NXDOMAIN, SERVFAIL, v4-mapped addresses). Our output must equal
# net-tools' against the same server, each address must be asked once,
# and a nameserver that refuses or one reached over IPv6 changes nothing.
. "$(dirname "$0")/../resolve/lib.sh"
resolve_sandbox "$0" "$@"
need_net_tools
mkdir -p "$WORK/ptr"
cd "$WORK/ptr" || exit 1
fx=$top/tests/fixtures/resolve
start_dnsd --zone "$rdir/ptr.zone" --log "$WORK/ptr/queries"
for args in -tuaW -tua -tuae -ta6 -tua4; do
	net_tools $args >want.out 2>want.err
	: >"$WORK/ptr/queries"
	ours "$fx" $args >got.out 2>got.err
	same_output "netstat $args" want.out want.err got.out got.err
done
# -4: every address once (the log has one line per question)
ours "$fx" -tuaW4 >/dev/null 2>&1
: >"$WORK/ptr/queries"
ours "$fx" -tuaW4 >/dev/null 2>&1
dup=$(sort "$WORK/ptr/queries" | uniq -d)
[ -z "$dup" ] && [ -s "$WORK/ptr/queries" ] || {
	echo "FAIL: asked more than once: $dup"; failures=$((failures + 1)); }
# -n asks nothing
: >"$WORK/ptr/queries"
ours "$fx" -tuan >/dev/null 2>&1
[ -s "$WORK/ptr/queries" ] && { echo "FAIL: -n asked DNS"; failures=$((failures + 1)); }
# -f (classic): foreign names resolved and whole even with -n, against
# the resolver's own answers: glibc asked here, in this sandbox (the same
# hosts file and server), as net-tools asks it (gethostbyaddr for IPv4,
# getnameinfo for IPv6 and v4-mapped addresses), with net-tools' 128-byte
# buffers (an IPv6 name that does not fit is no name, an IPv4 name and
# its port are cut to 127 bytes)
ours "$fx" -tan >num.out 2>num.err
ours "$fx" -tanf >got.out 2>got.err
python3 - num.out got.out <<'EOF' || failures=$((failures + 1))
import socket, sys
num = open(sys.argv[1]).read().splitlines()[2:]
got = open(sys.argv[2]).read().splitlines()[2:]
bad = named = 0
if len(num) != len(got):
    sys.exit("FAIL: -f: %d rows, -n %d" % (len(got), len(num)))
for n, g in zip(num, got):
    nf, gf = n.split(), g.split()
    if nf[:4] != gf[:4] or nf[5:] != gf[5:]:
        print("FAIL: -f changed more than the foreign column:\n  %s\n  %s" % (n, g)); bad += 1
        continue
    addr, _, port = nf[4].rpartition(":")
    v6 = nf[0].endswith("6")
    if addr in ("0.0.0.0", "::"):
        want = ("[::]" if addr == "::" else addr) + ":" + port
    else:
        name = None
        try:
            if v6:
                query = addr if ":" in addr else "::ffff:" + addr
                name = socket.getnameinfo((query, 0, 0, 0), socket.NI_NAMEREQD)[0]
                if len(name) >= 128:
                    name = None
            else:
                name = socket.gethostbyaddr(addr)[0]
        except OSError:
            pass
        want = ((name or addr) + ":" + port)[:127]
        named += name is not None
    if gf[4] != want:
        print("FAIL: -f: foreign %s, the resolver says %s (%s)" % (gf[4], want, nf[4])); bad += 1
print("-f: %d rows, %d foreign names as the resolver gives them" % (len(got), named))
sys.exit(1 if bad or not named else 0)
EOF
[ -s got.err ] && { echo "FAIL: -f: stderr $(cat got.err)"; failures=$((failures + 1)); }
net_tools -tuaW >want.out 2>want.err
# a first nameserver that refuses is dropped; the second answers
use_resolv_conf "nameserver 127.0.0.2" "nameserver 127.0.0.1"
ours "$fx" -tuaW >got.out 2>got.err
same_output "refusing first server" want.out want.err got.out got.err
stop_dnsd
# the server on ::1
start_dnsd --zone "$rdir/ptr.zone" --addr ::1
use_resolv_conf "nameserver ::1"
ours "$fx" -tuaW >got.out 2>got.err
same_output "server on ::1" want.out want.err got.out got.err
finish
