#!/usr/bin/env python3
"""Fixtures for the name-lookup benchmarks (not committed; written under
build/): N TCP sockets, a few listeners and the rest established to
remote addresses drawn from DISTINCT different ones.

    tests/bench/resolve-gen.py DIR N DISTINCT
"""
import os, random, struct, sys

def hx(a):
    return "%08X" % struct.unpack("<I", bytes(a))[0]

def main(out, n, distinct):
    random.seed(6)
    os.makedirs(out + "/net", exist_ok=True)
    remotes = [[10 + random.randrange(200), random.randrange(256),
                random.randrange(256), 1 + random.randrange(254)] for _ in range(distinct)]
    with open(out + "/net/tcp", "w") as f:
        f.write("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n")
        for i in range(n):
            if i < 5:
                local, lport, rem, rport, st = [0, 0, 0, 0], [22, 53, 80, 443, 8080][i], [0, 0, 0, 0], 0, 10
            else:
                local, lport = [192, 168, 1, 1], [22, 80, 443][i % 3]
                rem, rport, st = remotes[i % distinct], 1024 + i % 60000, 1
            f.write("%6d: %s:%04X %s:%04X %02X 00000000:00000000 00:00000000 00000000     0        0 %d 1 0000000000000000 20 4 30 10 -1\n"
                    % (i, hx(local), lport, hx(rem), rport, st, 100000 + i))

if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
