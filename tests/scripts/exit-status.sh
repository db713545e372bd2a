#!/bin/sh
# README's "Exit status" section holds for every case: the notes it lists
# are the only stderr a status-0 case may print (the no-support note only
# with -v), a status-1 case says why (on stderr, or as net-tools on
# stdout for -s, or the empty routing table of -r), a status-3 case
# begins with a usage message. The notes are read from README itself.
set -u
exec python3 - README.md tests/cases <<'PY'
import os, re, sys
readme, cases = sys.argv[1], sys.argv[2]
text = open(readme).read()
section = text[text.index("## Exit status"):]
section = section[:section.index("\n## ", 3)]
zero = section[section.index("- **0**"):section.index("- **1**")]
notes = []
for item in re.findall(r"^  - (.*?)(?=^  - |\Z)", zero, re.S | re.M):
    for pat in re.findall(r"``(.+?)``|`([^`]+)`", item.replace("\n    ", " ")):
        pat = pat[0] or pat[1]
        rx = re.escape(pat.strip())
        for word in ("PATH", "ERROR", "WHAT", "N"):
            rx = rx.replace(word, ".+" if word != "N" else "[0-9]+")
        notes.append((re.compile("^" + rx + "$"), "-v" if "only with `-v`" in item else None, pat))
if len(notes) < 9:
    sys.exit("FAIL: README lists %d notes" % len(notes))
fail = 0
def read(d, f):
    p = os.path.join(d, "ours." + f)
    if not os.path.exists(p):
        p = os.path.join(d, "expected." + f)
    with open(p, errors="replace") as fh:
        return fh.read()
n = 0
for name in sorted(os.listdir(cases)):
    d = os.path.join(cases, name)
    if not os.path.isfile(os.path.join(d, "args")):
        continue
    n += 1
    args = open(os.path.join(d, "args")).read().split()
    status, out, err = int(read(d, "status")), read(d, "stdout"), read(d, "stderr")
    lines = [l for l in err.split("\n") if l]
    if status == 0:
        for l in lines:
            m = [nt for nt in notes if nt[0].match(l)]
            if not m:
                print("FAIL: %s: status 0 with %r, not a README note" % (name, l)); fail = 1
            elif m[0][1] and not any(a.startswith("-") and not a.startswith("--") and "v" in a for a in args) and "--verbose" not in args:
                print("FAIL: %s: %r without -v" % (name, l)); fail = 1
    elif status == 1:
        tail = [l for l in out.split("\n") if l][-2:]
        route_header = any(a.startswith("-") and not a.startswith("--") and "r" in a for a in args) and \
            len(tail) == 2 and tail[0] == "Kernel IP routing table" and tail[1].startswith("Destination ")
        if not lines and "No statistics support for specified address family" not in out and not route_header:
            print("FAIL: %s: status 1 and nothing says why" % name); fail = 1
    elif status == 3:
        first = lines[0] if lines else ""
        if not (first.startswith(("netstat: ", "usage: netstat", "Usage: netstat", "No routing for address family", "Address family `"))):
            print("FAIL: %s: status 3 with %r" % (name, first)); fail = 1
    elif status != 124:	# net-tools hangs on some inputs; ours.status says ours
        print("FAIL: %s: status %d" % (name, status)); fail = 1
print("%d cases, %d notes from README" % (n, len(notes)))
sys.exit(fail)
PY
