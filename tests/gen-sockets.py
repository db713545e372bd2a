#!/usr/bin/env python3
"""Write a /proc/net socket fixture in the kernel's exact formats.

    tests/gen-sockets.py OUTDIR [--tcp N] [--tcp6 N] [--udp N] [--udp6 N]
                                [--seed S] [--listen-every K]

Deterministic for a given seed. Sockets are spread over a few local
addresses (some of them named in tests/etc/hosts), well-known and
ephemeral ports, every TCP state, with queues and timers set now and
then, so that the generated table exercises what the real one does.
"""
import argparse, os, random

TCP_HDR = ("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when "
           "retrnsmt   uid  timeout inode")
TCP6_HDR = ("  sl  local_address                         remote_address        "
            "                st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode")
UDP_HDR = ("   sl  local_address rem_address   st tx_queue rx_queue tr tm->when "
           "retrnsmt   uid  timeout inode ref pointer drops")
UDP6_HDR = ("  sl  local_address                         remote_address        "
            "                st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops")

LOCAL4 = ["192.168.1.1", "10.1.2.3", "127.0.0.1", "203.0.113.7", "0.0.0.0"]
REMOTE4 = ["192.168.1.10", "192.168.1.23", "10.1.2.4", "198.51.100.9", "203.0.113.80"]
LOCAL6 = ["2001:db8::1", "fe80::1", "::1", "2001:db8:1234:5678:9abc:def0:1234:5678", "::"]
REMOTE6 = ["2001:db8::20", "2001:db8:ffff::5", "fe80::2a0:c9ff:fe12:3456", "::1"]
PORTS = [22, 53, 80, 443, 8080, 631, 23, 9999, 1883, 5353]


def hex4(addr):
    """The kernel prints the in-memory be32 as a little-endian host number."""
    b = bytes(int(x) for x in addr.split("."))
    return "%08X" % int.from_bytes(b, "little")


def hex6(addr):
    import ipaddress
    b = ipaddress.IPv6Address(addr).packed
    return "".join("%08X" % int.from_bytes(b[i:i + 4], "little") for i in range(0, 16, 4))


def tcp_line(i, la, lp, ra, rp, st, txq, rxq, tr, when, retr, uid, inode, six):
    addr = hex6 if six else hex4
    line = ("%4d: %s:%04X %s:%04X %02X %08X:%08X %02X:%08X %08X %5u %8d %u 1 %016x 100 0 0 10 0"
            % (i, addr(la), lp, addr(ra), rp, st, txq, rxq, tr, when, retr, uid, 0, inode,
               0xffff888000000000 + inode * 64))
    return line if six else line.ljust(149)


def udp_line(i, la, lp, ra, rp, st, txq, rxq, uid, inode, six):
    addr = hex6 if six else hex4
    line = ("%5d: %s:%04X %s:%04X %02X %08X:%08X 00:00000000 00000000 %5u %8d %u 2 %016x 0"
            % (i, addr(la), lp, addr(ra), rp, st, txq, rxq, uid, 0, inode,
               0xffff888000000000 + inode * 64))
    return line if six else line.ljust(127)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--tcp", type=int, default=0)
    ap.add_argument("--tcp6", type=int, default=0)
    ap.add_argument("--udp", type=int, default=0)
    ap.add_argument("--udp6", type=int, default=0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--listen-every", type=int, default=50)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    os.makedirs(os.path.join(a.out, "net"), exist_ok=True)
    inode = 10000

    def tcp_file(name, n, six):
        nonlocal inode
        local, remote = (LOCAL6, REMOTE6) if six else (LOCAL4, REMOTE4)
        any_addr = "::" if six else "0.0.0.0"
        with open(os.path.join(a.out, "net", name), "w") as f:
            f.write((TCP6_HDR if six else TCP_HDR) + "\n")
            for i in range(n):
                inode += 1
                if i % a.listen_every == 0:
                    la, lp = rnd.choice(local), rnd.choice(PORTS)
                    f.write(tcp_line(i, la, lp, any_addr, 0, 0x0A, 0, rnd.choice([0, 0, 3]),
                                     0, 0, 0, rnd.choice([0, 101, 65534]), inode, six) + "\n")
                    continue
                st = rnd.choice([1, 1, 1, 1, 2, 3, 4, 5, 6, 6, 7, 8, 9, 11])
                tr = {6: 3}.get(st, rnd.choice([0, 0, 0, 1, 2, 4]))
                when = rnd.randrange(0, 12000) if tr else 0
                txq = rnd.choice([0, 0, 0, 0, 1448, 86880])
                rxq = rnd.choice([0, 0, 0, 0, 37, 4096])
                la = rnd.choice(local[:-1])
                lp = rnd.choice(PORTS) if rnd.random() < 0.5 else rnd.randrange(32768, 61000)
                ra = rnd.choice(remote)
                rp = rnd.choice(PORTS) if lp > 10000 else rnd.randrange(1024, 65536)
                f.write(tcp_line(i, la, lp, ra, rp, st, txq, rxq, tr, when,
                                 rnd.choice([0, 0, 0, 2]), rnd.choice([0, 0, 101, 1000]),
                                 0 if st == 6 else inode, six) + "\n")

    def udp_file(name, n, six):
        nonlocal inode
        local, remote = (LOCAL6, REMOTE6) if six else (LOCAL4, REMOTE4)
        any_addr = "::" if six else "0.0.0.0"
        with open(os.path.join(a.out, "net", name), "w") as f:
            f.write((UDP6_HDR if six else UDP_HDR) + "\n")
            for i in range(n):
                inode += 1
                if rnd.random() < 0.6:
                    la, ra, rp, st = rnd.choice(local), any_addr, 0, 7
                else:
                    la, ra, rp, st = rnd.choice(local[:-1]), rnd.choice(remote), rnd.choice(PORTS), 1
                f.write(udp_line(i, la, rnd.choice(PORTS + [40000 + i % 20000]), ra, rp, st,
                                 0, rnd.choice([0, 0, 0, 832]), rnd.choice([0, 101]), inode, six) + "\n")

    tcp_file("tcp", a.tcp, False)
    tcp_file("tcp6", a.tcp6, True)
    udp_file("udp", a.udp, False)
    udp_file("udp6", a.udp6, True)


if __name__ == "__main__":
    main()
