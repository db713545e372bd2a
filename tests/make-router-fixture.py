#!/usr/bin/env python3
"""Write tests/fixtures/router: the sockets of a typical OpenWrt router
(dropbear, dnsmasq, uhttpd, odhcpd, hostapd, ntpd, netifd), LAN
192.168.1.1/24 and fd00::/64, WAN 203.0.113.7 and 2001:db8::7, with a few
connections in flight. Uses the line writers of tests/gen-sockets.py."""
import importlib.util, os, sys

spec = importlib.util.spec_from_file_location("gen", os.path.join(os.path.dirname(__file__), "gen-sockets.py"))
gen = importlib.util.module_from_spec(spec); spec.loader.exec_module(gen)
out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "fixtures", "router")
os.makedirs(os.path.join(out, "net"), exist_ok=True)
ino = iter(range(4100, 9999))

tcp = [  # local, lport, remote, rport, state, txq, rxq, timer, when, uid
    ("0.0.0.0", 22, "0.0.0.0", 0, 0x0A, 0, 0, 0, 0, 0),
    ("0.0.0.0", 80, "0.0.0.0", 0, 0x0A, 0, 0, 0, 0, 0),
    ("0.0.0.0", 443, "0.0.0.0", 0, 0x0A, 0, 0, 0, 0, 0),
    ("192.168.1.1", 53, "0.0.0.0", 0, 0x0A, 0, 0, 0, 0, 101),
    ("127.0.0.1", 53, "0.0.0.0", 0, 0x0A, 0, 0, 0, 0, 101),
    ("127.0.0.1", 1883, "0.0.0.0", 0, 0x0A, 0, 0, 0, 0, 0),
    ("192.168.1.1", 22, "192.168.1.10", 51812, 0x01, 0, 0, 2, 7043, 0),
    ("192.168.1.1", 22, "192.168.1.23", 60002, 0x01, 3120, 0, 1, 21, 0),
    ("192.168.1.1", 80, "192.168.1.10", 51820, 0x06, 0, 0, 3, 4200, 0),
    ("192.168.1.1", 443, "192.168.1.10", 51822, 0x08, 0, 1, 0, 0, 0),
    ("203.0.113.7", 43318, "198.51.100.9", 443, 0x02, 1, 0, 1, 100, 0),
    ("203.0.113.7", 40022, "203.0.113.80", 80, 0x04, 1, 0, 1, 20, 0),
    ("127.0.0.1", 1883, "127.0.0.1", 39900, 0x01, 0, 0, 2, 1999, 0),
    ("127.0.0.1", 39900, "127.0.0.1", 1883, 0x01, 0, 0, 2, 1999, 0),
    ("192.168.1.1", 80, "192.168.1.23", 60100, 0x03, 0, 0, 1, 300, 0),
    ("192.168.1.1", 22, "192.168.1.10", 51800, 0x09, 1, 0, 1, 40, 0),
    ("192.168.1.1", 22, "192.168.1.10", 51799, 0x0B, 1, 0, 1, 40, 0),
]
tcp6 = [
    ("::", 22, "::", 0, 0x0A, 0, 0, 0, 0, 0),
    ("::", 80, "::", 0, 0x0A, 0, 0, 0, 0, 0),
    ("::", 443, "::", 0, 0x0A, 0, 0, 0, 0, 0),
    ("fd00::1", 53, "::", 0, 0x0A, 0, 0, 0, 0, 101),
    ("fe80::1", 53, "::", 0, 0x0A, 0, 0, 0, 0, 101),
    ("2001:db8::7", 22, "2001:db8:ffff::5", 50122, 0x01, 0, 0, 2, 6000, 0),
    ("fd00::1", 443, "fd00::2a0:c9ff:fe12:3456", 40500, 0x01, 0, 517, 0, 0, 0),
    ("::ffff:192.168.1.1", 80, "::ffff:192.168.1.10", 51900, 0x01, 0, 0, 0, 0, 0),
]
udp = [  # local, lport, remote, rport, state, rxq, uid
    ("0.0.0.0", 67, "0.0.0.0", 0, 7, 0, 0),
    ("192.168.1.1", 53, "0.0.0.0", 0, 7, 0, 101),
    ("127.0.0.1", 53, "0.0.0.0", 0, 7, 0, 101),
    ("0.0.0.0", 123, "0.0.0.0", 0, 7, 0, 0),
    ("0.0.0.0", 1900, "0.0.0.0", 0, 7, 2304, 0),
    ("203.0.113.7", 68, "0.0.0.0", 0, 7, 0, 0),
    ("203.0.113.7", 41000, "198.51.100.53", 53, 1, 0, 101),
    ("0.0.0.0", 5353, "0.0.0.0", 0, 7, 0, 0),
]
udp6 = [
    ("::", 547, "::", 0, 7, 0, 0),
    ("fd00::1", 53, "::", 0, 7, 0, 101),
    ("fe80::1", 53, "::", 0, 7, 0, 101),
    ("::", 123, "::", 0, 7, 0, 0),
    ("2001:db8::7", 546, "::", 0, 7, 0, 0),
    ("2001:db8::7", 41001, "2001:db8:ffff::5", 53, 1, 0, 101),
]
raw6 = [("::", 58, "::", 0, 7, 0, 0)]

def write(name, hdr, rows, kind, six):
    with open(os.path.join(out, "net", name), "w") as f:
        f.write(hdr + "\n")
        for i, r in enumerate(rows):
            if kind == "tcp":
                la, lp, ra, rp, st, txq, rxq, tr, when, uid = r
                f.write(gen.tcp_line(i, la, lp, ra, rp, st, txq, rxq, tr, when, 0, uid,
                                     0 if st == 6 else next(ino), six) + "\n")
            else:
                la, lp, ra, rp, st, rxq, uid = r
                f.write(gen.udp_line(i, la, lp, ra, rp, st, 0, rxq, uid, next(ino), six) + "\n")

write("tcp", gen.TCP_HDR, tcp, "tcp", False)
write("tcp6", gen.TCP6_HDR, tcp6, "tcp", True)
write("udp", gen.UDP_HDR, udp, "udp", False)
write("udp6", gen.UDP6_HDR, udp6, "udp", True)
write("raw6", gen.UDP6_HDR, raw6, "udp", True)
for empty, hdr in (("udplite", gen.UDP_HDR), ("udplite6", gen.UDP6_HDR), ("raw", gen.UDP_HDR)):
    with open(os.path.join(out, "net", empty), "w") as f:
        f.write(hdr + "\n")
