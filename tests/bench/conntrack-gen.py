#!/usr/bin/env python3
"""A router-sized /proc/net/nf_conntrack: N entries (default 65 536) in the
kernel's format, as a busy home router keeps them: 3/4 masqueraded from a
LAN (TCP established and closing, UDP replied and unreplied, ICMP), 1/16
port-forwarded, the rest untranslated; 1/8 over IPv6; accounting on.

    conntrack-gen.py DIR [N]      writes DIR/net/nf_conntrack
"""
import ipaddress, os, random, sys

out_dir, n = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 65536
random.seed(n)
os.makedirs(os.path.join(out_dir, "net"), exist_ok=True)
wan4, wan6 = "198.51.100.7", "2001:db8:1::7"


def v6(s):
    return ipaddress.IPv6Address(s).exploded


with open(os.path.join(out_dir, "net", "nf_conntrack"), "w") as f:
    for i in range(n):
        six = i % 8 == 7
        kind = random.random()
        proto = random.choice(["tcp", "tcp", "tcp", "udp", "udp", "icmp"])
        if six and proto == "icmp":
            proto = "tcp"
        lan = v6("2001:db8:2::%x" % random.randrange(2, 4000)) if six else "192.168.1.%d" % random.randrange(2, 250)
        far = v6("2001:db8:%x::%x" % (random.randrange(3, 60000), random.randrange(1, 60000))) if six \
            else "203.0.%d.%d" % (random.randrange(0, 256), random.randrange(1, 255))
        wan = v6(wan6) if six else wan4
        sp, dp = random.randrange(1024, 65535), random.choice([443, 80, 53, 22, 123, 8080, 993])
        l3 = "ipv6     10" if six else "ipv4     2"
        num = {"tcp": 6, "udp": 17, "icmp": 1}[proto]
        pk1, by1 = random.randrange(1, 5000), random.randrange(60, 5000000)
        pk2, by2 = random.randrange(0, 5000), random.randrange(0, 5000000)
        if kind < 0.75:        # masquerade
            o = (lan, far, sp, dp); r = (far, wan, dp, sp)
        elif kind < 0.8125:    # port forward
            o = (far, wan, sp, 8080); r = (lan, far, 80, sp)
        else:                  # untranslated
            o = (lan, far, sp, dp); r = (far, lan, dp, sp)
        if proto == "icmp":
            t = "src=%s dst=%s type=8 code=0 id=%d packets=%d bytes=%d src=%s dst=%s type=0 code=0 id=%d packets=%d bytes=%d" % (
                o[0], o[1], sp, pk1, by1, r[0], r[1], sp, pk2, by2)
            head, flags = "%s icmp     %d 29 " % (l3, num), ""
        else:
            t = "src=%s dst=%s sport=%d dport=%d packets=%d bytes=%d src=%s dst=%s sport=%d dport=%d packets=%d bytes=%d" % (
                o[0], o[1], o[2], o[3], pk1, by1, r[0], r[1], r[2], r[3], pk2, by2)
            if proto == "tcp":
                state = random.choice(["ESTABLISHED"] * 8 + ["TIME_WAIT", "CLOSE_WAIT", "SYN_SENT", "FIN_WAIT"])
                head = "%s tcp      %d %d %s " % (l3, num, random.randrange(1, 432000), state)
                flags = " [ASSURED]" if state == "ESTABLISHED" else ""
            else:
                head = "%s udp      %d %d " % (l3, num, random.randrange(1, 180))
                flags = " [ASSURED]" if pk2 else ""
                if not pk2:
                    t = t.replace(" src=%s" % r[0], " [UNREPLIED] src=%s" % r[0], 1)
        f.write(head + t + flags + " mark=0 zone=0 use=2\n")
