/* Routing tables: /proc/net/route and rt_cache (IPv4), ipv6_route (IPv6).
 * One parser per file format; the layouts are net-tools' -r, -re, -ree. */
#include <errno.h>
#include <stdarg.h>
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

/* "/proc/net/route: No such file or directory" and net-tools' note. */
static int table_missing(const char *family)
{
	err_text(table_path, ": ", error_text(errno));
	err_text("\n", "", "");
	out_fmt("%s not configured in this system.\n", family);
	return 1;
}

/* "Kernel IP routing table" and the like, once the file is open. */
static int table_open(const char *rel, const char *family, const char *ip,
		      int cache)
{
	if (proc_open(rel) < 0)
		return table_missing(family);
	out_fmt("Kernel %s routing %s\n", ip, cache ? "cache" : "table");
	return 0;
}

/* ---- IPv4 ---- */

struct ipv4_route {
	char iface[17];
	uint32_t dest, gateway, flags, mask;
	int32_t refcnt, use, metric, mss, window, irtt;
};

enum { NAME_DEST, NAME_GATEWAY, NAME_MASK };

/* An address column: numbers with -n, else "default" for the default
 * route, host names for hosts and gateways, network names for networks
 * (as net-tools decides: host bits set, or RTF_HOST). Whether it is a
 * name: 1, 0 (numbers), -1 (numbers: the lookup was cut short). */
static int ipv4_route_name(char *buf, uint32_t addr, int kind,
			   const struct ipv4_route *r)
{
	uint8_t a[4];
	int numeric = kind == NAME_MASK || opt_has(OPT_n_host | OPT_N), found;

	memcpy(a, &addr, 4);
	if (!numeric && !addr && kind != NAME_GATEWAY) {
		memcpy(buf, "default", 8);
		return 1;
	}
	if (numeric || !addr)
		found = 0;
	else if (kind == NAME_GATEWAY || (r->flags & RTF_HOST) ||
		 (addr & ~r->mask))
		found = host_lookup(buf, NAME_HOST_MAX, a, 4);
	else
		found = network_name(buf, NAME_HOST_MAX, a);
	if (found <= 0)
		buf[fmt_ip4(buf, a)] = 0;
	return found;
}

/* JSON: the kernel's RTF_ flags by name, by bit. */
static void route_flags_json(uint32_t flags)
{
	static const char words[] =
		"UP\0GATEWAY\0HOST\0REINSTATE\0DYNAMIC\0MODIFIED\0MTU\0WINDOW\0"
		"IRTT\0REJECT\0NOTCACHED\0\0\0\0\0\0DEFAULT\0ALLONLINK\0ADDRCONF\0"
		"\0\0NONEXTHOP\0EXPIRES\0\0CACHE\0FLOW\0POLICY\0\0\0\0\0LOCAL";
	const char *w = words;
	unsigned bit;

	field_json_list("route_flags");
	for (bit = 0; bit < 32; bit++, w += strlen(w) + 1)
		if (*w && (flags >> bit & 1))
			json_list_item(w, strlen(w));
	json_list_end();
}

/* JSON: every column of an IPv4 route, whatever -e asks. */
static void ipv4_route_json(const struct ipv4_route *r)
{
	char name[NAME_HOST_MAX];
	int found;

	row_begin();
	out_fmt("%{destination}=I%{gateway}=I%{genmask}=I", &r->dest,
		&r->gateway, &r->mask);
	route_flags_json(r->flags);
	/* the kernel writes "*" for a route without a device */
	out_fmt("%{metric}=d%{route_refs}=d%{use}=d%{iface}=s%{mss}=d"
		"%{window}=d%{irtt}=d", r->metric, r->refcnt, r->use,
		str_eq(r->iface, "*") ? (char *)0 : r->iface, r->mss, r->window, r->irtt);
	if (!opt_has(OPT_n_host | OPT_N)) {
		found = ipv4_route_name(name, r->dest, NAME_DEST, r);
		json_name("destination_name", found, name);
		found = ipv4_route_name(name, r->gateway, NAME_GATEWAY, r);
		json_name("gateway_name", found, name);
	}
	row_end(0);
}

static void print_ipv4_route(const struct ipv4_route *r, unsigned ext)
{
	char dest[NAME_HOST_MAX], gw[NAME_HOST_MAX], mask[NAME_HOST_MAX];
	char flags[32];
	int reject = (r->flags & RTF_REJECT) != 0;

	if (json_mode()) {
		ipv4_route_json(r);
		return;
	}
	ipv4_route_name(dest, r->dest, NAME_DEST, r);
	ipv4_route_name(gw, r->gateway, NAME_GATEWAY, r);
	ipv4_route_name(mask, r->mask, NAME_MASK, r);
	route_flags(flags, r->flags, ipv4_flag_bits, ipv4_flag_letters, 1);
	dest[15] = gw[15] = mask[15] = 0;
	out_fmt("%-15s %-15s %-15s %-5s ", dest, reject ? "-" : gw, mask, flags);
	if (ext == 2) {
		if (reject)
			out_fmt("    - -          - -\n");
		else
			out_fmt("%5d %-5d %6d %s\n", r->mss, r->window, r->irtt, r->iface);
	} else if (reject) {
		out_fmt(ext == 1 ? "%-6d -  %7d -\n" :
			"%-6d -  %7d -        -     -      -\n", r->metric, r->use);
	} else if (ext == 1) {
		out_fmt("%-6d %-2d %7d %s\n", r->metric, r->refcnt, r->use, r->iface);
	} else {
		char iface[7];
		memcpy(iface, r->iface, 6);
		iface[6] = 0;
		out_fmt("%-6d %-3d %6d %-6s   %-5d %-6d %d\n", r->metric,
			r->refcnt, r->use, iface, r->mss, r->window, r->irtt);
	}
}

static const char *ipv4_route_row(const char *line, size_t len, void *ctx)
{
	struct ipv4_route r;
	unsigned ext = *(unsigned *)ctx;
	const char *bad = scan_fields(line, "wAAxdddAddd", r.iface, &r.dest,
				      &r.gateway, &r.flags, &r.refcnt, &r.use,
				      &r.metric, &r.mask, &r.mss, &r.window,
				      &r.irtt);

	(void)len;
	if (!bad && ext && (r.flags & RTF_UP))
		print_ipv4_route(&r, ext);
	return bad;
}

/* The IPv4 FIB (net/route) or the cache (net/rt_cache: only a header
 * since Linux 3.6; older kernels' rows are not shown). */
static int show_ipv4_table(int cache, unsigned ext)
{
	unsigned n;
	static const char *const flags[] = {
		"Flags Metric Ref    Use Iface",
		"Flags   MSS Window  irtt Iface",
		"Flags Metric Ref    Use Iface    MSS   Window irtt",
	};

	if (table_open(cache ? "net/rt_cache" : "net/route", "INET (IPv4)", "IP",
		       cache))
		return 1;
	table_begin(cache ? "route_cache" : "route");
	if (ext && !json_mode()) {
		out_str(cache ? "Source          Destination     Gateway         " :
			"Destination     Gateway         Genmask         ");
		out_str(flags[ext - 1]);
		out_str(cache && ext == 3 ? "  TOS HHRef HHUptod     SpecDst\n" : "\n");
	}
	/* The kernel writes nothing, not even the header, while the main
	 * table does not exist (a new network namespace): net-tools prints
	 * its header and returns 1, and so do we. */
	n = proc_rows(cache ? ~0u : 1, NUL_SKIPS, ipv4_route_row, &ext);
	table_end();
	return !n && !cache;
}

/* ---- IPv6 ---- */

struct ipv6_route {
	uint8_t dest[16], nexthop[16];
	uint32_t prefix_len, metric, refcnt, use, flags;
	char iface[17];
};


/* The numbers of an address: a v4-mapped one as the bare IPv4 address,
 * as net-tools shows it. */
static void ipv6_route_address(char *buf, const uint8_t *addr)
{
	if (is_v4_mapped(addr))
		buf[fmt_ip4(buf, addr + 12)] = 0;
	else
		buf[fmt_ip6(buf, addr)] = 0;
}

/* The address as the text shows it: numbers for a v4-mapped one, else
 * named; whether buf holds a name, as ipv4_route_name. */
static int ipv6_route_name(char *buf, const uint8_t *addr)
{
	static const uint8_t zero[16];
	int found = 0;

	if (!is_v4_mapped(addr) && memcmp(addr, zero, 16) &&
	    !opt_has(OPT_n_host | OPT_N))
		found = host_lookup(buf, NAME_HOST_MAX, addr, 6);
	if (found > 0)
		return found;
	if (is_v4_mapped(addr) || opt_has(OPT_n_host | OPT_N))
		ipv6_route_address(buf, addr);
	else
		host_name(buf, NAME_HOST_MAX, addr, 6, 0);	/* [::] */
	return found;
}

static void print_ipv6_route(const struct ipv6_route *r)
{
	char dest[NAME_HOST_MAX + 8], hop[NAME_HOST_MAX], flags[16];
	size_t n;
	int found[2];

	found[0] = ipv6_route_name(dest, r->dest);
	found[1] = ipv6_route_name(hop, r->nexthop);
	if (json_mode()) {
		char a[IP6_FMT], b[IP6_FMT];
		uint64_t v[3] = { r->metric, r->refcnt, r->use };
		ipv6_route_address(a, r->dest);
		ipv6_route_address(b, r->nexthop);
		row_begin();
		out_fmt("%{destination}=s%{prefixlen}=d%{gateway}=s", a,
			(int)r->prefix_len, b);
		route_flags_json(r->flags);
		out_fmt("%{metric}=u%{route_refs}=u%{use}=u%{iface}=s", &v[0],
			&v[1], &v[2], r->iface);
		if (!opt_has(OPT_n_host | OPT_N)) {
			json_name("destination_name", found[0], dest);
			json_name("gateway_name", found[1], hop);
		}
		row_end(0);
		return;
	}
	n = strlen(dest);
	dest[n++] = '/';
	dest[n + fmt_u64(dest + n, r->prefix_len)] = 0;
	route_flags(flags, r->flags, ipv6_flag_bits, ipv6_flag_letters, 0);
	out_fmt("%-30s %-26s %-4s %-3d %-1d %6d %s\n", dest, hop, flags,
		(int)r->metric, (int)r->refcnt, (int)r->use, r->iface);
}

static const char *ipv6_route_row(const char *line, size_t len, void *ctx)
{
	struct ipv6_route r;
	uint8_t source[16];
	uint32_t source_len;
	const char *bad = scan_fields(line, "BxBxBAAAAw", r.dest, &r.prefix_len,
				      source, &source_len, r.nexthop, &r.metric,
				      &r.refcnt, &r.use, &r.flags, r.iface);

	(void)len;
	if (!bad && !(r.flags & RTF_CACHE) == !*(int *)ctx)
		print_ipv6_route(&r);
	return bad;
}

/* The IPv6 FIB, or with cache set only its RTF_CACHE entries. */
static int show_ipv6_table(int cache)
{
	if (table_open("net/ipv6_route", "INET6 (IPv6)", "IPv6", cache))
		return 1;
	table_begin(cache ? "route6_cache" : "route6");
	if (!json_mode())
		out_str("Destination                    Next Hop                   "
			"Flag Met Ref  Use If\n");
	proc_rows(0, NUL_SKIPS, ipv6_route_row, &cache);
	table_end();
	return 0;
}

/* The families in the order they were named (inet when none), as
 * net-tools walks them; for each the FIB (default, -F), then the cache
 * (-C). A family without routing tables here ends the walk. */
int show_routes(void)
{
	unsigned ext = G.extend + 1, pass;
	const char *p = G.family_list[0] ? G.family_list : "inet";
	char name[12];
	size_t n;
	int rc = 0, v6;

	/* net-tools swaps the first two levels of -e: -r shows MSS, -re the
	 * metrics, -ree both; the count wraps at four. */
	if (ext <= 2)
		ext = 3 - ext;
	ext &= 3;
	for (; !rc && *p; p += n + (p[n] == ',')) {
		n = strcspn(p, ",");
		copy_word(name, sizeof(name), p, n);
		v6 = str_eq(name, "inet6");
		if (!v6 && !str_eq(name, "inet")) {
			err_text(str_eq(name, "bluetooth") ? "Address family `" :
				 "No routing for address family `", name,
				 str_eq(name, "bluetooth") ? "' not supported.\n" : "'.\n");
			return 3;
		}
		for (pass = !opt_has(OPT_F) && opt_has(OPT_C);
		     !rc && pass < 1u + !!opt_has(OPT_C); pass++)
			rc = v6 ? show_ipv6_table((int)pass) :
			     show_ipv4_table((int)pass, ext);
	}
	return rc;
}

//kbuild:lib-$(CONFIG_NETSTAT) += route.o
