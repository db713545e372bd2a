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

#include "netstat.h"

struct ct_end {
	uint8_t addr[16];
	unsigned port;		/* or the ICMP id */
};

struct ct_tuple {
	struct ct_end src, dst;
	uint64_t packets, bytes;
	int counted;		/* packets= and bytes= were there */
};

struct conntrack {
	int v6;
	char proto[12];
	char state[16];
	int64_t expires;	/* -1: none (offloaded) */
	unsigned flags;		/* CT_* */
	struct ct_tuple dir[2];	/* original, reply */
};

enum { CT_UNREPLIED = 1, CT_ASSURED = 2, CT_PORTS = 4 };

/* Address columns: 18 characters fit three of them in 80 columns. */
enum { ENDPOINT_WIDTH = 18, PROTO_WIDTH = 4, WIDE_PROTO_WIDTH = 7 };

static struct line_reader ct_reader;
static char ct_path[PATH_BUF];

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

	for (i = 0; *k; i++, k += *k + 1)
		if ((size_t)*k == klen && !memcmp(k + 1, key, klen))
			break;
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

static const char *bad_word(const char *what, const char *word)
{
	static char msg_buf[64];
	size_t n = strlen(what), i;

	memcpy(msg_buf, what, n);
	for (i = 0; word[i] && n < sizeof(msg_buf) - 1; i++)
		msg_buf[n++] = (unsigned char)word[i] < 0x20 ? '?' : word[i];
	msg_buf[n] = 0;
	return msg_buf;
}

/* A conntrack line; returns what is wrong with it, or 0. */
static const char *parse_conntrack(char *line, int nf_format, struct conntrack *c)
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

static int same_end(const struct ct_end *a, const struct ct_end *b)
{
	return a->port == b->port && !memcmp(a->addr, b->addr, 16);
}

/* "host:port", "[v6host]:port" or a bare host (ICMP, GRE): without -W
 * cut to the column as net-tools cuts its address columns. The last
 * column of a row is not padded. */
static void print_endpoint(const struct conntrack *c, const struct ct_end *e,
			   int wide, int last)
{
	char host[NAME_HOST_MAX], serv[32];
	const char *proto = 0;
	size_t hl, pl = 0, width = ENDPOINT_WIDTH, brackets = 0;

	host_name(host, sizeof(host), e->addr, c->v6 ? 6 : 4,
		  opt_has(OPT_n_host) != 0);
	hl = strlen(host);
	if (c->flags & CT_PORTS) {
		if (str_eq(c->proto, "tcp"))
			proto = "tcp";
		else if (!strncmp(c->proto, "udp", 3))
			proto = "udp";
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

static void print_conntrack(const struct conntrack *c)
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

int show_conntrack(void)
{
	static const char *const files[] = { "net/nf_conntrack", "net/ip_conntrack" };
	unsigned fam = G.families & (FAMILY_INET | FAMILY_INET6), i;
	struct conntrack c;
	enum line_result res;
	size_t len;
	char *line;

	if (!fam)
		fam = FAMILY_INET | FAMILY_INET6;
	for (i = 0; i < 2; i++)
		if (reader_open_proc(&ct_reader, files[i], ct_path) == 0 ||
		    errno != ENOENT)
			break;
	if (i == 2) {
		out_flush();
		raw_err("netstat: no support for `nf_conntrack' on this system.\n");
		return 1;
	}
	if (ct_reader.fd < 0) {
		msg_errno(ct_path, errno);
		return 1;
	}
	print_conntrack_header();
	while ((res = read_line(&ct_reader, &line, &len)) != LINE_EOF) {
		const char *bad;
		if (res != LINE_OK)
			continue;	/* the reader said why */
		bad = strlen(line) != len ? "NUL byte in line, skipped"
					  : parse_conntrack(line, i == 0, &c);
		if (bad) {
			msg_line(ct_path, ct_reader.line_no, bad);
			continue;
		}
		if (fam & (c.v6 ? FAMILY_INET6 : FAMILY_INET))
			print_conntrack(&c);
	}
	reader_close(&ct_reader);
	return 0;
}

//kbuild:lib-$(CONFIG_NETSTAT) += conntrack.o
