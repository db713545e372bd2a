#!/bin/sh
# README's JSON key tables are include/netstat.schema.json's, made by
# tests/gen-schema-doc.py: a key, type or meaning changed in one place
# and not the other fails here. The schema itself must be a valid JSON
# Schema 2020-12, and README's jq one-liners must run on a fixture.
set -u
fail() { echo "FAIL: $*"; exit 1; }
python3 tests/gen-schema-doc.py >"$WORK/schema-block.md" || fail "gen-schema-doc.py"
python3 - "$WORK/schema-block.md" README.md <<'PY' || fail "README's schema block differs from the schema (tests/gen-schema-doc.py --write)"
import sys
block, readme = open(sys.argv[1]).read(), open(sys.argv[2]).read()
sys.exit(0 if block in readme else 1)
PY
/usr/bin/python3 -c '
import json, jsonschema
jsonschema.Draft202012Validator.check_schema(json.load(open("include/netstat.schema.json")))' ||
	fail "include/netstat.schema.json is not a valid JSON Schema 2020-12"

# README's one-liners, with our netstat first on PATH reading a fixture
command -v jq >/dev/null || { echo "needs jq (tests/toolchains.sh)"; exit 77; }
mkdir -p "$WORK/bin"
cat >"$WORK/bin/netstat" <<EOF2
#!/bin/sh
PROC_ROOT=$PWD/tests/fixtures/router NETSTAT_ROUND_MS=50 exec $RUNNER $NETSTAT "\$@"
EOF2
chmod +x "$WORK/bin/netstat"
python3 - README.md >"$WORK/oneliners.sh" <<'PY'
import sys
text = open(sys.argv[1]).read()
block = text[text.index("One-liners for a router's shell"):].split("\n\n")[1]
print("\n".join(l[4:] for l in block.split("\n")))
PY
[ "$(grep -c '^netstat ' "$WORK/oneliners.sh")" = 3 ] || fail "README's one-liners not found"
PATH=$WORK/bin:$PATH sh -e "$WORK/oneliners.sh" >"$WORK/oneliners.out" 2>&1 ||
	{ cat "$WORK/oneliners.out"; fail "README's one-liners"; }
grep -q "^tcp	0.0.0.0:22	-" "$WORK/oneliners.out" || { cat "$WORK/oneliners.out"; fail "the listening one-liner printed no sshd"; }
echo ok
