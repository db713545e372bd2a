/* The interface table (-i, -ie, -I=IFACE).
 *
 * Counters come from $PROC_ROOT/net/dev and IPv6 addresses from
 * $PROC_ROOT/net/if_inet6; flags, MTU, IPv4 addresses, the hardware address
 * and the queue length come, as in net-tools, from ioctls on the live
 * interface of the same name (fixture tests name interfaces that exist in
 * their network namespace). The list is sorted as net-tools sorts it and
 * also holds the interfaces SIOCGIFCONF reports. */
#include <errno.h>
#include <string.h>

/* First: <sys/socket.h> defines SOCK_RAW as a macro, netstat.h as an enum. */
#include "netstat.h"

#include <net/if.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

enum { IFACE_MAX = 256, IFACE_NAME = 16, STAT_FIELDS = 16 };

/* The order of the columns of /proc/net/dev. */
enum {
	RX_BYTES, RX_PACKETS, RX_ERRS, RX_DROP, RX_FIFO, RX_FRAME, RX_COMPRESSED,
	RX_MULTICAST, TX_BYTES, TX_PACKETS, TX_ERRS, TX_DROP, TX_FIFO, TX_COLLS,
	TX_CARRIER, TX_COMPRESSED,
};

struct iface {
	char name[IFACE_NAME];
	uint8_t has_stats;
	uint64_t stats[STAT_FIELDS];
};

static struct iface ifaces[IFACE_MAX];
static unsigned iface_count, iface_overflow;

/* What the ioctls tell about one interface. */
struct iface_state {
	int flags, mtu, txqlen, type;
	uint8_t hwaddr[8];
	struct ifmap map;
	int has_ip;
	uint8_t addr[4], dstaddr[4], broadaddr[4], netmask[4];
};

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static unsigned leading_number(const char *s)
{
	uint64_t v = 0;

	while (is_digit(*s) && v < 0x7fffffff)
		v = v * 10 + (unsigned)(*s++ - '0');
	return (unsigned)v;
}

/* Length of name without its trailing digits. */
static size_t stem_length(const char *s, size_t n)
{
	while (n && is_digit(s[n - 1]))
		n--;
	return n;
}

/* Splits "eth0:12" into "eth0" and the alias number 12 (-1: none). */
static size_t split_alias(const char *s, long *alias, const char **alias_text)
{
	size_t n = strlen(s), k = n;

	*alias = -1;
	*alias_text = 0;
	while (k && is_digit(s[k - 1]))
		k--;
	if (k < n && k && s[k - 1] == ':') {
		*alias = leading_number(s + k);
		*alias_text = s + k;
		return k - 1;
	}
	return n;
}

static int sign(int v)
{
	return (v > 0) - (v < 0);
}

/* net-tools' nstrcmp: names compare by their stem, then by the number
 * that ends them, then as strings, then by alias. */
static int name_compare(const char *a, const char *b)
{
	long a_alias, b_alias;
	const char *a_text, *b_text;
	size_t an = split_alias(a, &a_alias, &a_text);
	size_t bn = split_alias(b, &b_alias, &b_text);
	size_t as = stem_length(a, an), bs = stem_length(b, bn);
	unsigned av, bv;
	int r;

	r = strncmp(a, b, as < bs ? as : bs);
	if (r)
		return sign(r);
	if (as != bs)
		return as > bs ? 1 : -1;
	av = leading_number(a + as);
	bv = leading_number(b + bs);
	if (av != bv)
		return av > bv ? 1 : -1;
	r = memcmp(a, b, an < bn ? an : bn);
	if (r || an != bn)
		return r ? sign(r) : an > bn ? 1 : -1;
	if (a_alias != b_alias)
		return a_alias > b_alias ? 1 : -1;
	return a_text && b_text ? sign(strcmp(a_text, b_text)) : 0;
}

/* Finds or inserts name, searching from the end as net-tools does. */
static struct iface *iface_add(const char *name)
{
	unsigned i = iface_count;
	int c;

	while (i && (c = name_compare(ifaces[i - 1].name, name)) >= 0) {
		if (c == 0)
			return &ifaces[i - 1];
		i--;
	}
	if (iface_count == IFACE_MAX) {
		if (!iface_overflow++)
			msg("too many interfaces; the rest are not shown", (char *)0);
		return 0;
	}
	memmove(&ifaces[i + 1], &ifaces[i], (iface_count - i) * sizeof(ifaces[0]));
	iface_count++;
	memset(&ifaces[i], 0, sizeof(ifaces[i]));
	memcpy(ifaces[i].name, name, strlen(name) + 1);
	return &ifaces[i];
}

static struct line_reader iface_reader;

/* "  eth0: 123 4 ..." (an alias keeps its ":N"); 0 or what is wrong. */
static const char *parse_dev_line(const char *p, char *name, uint64_t *stats)
{
	unsigned n = 0, i;

	skip_spaces(&p);
	while (*p && !is_space((unsigned char)*p) && *p != ':') {
		if (n == IFACE_NAME - 1)
			return "interface name too long";
		name[n++] = *p++;
	}
	if (*p == ':') {
		const char *q = p + 1;
		while (is_digit(*q))
			q++;
		if (*q == ':' && q > p + 1) {
			if (n + (unsigned)(q - p) > IFACE_NAME - 1)
				return "interface name too long";
			memcpy(name + n, p, (size_t)(q - p));
			n += (unsigned)(q - p);
			p = q;
		}
		p++;
	} else {
		return "missing ':' after the interface name";
	}
	name[n] = 0;
	if (!n)
		return "missing interface name";
	for (i = 0; i < STAT_FIELDS; i++) {
		skip_spaces(&p);
		if (!scan_dec(&p, &stats[i]))
			return "bad counter";
	}
	skip_spaces(&p);
	return *p ? "trailing garbage" : 0;
}

/* Reads net/dev; with target set, stops after that interface. */
static void read_dev(const char *target)
{
	char path[PATH_BUF], *line, name[IFACE_NAME];
	size_t len;
	enum line_result res;
	uint64_t stats[STAT_FIELDS];
	const char *bad;
	struct iface *f;

	if (reader_open_proc(&iface_reader, "net/dev", path) < 0) {
		raw_err("Warning: cannot open ");
		raw_err(path);
		raw_err(" (");
		raw_err(error_text(errno));
		raw_err("). Limited output.\n");
		return;
	}
	while ((res = read_line(&iface_reader, &line, &len)) != LINE_EOF) {
		if (res != LINE_OK || iface_reader.line_no <= 2)
			continue;
		if (strlen(line) != len) {
			msg_line(path, iface_reader.line_no, "NUL byte in line");
			continue;
		}
		bad = parse_dev_line(line, name, stats);
		if (bad) {
			msg_line(path, iface_reader.line_no, bad);
			G.exit_status = 1;
			continue;
		}
		f = iface_add(name);
		if (f) {
			memcpy(f->stats, stats, sizeof(stats));
			f->has_stats = 1;
		}
		if (target && str_eq(target, name))
			break;
	}
	reader_close(&iface_reader);
}

static int ioctl_fd = -1;

/* The interfaces with IPv4 addresses, as SIOCGIFCONF lists them. */
static void read_ifconf(void)
{
	static struct ifreq reqs[64];
	struct ifconf ifc;
	unsigned i;

	ifc.ifc_len = sizeof(reqs);
	ifc.ifc_req = reqs;
	if (ioctl(ioctl_fd, SIOCGIFCONF, &ifc) < 0)
		return;
	for (i = 0; i < ifc.ifc_len / sizeof(reqs[0]); i++) {
		char name[IFACE_NAME];
		memcpy(name, reqs[i].ifr_name, IFACE_NAME - 1);
		name[IFACE_NAME - 1] = 0;
		iface_add(name);
	}
}

static int get(unsigned long request, const char *name, struct ifreq *ifr)
{
	memset(ifr, 0, sizeof(*ifr));
	memcpy(ifr->ifr_name, name, strlen(name));
	ifr->ifr_addr.sa_family = AF_INET;
	return ioctl(ioctl_fd, request, ifr);
}

static void get_ip4(unsigned long request, const char *name, uint8_t *out)
{
	struct ifreq ifr;

	memset(out, 0, 4);
	if (get(request, name, &ifr) == 0)
		memcpy(out, &((struct sockaddr_in *)(void *)&ifr.ifr_addr)->sin_addr, 4);
}

static int netlink_fd = -1;

/* The few rtnetlink definitions used here (the C library has no
 * <linux/rtnetlink.h> of its own). */
struct nl_header {
	uint32_t len;
	uint16_t type, flags;
	uint32_t seq, pid;
};
struct nl_link {
	uint8_t family, pad;
	uint16_t type;
	int32_t index;
	uint32_t flags, change;
};
struct nl_attr {
	uint16_t len, type;
};
enum {
	NETLINK_ROUTE_PROTO = 0, RTM_NEWLINK_TYPE = 16, RTM_GETLINK_TYPE = 18,
	NLM_F_REQUEST_FLAG = 1, IFLA_IFNAME_ATTR = 3, IFLA_TXQLEN_ATTR = 13,
	NL_HEAD = sizeof(struct nl_header) + sizeof(struct nl_link),
};

/* The queue length (IFLA_TXQLEN) by RTM_GETLINK; -1 when unknown. This
 * is the value SIOCGIFTXQLEN gives, but user-mode emulators garble that
 * ioctl between byte orders, and netlink they translate. An alias
 * ("eth0:1") asks for its device, as the ioctl would. */
static int link_txqlen(const char *name)
{
	struct {
		struct nl_header h;
		struct nl_link i;
		struct nl_attr a;
		char name[IFACE_NAME];
	} req;
	static uint32_t reply[2048];
	const struct nl_header *h = (const void *)reply;
	const char *p = (const char *)reply + NL_HEAD, *end;
	size_t n = strcspn(name, ":");
	ssize_t got;

	if (netlink_fd < 0)
		netlink_fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC,
				    NETLINK_ROUTE_PROTO);
	memset(&req, 0, sizeof(req));
	memcpy(req.name, name, n);
	req.a.type = IFLA_IFNAME_ATTR;
	req.a.len = (uint16_t)(sizeof(req.a) + n + 1);
	req.h.len = (uint32_t)(NL_HEAD + ((req.a.len + 3u) & ~3u));
	req.h.type = RTM_GETLINK_TYPE;
	req.h.flags = NLM_F_REQUEST_FLAG;
	if (send(netlink_fd, &req, req.h.len, 0) < 0)
		return -1;
	/* A long reply may be cut short: IFLA_TXQLEN comes early. */
	got = recv(netlink_fd, reply, sizeof(reply), 0);
	if (got < (ssize_t)NL_HEAD || h->type != RTM_NEWLINK_TYPE)
		return -1;
	end = (const char *)reply + ((size_t)got < h->len ? (size_t)got : h->len);
	while (p + sizeof(struct nl_attr) <= end) {
		struct nl_attr a;
		memcpy(&a, p, sizeof(a));
		if (a.len < sizeof(a) || p + a.len > end)
			break;
		if (a.type == IFLA_TXQLEN_ATTR && a.len >= sizeof(a) + 4) {
			uint32_t v;
			memcpy(&v, p + sizeof(a), 4);
			return (int)v;
		}
		p += (a.len + 3u) & ~3u;
	}
	return -1;
}

static int fetch_state(const char *name, struct iface_state *s)
{
	struct ifreq ifr;

	memset(s, 0, sizeof(*s));
	if (get(SIOCGIFFLAGS, name, &ifr) < 0)
		return -1;
	s->flags = (int16_t)ifr.ifr_flags;
	if (get(SIOCGIFHWADDR, name, &ifr) == 0)
		memcpy(s->hwaddr, ifr.ifr_hwaddr.sa_data, 8);
	s->type = ifr.ifr_hwaddr.sa_family;
	if (get(SIOCGIFMTU, name, &ifr) == 0)
		s->mtu = ifr.ifr_mtu;
	if (get(SIOCGIFMAP, name, &ifr) == 0)
		s->map = ifr.ifr_map;
	s->txqlen = link_txqlen(name);
	if (get(SIOCGIFADDR, name, &ifr) == 0) {
		s->has_ip = 1;
		memcpy(s->addr, &((struct sockaddr_in *)(void *)&ifr.ifr_addr)->sin_addr, 4);
		get_ip4(SIOCGIFDSTADDR, name, s->dstaddr);
		get_ip4(SIOCGIFBRDADDR, name, s->broadaddr);
		get_ip4(SIOCGIFNETMASK, name, s->netmask);
	}
	return 0;
}

/* IFF_* bits in the order of the -i Flg letters, and of the -ie words. */
static const uint8_t short_flag_bits[] = { 9, 1, 2, 3, 12, 8, 5, 7, 4, 11, 10, 6, 0 };
static const char short_flag_letters[] = "ABDLMPNOPsmRU";
static const uint8_t long_flag_bits[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 10, 12 };
static const char long_flag_words[] =
	"UP\0BROADCAST\0DEBUG\0LOOPBACK\0POINTOPOINT\0NOTRAILERS\0RUNNING\0"
	"NOARP\0PROMISC\0ALLMULTI\0SLAVE\0MASTER\0MULTICAST\0";

static void print_short(const struct iface *f, const struct iface_state *s)
{
	char name[IFACE_NAME];
	unsigned i;

	memcpy(name, f->name, IFACE_NAME);
	out_left(name, 15);
	out_char(' ');
	out_int(s->mtu, 5);
	out_char(' ');
	if (f->has_stats) {
		static const int8_t cols[] = {
			RX_PACKETS, 8, RX_ERRS, 6, RX_DROP, 6, RX_FIFO, -6,
			TX_PACKETS, 8, TX_ERRS, 6, TX_DROP, 6, TX_FIFO, 6,
		};
		for (i = 0; i < sizeof(cols); i += 2) {
			if (cols[i + 1] < 0)
				out_u64_left(f->stats[(int)cols[i]], 6);
			else
				out_u64_right(f->stats[(int)cols[i]],
					      (unsigned)cols[i + 1]);
			out_char(' ');
		}
	} else {
		out_left("     - no statistics available -", 56);
	}
	if (!s->flags)
		out_str("[NO FLAGS]");
	for (i = 0; i < sizeof(short_flag_bits); i++)
		if (s->flags >> short_flag_bits[i] & 1)
			out_char(short_flag_letters[i]);
	out_char('\n');
}

static void out_ip4(const uint8_t *a)
{
	char b[IP4_FMT];
	out_mem(b, fmt_ip4(b, a));
}

static void out_hex(uint64_t v, unsigned min_digits, int upper)
{
	char b[17];
	unsigned n = 0;

	do {
		unsigned d = (unsigned)(v & 15);
		b[16 - ++n] = (char)(d < 10 ? '0' + d : (upper ? 'A' : 'a') + d - 10);
		v >>= 4;
	} while (v || n < min_digits);
	out_mem(b + 16 - n, n);
}

/* "        inet6 fe80::1  prefixlen 64  scopeid 0x20<link>" for each
 * if_inet6 line of this interface. */
static void print_inet6_addresses(const char *name)
{
	char path[PATH_BUF], *line, dev[IFACE_NAME + 8];
	const char *p;
	size_t len;
	enum line_result res;
	uint8_t addr[16];
	uint64_t v, fields[4];
	unsigned i, n;

	if (!ENABLE_FEATURE_NETSTAT_IPV6 ||
	    reader_open_proc(&iface_reader, "net/if_inet6", path) < 0)
		return;
	while ((res = read_line(&iface_reader, &line, &len)) != LINE_EOF) {
		if (res != LINE_OK)
			continue;
		p = line;
		for (i = 0; i < 16; i++) {
			const char *start = p;
			if (!scan_hex(&p, &v, 2) || p - start != 2)
				break;
			addr[i] = (uint8_t)v;
		}
		for (n = 0; i == 16 && n < 4; n++) {
			skip_spaces(&p);
			if (!scan_hex(&p, &fields[n], 8))
				break;
		}
		skip_spaces(&p);
		for (i = 0; *p && !is_space((unsigned char)*p) && i < sizeof(dev) - 1; )
			dev[i++] = *p++;
		dev[i] = 0;
		if (n != 4 || !i || strlen(line) != len) {
			msg_line(path, iface_reader.line_no, "bad address line");
			G.exit_status = 1;
			continue;
		}
		if (!str_eq(dev, name))
			continue;
		{
			char text[IP6_FMT];
			unsigned scope = (unsigned)fields[2];
			static const uint8_t scope_bits[] = { 0x20, 0x40, 0x10 };
			static const char scope_words[][6] = { "link", "site", "host" };
			int first = 1;

			out_str("        inet6 ");
			out_mem(text, fmt_ip6(text, addr));
			out_str("  prefixlen ");
			out_u64(fields[1]);
			out_str("  scopeid 0x");
			out_hex(scope, 1, 0);
			if (scope & 0x80) {
				out_str("<compat");
				first = 0;
				scope -= 0x80;
			}
			if (!scope) {
				out_str(first ? "<global" : ",global");
				first = 0;
			}
			for (i = 0; i < 3; i++) {
				if (!(scope & scope_bits[i]))
					continue;
				out_str(first ? "<" : ",");
				out_str(scope_words[i]);
				first = 0;
			}
			out_str(first ? "\n" : ">\n");
		}
	}
	reader_close(&iface_reader);
}

/* "N.N UNIT" as net-tools scales byte counts: binary units, one decimal
 * truncated, "B" below 1 KiB. */
static void out_scaled(uint64_t bytes)
{
	static const char units[][4] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
	uint64_t tenths;
	unsigned u = 6, d;

	while (u && bytes <= (uint64_t)1 << (10 * u))
		u--;
	if (u == 6) {
		/* bytes / (2^60 / 10), truncated, as net-tools computes it */
		uint64_t unit = 115292150460684697ull;
		for (tenths = 0; bytes >= unit; bytes -= unit)
			tenths++;
	} else {
		tenths = (bytes * 10) >> (10 * u);
	}
	tenths = div10(tenths, &d);
	out_u64(tenths);
	out_char('.');
	out_char((char)('0' + d));
	out_char(' ');
	out_str(units[u]);
}

/* Writes "LABEL n" pairs: the labels string holds each label with its
 * leading separator, and idx the stat column for each. */
static void out_counters(const struct iface *f, const char *labels,
			 const uint8_t *idx, unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++) {
		out_str(labels);
		out_u64(f->stats[idx[i]]);
		labels += strlen(labels) + 1;
	}
	out_char('\n');
}

static void print_hwaddr(const struct iface_state *s)
{
	unsigned i;

	if (s->type == 1) {		/* ARPHRD_ETHER */
		out_str("        ether ");
		for (i = 0; i < 6; i++) {
			if (i)
				out_char(':');
			out_hex(s->hwaddr[i], 2, 0);
		}
	} else if (s->type == 772) {	/* ARPHRD_LOOPBACK */
		out_str("        loop");
	} else if (s->type == 512) {	/* ARPHRD_PPP */
		out_str("        ppp");
	} else {
		out_str("        unspec ");
		for (i = 0; i < 16; i++) {
			if (i)
				out_char('-');
			out_hex(i < 8 ? s->hwaddr[i] : 0, 2, 1);
		}
	}
	if (s->txqlen != -1) {
		out_str("  txqueuelen ");
		out_int(s->txqlen, 0);
	}
	out_str(s->type == 1 ? "  (Ethernet)\n" :
		s->type == 772 ? "  (Local Loopback)\n" :
		s->type == 512 ? "  (Point-to-Point Protocol)\n" : "  (UNSPEC)\n");
}

static void print_long(const struct iface *f, const struct iface_state *s)
{
	const char *w = long_flag_words;
	unsigned i;
	char sep = '<';

	out_str(f->name);
	out_str(": flags=");
	out_int(s->flags, 0);
	for (i = 0; i < sizeof(long_flag_bits); i++, w += strlen(w) + 1) {
		if (!(s->flags >> long_flag_bits[i] & 1))
			continue;
		out_char(sep);
		out_str(w);
		sep = ',';
	}
	/* net-tools drops the last byte of "flags=N<" when no word was
	 * added, unless N is 0. */
	if (sep == ',')
		out_char('>');
	else if (!s->flags)
		out_char('<');
	out_str("  mtu ");
	out_int(s->mtu, 0);
	out_char('\n');
	if (s->has_ip) {
		out_str("        inet ");
		out_ip4(s->addr);
		out_str("  netmask ");
		out_ip4(s->netmask);
		if (s->flags & IFF_BROADCAST) {
			out_str("  broadcast ");
			out_ip4(s->broadaddr);
		}
		if (s->flags & IFF_POINTOPOINT) {
			out_str("  destination ");
			out_ip4(s->dstaddr);
		}
		out_char('\n');
	}
	print_inet6_addresses(f->name);
	print_hwaddr(s);
	if (f->has_stats) {
		static const uint8_t rx_err[] = { RX_ERRS, RX_DROP, RX_FIFO, RX_FRAME };
		static const uint8_t tx_err[] = { TX_ERRS, TX_DROP, TX_FIFO, TX_CARRIER, TX_COLLS };

		out_str("        RX packets ");
		out_u64(f->stats[RX_PACKETS]);
		out_str("  bytes ");
		out_u64(f->stats[RX_BYTES]);
		out_str(" (");
		out_scaled(f->stats[RX_BYTES]);
		out_str(")\n");
		out_counters(f, "        RX errors \0  dropped \0  overruns \0  frame ",
			     rx_err, 4);
		out_str("        TX packets ");
		out_u64(f->stats[TX_PACKETS]);
		out_str("  bytes ");
		out_u64(f->stats[TX_BYTES]);
		out_str(" (");
		out_scaled(f->stats[TX_BYTES]);
		out_str(")\n");
		out_counters(f, "        TX errors \0  dropped \0 overruns \0  carrier \0"
			     "  collisions ", tx_err, 5);
	}
	if (s->map.irq || s->map.mem_start || s->map.dma || s->map.base_addr >= 0x100) {
		out_str("        device ");
		if (s->map.irq) {
			out_str("interrupt ");
			out_int(s->map.irq, 0);
			out_str("  ");
		}
		if (s->map.base_addr >= 0x100) {
			out_str("base 0x");
			out_hex(s->map.base_addr, 1, 0);
			out_str("  ");
		}
		if (s->map.mem_start) {
			out_str("memory 0x");
			out_hex(s->map.mem_start, 1, 0);
			out_char('-');
			out_hex(s->map.mem_end, 1, 0);
			out_str("  ");
		}
		if (s->map.dma) {
			out_str("  dma 0x");
			out_hex(s->map.dma, 1, 0);
		}
		out_char('\n');
	}
	out_char('\n');
}

/* net-tools' do_if_print: fetch, complain, print when up (or -a).
 * Returns the errno of a failed fetch, else 0. */
static int print_iface(const struct iface *f)
{
	struct iface_state s;

	if (fetch_state(f->name, &s) < 0) {
		int err = errno;
		out_flush();
		raw_err(f->name);
		raw_err(": error fetching interface information: ");
		raw_err(err == ENODEV ? "Device not found" : error_text(err));
		raw_err("\n");
		return err;
	}
	if (!(s.flags & IFF_UP) && !opt_has(OPT_a))
		return 0;
	if (G.extend)
		print_long(f, &s);
	else
		print_short(f, &s);
	return 0;
}

int show_interfaces(void)
{
	static int titled;
	unsigned i;

	if (ioctl_fd < 0) {
		ioctl_fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		if (ioctl_fd < 0) {
			msg_errno("socket", errno);
			return 1;
		}
	}
	if (!titled++)
		out_str("Kernel Interface table\n");
	if (!G.extend)
		out_str("Iface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    "
			"TX-OK TX-ERR TX-DRP TX-OVR Flg\n");
	iface_count = iface_overflow = 0;
	read_dev(G.iface_name);
	if (G.iface_name) {
		struct iface *f;
		if (strlen(G.iface_name) >= IFACE_NAME) {
			msg(G.iface_name, ": interface name too long", (char *)0);
			return 1;
		}
		f = iface_add(G.iface_name);
		return f && print_iface(f) ? 1 : G.exit_status;
	}
	read_ifconf();
	/* As net-tools, the first interface that cannot be fetched (gone
	 * since net/dev was read) ends the listing. */
	for (i = 0; i < iface_count; i++) {
		int err = print_iface(&ifaces[i]);
		if (err) {
			raw_err("missing interface information: ");
			raw_err(error_text(err));
			raw_err("\n");
			return 1;
		}
	}
	return G.exit_status;
}

//kbuild:lib-$(CONFIG_NETSTAT) += iface.o
