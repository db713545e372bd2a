#!/bin/sh
# -s -c on a live namespace against nstat (iproute2) around a known burst:
# netstat -s -c runs (rounds 50 ms apart) while 25 pings go to 127.0.0.1
# in a fresh network namespace, where nothing else moves a counter. nstat
# reads the kernel's counters before the burst and after it; ours must
# show exactly nstat's values before (first round) and after (last round,
# which began after nstat's second reading), never go down in between,
# and the difference must be the burst's: 25 echo requests and 25 replies
# each way, so 50 ICMP messages and 50 IP packets in and out.
set -u
netns_work=live-stats-rounds
. "$(dirname "$0")/../netns.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/waits.sh"
for tool in nstat python3; do
	command -v $tool >/dev/null || { echo "needs $tool (tests/toolchains.sh)"; exit 77; }
done
snapshot() { nstat -a -s -z -j >"$1"; }
rounds() { grep -c '^Ip:' "$work/rounds.out"; }

snapshot "$work/before.json"
NETSTAT_ROUND_MS=50 ${RUNNER:-} "$NETSTAT" -s -c >"$work/rounds.out" 2>"$work/rounds.err" &
pid=$!
wait_for $pid sh -c "[ \$(grep -c '^Ip:' '$work/rounds.out') -ge 2 ]" || { echo "FAIL: -s -c ended"; exit 1; }
python3 - <<'EOF' || { echo "FAIL: the pings were not all answered"; exit 1; }
import select, socket, struct, sys
def csum(b):
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    s = (s >> 16) + (s & 0xffff)
    return ~(s + (s >> 16)) & 0xffff
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
for seq in range(25):
    body = struct.pack("!BBHHH", 8, 0, 0, 99, seq) + b"x" * 56
    s.sendto(body[:2] + struct.pack("!H", csum(body)) + body[4:], ("127.0.0.1", 0))
replies = 0
while replies < 25 and select.select([s], [], [], 30)[0]:
    if s.recv(2048)[20] == 0:
        replies += 1
sys.exit(replies != 25)
EOF
snapshot "$work/after.json"
# two more rounds, so that the last one began after the second reading
n=$(rounds)
wait_for $pid sh -c "[ \$(grep -c '^Ip:' '$work/rounds.out') -ge $((n + 2)) ]"
kill -TERM $pid
wait $pid
status=$?
[ $status = 143 ] || { echo "FAIL: status $status after SIGTERM, want 143 (ended by it after a round)"; exit 1; }
[ ! -s "$work/rounds.err" ] || { echo "FAIL: stderr:"; cat "$work/rounds.err"; exit 1; }

python3 - "$work/rounds.out" "$work/before.json" "$work/after.json" <<'EOF'
import json, re, sys
out, before, after = sys.argv[1:4]
# our sentences (net-tools') and the kernel's names nstat gives them
SENTENCES = {
    ("Ip", None, "total packets received"): "IpInReceives",
    ("Ip", None, "incoming packets delivered"): "IpInDelivers",
    ("Ip", None, "requests sent out"): "IpOutRequests",
    ("Icmp", None, "ICMP messages received"): "IcmpInMsgs",
    ("Icmp", None, "ICMP messages sent"): "IcmpOutMsgs",
    ("Icmp", "input", "echo requests"): "IcmpInEchos",
    ("Icmp", "input", "echo replies"): "IcmpInEchoReps",
    ("Icmp", "output", "echo requests"): "IcmpOutEchos",
    ("Icmp", "output", "echo replies"): "IcmpOutEchoReps",
    ("IcmpMsg", None, "InType8"): "IcmpMsgInType8",
    ("IcmpMsg", None, "OutType0"): "IcmpMsgOutType0",
}
BURST = {"IpInReceives": 50, "IpInDelivers": 50, "IpOutRequests": 50, "IcmpInMsgs": 50,
         "IcmpOutMsgs": 50, "IcmpInEchos": 25, "IcmpInEchoReps": 25, "IcmpOutEchos": 25,
         "IcmpOutEchoReps": 25, "IcmpMsgInType8": 25, "IcmpMsgOutType0": 25}

def parse_rounds(text):
    rounds, cur, section, hist = [], None, None, None
    for line in text.splitlines():
        if line == "Ip:":
            cur = {}
            rounds.append(cur)
        m = re.match(r"^(\w+):$", line)
        if m:
            section, hist = m.group(1), None
            continue
        m = re.match(r"^ +ICMP (input|output) histogram:$", line)
        if m:
            hist = m.group(1)
            continue
        m = re.match(r"^ +(\d+) (.+)$", line)          # "    6 ICMP messages sent"
        if m and (section, None, m.group(2)) in SENTENCES:
            cur[SENTENCES[(section, None, m.group(2))]] = int(m.group(1))
            continue
        m = re.match(r"^ +([^:]+): (\d+)$", line)       # "        echo requests: 3"
        if m:
            key = (section, hist if section == "Icmp" else None, m.group(1).strip())
            if key in SENTENCES:
                cur[SENTENCES[key]] = int(m.group(2))
    return rounds

def kernel(path):
    k = json.load(open(path))["kernel"]
    # (IcmpMsg counters exist only once nonzero)
    return {n: k.get(n, 0) for n in BURST}

rounds = parse_rounds(open(out).read())
b, a = kernel(before), kernel(after)
bad = []
if len(rounds) < 4:
    bad.append("only %d rounds" % len(rounds))
for name in sorted(BURST):
    if a[name] - b[name] != BURST[name]:
        bad.append("nstat: %s grew by %d, the burst is %d" % (name, a[name] - b[name], BURST[name]))
    # a counter -s leaves out is zero (the histograms list what is not)
    seq = [r.get(name, 0) for r in rounds]
    if seq[0] != b[name]:
        bad.append("%s: first round %d, nstat before %d" % (name, seq[0], b[name]))
    if seq[-1] != a[name]:
        bad.append("%s: last round %d, nstat after %d" % (name, seq[-1], a[name]))
    if any(x > y for x, y in zip(seq, seq[1:])):
        bad.append("%s went down: %s" % (name, seq))
for p in bad:
    print("FAIL: " + p)
print("%d rounds; %s" % (len(rounds), ", ".join("%s %d->%d" % (n, b[n], a[n]) for n in sorted(BURST))))
sys.exit(1 if bad else 0)
EOF
