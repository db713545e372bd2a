/* The NAT view (-M) from the kernel's connection tracking table,
 * /proc/net/nf_conntrack (or the older /proc/net/ip_conntrack). A line
 * holds the original direction's tuple (as the first packet saw it) and
 * the reply direction's (as the answer is expected); where they do not
 * mirror each other, the connection is translated:
 *   SNAT: reply dst != original src: inside = original src, outside =
 *         reply dst, remote = original dst;
 *   DNAT: reply src != original dst: inside = reply src, outside =
 *         original dst, remote = original src (DNAT wins when both). */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "conntrack.h"

/* Address columns: 18 characters fit three of them in 80 columns. */
enum { ENDPOINT_WIDTH = 18, PROTO_WIDTH = 4, WIDE_PROTO_WIDTH = 7 };

/* One "key=value" word into the connection; 0 if the value is bad. */
static int take_field(struct conntrack *c, int *tuple, const char *key,
		      size_t klen, const char *val)
{
	/* the keys shown, each after its length */
	static const char keys[] = "\3src\3dst\5sport\5dport\2id\7packets\5bytes";
	const char *k = keys;
	unsigned i;
	uint64_t v;
	const char *p = val;
	struct ct_tuple *t;

	for (i = 0; *k; i++, k += *k + 1) {
		size_t j = 0;
		if ((size_t)*k == klen)
			while (j < klen && k[1 + j] == key[j])
				j++;
		if (j == klen)
			break;
	}
	if (!*k)
		return 1;	/* type, code, mark, zone, use, ...: not shown */
	if (i == 0 && *tuple < 1)
		(*tuple)++;	/* the second src= starts the reply */
	t = &c->dir[*tuple < 0 ? 0 : *tuple];
	if (i < 2) {
		if (*tuple < 0)
			*tuple = 0;
		return parse_ip(val, i ? t->dst.addr : t->src.addr) ==
		       (c->v6 ? 16 : 4);
	}
	if (!scan_dec(&p, &v) || *p)
		return 0;
	if (i == 2 || i == 4)
		t->src.port = (unsigned)v;
	if (i == 3 || i == 4)
		t->dst.port = (unsigned)v;
	if (i < 5) {
		c->flags |= i < 4 ? CT_PORTS : 0;
		return v <= 65535;
	}
	if (i == 5)
		t->packets = v;
	else
		t->bytes = v;
	t->counted = 1;
	return 1;
}

enum { MSG_BUF = 64 };
static char *msg_buf;	/* mapped at the first bad word */

static const char *bad_word(const char *what, const char *word)
{
	size_t n = strlen(what), i;

	if (!msg_buf)
		msg_buf = state_alloc(MSG_BUF);
	memcpy(msg_buf, what, n);
	for (i = 0; word[i] && n < MSG_BUF - 1; i++)
		msg_buf[n++] = (unsigned char)word[i] < 0x20 ? '?' : word[i];
	msg_buf[n] = 0;
	return msg_buf;
}

/* Where parse_words stopped: the line is whole up to here (a NUL byte
 * ends the words early), unread after. */
static const char *words_end;

static const char *parse_words(char *line, int nf_format, struct conntrack *c)
{
	char *word, *p = line, *eq;
	unsigned n = 0;
	size_t len;
	int tuple = -1;

	memset(c, 0, sizeof(*c));
	c->expires = -1;
	for (;;) {
		while (*p == ' ')
			p++;
		words_end = p;
		if (!*p)
			break;
		word = p;
		eq = 0;
		for (; *p && *p != ' '; p++)
			if (*p == '=' && !eq)
				eq = p;
		len = (size_t)(p - word);
		if (*p)
			*p++ = 0;
		words_end = p;
		n++;
		if (nf_format && n == 1) {
			if (str_eq(word, "ipv6"))
				c->v6 = 1;
			else if (!str_eq(word, "ipv4"))
				return "not an IPv4 or IPv6 connection";
			continue;
		}
		if (n <= 2u + (unsigned)nf_format * 2 && !eq) {
			/* protocol name, then its number (after l3 number) */
			if (n == 1u + (unsigned)nf_format * 2) {
				if (len >= sizeof(c->proto))
					return "protocol name too long";
				memcpy(c->proto, word, len + 1);
			}
			continue;
		}
		if (eq) {
			if (!take_field(c, &tuple, word, (size_t)(eq - word), eq + 1))
				return bad_word("bad value: ", word);
		} else if (word[0] == '[') {
			if (str_eq(word, "[UNREPLIED]"))
				c->flags |= CT_UNREPLIED;
			else if (str_eq(word, "[ASSURED]"))
				c->flags |= CT_ASSURED;
		} else if (tuple < 0 && word[0] >= '0' && word[0] <= '9' &&
			   c->expires < 0) {
			const char *q = word;
			if (!scan_dec_signed(&q, &c->expires) || *q)
				return "bad timeout";
		} else if (tuple < 0 && !c->state[0] && len < sizeof(c->state)) {
			memcpy(c->state, word, len + 1);
		} else {
			return bad_word("unexpected word: ", word);
		}
	}
	if (!c->proto[0] || tuple < 1)
		return "too few fields";
	return 0;
}

/* A conntrack line of len bytes; returns what is wrong with it, or 0. */
static const char *parse_conntrack(char *line, size_t len, int nf_format,
				   struct conntrack *c)
{
	const char *bad = parse_words(line, nf_format, c);

	if (words_end + strlen(words_end) != line + len)
		return "NUL byte in line";
	return bad;
}

static int same_end(const struct ct_end *a, const struct ct_end *b)
{
	return a->port == b->port && !memcmp(a->addr, b->addr, 16);
}

/* The service names of ports: TCP's, UDP's (UDP-Lite too), none for
 * other protocols. */
static const char *port_protocol(const struct conntrack *c)
{
	if (str_eq(c->proto, "tcp"))
		return "tcp";
	return strncmp(c->proto, "udp", 3) ? 0 : "udp";
}

/* "host:port", "[v6host]:port" or a bare host (ICMP, GRE): without -W
 * cut to the column as net-tools cuts its address columns. The last
 * column of a row is not padded. */
static void print_endpoint(const struct conntrack *c, const struct ct_end *e,
			   int wide, int last)
{
	char host[NAME_HOST_MAX], serv[32];
	const char *proto = port_protocol(c);
	size_t hl, pl = 0, width = ENDPOINT_WIDTH, brackets = 0;

	host_name(host, sizeof(host), e->addr, c->v6 ? 6 : 4,
		  opt_has(OPT_n_host) != 0);
	hl = strlen(host);
	if (c->flags & CT_PORTS) {
		service_name(serv, sizeof(serv), e->port, proto ? proto : "tcp",
			     !proto || opt_has(OPT_n_port));
		pl = strlen(serv) + 1;
		brackets = c->v6 ? 2 : 0;
		if (!wide && hl + pl + brackets > width) {
			if (pl > width - 6)
				pl = width - 6;
			hl = width - pl - brackets;
		}
	}
	if (brackets)
		out_char('[');
	out_escaped(host, hl);
	if (brackets)
		out_char(']');
	if (pl) {
		out_char(':');
		out_escaped(serv, pl - 1);
	}
	if (last)
		return;
	hl += pl + brackets;
	out_spaces(hl < width ? (unsigned)(width - hl) : 0);
	out_char(' ');
}

static void print_counters(const struct conntrack *c)
{
	unsigned i;

	for (i = 0; i < 2; i++) {
		if (!c->dir[0].counted) {
			out_left("-", i ? 0 : 17);
			continue;
		}
		{
			char b[2 * U64_FMT + 2];
			const struct ct_tuple *t = c->dir;
			unsigned n = fmt_u64(b, i ? t[0].bytes : t[0].packets);
			b[n++] = '/';
			n += fmt_u64(b + n, i ? t[1].bytes : t[1].packets);
			b[n] = 0;
			out_left(b, i ? 0 : 17);
		}
	}
}

/* JSON: an endpoint as {"address", "port" (null for ICMP and the like),
 * and their names while lookups are on}, or null (the outside of an
 * untranslated connection). */
static void endpoint_json(const struct conntrack *c, const struct ct_end *e,
			  const char *key)
{
	char text[IP6_FMT], name[NAME_HOST_MAX], num[U64_FMT + 1];
	const char *proto = port_protocol(c);
	int ports = (c->flags & CT_PORTS) != 0;

	if (!e) {
		json_member(key, strlen(key), 0, 0);
		return;
	}
	text[c->v6 ? fmt_ip6(text, e->addr) : fmt_ip4(text, e->addr)] = 0;
	json_object(key, strlen(key));
	out_fmt("%{address}=s", text);
	json_number_or_null("port", e->port, ports ? "" : 0);
	if (!opt_has(OPT_n_host))
		json_name("address_name", host_lookup(name, sizeof(name), e->addr,
						      c->v6 ? 6 : 4), name);
	if (!opt_has(OPT_n_port)) {
		num[fmt_u64(num, e->port)] = 0;
		service_name(name, sizeof(name), e->port, proto ? proto : "tcp",
			     !proto || !ports);
		json_name("port_name", ports && proto && !str_eq(name, num), name);
	}
	json_object_end();
}

static void conntrack_json(const struct conntrack *c, const struct ct_end *inside,
			   const struct ct_end *outside, const struct ct_end *remote)
{
	char num[U64_FMT + 1];
	const char *counted;

	num[fmt_i64(num, c->expires)] = 0;
	row_begin();
	out_fmt("%{proto}=s%{expires}=N%{state}=s%{assured}=b%{unreplied}=b",
		c->proto, c->expires < 0 ? (char *)0 : num,
		c->state[0] ? c->state : (char *)0, (c->flags & CT_ASSURED) != 0,
		(c->flags & CT_UNREPLIED) != 0);
	endpoint_json(c, inside, "inside");
	endpoint_json(c, outside, "outside");
	endpoint_json(c, remote, "remote");
	/* null without accounting (nf_conntrack_acct) */
	counted = c->dir[0].counted ? "" : 0;
	json_number_or_null("packets", c->dir[0].packets, counted);
	json_number_or_null("bytes", c->dir[0].bytes, counted);
	json_number_or_null("reply_packets", c->dir[1].packets, counted);
	json_number_or_null("reply_bytes", c->dir[1].bytes, counted);
	row_end(0);
}

void print_conntrack(const struct conntrack *c)
{
	const struct ct_tuple *o = &c->dir[0], *r = &c->dir[1];
	const struct ct_end *inside = &o->src, *outside = &r->dst,
			    *remote = &o->dst;
	int wide = opt_has(OPT_W) != 0, translated = 1;
	const char *state = c->state;
	char num[U64_FMT + 1];

	if (!same_end(&o->dst, &r->src)) {
		inside = &r->src;	/* DNAT */
		outside = &o->dst;
		remote = &o->src;
	} else if (same_end(&o->src, &r->dst)) {
		translated = 0;
	}
	if (!translated && !G.extend)
		return;
	if (json_mode()) {
		conntrack_json(c, inside, translated ? outside : 0, remote);
		return;
	}
	if (wide) {
		out_left(c->proto, WIDE_PROTO_WIDTH);
	} else {
		char proto[PROTO_WIDTH + 1];
		memcpy(proto, c->proto, PROTO_WIDTH);
		proto[PROTO_WIDTH] = 0;
		out_left(proto, PROTO_WIDTH);
	}
	out_char(' ');
	if (c->expires < 0)
		out_right("-", 6);
	else {
		num[fmt_i64(num, c->expires)] = 0;
		out_right(num, 6);
	}
	out_char(' ');
	if (!state[0])
		state = c->flags & CT_UNREPLIED ? "UNREPLIED"
			: c->flags & CT_ASSURED ? "ASSURED" : "";
	print_endpoint(c, inside, wide, 0);
	if (translated)
		print_endpoint(c, outside, wide, 0);
	else
		out_left("-", ENDPOINT_WIDTH + 1);
	print_endpoint(c, remote, wide, !state[0] && !G.extend);
	if (G.extend) {
		out_left(state, 12);
		print_counters(c);
	} else {
		out_str(state);
	}
	out_char('\n');
}

static void print_conntrack_header(void)
{
	table_begin("nat");
	if (json_mode())
		return;
	out_str(G.extend ? "Tracked connections (conntrack)\n"
			 : "NAT connections (conntrack)\n");
	out_left("Prot", opt_has(OPT_W) ? WIDE_PROTO_WIDTH : PROTO_WIDTH);
	out_str(" Expire ");
	out_left("Inside", ENDPOINT_WIDTH + 1);
	out_left("Outside", ENDPOINT_WIDTH + 1);
	out_left("Remote", ENDPOINT_WIDTH + 1);
	if (G.extend)
		out_str("State       Packets          Bytes");
	else
		out_str("State");
	out_char('\n');
}

struct conntrack_file {
	unsigned families;	/* the rows wanted */
	int nf_format;		/* nf_conntrack, not ip_conntrack */
	void (*row)(const struct conntrack *c);
};

static const char *conntrack_row(const char *line, size_t len, void *ctx)
{
	const struct conntrack_file *f = ctx;
	struct conntrack c;
	/* the reader's buffer: the parse cuts its words in place */
	const char *bad = parse_conntrack((char *)line, len, f->nf_format, &c);

	if (!bad && (f->families & (c.v6 ? FAMILY_INET6 : FAMILY_INET)))
		f->row(&c);
	return bad;
}

int conntrack_walk(void (*begin)(void), void (*row)(const struct conntrack *c))
{
	static const char *const files[] = { "net/nf_conntrack", "net/ip_conntrack" };
	struct conntrack_file f = { G.families & (FAMILY_INET | FAMILY_INET6), 0, row };
	unsigned i;
	int fd = -1;

	if (!f.families)
		f.families = FAMILY_INET | FAMILY_INET6;
	for (i = 0; i < 2; i++)
		if ((fd = proc_open(files[i])) >= 0 || errno != ENOENT)
			break;
	/* (a PROC_ROOT other than /proc is a copy: the live table is not its) */
	if (ENABLE_FEATURE_NETSTAT_CONNTRACK_NETLINK && i == 2 &&
	    str_eq(G.proc_root, "/proc")) {
		int ran = ctnetlink_dump(f.families, begin, row);
		if (ran >= 0)
			return ran;
	}
	if (i == 2) {
		no_support("nf_conntrack", 0);
		return -1;
	}
	if (fd < 0) {
		msg_errno(table_path, errno);
		return -1;
	}
	begin();
	f.nf_format = i == 0;
	/* the parse looks for NUL bytes past its words */
	proc_rows(0, NUL_ROW_SAYS, conntrack_row, &f);
	return 1;
}

int show_conntrack(void)
{
	int walked = conntrack_walk(print_conntrack_header, print_conntrack);

	if (walked > 0)
		table_end();
	return walked < 0;
}

//kbuild:lib-$(CONFIG_NETSTAT) += conntrack.o
