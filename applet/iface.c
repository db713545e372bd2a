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

#include "ifreq.h"
#include "netstat.h"

enum { IFF_UP = 0x1, IFF_BROADCAST = 0x2, IFF_POINTOPOINT = 0x10 };

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

static struct iface *ifaces;	/* IFACE_MAX, mapped by the first iface_add */
static unsigned iface_count, iface_overflow;


static uint32_t leading_number(const char *p)
{
	uint32_t v = 0;

	while (is_digit(*p))
		v = v * 10 + (uint32_t)(*p++ - '0');
	return v;
}

/* Splits a name for net-tools' nstrcmp: the stem before the trailing
 * digits, their value, and an alias ("eth0:12") as its number (-1: none). */
static void name_parts(const char *s, unsigned *stem, uint32_t *num,
			   int32_t *alias)
{
	unsigned n = (unsigned)strlen(s), k = n;

	*alias = -1;
	while (k && is_digit(s[k - 1]))
		k--;
	if (k < n && k > 1 && s[k - 1] == ':') {
		*alias = (int32_t)leading_number(s + k);
		n = k - 1;
	}
	for (k = n; k && is_digit(s[k - 1]); k--)
		;
	*stem = k;
	*num = leading_number(s + k);
}

/* net-tools' nstrcmp: names compare by their stem, then by the number
 * that ends them, then by alias (net-tools compares "eth01" and "eth1"
 * as strings before the alias; we after it). */
static int name_compare(const char *a, const char *b)
{
	unsigned as, bs;
	uint32_t av, bv;
	int32_t aa, ba;
	int r;

	name_parts(a, &as, &av, &aa);
	name_parts(b, &bs, &bv, &ba);
	r = strncmp(a, b, as < bs ? as : bs);
	if (!r)
		r = (int)as - (int)bs;
	if (!r)
		r = (av > bv) - (av < bv);
	if (!r)
		r = (aa > ba) - (aa < ba);
	return r ? r : strcmp(a, b);
}

/* Finds or inserts name, searching from the end as net-tools does. */
static struct iface *iface_add(const char *name)
{
	unsigned i = iface_count;
	int c;

	if (!ifaces)
		ifaces = state_alloc(IFACE_MAX * sizeof(*ifaces));
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

/* "  eth0: 123 4 ..." (an alias keeps its ":N"). */
static const char *dev_row(const char *p, size_t len, void *ctx)
{
	char name[IFACE_NAME];
	uint64_t stats[STAT_FIELDS];
	const char *start, *q;
	unsigned n, i;
	struct iface *f;

	(void)len, (void)ctx;
	skip_spaces(&p);
	start = p;
	while (*p && !is_space((unsigned char)*p) && *p != ':')
		p++;
	for (q = p + (*p == ':'); is_digit(*q); q++)
		;
	if (*q == ':' && q > p + 1)
		p = q;
	n = (unsigned)(p - start);
	if (*p++ != ':' || !n || n >= IFACE_NAME)
		return "bad interface name";
	memcpy(name, start, n);
	name[n] = 0;
	for (i = 0; i < STAT_FIELDS; i++) {
		skip_spaces(&p);
		if (!*p)
			return "too few fields";
		if (!scan_dec(&p, &stats[i]))
			return is_digit(*p) ? "counter too large" : "bad counter";
	}
	skip_spaces(&p);
	row_extra_fields = *p != 0;
	f = iface_add(name);
	if (f && f->has_stats)
		return "interface listed twice";
	if (f) {
		memcpy(f->stats, stats, sizeof(stats));
		f->has_stats = 1;
	}
	return 0;
}

static void read_dev(void)
{
	if (proc_table("net/dev", 2, dev_row, 0) < 0) {
		char path[PATH_BUF];
		int err = errno;
		err_text("Warning: cannot open ", proc_path(path, "net/dev"), " (");
		err_text(error_text(err), "). Limited output.\n", "");
	}
}

/* The counters of /proc/net/dev summed over every interface but lo
 * (classic netstat -e); 0 when the file cannot be read. */
int dev_totals(uint64_t *sum)
{
	unsigned i, k;

	iface_count = 0;
	if (proc_table("net/dev", 2, dev_row, 0) < 0)
		return 0;
	memset(sum, 0, STAT_FIELDS * sizeof(*sum));
	for (i = 0; i < iface_count; i++)
		if (ifaces[i].has_stats && strcmp(ifaces[i].name, "lo"))
			for (k = 0; k < STAT_FIELDS; k++)
				/* saturate rather than wrap */
				sum[k] = sum[k] + ifaces[i].stats[k] < sum[k] ?
					 UINT64_MAX : sum[k] + ifaces[i].stats[k];
	return 1;
}

static void add_name(const char *name)
{
	iface_add(name);
}

/* IFF_* bits in the order of the -i Flg letters, and of the -ie words. */
static const uint8_t short_flag_bits[] = { 9, 1, 2, 3, 12, 8, 5, 7, 4, 11, 10, 6, 0 };
static const char short_flag_letters[] = "ABDLMPNOPsmRU";
static const uint8_t long_flag_bits[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 10, 12 };
static const char long_flag_words[] =
	"UP\0BROADCAST\0DEBUG\0LOOPBACK\0POINTOPOINT\0NOTRAILERS\0RUNNING\0"
	"NOARP\0PROMISC\0ALLMULTI\0SLAVE\0MASTER\0MULTICAST\0";

/* The flag letters of -i, or with words set the "<UP,RUNNING>" words of
 * -ie (JSON: the words as a list); returns whether any was printed. */
static int out_flags(int flags, int words)
{
	const uint8_t *bits = words ? long_flag_bits : short_flag_bits;
	const char *name = words ? long_flag_words : short_flag_letters;
	char sep = '<';
	unsigned i;

	for (i = 0; i < 13; i++) {
		size_t n = words ? strlen(name) : 1;
		if (flags >> bits[i] & 1) {
			if (words)
				out_char(sep);
			out_mem(name, n);
			sep = ',';
		}
		name += n + words;
	}
	return sep == ',';
}

static void flags_json(int flags)
{
	const char *name = long_flag_words;
	unsigned i;

	field_json_list("flags");
	for (i = 0; i < 13; i++, name += strlen(name) + 1)
		if (flags >> long_flag_bits[i] & 1)
			json_list_item(name, strlen(name));
	json_list_end();
}

/* JSON of -i: the row of the text table, jc --netstat's keys. */
static void short_json(const struct iface *f, const struct iface_state *s)
{
	static const char keys[] = "rx_ok\0rx_err\0rx_drp\0rx_ovr\0"
				   "tx_ok\0tx_err\0tx_drp\0tx_ovr";
	static const uint8_t columns[] = { RX_PACKETS, RX_ERRS, RX_DROP, RX_FIFO,
					   TX_PACKETS, TX_ERRS, TX_DROP, TX_FIFO };
	const char *key = keys;
	unsigned i;

	row_begin();
	out_fmt("%{iface}=s%{mtu}=d", f->name, s->mtu);
	for (i = 0; i < ARRAY_SIZE(columns); i++, key += strlen(key) + 1)
		json_number_or_null(key, f->stats[columns[i]], f->has_stats ? "" : 0);
	flags_json(s->flags);
	row_end(0);
}

static void print_short(const struct iface *f, const struct iface_state *s)
{
	const uint64_t *v = f->stats;

	if (json_mode()) {
		short_json(f, s);
		return;
	}
	out_fmt("%-15s %5d ", f->name, s->mtu);
	if (f->has_stats)
		out_fmt("%8u %6u %6u %-6u %8u %6u %6u %6u ", v + RX_PACKETS,
			v + RX_ERRS, v + RX_DROP, v + RX_FIFO, v + TX_PACKETS,
			v + TX_ERRS, v + TX_DROP, v + TX_FIFO);
	else
		out_fmt("%-56s", "     - no statistics available -");
	if (!s->flags)
		out_str("[NO FLAGS]");
	out_flags(s->flags, 0);
	out_char('\n');
}

/* The scope words net-tools adds after "scopeid 0x..". */
static void out_scope(unsigned scope)
{
	static const char words[] = "compat\0global\0link\0site\0host";
	static const uint8_t bits[] = { 0x80, 0, 0x20, 0x40, 0x10 };
	const char *w = words;
	char sep = '<';
	unsigned i;

	for (i = 0; i < 5; i++, w += strlen(w) + 1) {
		if (i == 1 ? scope : !(scope & bits[i]))
			continue;
		out_char(sep);
		out_str(w);
		sep = ',';
		scope &= ~0x80u;
	}
	out_str(sep == ',' ? ">\n" : "\n");
}

/* JSON: ip's word for an if_inet6 scope (IPV6_ADDR_* bits). */
static const char *scope_word(unsigned scope)
{
	return scope & 0x80 ? "compat" : scope & 0x10 ? "host" :
	       scope & 0x20 ? "link" : scope & 0x40 ? "site" : "global";
}

/* "        inet6 fe80::1  prefixlen 64  scopeid 0x20<link>" for each
 * if_inet6 line of the interface named by ctx. */
static const char *inet6_row(const char *p, size_t len, void *ctx)
{
	char dev[17], text[IP6_FMT];
	uint8_t addr[16];
	uint32_t index, plen, scope, flags;

	(void)len;
	p = scan_fields(p, "Bxxxxw", addr, &index, &plen, &scope, &flags, dev);
	if (!p && str_eq(dev, ctx)) {
		text[fmt_ip6(text, addr)] = 0;
		row_begin();
		out_fmt("%{family}=s        inet6 %{local}s  prefixlen %{prefixlen}d"
			"  scopeid 0x%x", "inet6", text, (int)plen, (int)scope);
		if (json_mode())
			out_fmt("%{broadcast}=s%{address}=s%{scope}=s", (char *)0,
				(char *)0, scope_word(scope));
		else
			out_scope(scope);
		row_end(0);
	}
	return p;
}

/* "RX packets N  bytes N (N.N UNIT)": net-tools scales byte counts to
 * binary units with one decimal, truncated; "B" up to 1 KiB. */
static void print_traffic(int tx, const uint64_t *packets,
			  const uint64_t *bytes)
{
	static const char units[][4] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
	uint64_t tenths, t = *bytes - 1;
	unsigned u = 0, d;

	while (*bytes && u < 6 && (t >>= 10))
		u++;
	/* Beyond 1 EiB net-tools divides by 2^60 / 10 rounded down, which
	 * 64-bit arithmetic here only approximates (the last digit may
	 * differ near a boundary). */
	if (u == 6) {
		tenths = ((*bytes >> 4) * 10 + 15) >> 56;
	} else {
		tenths = *bytes * 10;
		for (d = u; d; d--)
			tenths >>= 10;
	}
	tenths = div10(tenths, &d);
	out_fmt(tx ? "        TX packets %{packets}u  bytes %{bytes}u (%u.%d %s)\n" :
		"        RX packets %{packets}u  bytes %{bytes}u (%u.%d %s)\n",
		packets, bytes, &tenths, (int)d, units[u]);
}

/* The link types net-tools names; the last stands for all others. */
static const struct hw_type {
	uint16_t type;		/* ARPHRD_* */
	uint8_t len;		/* address bytes shown */
	char name[7], title[24];
} hw_types[] = {
	{ 1, 6, "ether", "Ethernet" },
	{ 772, 0, "loop", "Local Loopback" },
	{ 512, 0, "ppp", "Point-to-Point Protocol" },
	{ 0, 16, "unspec", "UNSPEC" },
};

static void print_hwaddr(const struct iface_state *s)
{
	const struct hw_type *h = hw_types;
	const char *digits = "0123456789abcdef";
	char addr[3 * 16], *a = addr;
	unsigned i;

	while (h->type && h->type != s->type)
		h++;
	if (!h->type)
		digits = "0123456789ABCDEF";
	for (i = 0; i < h->len; i++) {
		unsigned b = i < 8 ? s->hwaddr[i] : 0;
		if (i)
			*a++ = h->type ? ':' : '-';
		*a++ = digits[b >> 4];
		*a++ = digits[b & 15];
	}
	*a = 0;
	out_fmt("        %s%s%s", h->name, h->len ? " " : "", addr);
	if (s->txqlen != -1)
		out_fmt("  txqueuelen %d", s->txqlen);
	out_fmt("  (%s)\n", h->title);
	/* JSON: ether's address as the text has it, loopback's as ip's */
	out_fmt("%{address}=s", s->type == 1 ? addr : s->type == 772 ?
		"00:00:00:00:00:00" : (char *)0);
	json_number_or_null("txqlen", (uint64_t)s->txqlen, s->txqlen == -1 ? 0 : "");
}

/* ip's name of a hardware type (ip -j's link_type), or [N]. */
static const char *link_type(int type, char *buf)
{
	static const uint16_t types[] = { 1, 772, 512, 65534 };
	unsigned i;

	for (i = 0; i < ARRAY_SIZE(types); i++)
		if (types[i] == type)
			return nth_string("ether\0loopback\0ppp\0none", i);
	buf[0] = '[';
	memcpy(buf + 1 + fmt_u64(buf + 1, (uint16_t)type), "]", 2);
	return buf;
}

/* -ie: the interface as ifconfig shows it, described once; its JSON is
 * ip -j's link object (ip -j addr, ip -j -s link): addr_info, stats64
 * (the counters the text leaves out are JSON-only members). */
static void print_long(const struct iface *f, const struct iface_state *s)
{
	static const uint8_t none[4];
	const uint64_t *v = f->stats;
	char type[U64_FMT + 2], text[2][IP4_FMT];
	unsigned i, bits = 0;

	row_begin();
	out_fmt("%{ifname}s: flags=%d", f->name, s->flags);
	flags_json(s->flags);
	/* net-tools drops the last byte of "flags=N<" when no word was
	 * added, unless N is 0. */
	if (!json_mode() && out_flags(s->flags, 1))
		out_char('>');
	else if (!json_mode() && !s->flags)
		out_char('<');
	out_fmt("  mtu %{mtu}d\n", s->mtu);
	field_json_list("addr_info");
	if (s->has_ip) {
		/* the netmask's bits: its prefix length */
		for (i = 0; i < 32; i++)
			bits += s->netmask[i / 8] >> (i & 7) & 1;
		row_begin();
		out_fmt("%{family}=s        inet %{local}I  netmask %I%{prefixlen}=d",
			"inet", s->addr, s->netmask, (int)bits);
		if (s->flags & IFF_BROADCAST)
			out_fmt("  broadcast %I", s->broadaddr);
		if (s->flags & IFF_POINTOPOINT)
			out_fmt("  destination %I", s->dstaddr);
		/* JSON: none for 0.0.0.0; the kernel gives the local address
		 * back as the destination when there is no peer */
		out_fmt("\n%{broadcast}=s%{address}=s%{scope}=s",
			(s->flags & IFF_BROADCAST) && memcmp(s->broadaddr, none, 4) ?
			fmt_ip4_text(text[0], s->broadaddr) : (char *)0,
			memcmp(s->dstaddr, s->addr, 4) && memcmp(s->dstaddr, none, 4) ?
			fmt_ip4_text(text[1], s->dstaddr) : (char *)0, (char *)0);
		row_end(0);
	}
	if (ENABLE_FEATURE_NETSTAT_IPV6)
		proc_table("net/if_inet6", 0, inet6_row, (void *)f->name);
	json_list_end();
	print_hwaddr(s);
	out_fmt("%{link_type}=s", link_type(s->type, type));
	if (!f->has_stats) {
		out_fmt("%{stats64}=s", (char *)0);
	} else {
		json_object("stats64", 7);
		json_object("rx", 2);
		print_traffic(0, v + RX_PACKETS, v + RX_BYTES);
		out_fmt("        RX errors %{errors}u  dropped %{dropped}u  overruns "
			"%{fifo_errors}u  frame %{frame_errors}u\n%{compressed}=u"
			"%{multicast}=u", v + RX_ERRS, v + RX_DROP, v + RX_FIFO,
			v + RX_FRAME, v + RX_COMPRESSED, v + RX_MULTICAST);
		json_object_end();
		json_object("tx", 2);
		print_traffic(1, v + TX_PACKETS, v + TX_BYTES);
		out_fmt("        TX errors %{errors}u  dropped %{dropped}u overruns "
			"%{fifo_errors}u  carrier %{carrier_errors}u  collisions "
			"%{collisions}u\n%{compressed}=u", v + TX_ERRS, v + TX_DROP,
			v + TX_FIFO, v + TX_CARRIER, v + TX_COLLS, v + TX_COMPRESSED);
		json_object_end();
		json_object_end();
	}
	row_end(1);
}

/* net-tools' do_if_print: fetch, complain, print when up (or -a).
 * Returns the errno of a failed fetch, else 0. */
static int print_iface(const struct iface *f)
{
	struct iface_state s;

	if (ifreq_state(f->name, &s) < 0) {
		int err = errno;
		err_text(f->name, ": error fetching interface information: ",
			 err == ENODEV ? "Device not found" : error_text(err));
		err_text("\n", "", "");
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

#if ENABLE_FEATURE_NETSTAT_DIAG
/* -D: the counters watched, receive then transmit, and their keys. */
static const uint8_t watched[] = {
	RX_PACKETS, RX_BYTES, RX_ERRS, RX_DROP,
	TX_PACKETS, TX_BYTES, TX_ERRS, TX_DROP,
};
static const char watched_keys[] =
	"rx_packets\0rx_bytes\0rx_errors\0rx_drops\0"
	"tx_packets\0tx_bytes\0tx_errors\0tx_drops";

/* Records this round's counters; in a later round prints what moved:
 * "eth0: rx_packets +12 (12/s), rx_bytes +1500 (1500/s)"; JSON an
 * object of the changes per interface that moved. */
static void iface_changes(int later)
{
	char rate[RATE_FMT];
	uint64_t d;
	unsigned i, k, moved;

	for (i = 0; i < iface_count; i++) {
		const struct iface *f = &ifaces[i];
		uint32_t h = name_hash(f->name, strlen(f->name));
		if (!f->has_stats)
			continue;
		for (k = moved = 0; k < ARRAY_SIZE(watched); k++) {
			const char *key = nth_string(watched_keys, k);
			d = counter_change(h + (k + 1) * 0x9e3779b1u, f->stats[watched[k]]);
			if (!later || !d)
				continue;
			if (!moved++) {
				json_object(f->name, strlen(f->name));
				out_fmt("%s:", f->name);
			}
			json_number_or_null(key, d, "");
			rate[fmt_rate(rate, d)] = 0;
			out_fmt(moved > 1 ? ", %s +%u (%s)" : " %s +%u (%s)", key, &d, rate);
		}
		if (moved) {
			json_object_end();
			out_fmt("\n");
		}
	}
	if (later)
		changes_end();
}
#else
static void iface_changes(int later) { (void)later; }
#endif

int show_interfaces(void)
{
	static int titled;
	unsigned i;
	int later = changes_round("interfaces");

	if (ifreq_open() < 0) {
		msg_errno("socket", errno);
		return 1;
	}
	if (!json_mode() && !titled++)
		out_str("Kernel Interface table\n");
	if (!G.extend && !json_mode() && !later)
		out_str("Iface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    "
			"TX-OK TX-ERR TX-DRP TX-OVR Flg\n");
	iface_count = iface_overflow = 0;
	read_dev();
	if (G.iface_name) {
		/* One interface (net-tools cuts a long name to 15 bytes). */
		char name[IFACE_NAME];
		struct iface *f;
		copy_word(name, sizeof(name), G.iface_name, strlen(G.iface_name));
		f = iface_add(name);
		if (f)
			ifaces[0] = *f;
		iface_count = f != 0;
	} else {
		ifreq_names(add_name);
	}
	if (opt_has(OPT_changes))
		iface_changes(later);
	if (later)
		return G.exit_status;
	table_begin(G.extend ? "links" : "interfaces");
	/* As net-tools, the first interface that cannot be fetched (gone
	 * since net/dev was read) ends the listing. */
	for (i = 0; i < iface_count; i++) {
		int err = print_iface(&ifaces[i]);
		if (err) {
			table_end();
			if (!G.iface_name)
				err_text("missing interface information: ",
					 error_text(err), "\n");
			return 1;
		}
	}
	table_end();
	return G.exit_status;
}

//kbuild:lib-$(CONFIG_NETSTAT) += iface.o
