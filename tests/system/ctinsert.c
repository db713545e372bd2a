/* Conntrack entries for -M on a guest without nftables (the big-endian
 * mips guest: our own kernel, BusyBox userland): inserted over ctnetlink
 * (IPCTNL_MSG_CT_NEW, as `conntrack -I` does) with original and reply
 * tuples that do not mirror each other, as masquerade and a port forward
 * leave them: the same connections as the nftables scenario of
 * tests/system/scenario.sh (SNAT TCP established and closing, one with a
 * changed port, UDP replied and unreplied, ICMP, TCP over IPv6, the port
 * forward) and an untranslated ping. The kernel's table, copied to the
 * host, is the oracle (tests/natcheck.py), as on the other guests.
 *
 *   ctinsert       prints "ctinsert: N entries" or what the kernel refused
 *
 * Static musl, built per target by tests/system/run.sh; test-only code. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

enum {
	NETLINK_NETFILTER = 12,
	NFNL_SUBSYS_CTNETLINK = 1, IPCTNL_MSG_CT_NEW = 0,
	NLM_F_REQUEST = 1, NLM_F_ACK = 4, NLM_F_EXCL = 0x200, NLM_F_CREATE = 0x400,
	NLMSG_ERROR = 2, NLA_F_NESTED = 0x8000,
	CTA_TUPLE_ORIG = 1, CTA_TUPLE_REPLY = 2, CTA_STATUS = 3, CTA_PROTOINFO = 4, CTA_TIMEOUT = 7,
	CTA_TUPLE_IP = 1, CTA_TUPLE_PROTO = 2,
	CTA_IP_V4_SRC = 1, CTA_IP_V4_DST = 2, CTA_IP_V6_SRC = 3, CTA_IP_V6_DST = 4,
	CTA_PROTO_NUM = 1, CTA_PROTO_SRC_PORT = 2, CTA_PROTO_DST_PORT = 3,
	CTA_PROTO_ICMP_ID = 4, CTA_PROTO_ICMP_TYPE = 5, CTA_PROTO_ICMP_CODE = 6,
	CTA_PROTOINFO_TCP = 1, CTA_PROTOINFO_TCP_STATE = 1,
	IPS_SEEN_REPLY = 2, IPS_ASSURED = 4, IPS_CONFIRMED = 8,
	TCP_CONNTRACK_ESTABLISHED = 3, TCP_CONNTRACK_CLOSE_WAIT = 5,
};

struct end {
	const char *src, *dst;
	unsigned sport, dport;	/* ICMP: id, type */
};

static const struct entry {
	int family, proto;
	struct end orig, reply;
	unsigned timeout, status, tcp_state;
} entries[] = {
	/* masquerade out of wan0 (10.88.0.1) */
	{ AF_INET, 6, { "10.77.0.2", "10.88.0.2", 40001, 9000 }, { "10.88.0.2", "10.88.0.1", 9000, 40001 },
	  431999, IPS_SEEN_REPLY | IPS_ASSURED, TCP_CONNTRACK_ESTABLISHED },
	{ AF_INET, 6, { "10.77.0.2", "10.88.0.2", 40002, 9000 }, { "10.88.0.2", "10.88.0.1", 9000, 61002 },
	  431999, IPS_SEEN_REPLY | IPS_ASSURED, TCP_CONNTRACK_ESTABLISHED },
	{ AF_INET, 6, { "10.77.0.2", "10.88.0.2", 40003, 9000 }, { "10.88.0.2", "10.88.0.1", 9000, 40003 },
	  59, IPS_SEEN_REPLY | IPS_ASSURED, TCP_CONNTRACK_CLOSE_WAIT },
	{ AF_INET, 17, { "10.77.0.2", "10.88.0.2", 40004, 9001 }, { "10.88.0.2", "10.88.0.1", 9001, 40004 },
	  119, IPS_SEEN_REPLY, 0 },
	{ AF_INET, 17, { "10.77.0.2", "10.88.0.2", 40005, 9002 }, { "10.88.0.2", "10.88.0.1", 9002, 40005 },
	  29, 0, 0 },
	{ AF_INET, 1, { "10.77.0.2", "10.88.0.2", 77, 8 }, { "10.88.0.2", "10.88.0.1", 77, 0 },
	  29, IPS_SEEN_REPLY, 0 },
	{ AF_INET6, 6, { "2001:db8:77::2", "2001:db8:88::2", 40006, 9000 },
	  { "2001:db8:88::2", "2001:db8:88::1", 9000, 40006 },
	  431999, IPS_SEEN_REPLY | IPS_ASSURED, TCP_CONNTRACK_ESTABLISHED },
	/* the port forward: 10.88.0.1:8080 to 10.77.0.2:80 */
	{ AF_INET, 6, { "10.88.0.2", "10.88.0.1", 40007, 8080 }, { "10.77.0.2", "10.88.0.2", 80, 40007 },
	  431999, IPS_SEEN_REPLY | IPS_ASSURED, TCP_CONNTRACK_ESTABLISHED },
	/* untranslated: shown with -e only */
	{ AF_INET, 1, { "10.77.0.1", "10.77.0.2", 78, 8 }, { "10.77.0.2", "10.77.0.1", 78, 0 },
	  29, IPS_SEEN_REPLY, 0 },
};

struct buf {
	unsigned char data[1024];
	size_t len;
};

static size_t attr(struct buf *b, unsigned type, const void *payload, size_t n)
{
	size_t at = b->len;
	uint16_t hdr[2] = { (uint16_t)(4 + n), (uint16_t)type };

	memcpy(b->data + at, hdr, 4);
	if (n)
		memcpy(b->data + at + 4, payload, n);
	b->len = (at + 4 + n + 3) & ~(size_t)3;
	memset(b->data + at + 4 + n, 0, b->len - (at + 4 + n));
	return at;
}

/* a nested attribute's length, once its members are in */
static void close_nest(struct buf *b, size_t at)
{
	uint16_t n = (uint16_t)(b->len - at);

	memcpy(b->data + at, &n, 2);
}

static void u8_attr(struct buf *b, unsigned type, unsigned v)
{
	uint8_t x = (uint8_t)v;

	attr(b, type, &x, 1);
}

static void be16_attr(struct buf *b, unsigned type, unsigned v)
{
	uint16_t x = htons((uint16_t)v);

	attr(b, type, &x, 2);
}

static void be32_attr(struct buf *b, unsigned type, unsigned v)
{
	uint32_t x = htonl(v);

	attr(b, type, &x, 4);
}

static int tuple(struct buf *b, unsigned type, const struct entry *e, const struct end *t)
{
	unsigned char src[16], dst[16];
	size_t n = e->family == AF_INET ? 4 : 16, outer, inner;

	if (inet_pton(e->family, t->src, src) != 1 || inet_pton(e->family, t->dst, dst) != 1)
		return -1;
	outer = attr(b, type | NLA_F_NESTED, 0, 0);
	inner = attr(b, CTA_TUPLE_IP | NLA_F_NESTED, 0, 0);
	attr(b, e->family == AF_INET ? CTA_IP_V4_SRC : CTA_IP_V6_SRC, src, n);
	attr(b, e->family == AF_INET ? CTA_IP_V4_DST : CTA_IP_V6_DST, dst, n);
	close_nest(b, inner);
	inner = attr(b, CTA_TUPLE_PROTO | NLA_F_NESTED, 0, 0);
	u8_attr(b, CTA_PROTO_NUM, (unsigned)e->proto);
	if (e->proto == 1) {
		be16_attr(b, CTA_PROTO_ICMP_ID, t->sport);
		u8_attr(b, CTA_PROTO_ICMP_TYPE, t->dport);
		u8_attr(b, CTA_PROTO_ICMP_CODE, 0);
	} else {
		be16_attr(b, CTA_PROTO_SRC_PORT, t->sport);
		be16_attr(b, CTA_PROTO_DST_PORT, t->dport);
	}
	close_nest(b, inner);
	close_nest(b, outer);
	return 0;
}

int main(void)
{
	int fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_NETFILTER);
	unsigned i, ok = 0;

	if (fd < 0) {
		perror("ctinsert: netlink socket");
		return 1;
	}
	for (i = 0; i < sizeof(entries) / sizeof(entries[0]); i++) {
		const struct entry *e = &entries[i];
		struct buf b = { .len = 20 };	/* nlmsghdr, nfgenmsg */
		uint32_t len;
		uint16_t type = NFNL_SUBSYS_CTNETLINK << 8 | IPCTNL_MSG_CT_NEW;
		uint16_t flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL;
		uint32_t seq = i + 1, pid = 0;
		unsigned char reply[512];
		ssize_t got;
		int32_t err;

		memset(b.data, 0, 20);
		b.data[16] = (unsigned char)e->family;	/* nfgenmsg: family, version 0, res_id 0 */
		if (tuple(&b, CTA_TUPLE_ORIG, e, &e->orig) || tuple(&b, CTA_TUPLE_REPLY, e, &e->reply)) {
			fprintf(stderr, "ctinsert: entry %u: bad address\n", i);
			return 1;
		}
		be32_attr(&b, CTA_TIMEOUT, e->timeout);
		be32_attr(&b, CTA_STATUS, e->status | IPS_CONFIRMED);
		if (e->tcp_state) {
			size_t outer = attr(&b, CTA_PROTOINFO | NLA_F_NESTED, 0, 0);
			size_t inner = attr(&b, CTA_PROTOINFO_TCP | NLA_F_NESTED, 0, 0);
			u8_attr(&b, CTA_PROTOINFO_TCP_STATE, e->tcp_state);
			close_nest(&b, inner);
			close_nest(&b, outer);
		}
		len = (uint32_t)b.len;
		memcpy(b.data, &len, 4);
		memcpy(b.data + 4, &type, 2);
		memcpy(b.data + 6, &flags, 2);
		memcpy(b.data + 8, &seq, 4);
		memcpy(b.data + 12, &pid, 4);
		if (send(fd, b.data, b.len, 0) != (ssize_t)b.len) {
			perror("ctinsert: send");
			return 1;
		}
		do
			got = recv(fd, reply, sizeof(reply), 0);
		while (got < 0 && errno == EINTR);
		if (got >= 20)
			memcpy(&type, reply + 4, 2);
		if (got < 20 || type != NLMSG_ERROR) {
			fprintf(stderr, "ctinsert: entry %u: no acknowledgement\n", i);
			return 1;
		}
		memcpy(&err, reply + 16, 4);
		if (err) {
			fprintf(stderr, "ctinsert: entry %u: %s\n", i, strerror(-err));
			return 1;
		}
		ok++;
	}
	printf("ctinsert: %u entries\n", ok);
	return 0;
}
