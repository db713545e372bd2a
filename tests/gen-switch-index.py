#!/usr/bin/env python3
"""The switch index of tests/README.md: for every row of the option table
(NETSTAT_OPTIONS in applet/netstat.c) the cases whose arguments give it
and the scripts that run netstat with it.

    tests/gen-switch-index.py           print the block
    tests/gen-switch-index.py --write   put it into tests/README.md
    tests/gen-switch-index.py --check   exit 1 when tests/README.md's differs

A case gives a switch when a word of its args is the switch, a bundle
of short letters holding it (-tan gives -t, -a and -n), or the long name
(also as --name=...). A script runs it when such a word follows
"$NETSTAT" (or netstat, view, ours_only) in the same command, up to a
pipe, redirection or the command's end: command lines a script keeps in
lists of its own (cmdline.sh, cli-rules.sh, usage.sh) are not seen.
"""
import os, re, sys

top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BEGIN, END = "<!-- switch index: tests/gen-switch-index.py -->", "<!-- end of switch index -->"


def options():
    src = open(os.path.join(top, "applet", "netstat.c")).read()
    body = src[src.index("#define NETSTAT_OPTIONS(X)"):src.index("struct option_row {")]
    rows = []
    for m in re.finditer(r"X\((0|'.'|ENABLE_FEATURE_NETSTAT_CLASSIC \? 0 : 'f'), \"([a-z0-9-]*)\", (\w+), (\w+)", body):
        letter = m[1][1] if m[1].startswith("'") else ""
        name, whose = m[2], m[4]
        if (letter, name) not in [(r[0], r[1]) for r in rows]:
            rows.append((letter, name, whose))
    return rows


def gives(words, letter, name):
    for w in words:
        if name and (w == "--" + name or w.startswith("--" + name + "=")):
            return True
        if letter and re.fullmatch(r"-[A-Za-z0-9]+", w):
            # -A, -c, -I take the rest of the word as their argument
            for ch in w[1:]:
                if ch == letter:
                    return True
                if ch in "AI":
                    break
    return False


def index():
    cases_dir = os.path.join(top, "tests", "cases")
    cases = {}
    for c in sorted(os.listdir(cases_dir)):
        p = os.path.join(cases_dir, c, "args")
        if os.path.exists(p):
            cases[c] = open(p).read().split()
    scripts = {}
    sdir = os.path.join(top, "tests", "scripts")
    for s in sorted(os.listdir(sdir)):
        words = []
        for line in open(os.path.join(sdir, s), errors="replace"):
            if line.lstrip().startswith("#"):
                continue
            # the words after a netstat command, up to the command's end
            for m in re.finditer(r"\$\{?NETSTAT\b\}?\"?|\bnetstat\b(?!\.)|\bview\b|\bours_only\b", line):
                cmd = re.split(r"\||;|&&|>|<|\)|`", line[m.end():])[0]
                words.append(re.findall(r"(?<![\w/.-])--?[A-Za-z0-9][\w-]*(?:=\S*)?", cmd))
        scripts[s] = words
    out = [BEGIN, "", "| switch | cases | scripts |", "|---|---|---|"]
    for letter, name, whose in options():
        label = ", ".join(x for x in ("-" + letter if letter else "", "--" + name if name else "") if x)
        if whose == "OURS":
            label += " (ours)"
        cs = [c for c, w in cases.items() if gives(w, letter, name)]
        ss = [s for s, lines in scripts.items() if any(gives(w, letter, name) for w in lines)]
        shown = ", ".join(cs[:4]) + (" … (%d)" % len(cs) if len(cs) > 4 else "")
        out.append("| `%s` | %s | %s |" % (label, shown or "—",
                                          ", ".join(s[:-3] for s in ss) or "—"))
    out += ["", "Every case runs again with `-j` (json-twins.sh), every build's",
            "cases run under each build (host, sanitize, clang, valgrind, the cross",
            "builds, BusyBox); the switches without a case or script here are",
            "net-tools' families and words that only say they are not supported",
            "(cmdline.sh holds their messages against net-tools').", "", END]
    return "\n".join(out) + "\n"


def main():
    block = index()
    readme_path = os.path.join(top, "tests", "README.md")
    readme = open(readme_path).read()
    if "--write" in sys.argv or "--check" in sys.argv:
        if BEGIN in readme:
            new = readme[:readme.index(BEGIN)] + block + readme[readme.index(END) + len(END) + 1:]
        else:
            new = readme + "\n## Which tests exercise each switch\n\n" + block
        if "--check" in sys.argv:
            sys.exit(0 if new == readme else 1)
        open(readme_path, "w").write(new)
    else:
        sys.stdout.write(block)


if __name__ == "__main__":
    main()
