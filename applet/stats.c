/* Protocol statistics (-s): the counters of /proc/net/snmp, netstat,
 * snmp6 and sctp/snmp, printed as net-tools 2.10 prints them.
 *
 * net-tools looks each counter up in a table with bsearch(), and some of
 * its tables are not sorted: the counters it cannot find print raw, as
 * unknown ones do ("Forwarding: 2"). tests/stats/stats_table.txt lists only the
 * counters its lookup does find, so a plain search here gives the same
 * answers. The sentences are packed by tests/stats/stats_table.py. */
#include <errno.h>
#include <string.h>

#include "netstat.h"

enum {
	STATS_F_RAW = 1, STATS_F_TCP = 2, STATS_F_UDP = 4, STATS_F_SCTP = 8,
	STATS_F_V6 = 16,	/* a section of snmp6 */
	STATS_F_PREFIXED = 32,	/* its names start with its title */
};

struct stats_section {
	char title[8];
	uint8_t flags;
	uint8_t count;		/* its entries */
	uint16_t entries;	/* the first, in stats_names (4 bytes each) */
};

#include "stats_table.h"

/* Which classic protocol word (-s -p icmp) shows a section. */
static const struct classic_section {
	char title[9];
	uint16_t bits;
} classic_sections[] = {
	{ "Ip", STATS_IP },		{ "IpExt", STATS_IP },
	{ "Icmp", STATS_ICMP },		{ "IcmpMsg", STATS_ICMP },
	{ "Tcp", STATS_TCP },		{ "TcpExt", STATS_TCP },
	{ "MPTcpExt", STATS_TCP },	{ "Udp", STATS_UDP },
	{ "UdpLite", STATS_UDPLITE },	{ "Ip6", STATS_IP6 },
	{ "Icmp6", STATS_ICMP6 },	{ "Udp6", STATS_UDP6 },
	{ "UdpLite6", STATS_UDP6 },
};

enum { STATS_V4 = STATS_IP | STATS_ICMP | STATS_TCP | STATS_UDP | STATS_UDPLITE };

enum { NORMAL, INPUT_HISTOGRAM, OUTPUT_HISTOGRAM };
enum { JSON_NAMES = 2048 };

static struct {
	unsigned shown;		/* STATS_F_* classes asked for */
	unsigned classic;	/* protocol words, or 0 */
	unsigned snmp6_pass;	/* -s -6: snmp's Tcp answers to "tcpv6" */
	unsigned state;		/* NORMAL or a histogram: the indent */
	unsigned show;		/* the current section prints */
	const struct stats_section *sec;	/* known section, or 0 */
	unsigned header_line;
	const char *find;	/* snmp_value: the counter looked for */
	uint64_t found;
	int negative;		/* the counter scan_counter read had a '-' */
	int later;		/* -D: a round after the first */
	int title_pending;	/* -D: the section's title waits for a change */
	char json_title[64];	/* the section's title, nstat's prefix */
	uint16_t token_at[STATS_TOKENS];
	uint16_t sentence_at[STATS_SENTENCES];
	char header[LINE_MAX_LEN + 1];	/* the names line of a pair */
	uint32_t json_names[JSON_NAMES];	/* seen_before: the names so far */
} *S;	/* mapped by the first show_statistics or snmp_value */

static size_t ustrlen(const unsigned char *p)
{
	return strlen((const char *)p);
}

static void index_table(void)
{
	const unsigned char *p = stats_tokens;
	unsigned i;

	for (i = 0; i < STATS_TOKENS; i++, p += ustrlen(p) + 1)
		S->token_at[i] = (uint16_t)(p - stats_tokens);
	p = stats_text;
	for (i = 0; i < STATS_SENTENCES; i++, p += ustrlen(p) + 1)
		S->sentence_at[i] = (uint16_t)(p - stats_text);
}

/* Unpacks a table string into out; returns its end (not terminated). */
static char *unpack(char *out, const unsigned char *p)
{
	for (; *p; p++) {
		if (*p & 0x80)
			out = unpack(out, stats_tokens + S->token_at[*p & 0x7f]);
		else
			*out++ = (char)*p;
	}
	return out;
}

/* The sentence number of *name in the current section, -1 if net-tools
 * does not find it; *name is left past the section prefix. */
static int find_counter(const char **name)
{
	const unsigned char *p;
	uint32_t h;
	unsigned i;

	if (!S->sec)
		return -1;
	if (S->sec->flags & STATS_F_PREFIXED) {
		size_t n = strlen(S->sec->title);
		if (strncmp(*name, S->sec->title, n))
			return -1;
		*name += n;
	}
	h = name_hash(*name, strlen(*name)) & 0xffffff;
	p = stats_names + 4 * S->sec->entries;
	for (i = 0; i < S->sec->count; i++, p += 4)
		if ((uint32_t)(p[0] | p[1] << 8 | p[2] << 16) == h)
			return p[3];
	return -1;
}

/* A counter's value; -D's later rounds: "+change" (its rate after). */
static void out_value(uint64_t val)
{
	if (S->later)
		out_char('+');
	out_u64(val);
}

static void line_end(uint64_t val)
{
	char rate[RATE_FMT];

	if (S->later) {
		rate[fmt_rate(rate, val)] = 0;
		out_str(" (");
		out_str(rate);
		out_char(')');
	}
	out_char('\n');
}

static void print_sentence(unsigned n, uint64_t val, unsigned indent)
{
	char buf[128], *pct;

	*unpack(buf, stats_text + S->sentence_at[n]) = 0;
	pct = strchr(buf, '%');
	out_spaces(indent);
	out_mem(buf, (size_t)(pct - buf));
	out_value(val);
	out_str(pct + 1);
	line_end(val);
}

static unsigned indent(void)
{
	return S->state == NORMAL ? 4 : 8;
}

/* One counter, as net-tools' printval(): the indent of a raw line and of
 * a histogram title follows the line printed before. */
static void print_counter(const char *name, uint64_t val)
{
	const char *key = name;
	char full[160];
	size_t t = strlen(S->json_title), len = strlen(name);
	int n;
	unsigned hist;

	/* nstat's names: the section's title and the counter's (snmp6's
	 * and sctp's names carry the title already) */
	if (strncmp(name, S->json_title, t) && t + len < sizeof(full)) {
		memcpy(full, S->json_title, t);
		memcpy(full + t, name, len + 1);
		key = full;
	}
	if (opt_has(OPT_changes)) {
		uint64_t change = counter_change(name_hash(key, strlen(key)), val);
		if (S->later) {
			if (!change)
				return;
			val = change;
			if (S->title_pending && !json_mode()) {
				out_escaped(S->json_title, strlen(S->json_title));
				out_str(":\n");
			}
			S->title_pending = 0;
		}
	}
	if (json_mode()) {
		char num[U64_FMT + 1];
		name = key;
		if (hash_seen(S->json_names, JSON_NAMES, name_hash(name, strlen(name))))
			return;
		/* the kernel's -1 (Tcp MaxConn) stays -1 */
		num[S->negative ? fmt_i64(num, (int64_t)val) : fmt_u64(num, val)] = 0;
		json_member(name, strlen(name), 0, num);
		return;
	}
	key = name;
	n = find_counter(&key);

	if (n < 0) {
		if (val) {
			out_spaces(indent());
			out_escaped(name, strlen(name));
			out_str(": ");
			out_value(val);
			line_end(val);
		}
		return;
	}
	if (n == 0)
		return;
	if (n < STATS_FIRST_HIST) {
		S->state = NORMAL;
		if (val || n < STATS_FIRST_OPT)
			print_sentence((unsigned)n, val, 4);
		return;
	}
	hist = key[0] == 'I' ? INPUT_HISTOGRAM : OUTPUT_HISTOGRAM;
	if (S->state != hist) {
		out_spaces(indent());
		out_str(hist == INPUT_HISTOGRAM ? "ICMP input histogram:\n"
						: "ICMP output histogram:\n");
	}
	S->state = hist;
	if (val)
		print_sentence((unsigned)n, val, 8);
}

static unsigned classic_bits(const char *title)
{
	unsigned i;

	for (i = 0; i < ARRAY_SIZE(classic_sections); i++)
		if (str_eq(title, classic_sections[i].title))
			return S->snmp6_pass && classic_sections[i].bits == STATS_TCP
				       ? STATS_TCP6 : classic_sections[i].bits;
	return 0;
}

/* A section title, as net-tools' newtable(): a known section prints when
 * its switch is on and starts over at the normal indent; an unknown one
 * always prints and keeps the indent of the line before. */
static void start_section(const char *title, unsigned v6)
{
	unsigned i;

	S->sec = 0;
	for (i = 0; i < ARRAY_SIZE(stats_sections); i++)
		if ((stats_sections[i].flags & STATS_F_V6) == v6 &&
		    str_eq(title, stats_sections[i].title))
			S->sec = &stats_sections[i];
	if (S->classic)
		S->show = (classic_bits(title) & S->classic) != 0;
	else
		S->show = !S->sec || (S->sec->flags & S->shown);
	if (S->sec)
		S->state = NORMAL;
	copy_word(S->json_title, sizeof(S->json_title), title, strlen(title));
	S->title_pending = S->show;
	if (S->show && !json_mode() && !S->later) {
		out_escaped(title, strlen(title));
		out_str(":\n");
	}
}

static void bad_line(unsigned line, const char *what, const char *name)
{
	char buf[160];
	size_t n = strlen(what), m = strlen(name);

	if (m > sizeof(buf) - n - 1)
		m = sizeof(buf) - n - 1;
	memcpy(buf, what, n);
	memcpy(buf + n, name, m);
	buf[n + m] = 0;
	msg_line(table_path, line, buf);
}

/* strtoull(*p, p, 10) as glibc does it: signs, overflow to the maximum,
 * *p left alone when there are no digits. 0 in *ok for those two. */
static uint64_t scan_counter(const char **p, int *ok)
{
	const char *s = *p, *digits;
	uint64_t v = 0;
	int neg = 0, over = 0;

	while (is_space((unsigned char)*s))
		s++;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	for (digits = s; *s >= '0' && *s <= '9'; s++) {
		unsigned d = (unsigned)(*s - '0');
		if (v > 1844674407370955161u || (v == 1844674407370955161u && d > 5))
			over = 1;
		v = v * 10 + d;
	}
	*ok = s != digits && !over;
	if (s == digits)
		return 0;
	*p = s;
	S->negative = neg && !over;
	return over ? UINT64_MAX : neg ? 0 - v : v;
}

static const char separators[] = " \t\n";

/* net-tools splits its lines at these three only. */
static char *skip_separators(const char *p)
{
	while (*p && strchr(separators, *p))
		p++;
	return (char *)p;
}

/* A "Title: names" line and its "Title: values" line (snmp, netstat). */
static void print_pair(char *names, const char *values, const char *only)
{
	char *sp = strchr(names, ':'), *end;
	const char *np = strchr(values, ':');
	int last, reported = 0, ok;

	if (!sp || !np) {
		bad_line(sp ? row_line_no : S->header_line,
			 "no ':' after the section name", "");
		return;
	}
	*sp++ = 0;
	if (only && strncmp(names, only, strlen(only)))
		return;
	if (!S->find)
		start_section(names, 0);
	np++;
	do {
		uint64_t val;
		sp = skip_separators(sp);
		np = skip_separators(np);
		end = sp + strcspn(sp, separators);
		last = !*end;
		*end = 0;
		if (*sp && S->find) {
			val = scan_counter(&np, &ok);
			if (ok && !strcmp(sp, S->find))
				S->found = val;
		} else if (*sp && S->show) {
			val = scan_counter(&np, &ok);
			if (!ok && !reported++)
				bad_line(row_line_no, "bad or missing value for ", sp);
			print_counter(sp, val);
		}
		sp = end + 1;
	} while (!last);
}

/* snmp and netstat: pairs of lines, an empty line between pairs skipped.
 * A bad names line takes its values line with it. */
struct pairs {
	const char *only;	/* the one section wanted, or NULL */
	unsigned seen;		/* the number of the line before */
	enum { WANT_NAMES, WANT_VALUES, SKIP_VALUES } want;
};

static const char *pair_row(const char *line, size_t len, void *ctx)
{
	struct pairs *p = ctx;

	/* lines proc_rows did not hand on (too long, NUL bytes) count */
	while (++p->seen < row_line_no)
		p->want = p->want == WANT_NAMES ? SKIP_VALUES : WANT_NAMES;
	if (p->want == WANT_NAMES) {
		if (len) {
			memcpy(S->header, line, len + 1);
			S->header_line = row_line_no;
			p->want = WANT_VALUES;
		}
		return 0;
	}
	if (p->want == WANT_VALUES)
		print_pair(S->header, line, p->only);
	p->want = WANT_NAMES;
	return 0;
}

/* -1: cannot open. */
static int read_pairs(const char *rel, const char *only)
{
	struct pairs p = { only, 0, WANT_NAMES };

	return proc_table(rel, 0, pair_row, &p);
}

/* One counter of net/snmp ("Ip", "InUnknownProtos"); 0 when absent. */
static void stats_map(void)
{
	if (!S)
		S = state_alloc(sizeof(*S));
}

uint64_t snmp_value(const char *section, const char *name)
{
	stats_map();
	S->find = name;
	S->found = 0;
	if (read_pairs("net/snmp", section) < 0)
		S->found = 0;
	S->find = 0;
	return S->found;
}

/* strstr(), which costs musl 1.3 KB. */
static int contains(const char *s, const char *part)
{
	size_t n = strlen(part);

	for (; *s; s++)
		if (!strncmp(s, part, n))
			return 1;
	return !n;
}

/* snmp6: "Name value" lines; a section starts where a name stops holding
 * the title, which is the first name up to its first '6'. As net-tools
 * does, a line without a name or a value keeps the last ones. */
struct snmp6 {
	char name[64], title[64];
	uint64_t val;
	int titled;
};

static const char *snmp6_row(const char *line, size_t len, void *ctx)
{
	struct snmp6 *t = ctx;
	const char *p = line, *q;
	size_t n;
	int ok;

	(void)len;
	skip_spaces(&p);
	if (*p) {
		uint64_t v;
		for (n = 0; p[n] && !is_space((unsigned char)p[n]); n++)
			;
		if (n >= sizeof(t->name)) {
			bad_line(row_line_no, "name too long, skipped", "");
			return 0;
		}
		memcpy(t->name, p, n);
		t->name[n] = 0;
		p += n;
		q = p;
		v = scan_counter(&p, &ok);
		if (p != q)
			t->val = v;
		if (!ok)
			bad_line(row_line_no, "bad or missing value for ", t->name);
	}
	if (!t->titled || !contains(t->name, t->title)) {
		char *six = strchr(t->name, '6');
		n = six ? (size_t)(six - t->name) + 1 : strlen(t->name);
		memcpy(t->title, t->name, n);
		t->title[n] = 0;
		start_section(t->title, STATS_F_V6);
		t->titled = 1;
	}
	if (S->show)
		print_counter(t->name, t->val);
	return 0;
}

/* sctp/snmp: "Name value" lines under the Sctp title. */
static const char *sctp_snmp_row(const char *line, size_t len, void *ctx)
{
	char *name = (char *)line;	/* the reader's buffer: ours to cut */
	char *p = name + strcspn(name, separators);
	const char *v;
	uint64_t val;
	int ok;

	(void)len, (void)ctx;
	if (!*p)
		return 0;
	*p++ = 0;
	v = skip_separators(p);
	if (!*v || !S->show)
		return 0;
	val = scan_counter(&v, &ok);
	if (!ok)
		bad_line(row_line_no, "bad value for ", name);
	print_counter(name, val);
	return 0;
}

static void cannot_open(void)
{
	int err = errno;

	err_text("cannot open ", table_path, ": ");
	err_text(error_text(err), "\n", "");
}

static void show_inet_statistics(void)
{
	if (read_pairs("net/snmp", 0) < 0) {
		cannot_open();
		return;
	}
	read_pairs("net/netstat", 0);
	if (ENABLE_FEATURE_NETSTAT_SCTP && proc_open("net/sctp/snmp") == 0) {
		start_section("Sctp", 0);
		proc_rows(0, NUL_SKIPS, sctp_snmp_row, 0);
	}
}

static void show_inet6_statistics(void)
{
	struct snmp6 t;

	if (proc_open("net/snmp6") < 0) {
		cannot_open();
		return;
	}
	memset(&t, 0, sizeof(t));
	proc_rows(0, NUL_SKIPS, snmp6_row, &t);
	if (S->classic && !(S->classic & STATS_TCP6))
		return;
	S->snmp6_pass = 1;
	if (read_pairs("net/snmp", "Tcp") < 0)
		cannot_open();
	S->snmp6_pass = 0;
}

int show_statistics(void)
{
	static const uint8_t switches[][2] = {
		{ WANT_RAW, STATS_F_RAW }, { WANT_TCP, STATS_F_TCP },
		{ WANT_UDP, STATS_F_UDP }, { WANT_SCTP, STATS_F_SCTP },
	};
	const char *family = G.family_list[0] ? G.family_list : "inet";
	unsigned i, inet6 = str_eq(family, "inet6");

	if (!inet6 && !str_eq(family, "inet")) {
		if (json_mode()) {
			/* on stderr: the document stays valid */
			msg("No statistics support for specified address family: ",
			    family, (char *)0);
			return 1;
		}
		out_str("netstat: No statistics support for specified address family: ");
		out_escaped(family, strlen(family));
		out_char('\n');
		return 1;
	}
	stats_map();
	if (!S->token_at[1])
		index_table();
	/* As net-tools: no protocol switch means all of them. */
	S->shown = STATS_F_RAW | STATS_F_TCP | STATS_F_UDP | STATS_F_SCTP;
	if (G.socks & WANT_INET)
		for (S->shown = i = 0; i < ARRAY_SIZE(switches); i++)
			if (G.socks & switches[i][0])
				S->shown |= switches[i][1];
	S->classic = ENABLE_FEATURE_NETSTAT_CLASSIC ? G.classic_stats : 0;
	S->state = NORMAL;
	S->later = changes_round("counters");
	if (!S->later)
		json_top_object("statistics");
	memset(S->json_names, 0, sizeof(S->json_names));
	if (S->classic) {
		if (S->classic & STATS_V4)
			show_inet_statistics();
		if (ENABLE_FEATURE_NETSTAT_IPV6 && (S->classic & ~STATS_V4))
			show_inet6_statistics();
	} else if (ENABLE_FEATURE_NETSTAT_IPV6 && inet6) {
		show_inet6_statistics();
	} else {
		show_inet_statistics();
	}
	if (S->later)
		changes_end();
	else
		json_top_end();
	return 0;
}

//kbuild:lib-$(CONFIG_NETSTAT) += stats.o
