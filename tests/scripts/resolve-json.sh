#!/bin/sh
# JSON's rule for names (README, "Machine-readable output"): a name key is
# null when the lookup found no name, and absent when the lookup was not
# made because the run's time budget was spent. Against a nameserver that
# answers (NXDOMAIN for most, PTR for some): every address has its
# *_address_name key, a name or null, as the text shows it. Against one
# that never answers: stderr says lookups were cut short, and the
# addresses no answer came for have no *_address_name key; localhost,
# named by /etc/hosts, still has its name.
. "$(dirname "$0")/../resolve/lib.sh"
resolve_sandbox "$0" "$@"
mkdir -p "$WORK/json"
cd "$WORK/json" || exit 1
fx=$top/tests/fixtures/resolve
check() {	# WHAT DOC MODE: MODE answered or cut
	/usr/bin/python3 - "$1" "$2" "$3" <<'PY' || failures=$((failures + 1))
import json, sys
what, path, mode = sys.argv[1:]
doc = json.load(open(path))
rows = doc["inet"]
bad = []
keys = 0
for r in rows:
    for side in ("local", "foreign"):
        k = side + "_address_name"
        addr = r[side + "_address"]
        zero = addr in ("0.0.0.0", "::")
        if k in r:
            keys += 1
            if zero and r[k] is not None:
                bad.append("%s: %s named %r" % (addr, k, r[k]))
        elif mode == "answered" or zero or (addr, r["network_protocol"]) in (("127.0.0.1", "ipv4"), ("::1", "ipv6")):
            bad.append("%s: no %s" % (addr, k))
named = [r["local_address_name"] for r in rows if r["local_address"] == "127.0.0.1"]
if named and named[0] != "localhost":
    bad.append("127.0.0.1 is %r, not localhost (/etc/hosts)" % named[0])
if mode == "cut" and keys == 2 * len(rows):
    bad.append("every address has its name key: nothing was cut short")
if mode == "answered" and not any(r.get("foreign_address_name") for r in rows):
    bad.append("no address got a name from the server")
for b in bad:
    print("FAIL: %s: %s" % (what, b))
print("%s: %d rows, %d name keys" % (what, len(rows), keys))
sys.exit(1 if bad else 0)
PY
}
start_dnsd --zone "$rdir/ptr.zone"
ours "$fx" -tuaj >answered.json 2>answered.err
[ -s answered.err ] && { echo "FAIL: answered: stderr $(cat answered.err)"; failures=$((failures + 1)); }
check answered answered.json answered
stop_dnsd
start_dnsd --zone "$rdir/ptr.zone" --silent
ours "$fx" -tuaj >cut.json 2>cut.err
grep -qx "netstat: name lookups cut short: no answer within 2 seconds; the rest print as numbers" cut.err ||
	{ echo "FAIL: cut short: stderr $(cat cut.err)"; failures=$((failures + 1)); }
check "cut short" cut.json cut
finish
