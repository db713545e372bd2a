/* Routing tables: /proc/net/route and rt_cache (IPv4), ipv6_route (IPv6).
 * One parser per file format; the layouts are net-tools' -r, -re, -ree. */
#include <errno.h>
#include <string.h>

#include "netstat.h"

/* Kernel route flags (RTF_*) as bit numbers, and the letter net-tools
 * shows for each, in its order. '!' (RTF_REJECT) replaces the letters
 * before it in the IPv4 table. */
static const uint8_t ipv4_flag_bits[] = {
	0, 1, 9, 2, 3, 4, 5, 16, 17, 18, 21, 22, 24, 25, 26, 31, 6, 7, 8, 10,
};
static const char ipv4_flag_letters[] = "UG!HRDMdacoecfpluwin";
static const uint8_t ipv6_flag_bits[] = {
	0, 9, 1, 2, 16, 18, 24, 17, 22, 5, 21, 25,
};
static const char ipv6_flag_letters[] = "U!GHDACaemnf";

enum { RTF_UP = 0x1, RTF_HOST = 0x4, RTF_REJECT = 0x200, RTF_CACHE = 0x1000000 };

static void route_flags(char *out, uint32_t flags, const uint8_t *bits,
			const char *letters, int reject_resets)
{
	unsigned i, n = 0;

	for (i = 0; letters[i]; i++) {
		if (!(flags >> bits[i] & 1))
			continue;
		if (letters[i] == '!' && reject_resets)
			n = 0;
		out[n++] = letters[i];
	}
	out[n] = 0;
}

void out_int(int32_t v, int width)
{
	char b[U64_FMT + 1];

	b[fmt_i64(b, v)] = 0;
	if (width < 0)
		out_left(b, (unsigned)-width);
	else
		out_right(b, (unsigned)width);
}

static int scan_word_hex32(const char **p, uint32_t *v)
{
	const char *start;
	uint64_t x;

	skip_spaces(p);
	start = *p;
	if (!scan_hex(p, &x, 8) || *p - start != 8)
		return 0;
	*v = (uint32_t)x;
	return 1;
}

/* A decimal field as C's %d reads it: wrapped to 32 bits. */
static int scan_int(const char **p, int32_t *v)
{
	int64_t x;

	skip_spaces(p);
	if (!scan_dec_signed(p, &x))
		return 0;
	*v = (int32_t)(uint32_t)(uint64_t)x;
	return 1;
}

/* The next whitespace-separated word into buf (at most size-1 bytes). */
static int scan_word(const char **p, char *buf, size_t size)
{
	size_t n = 0;

	skip_spaces(p);
	while (**p && !is_space((unsigned char)**p)) {
		if (n < size - 1)
			buf[n++] = **p;
		(*p)++;
	}
	buf[n] = 0;
	return n != 0;
}

static int at_line_end(const char *p)
{
	skip_spaces(&p);
	return *p == 0;
}

/* "/proc/net/route: No such file or directory" and the note net-tools
 * prints when a routing table cannot be opened. */
static int table_missing(const char *path, const char *what)
{
	out_flush();
	raw_err(path);
	raw_err(": ");
	raw_err(error_text(errno));
	raw_err("\n");
	out_str(what);
	return 1;
}

/* ---- IPv4 ---- */

struct ipv4_route {
	char iface[17];
	uint32_t dest, gateway, flags, mask;
	int32_t refcnt, use, metric, mss, window, irtt;
};

static const char *parse_ipv4_route(const char *p, struct ipv4_route *r)
{
	if (!scan_word(&p, r->iface, sizeof(r->iface)))
		return "missing interface";
	if (!scan_word_hex32(&p, &r->dest) ||
	    !scan_word_hex32(&p, &r->gateway))
		return "bad address";
	skip_spaces(&p);
	{
		uint64_t v;
		if (!scan_hex(&p, &v, 8))
			return "bad flags";
		r->flags = (uint32_t)v;
	}
	if (!scan_int(&p, &r->refcnt) || !scan_int(&p, &r->use) ||
	    !scan_int(&p, &r->metric))
		return "bad counter";
	if (!scan_word_hex32(&p, &r->mask))
		return "bad mask";
	if (!scan_int(&p, &r->mss) || !scan_int(&p, &r->window))
		return "bad MTU or window";
	r->irtt = 0;
	if (!at_line_end(p) && !scan_int(&p, &r->irtt))
		return "bad irtt";
	if (!at_line_end(p))
		return "trailing garbage";
	return 0;
}

enum { NAME_DEST, NAME_GATEWAY, NAME_MASK };

/* An address column: numbers with -n, else "default" for the default
 * route, host names for hosts and gateways, network names for networks
 * (as net-tools decides: host bits set, or RTF_HOST). At most 15 bytes. */
static void ipv4_route_name(char *buf, uint32_t addr, int kind,
			    const struct ipv4_route *r)
{
	uint8_t a[4];
	int numeric = kind == NAME_MASK || opt_has(OPT_n_host | OPT_N);

	memcpy(a, &addr, 4);
	if (numeric || (!addr && kind == NAME_GATEWAY))
		buf[fmt_ip4(buf, a)] = 0;
	else if (!addr)
		memcpy(buf, "default", 8);
	else if (kind == NAME_GATEWAY || (r->flags & RTF_HOST) ||
		 (addr & ~r->mask))
		host_name(buf, NAME_HOST_MAX, a, 4, 0);
	else
		network_name(buf, NAME_HOST_MAX, a);
	buf[15] = 0;
}

static void print_ipv4_route(const struct ipv4_route *r, unsigned ext)
{
	char dest[NAME_HOST_MAX], gw[NAME_HOST_MAX], mask[NAME_HOST_MAX];
	char flags[32];
	int reject = (r->flags & RTF_REJECT) != 0;
	const char *iface = reject ? "-" : r->iface;

	ipv4_route_name(dest, r->dest, NAME_DEST, r);
	ipv4_route_name(gw, r->gateway, NAME_GATEWAY, r);
	ipv4_route_name(mask, r->mask, NAME_MASK, r);
	route_flags(flags, r->flags, ipv4_flag_bits, ipv4_flag_letters, 1);
	out_left(dest, 15);
	out_char(' ');
	out_left(reject ? "-" : gw, 15);
	out_char(' ');
	out_left(mask, 15);
	out_char(' ');
	out_left(flags, 5);
	out_char(' ');
	if (ext == 2) {
		if (reject) {
			out_str("    - -          - -\n");
			return;
		}
		out_int(r->mss, 5);
		out_char(' ');
		out_int(r->window, -5);
		out_char(' ');
		out_int(r->irtt, 6);
	} else {
		out_int(r->metric, -6);
		if (reject) {
			out_str(" -  ");
			out_int(r->use, 7);
		} else {
			out_char(' ');
			out_int(r->refcnt, ext == 1 ? -2 : -3);
			out_char(' ');
			out_int(r->use, ext == 1 ? 7 : 6);
		}
		if (ext >= 3) {
			char name[7];
			if (reject) {
				out_str(" -        -     -      -\n");
				return;
			}
			memcpy(name, iface, 6);
			name[6] = 0;
			out_char(' ');
			out_left(name, 6);
			out_str("   ");
			out_int(r->mss, -5);
			out_char(' ');
			out_int(r->window, -6);
			out_char(' ');
			out_int(r->irtt, 0);
			out_char('\n');
			return;
		}
	}
	out_char(' ');
	out_str(iface);
	out_char('\n');
}

static struct line_reader route_reader;

static const char ipv4_missing[] = "INET (IPv4) not configured in this system.\n";

static int show_ipv4_fib(unsigned ext)
{
	char path[PATH_BUF], *line;
	size_t len;
	enum line_result res;
	struct ipv4_route r;
	const char *bad;

	if (reader_open_proc(&route_reader, "net/route", path) < 0)
		return table_missing(path, ipv4_missing);
	out_str("Kernel IP routing table\n");
	if (ext)
		out_str("Destination     Gateway         Genmask         ");
	if (ext == 1)
		out_str("Flags Metric Ref    Use Iface\n");
	else if (ext == 2)
		out_str("Flags   MSS Window  irtt Iface\n");
	else if (ext == 3)
		out_str("Flags Metric Ref    Use Iface    MSS   Window irtt\n");
	while ((res = read_line(&route_reader, &line, &len)) != LINE_EOF) {
		if (res != LINE_OK || route_reader.line_no == 1)
			continue;
		if (strlen(line) != len) {
			msg_line(path, route_reader.line_no, "NUL byte in line");
			continue;
		}
		if (at_line_end(line))
			continue;
		bad = parse_ipv4_route(line, &r);
		if (bad) {
			msg_line(path, route_reader.line_no, bad);
			G.exit_status = 1;
			continue;
		}
		if (ext && (r.flags & RTF_UP))
			print_ipv4_route(&r, ext);
	}
	reader_close(&route_reader);
	return 0;
}

/* Kernels since 3.6 keep no IPv4 route cache: the file is a header. */
static int show_ipv4_cache(unsigned ext)
{
	char path[PATH_BUF];

	if (reader_open_proc(&route_reader, "net/rt_cache", path) < 0)
		return table_missing(path, ipv4_missing);
	reader_close(&route_reader);
	out_str("Kernel IP routing cache\n");
	if (ext)
		out_str("Source          Destination     Gateway         ");
	if (ext == 1)
		out_str("Flags Metric Ref    Use Iface\n");
	else if (ext == 2)
		out_str("Flags   MSS Window  irtt Iface\n");
	else if (ext == 3)
		out_str("Flags Metric Ref    Use Iface    MSS   Window irtt  TOS "
			"HHRef HHUptod     SpecDst\n");
	return 0;
}

/* ---- IPv6 ---- */

struct ipv6_route {
	uint8_t dest[16], nexthop[16];
	unsigned prefix_len;
	uint32_t metric, refcnt, use, flags;
	char iface[16];
};

static int scan_hex_bytes(const char **p, uint8_t *out, unsigned n)
{
	unsigned i;
	uint64_t v;

	skip_spaces(p);
	for (i = 0; i < n; i++) {
		const char *start = *p;
		if (!scan_hex(p, &v, 2) || *p - start != 2)
			return 0;
		out[i] = (uint8_t)v;
	}
	return 1;
}

static const char *parse_ipv6_route(const char *p, struct ipv6_route *r)
{
	uint8_t source[16], plen;

	if (!scan_hex_bytes(&p, r->dest, 16) || !scan_hex_bytes(&p, &plen, 1))
		return "bad destination";
	r->prefix_len = plen;
	if (!scan_hex_bytes(&p, source, 16) || !scan_hex_bytes(&p, source, 1))
		return "bad source";
	if (!scan_hex_bytes(&p, r->nexthop, 16))
		return "bad next hop";
	if (!scan_word_hex32(&p, &r->metric) || !scan_word_hex32(&p, &r->refcnt) ||
	    !scan_word_hex32(&p, &r->use) || !scan_word_hex32(&p, &r->flags))
		return "bad counter";
	if (!scan_word(&p, r->iface, sizeof(r->iface)) || !at_line_end(p))
		return "bad interface";
	return 0;
}

static const uint8_t v4_mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };

/* net-tools shows v4-mapped addresses as the bare IPv4 address. */
static void ipv6_route_name(char *buf, const uint8_t *addr)
{
	if (!memcmp(addr, v4_mapped, 12))
		host_name(buf, NAME_HOST_MAX, addr + 12, 4, 1);
	else
		host_name(buf, NAME_HOST_MAX, addr, 6,
			  opt_has(OPT_n_host | OPT_N) != 0);
}

static void print_ipv6_route(const struct ipv6_route *r)
{
	char dest[NAME_HOST_MAX + 8], hop[NAME_HOST_MAX], flags[16];
	size_t n;

	ipv6_route_name(dest, r->dest);
	n = strlen(dest);
	dest[n++] = '/';
	dest[n + fmt_u64(dest + n, r->prefix_len)] = 0;
	ipv6_route_name(hop, r->nexthop);
	route_flags(flags, r->flags, ipv6_flag_bits, ipv6_flag_letters, 0);
	out_left(dest, 30);
	out_char(' ');
	out_left(hop, 26);
	out_char(' ');
	out_left(flags, 4);
	out_char(' ');
	out_int((int32_t)r->metric, -3);
	out_char(' ');
	out_int((int32_t)r->refcnt, -1);
	out_char(' ');
	out_int((int32_t)r->use, 6);
	out_char(' ');
	out_str(r->iface);
	out_char('\n');
}

/* The IPv6 FIB, or with cache set only its RTF_CACHE entries. */
static int show_ipv6_table(int cache)
{
	char path[PATH_BUF], *line;
	size_t len;
	enum line_result res;
	struct ipv6_route r;
	const char *bad;

	if (reader_open_proc(&route_reader, "net/ipv6_route", path) < 0)
		return table_missing(path,
				     "INET6 (IPv6) not configured in this system.\n");
	out_str(cache ? "Kernel IPv6 routing cache\n" : "Kernel IPv6 routing table\n");
	out_str("Destination                    Next Hop                   "
		"Flag Met Ref  Use If\n");
	while ((res = read_line(&route_reader, &line, &len)) != LINE_EOF) {
		if (res != LINE_OK)
			continue;
		if (strlen(line) != len) {
			msg_line(path, route_reader.line_no, "NUL byte in line");
			continue;
		}
		if (at_line_end(line))
			continue;
		bad = parse_ipv6_route(line, &r);
		if (bad) {
			msg_line(path, route_reader.line_no, bad);
			G.exit_status = 1;
			continue;
		}
		if (!(r.flags & RTF_CACHE) == !cache)
			print_ipv6_route(&r);
	}
	reader_close(&route_reader);
	return 0;
}

/* The FIB (default, -F) and the cache (-C) of one family. */
static int show_family_routes(int v6, unsigned ext)
{
	int fib = opt_has(OPT_F) || !opt_has(OPT_C);
	int rc = 0;

	if (v6) {
		if (fib)
			rc = show_ipv6_table(0);
		if (!rc && opt_has(OPT_C))
			rc = show_ipv6_table(1);
	} else {
		if (fib)
			rc = show_ipv4_fib(ext);
		if (!rc && opt_has(OPT_C))
			rc = show_ipv4_cache(ext);
	}
	return rc;
}

int show_routes(void)
{
	unsigned fam = G.families, ext = G.extend + 1;
	int v6_first = ENABLE_FEATURE_NETSTAT_IPV6 && G.inet6_first;
	int rc = 0;

	/* net-tools swaps the first two levels of -e: -r shows MSS, -re the
	 * metrics, -ree both; the count wraps at four. */
	if (ext <= 2)
		ext = 3 - ext;
	ext &= 3;
	if (!(fam & (FAMILY_INET | FAMILY_INET6 | FAMILY_UNIX)))
		fam |= FAMILY_INET;
	if (v6_first && (fam & FAMILY_INET6))
		rc = show_family_routes(1, ext);
	if (!rc && (fam & FAMILY_INET))
		rc = show_family_routes(0, ext);
	if (!rc && !v6_first && ENABLE_FEATURE_NETSTAT_IPV6 &&
	    (fam & FAMILY_INET6))
		rc = show_family_routes(1, ext);
	if (!rc && (fam & FAMILY_UNIX)) {
		raw_err("No routing for address family `unix'.\n");
		rc = 3;
	}
	return rc;
}

//kbuild:lib-$(CONFIG_NETSTAT) += route.o
