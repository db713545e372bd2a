/* -M without /proc/net/nf_conntrack (a kernel built without
 * CONFIG_NF_CONNTRACK_PROCFS): the same table from a ctnetlink dump into
 * a line reader's buffer. Each entry fills the struct conntrack a procfs
 * line would, with the words procfs would have printed, and conntrack.c
 * prints it. The numbers are the kernel's ABI (nfnetlink.h,
 * nfnetlink_conntrack.h); musl has no kernel headers. */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "conntrack.h"

#if ENABLE_FEATURE_NETSTAT_CONNTRACK_NETLINK
static struct line_reader ct_reader;	/* its buffer for the dump */

enum {
	NL_HDR = 16, NL_ERROR = 2, NL_DONE = 3, NL_REQUEST_DUMP = 0x301,
	CT_GET = 1 << 8 | 1,	/* NFNL_SUBSYS_CTNETLINK, IPCTNL_MSG_CT_GET */
	CTA_TUPLE_ORIG = 1, CTA_TUPLE_REPLY, CTA_STATUS, CTA_PROTOINFO,
	CTA_TIMEOUT = 7, CTA_COUNTERS_ORIG = 9, CTA_COUNTERS_REPLY,
	CTA_MAX = CTA_COUNTERS_REPLY,
	IPS_SEEN_REPLY = 1 << 1, IPS_ASSURED = 1 << 2, IPS_OFFLOAD = 1 << 14,
	NEST_MAX = 8,
};

static unsigned get16(const uint8_t *p)
{
	uint16_t v;
	memcpy(&v, p, 2);
	return v;
}

static uint64_t get_be(const uint8_t *p, unsigned n)
{
	uint64_t v = 0;
	while (n--)
		v = v << 8 | *p++;
	return v;
}

/* Past an attribute or message of len bytes (padded to 4); 0 at the end
 * of the block. */
static int nl_next(const uint8_t **p, size_t *n, unsigned len)
{
	len = (len + 3) & ~3u;
	if (len >= *n)
		return 0;
	*p += len;
	*n -= len;
	return 1;
}

/* The attributes of a block by type (flags masked), each pointing at
 * its header; 0 if an attribute's length runs outside the block. */
static int nl_attrs(const uint8_t *p, size_t n, const uint8_t **at, unsigned max)
{
	memset(at, 0, (max + 1) * sizeof(*at));
	while (n >= 4) {
		unsigned len = get16(p), type = get16(p + 2) & 0x3fff;
		if (len < 4 || len > n)
			return 0;
		if (type <= max)
			at[type] = p;
		if (!nl_next(&p, &n, len))
			break;
	}
	return 1;
}

/* The payload length of an attribute */
static unsigned nl_len(const uint8_t *a)
{
	return get16(a) - 4;
}

/* An attribute's payload as a big-endian number of n bytes; 0 when it
 * is absent or not n bytes long. */
static int nl_be(const uint8_t *a, unsigned n, uint64_t *v)
{
	if (!a || nl_len(a) != n)
		return 0;
	*v = get_be(a + 4, n);
	return 1;
}

static int nl_nest(const uint8_t *a, const uint8_t **at)
{
	return a && nl_attrs(a + 4, nl_len(a), at, NEST_MAX);
}

/* procfs's names: l4proto_name(), and the states of the protocols that
 * print one, each list indexed by the kernel's number (CT_STATES each). */
enum { CT_STATES = 10 };
static const uint8_t proto_numbers[] = { 1, 6, 17, 33, 47, 58, 132, 136 };
static const char proto_names[] =
	"icmp\0tcp\0udp\0dccp\0gre\0icmpv6\0sctp\0udplite\0unknown";
static const char tcp_ct_states[] =
	"NONE\0SYN_SENT\0SYN_RECV\0ESTABLISHED\0FIN_WAIT\0CLOSE_WAIT\0"
	"LAST_ACK\0TIME_WAIT\0CLOSE\0SYN_SENT2";
static const char dccp_ct_states[] =
	"NONE\0REQUEST\0RESPOND\0PARTOPEN\0OPEN\0CLOSEREQ\0CLOSING\0"
	"TIMEWAIT\0IGNORE\0INVALID";
static const char sctp_ct_states[] =
	"NONE\0CLOSED\0COOKIE_WAIT\0COOKIE_ECHOED\0ESTABLISHED\0"
	"SHUTDOWN_SENT\0SHUTDOWN_RECD\0SHUTDOWN_ACK_SENT\0HEARTBEAT_SENT\0"
	"HEARTBEAT_ACKED";

/* One direction's tuple: addresses, and the ports or ICMP id procfs
 * prints for that protocol. */
static const char *nl_tuple(const uint8_t *a, struct conntrack *c,
			    struct ct_tuple *t, unsigned *protonum)
{
	const uint8_t *tuple[NEST_MAX + 1], *ip[NEST_MAX + 1], *l4[NEST_MAX + 1];
	unsigned alen = c->v6 ? 16 : 4, first = c->v6 ? 3 : 1, i;
	uint64_t v, w;

	if (!nl_nest(a, tuple) || !nl_nest(tuple[1], ip) || !nl_nest(tuple[2], l4))
		return "bad tuple";
	for (i = 0; i < 2; i++) {
		const uint8_t *addr = ip[first + i];
		if (!addr || nl_len(addr) != alen)
			return "bad tuple";
		memcpy(i ? t->dst.addr : t->src.addr, addr + 4, alen);
	}
	if (!nl_be(l4[1], 1, &v))
		return "bad tuple";
	*protonum = (unsigned)v;
	if (v == 1 || v == 58) {
		if (nl_be(l4[v == 1 ? 4 : 7], 2, &v))
			t->src.port = t->dst.port = (unsigned)v;
	} else if (v == 6 || v == 17 || v == 33 || v == 132 || v == 136) {
		if (!nl_be(l4[2], 2, &v) || !nl_be(l4[3], 2, &w))
			return "bad tuple";
		t->src.port = (unsigned)v;
		t->dst.port = (unsigned)w;
		c->flags |= CT_PORTS;
	}
	return 0;
}

/* One IPCTNL_MSG_CT_NEW message after its netlink header. */
static const char *nl_conntrack(const uint8_t *p, size_t n, struct conntrack *c)
{
	const uint8_t *at[CTA_MAX + 1], *nest[NEST_MAX + 1], *state[NEST_MAX + 1];
	unsigned proto[2], i;
	uint64_t v;
	const char *bad, *name;

	memset(c, 0, sizeof(*c));
	c->expires = -1;
	if (n < 4 || (p[0] != 2 && p[0] != 10))
		return "not an IPv4 or IPv6 connection";
	c->v6 = p[0] == 10;
	if (!nl_attrs(p + 4, n - 4, at, CTA_MAX))
		return "bad attribute length";
	for (i = 0; i < 2; i++)
		if ((bad = nl_tuple(at[CTA_TUPLE_ORIG + i], c, &c->dir[i], &proto[i])))
			return bad;
	for (i = 0; i < sizeof(proto_numbers) && proto_numbers[i] != proto[0]; i++)
		;
	name = nth_string(proto_names, i);
	memcpy(c->proto, name, strlen(name) + 1);
	if (!nl_be(at[CTA_STATUS], 4, &v))
		return "bad status";
	if (!(v & IPS_SEEN_REPLY))
		c->flags |= CT_UNREPLIED;
	if (!(v & IPS_OFFLOAD)) {
		if (v & IPS_ASSURED)
			c->flags |= CT_ASSURED;
		if (!nl_be(at[CTA_TIMEOUT], 4, &v))
			return "bad timeout";
		c->expires = (int64_t)v;
	}
	/* TCP, DCCP and SCTP say their state: CTA_PROTOINFO_TCP 1, _DCCP 2,
	 * _SCTP 3, each with its state first */
	i = proto[0] == 6 ? 1 : proto[0] == 33 ? 2 : proto[0] == 132 ? 3 : 0;
	if (i) {
		if (!nl_nest(at[CTA_PROTOINFO], nest) || !nl_nest(nest[i], state) ||
		    !nl_be(state[1], 1, &v) || v >= CT_STATES)
			return "bad protocol state";
		name = nth_string(i == 1 ? tcp_ct_states : i == 2 ?
				  dccp_ct_states : sctp_ct_states, (unsigned)v);
		memcpy(c->state, name, strlen(name) + 1);
	}
	for (i = 0; i < 2; i++) {
		struct ct_tuple *t = &c->dir[i];
		/* CTA_COUNTERS_PACKETS 1 and _BYTES 2 */
		if (!at[CTA_COUNTERS_ORIG + i])
			continue;
		if (!nl_nest(at[CTA_COUNTERS_ORIG + i], nest) ||
		    !nl_be(nest[1], 8, &t->packets) || !nl_be(nest[2], 8, &t->bytes))
			return "bad counters";
		t->counted = 1;
	}
	return 0;
}

static unsigned nl_message_no;

/* The messages of one datagram; 1 when the dump is over. */
static int nl_messages(const uint8_t *p, size_t n, unsigned fam,
		       void (*row)(const struct conntrack *c))
{
	struct conntrack c;
	char num[U64_FMT + 1];

	while (n >= NL_HDR) {
		uint32_t len;
		unsigned type = get16(p + 4);
		const char *bad = 0;

		memcpy(&len, p, 4);
		nl_message_no++;
		if (len < NL_HDR || len > n)
			bad = "bad message length";
		else if (type == NL_DONE)
			return 1;
		else if (type == NL_ERROR) {
			int32_t err;
			if (len < NL_HDR + 4)
				return 1;
			memcpy(&err, p + NL_HDR, 4);
			msg_errno("ctnetlink", err < 0 && err > -4096 ? -err : EIO);
			return 1;
		} else if ((type & 0xff00) != 1 << 8)
			bad = "not a conntrack message";
		else
			bad = nl_conntrack(p + NL_HDR, len - NL_HDR, &c);
		if (bad) {
			G.exit_status = 1;
			num[fmt_u64(num, nl_message_no)] = 0;
			msg("ctnetlink: message ", num, ": ", bad, (char *)0);
			if (len < NL_HDR || len > n)
				return 0;
		} else if (fam & (c.v6 ? FAMILY_INET6 : FAMILY_INET)) {
			row(&c);
		}
		if (!nl_next(&p, &n, len))
			break;
	}
	return 0;
}

int ctnetlink_dump(unsigned fam, void (*begin)(void),
		   void (*row)(const struct conntrack *c))
{
	/* a netlink header and nfgenmsg: AF_UNSPEC, NFNETLINK_V0 */
	struct {
		uint32_t len;
		uint16_t type, flags;
		uint32_t seq, pid;
		uint8_t family, version;
		uint16_t res_id;
	} req = { sizeof(req), CT_GET, NL_REQUEST_DUMP, 0, 0, 0, 0, 0 };
	uint8_t *buf;
	int fd = (int)sys_call(SYS_socket, 16 /* AF_NETLINK */,
			     SOCK_RAW | SOCK_CLOEXEC, 12 /* NETLINK_NETFILTER */, 0);
	ssize_t got;
	int header = 0, ran = 0;

	if (fd < 0)
		return -1;
	if (write(fd, &req, sizeof(req)) < 0) {
		close(fd);
		return -1;
	}
	buf = (uint8_t *)reader_buffer(&ct_reader);
	nl_message_no = 0;
	for (;;) {
		/* a datagram cut to the buffer ends in a bad message length */
		got = read(fd, buf, LINE_MAX_LEN + 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			msg_errno("ctnetlink", errno);
			break;
		}
		/* the first reply says whether the kernel has ctnetlink (a
		 * dump it cannot route is EINVAL) and whether we may dump */
		if (!header) {
			int32_t err = 0;
			if (got >= NL_HDR + 4 && get16(buf + 4) == NL_ERROR)
				memcpy(&err, buf + NL_HDR, 4);
			if (err == -EINVAL) {
				ran = -1;
				break;
			}
			if (!err) {
				begin();
				ran = 1;
			}
			header = 1;
		}
		if (nl_messages(buf, (size_t)got, fam, row) || !got)
			break;
	}
	close(fd);
	reader_close(&ct_reader);
	return ran;
}
#endif

//kbuild:lib-$(CONFIG_FEATURE_NETSTAT_CONNTRACK_NETLINK) += ctnetlink.o
