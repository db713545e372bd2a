#!/usr/bin/env python3
"""Packs tests/stats/stats_table.txt into include/stats_table.h for stats.c.

    tests/stats/stats_table.py [OUT]     (default: include/stats_table.h)

Every name and sentence is a byte string in which a byte of 0x80 or more
stands for one of up to 128 tokens: common fragments picked greedily by
the bytes they save. A token's text may itself hold earlier tokens.

stats_text holds the sentences (each ends in 0). Sentence 0 is the silent
one; then the "number" sentences, the "opt" ones, the histogram ones.
stats_names holds per section its entries, five bytes each: the 32-bit
FNV-1a hash of the name (without the section prefix), low byte first, and
the sentence number. The names need only be matched, never printed: a
hash stands for each (no two names of a section, nor any counter name the
kernels of tests/fixtures or this machine print, share one).
"""
import glob
import subprocess
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CLASSES = {"raw": "STATS_F_RAW", "tcp": "STATS_F_TCP", "udp": "STATS_F_UDP",
           "sctp": "STATS_F_SCTP"}


def read_table(path):
    sections = []
    for line in open(path, encoding="ascii"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            title, cls = line[1:-1].split()
            prefixed = title.endswith("+")
            title = title.rstrip("+")
            sections.append({"title": title, "prefixed": prefixed,
                             "v6": cls.endswith("6"), "class": cls.rstrip("6"),
                             "entries": []})
            continue
        f = line.split("\t")
        name, kind, sentence = f[0], f[1], f[2] if len(f) > 2 else ""
        sec = sections[-1]
        if sec["prefixed"]:
            assert name.startswith(sec["title"]), name
            name = name[len(sec["title"]):]
        if kind == "hist":
            assert name.startswith(("In", "Out")), name
            assert sentence.endswith(": %"), sentence
        sec["entries"].append((name, kind, sentence))
    return sections


def pick_tokens(strings, max_tokens=128, max_len=24):
    """Greedy dictionary: each round, the fragment saving the most bytes."""
    seqs = [list(s) for s in strings]
    tokens = []
    while len(tokens) < max_tokens:
        counts = {}
        for seq in seqs:
            n = len(seq)
            for i in range(n):
                for ln in range(2, min(max_len, n - i) + 1):
                    key = tuple(seq[i:i + ln])
                    counts[key] = counts.get(key, 0) + 1
        best, best_gain = None, 0
        for key, c in counts.items():
            if c < 2:
                continue
            # occurrences may overlap: count them without overlap
            gain_est = c * (len(key) - 1) - (len(key) + 1)
            if gain_est <= best_gain:
                continue
            real = sum(count_nonoverlap(seq, key) for seq in seqs)
            gain = real * (len(key) - 1) - (len(key) + 1)
            if gain > best_gain:
                best, best_gain = key, gain
        if not best:
            break
        code = 0x80 + len(tokens)
        tokens.append(list(best))
        seqs = [replace(seq, best, code) for seq in seqs]
    return tokens, [bytes(s) for s in seqs]


def count_nonoverlap(seq, key):
    n, k, i, c = len(seq), len(key), 0, 0
    while i <= n - k:
        if tuple(seq[i:i + k]) == key:
            c += 1
            i += k
        else:
            i += 1
    return c


def replace(seq, key, code):
    out, i, k = [], 0, len(key)
    while i < len(seq):
        if tuple(seq[i:i + k]) == key:
            out.append(code)
            i += k
        else:
            out.append(seq[i])
            i += 1
    return out


def fnv1a(name):
    h = 2166136261
    for b in name.encode():
        h = ((h ^ b) * 16777619) & 0xffffffff
    return h


def known_counter_names():
    """Every counter name the kernels we have seen print, section by
    section, as stats.c would hash them (prefixed sections' without the
    title): a name of the table must not share a hash with one of them."""
    top = os.path.join(HERE, "..", "..")
    names = {}
    for path in glob.glob(os.path.join(top, "tests", "fixtures", "*", "net", "*")):
        base = os.path.basename(path)
        try:
            lines = open(path, errors="replace").read().split("\n")
        except (IsADirectoryError, OSError):
            continue
        if base in ("snmp", "netstat"):
            for line in lines[0::2]:
                if ":" in line:
                    title, rest = line.split(":", 1)
                    names.setdefault(title, set()).update(rest.split())
        elif base == "snmp6":
            for line in lines:
                f = line.split()
                if f:
                    title = f[0][:f[0].index("6") + 1] if "6" in f[0] else f[0]
                    names.setdefault(title, set()).add(f[0][len(title):] if title in ("Ip6", "Icmp6", "Udp6", "UdpLite6") else f[0])
    return names


def c_bytes(name, data):
    lines, cur = [], ""
    for b in data:
        cur += "%d," % b
        if len(cur) > 72:
            lines.append("\t" + cur)
            cur = ""
    if cur:
        lines.append("\t" + cur)
    return "static const unsigned char %s[%d] = {\n%s\n};\n" % (
        name, len(data), "\n".join(lines))


def main():
    sections = read_table(os.path.join(HERE, "stats_table.txt"))
    kinds = {}
    for sec in sections:
        for name, kind, sentence in sec["entries"]:
            if kind == "silent":
                continue
            assert kinds.setdefault(sentence, kind) == kind, sentence
    order = {"number": 0, "opt": 1, "hist": 2}
    sentences = [""] + sorted(kinds, key=lambda s: (order[kinds[s]], s))
    index = {s: i for i, s in enumerate(sentences)}
    assert len(sentences) < 256
    names = [e[0] for sec in sections for e in sec["entries"]]
    strings = [s.encode() for s in sentences[1:]]
    tokens, packed = pick_tokens(strings)

    text = bytearray(b"\0")          # sentence 0: silent
    for p in packed:
        text += p + b"\0"
    assert len(text) < 65536
    seen = known_counter_names()
    entries = bytearray()
    rows = []
    for sec in sections:
        rows.append((sec, len(entries) // 4, len(sec["entries"])))
        hashes = {}
        for name, kind, sentence in sec["entries"]:
            h = fnv1a(name) & 0xffffff
            assert h not in hashes, (sec["title"], name, hashes.get(h))
            hashes[h] = name
            entries += h.to_bytes(3, "little") + bytes([index[sentence]])
        for other in seen.get(sec["title"], ()):
            h = fnv1a(other) & 0xffffff
            assert hashes.get(h, other) == other, (sec["title"], other, hashes[h])
    assert len(entries) // 4 < 65536
    tok = bytearray()
    for t in tokens:
        tok += bytes(t) + b"\0"

    n_number = sum(1 for s in sentences[1:] if kinds[s] == "number")
    n_opt = sum(1 for s in sentences[1:] if kinds[s] == "opt")
    out = ["/* Generated by tests/stats/stats_table.py from tests/stats/stats_table.txt:",
           " * do not edit. */",
           "enum {",
           "\tSTATS_TOKENS = %d," % len(tokens),
           "\tSTATS_SENTENCES = %d," % len(sentences),
           "\tSTATS_FIRST_OPT = %d,\t/* sentences before this: number */" % (1 + n_number),
           "\tSTATS_FIRST_HIST = %d,\t/* from here: histogram lines */" % (1 + n_number + n_opt),
           "};",
           c_bytes("stats_tokens", tok),
           c_bytes("stats_text", text),
           c_bytes("stats_names", entries),
           "static const struct stats_section stats_sections[] = {"]
    for sec, off, count in rows:
        flags = [CLASSES[sec["class"]]]
        if sec["v6"]:
            flags.append("STATS_F_V6")
        if sec["prefixed"]:
            flags.append("STATS_F_PREFIXED")
        out.append('\t{ "%s", %s, %d, %d },' % (sec["title"], " | ".join(flags), count, off))
    out.append("};")
    open(sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "include", "stats_table.h"), "w").write("\n".join(out) + "\n")
    raw = sum(len(s) + 1 for s in sentences) + sum(len(n) + 2 for n in names)
    print("tokens %d bytes, text %d bytes, names %d bytes (plain %d)" %
          (len(tok), len(text), len(entries), raw), file=sys.stderr)


if __name__ == "__main__":
    main()
