#!/bin/sh
# native-only: reads the live conntrack table (qemu-user has no ctnetlink)
# timeout: 600
# -K (conntrack pressure) against conntrack-tools and the files it reads:
# - on a PROC_ROOT copy (tests/fixtures/conntrack-pressure): every number
#   against the same sums taken here from its files; its text against its
#   JSON; a second round after the kernel's drop counters grew warns of
#   it; bad lines are said with their file and line;
# - live, in a private namespace whose table holds ENTRIES connections
#   loaded as tests/bench/ct-load.py loads them (65 536 by default):
#   count = conntrack -C, max = nf_conntrack_max, the per-CPU counters =
#   conntrack -S summed, protocols, TCP states and the top inside hosts =
#   conntrack -L -o extended grouped here; the same over the ctnetlink
#   fallback (a /proc without net/, /proc/sys kept).
# (-K with accounting on live NAT flows: live-nat.sh.)
netns_work=live-pressure; . "$(dirname "$0")/../netns.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/waits.sh"
command -v conntrack >/dev/null || { echo "needs conntrack (tests/toolchains.sh installs it)"; exit 77; }
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
check=$top/tests/diagcheck.py

# ---- the fixture ----
fx=$top/tests/fixtures/conntrack-pressure
PROC_ROOT=$fx "$NETSTAT" -K -n -j >"$work/fx.json" 2>"$work/fx.err" || fail "-K -n -j on the fixture: status $?"
PROC_ROOT=$fx "$NETSTAT" -K -n >"$work/fx.txt" 2>>"$work/fx.err" || fail "-K -n on the fixture: status $?"
[ -s "$work/fx.err" ] && fail "-K on the fixture said: $(cat "$work/fx.err")"
python3 "$check" pressure-fixture "$fx" "$work/fx.json" || fail "-K -j against the fixture's files"
# the text says what the JSON says
python3 - "$work/fx.txt" "$work/fx.json" <<'EOF' || fail "-K text and JSON differ"
import json, re, sys
text = open(sys.argv[1]).read()
ours = json.load(open(sys.argv[2]))["conntrack"]
bad = []
head = re.search(r"^Conntrack table: (\d+) of (\d+) entries, (\d+)% full, (\d+) listed$", text, re.M)
if not head or [int(x) for x in head.groups()] != [ours["count"], ours["max"],
                                                    ours["count"] * 100 // ours["max"], ours["listed"]]:
    bad.append("head line")
if ours["full"] != ("Warning: the table is full" in text):
    bad.append("full warning")
for k, v in ours["lost"].items():
    if v and "Warning: %s %d so far" % (k, v) not in text:
        bad.append("lost " + k)

def listing(title):
    m = re.search("^" + title + ":(.*(?:\n    .*)*)", text, re.M)
    return {k: int(v) for k, v in (x.strip().rsplit(" ", 1) for x in m.group(1).split(",") if x.strip())} if m else None
for title, key in (("Counters \\(all CPUs\\)", "stats"), ("Entries by protocol", "protocols"),
                   ("TCP entries by state", "tcp_states")):
    if listing(title) != {k: v for k, v in ours[key].items()}:
        bad.append(key)
rows = re.findall(r"^(\S+) +(\d+) +(\d+|-)$", text, re.M)
want = [(h["address"], str(h["entries"]), str(h["bytes"])) for h in ours["hosts"] + ours["hosts_by_bytes"]]
if rows != want:
    bad.append("host rows")
o = ours["others"]
if "Others: %d hosts, %d entries, %d bytes" % (o["hosts"], o["entries"], o["bytes"]) not in text:
    bad.append("others")
print("\n".join(bad))
sys.exit(bool(bad))
EOF
# a second round after the counters grew: "drop +2" and JSON lost.drop 2
cp -r "$fx" "$work/grow"
NETSTAT_ROUND_MS=100 PROC_ROOT=$work/grow "$NETSTAT" -K -n -j -c >"$work/grow.jsonl" 2>"$work/grow.err" &
ours=$!
lines() { [ "$(grep -c . "$1")" -ge "$2" ]; }
wait_for $ours lines "$work/grow.jsonl" 1
# drop +2 on the first CPU (column 11)
python3 -c 'import sys
lines = open(sys.argv[1]).read().splitlines()
w = lines[1].split(); w[10] = "%08x" % (int(w[10], 16) + 2); lines[1] = " ".join(w)
print("\n".join(lines))' "$fx/net/stat/nf_conntrack" >"$work/stat.new"
mv "$work/stat.new" "$work/grow/net/stat/nf_conntrack"
have=$(grep -c . "$work/grow.jsonl")
wait_for $ours lines "$work/grow.jsonl" $((have + 2))
kill $ours 2>/dev/null; wait $ours 2>/dev/null
python3 - "$work/grow.jsonl" <<'EOF' || fail "-K -c: the second round's lost is not drop 2"
import json, sys
docs = [json.loads(l)["conntrack"] for l in open(sys.argv[1]) if l.strip()]
grew = [d["lost"] for d in docs[1:]]
# the table did not change: each round counts the same hosts
if any(d["hosts"] != docs[0]["hosts"] or d["others"] != docs[0]["others"] for d in docs):
    sys.exit("the rounds count different hosts")
# one round saw the drop counter grow by 2, the rest by nothing
sys.exit(sorted(g["drop"] for g in grew)[-1] != 2 or sum(g["drop"] for g in grew) != 2 or
         any(g["early_drop"] or g["insert_failed"] for g in grew))
EOF
NETSTAT_ROUND_MS=100 PROC_ROOT=$fx "$NETSTAT" -K -n -c >"$work/quiet.txt" 2>&1 &
ours=$!
titled() { [ "$(grep -c '^Conntrack table' "$1")" -ge "$2" ]; }
wait_for $ours titled "$work/quiet.txt" 2
kill $ours 2>/dev/null; wait $ours 2>/dev/null
# round 1 warns of what the counters hold so far; a round after with no
# growth does not
awk '/^Conntrack table/ { n++ } n == 2' "$work/quiet.txt" | grep -q 'so far\|since the last round' &&
	fail "-K -c: a later round without growth warns"
grep -q '^Warning: drop 11 so far$' "$work/quiet.txt" || fail "-K: the first round does not warn of drop 11"
# bad input: the line and the file named, the rest still shown
cp -r "$fx" "$work/bad"
printf '0000012c  00000001 zz\n' >>"$work/bad/net/stat/nf_conntrack"
echo 'lots' >"$work/bad/sys/net/netfilter/nf_conntrack_max"
PROC_ROOT=$work/bad "$NETSTAT" -K -n >"$work/bad.out" 2>"$work/bad.err"
rc=$?
[ $rc = 1 ] || fail "-K on bad files: status $rc, want 1"
grep -qx "netstat: $work/bad/net/stat/nf_conntrack: line 6: bad field" "$work/bad.err" ||
	fail "-K: no message for the bad stat line: $(cat "$work/bad.err")"
grep -qx "netstat: $work/bad/sys/net/netfilter/nf_conntrack_max: line 1: bad field" "$work/bad.err" ||
	fail "-K: no message for the bad maximum: $(cat "$work/bad.err")"
grep -q '^Conntrack table: 300 of - entries' "$work/bad.out" || fail "-K: bad maximum not shown as -"
grep -q '^Inside hosts, most bytes' "$work/bad.out" || fail "-K: the rest not shown after bad lines"
rm -r "$work/bad/net/stat"
PROC_ROOT=$work/bad "$NETSTAT" -K -n -j >"$work/nostat.json" 2>/dev/null
python3 -c 'import json, sys; c = json.load(open(sys.argv[1]))["conntrack"]; sys.exit("stats" in c or c["max"] is not None)' \
	"$work/nostat.json" || fail "-K without stat/nf_conntrack: stats shown, or max not null"

# ---- live ----
n=${PRESSURE_ENTRIES:-65536}
python3 "$top/tests/bench/conntrack-gen.py" "$work/gen" "$n" || exit 1
# timeouts of a day: no entry ends between our reading and conntrack's
python3 - "$work/gen/net/nf_conntrack" <<'EOF' || exit 1
import sys
path = sys.argv[1]
out = []
for line in open(path):
    w = line.split(" ")
    f = [i for i, x in enumerate(w) if x]
    w[f[4]] = "86400"
    out.append(" ".join(w))
open(path, "w").write("".join(out))
EOF
loaded=$(python3 "$top/tests/bench/ct-load.py" "$work/gen/net/nf_conntrack") || { fail "ct-load.py"; loaded=0; }
[ "$loaded" -ge $((n * 9 / 10)) ] || fail "only $loaded of $n entries loaded"
# /proc without net/ (the ctnetlink fallback), /proc/sys kept
no_procfs_net() {
	unshare -m sh -c 'keep=$(mktemp -d) && mount --rbind /proc/sys "$keep" &&
		mount -t tmpfs none /proc && mkdir /proc/net /proc/sys && mount --rbind "$keep" /proc/sys &&
		exec "$@"' sh "$@"
}
no_procfs_net sh -c '! [ -e /proc/net/nf_conntrack ] && [ -e /proc/sys/net/netfilter/nf_conntrack_max ]' ||
	fail "no_procfs_net does not hide net/ or keep sys/"
for via in "" no_procfs_net; do
	ok=0
	for try in 1 2 3; do
		$via "$NETSTAT" -K -n -j >"$work/live.json" 2>"$work/live.err"
		{ conntrack -L -f ipv4 -o extended; conntrack -L -f ipv6 -o extended; } >"$work/live.table" 2>/dev/null
		conntrack -S >"$work/live.stats" 2>/dev/null
		count=$(conntrack -C 2>/dev/null)
		max=$(cat /proc/sys/net/netfilter/nf_conntrack_max)
		nostats=
		[ -n "$via" ] && nostats=--no-stats
		# (a timer may end an entry between the readings: taken again)
		if [ ! -s "$work/live.err" ] && python3 "$check" pressure "$work/live.json" "$work/live.table" \
			"$work/live.stats" "$count" "$max" $nostats >"$work/live.problems"; then
			ok=1
			break
		fi
	done
	[ $ok = 1 ] || { fail "-K ${via:-procfs} against conntrack -L/-S/-C:"; head -n 20 "$work/live.problems" "$work/live.err"; }
done
/usr/bin/python3 "$check" schema "$work/fx.json" "$work/grow.jsonl" "$work/nostat.json" "$work/live.json" ||
	fail "-K: JSON not as include/netstat.schema.json says"
echo "-K on $loaded live entries:"
"$NETSTAT" -K -n | head -n 20
[ $failures = 0 ]
