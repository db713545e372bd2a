#!/usr/bin/env python3
"""A tiny DNS server for the name-lookup tests: answers PTR questions from a
zone file, on UDP only (so a truncated answer cannot be retried over TCP).

    resolve-dnsd.py --zone FILE [--addr 127.0.0.1] [--port 53]
                    [--delay SECONDS] [--silent] [--junk] [--log FILE]
                    [--ready FILE]

Zone lines: ADDRESS ACTION [ARGS...], e.g.
    10.0.0.1    ptr gw.example.net          one PTR record (more names: more records)
    10.0.0.3    nx                          NXDOMAIN
    10.0.0.4    servfail
    10.0.0.9    nodata                      NOERROR, no answer
    10.0.0.5    cname TARGET NAME           CNAME to TARGET, then TARGET PTR NAME
    10.0.0.20   cut                         matching header and question, answer cut short
    10.0.0.21   tc                          TC bit, no answer
    10.0.0.22   ignore                      never answered
Names take Python escapes (\\x20 is a space). Addresses not listed: NXDOMAIN.
--silent never answers; --delay answers that many seconds late; --junk
sends three malformed packets before every answer. --log gets one line
per question received.
"""
import argparse, heapq, ipaddress, os, random, select, socket, struct, time

def encode_name(name):
    out = b""
    for label in name.rstrip(".").split("."):
        raw = label.encode("latin-1")
        out += bytes([len(raw)]) + raw
    return out + b"\0"

def unescape(s):
    return s.encode("latin-1").decode("unicode_escape")

def load_zone(path):
    zone = {}
    with open(path) as f:
        for line in f:
            w = line.split()
            if not w or w[0].startswith("#"):
                continue
            q = ipaddress.ip_address(w[0]).reverse_pointer.lower()
            zone[q] = (w[1], [unescape(x) for x in w[2:]])
    return zone

def read_qname(pkt, p):
    labels = []
    while pkt[p]:
        n = pkt[p]
        labels.append(pkt[p + 1:p + 1 + n].decode("latin-1"))
        p += 1 + n
    return ".".join(labels), p + 1

def rr(owner, rtype, rdata):
    return owner + struct.pack(">HHIH", rtype, 1, 300, len(rdata)) + rdata

def answer(query, zone):
    """The reply to one query, or None."""
    qid, flags, qd = struct.unpack(">HHH", query[:6])
    qname, end = read_qname(query, 12)
    question = query[12:end + 4]
    action, args = zone.get(qname.lower(), ("nx", []))
    rcode, answers, hflags = 0, [], 0x8180
    if action == "ptr":
        answers = [rr(b"\xc0\x0c", 12, encode_name(n)) for n in args]
    elif action == "cname":
        answers = [rr(b"\xc0\x0c", 5, encode_name(args[0])),
                   rr(encode_name(args[0]), 12, encode_name(args[1]))]
    elif action == "nx":
        rcode = 3
    elif action == "servfail":
        rcode = 2
    elif action == "tc":
        hflags |= 0x0200
    elif action == "ignore":
        return None
    head = struct.pack(">HHHHHH", qid, hflags | rcode, 1,
                       1 if action == "cut" else len(answers), 0, 0)
    if action == "cut":
        return head + question + b"\xc0\x0c\x00\x0c\x00"
    return head + question + b"".join(answers)

def junk(query):
    qid = struct.unpack(">H", query[:2])[0]
    return [b"\x00" * 5,
            struct.pack(">H", qid ^ 0x5555) + bytes(random.randrange(256) for _ in range(40)),
            query[:2] + b"\x81\x80\x00\x01\x00\x01\x00\x00\x00"]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--zone", required=True)
    ap.add_argument("--addr", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=53)
    ap.add_argument("--delay", type=float, default=0.0)
    ap.add_argument("--silent", action="store_true")
    ap.add_argument("--junk", action="store_true")
    ap.add_argument("--log")
    ap.add_argument("--ready")
    a = ap.parse_args()
    zone = load_zone(a.zone)
    fam = socket.AF_INET6 if ":" in a.addr else socket.AF_INET
    s = socket.socket(fam, socket.SOCK_DGRAM)
    s.bind((a.addr, a.port))
    log = open(a.log, "a", buffering=1) if a.log else None
    if a.ready:
        with open(a.ready, "w") as f:
            f.write(str(os.getpid()))
    later = []  # (when, seq, packet, peer)
    seq = 0
    while True:
        wait = max(0.0, later[0][0] - time.monotonic()) if later else None
        ready, _, _ = select.select([s], [], [], wait)
        now = time.monotonic()
        while later and later[0][0] <= now:
            _, _, pkt, peer = heapq.heappop(later)
            s.sendto(pkt, peer)
        if not ready:
            continue
        query, peer = s.recvfrom(4096)
        try:
            qname, _ = read_qname(query, 12)
        except (IndexError, UnicodeDecodeError):
            continue
        if log:
            log.write(qname.lower() + "\n")
        if a.silent:
            continue
        reply = answer(query, zone)
        if reply is None:
            continue
        packets = (junk(query) if a.junk else []) + [reply]
        for pkt in packets:
            seq += 1
            heapq.heappush(later, (now + a.delay, seq, pkt, peer))

if __name__ == "__main__":
    main()
