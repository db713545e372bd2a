/* SCTP endpoints and associations: /proc/net/sctp/{eps,assocs}, and the
 * sctp6 twins net-tools also tries (no kernel makes them). The kernel
 * prints the addresses as text, IPv4 and IPv6 in one file, one line per
 * socket or association with every address of a multi-homed one:
 *   eps:    ENDPT SOCK STY SST HBKT LPORT UID INODE LADDRS...
 *   assocs: ASSOC SOCK STY SST ST HBKT ASSOC-ID TX_QUEUE RX_QUEUE UID INODE
 *           LPORT RPORT LADDRS... <-> RADDRS... \t(counters)
 * net-tools shows endpoints with -l or -a, associations without -l or
 * with -a, ignores -W, never names ports, and prints hosts numerically
 * when any of -n, --numeric-*, -N is given. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "netstat.h"

enum { SCTP_EPS, SCTP_ASSOCS };

static const struct sctp_file {
	char file[17];		/* under $PROC_ROOT */
	uint8_t kind;		/* SCTP_EPS, SCTP_ASSOCS */
	uint8_t v6;
} sctp_files[] = {
	{ "net/sctp/eps", SCTP_EPS, 0 },
	{ "net/sctp6/eps", SCTP_EPS, 1 },
	{ "net/sctp/assocs", SCTP_ASSOCS, 0 },
	{ "net/sctp6/assocs", SCTP_ASSOCS, 1 },
};

/* The decimal columns kept, as slots of sctp_row.v. */
enum { V_STATE, V_TXQ, V_RXQ, V_UID, V_INODE, V_LPORT, V_RPORT, V_COUNT };

/* One character per column before the address lists: '-' for a column
 * that is skipped, else the slot its value goes to. */
static const char sctp_columns[][14] = {
	[SCTP_EPS] = "---0-534",
	[SCTP_ASSOCS] = "---0---123456",
};

/* How many bits each value may have, and its column in the messages. */
static const uint8_t slot_bits[V_COUNT] = { 31, 32, 32, 32, 64, 16, 16 };
static const char slot_errors[V_COUNT][13] = {
	"bad SST", "bad TX_QUEUE", "bad RX_QUEUE", "bad UID", "bad INODE",
	"bad LPORT", "bad RPORT",
};

struct sctp_row {
	uint64_t v[V_COUNT];
	const char *local, *local_end, *remote, *remote_end;
};

/* Parses the columns and finds the address lists; 0 or what is wrong. */
static const char *parse_sctp_line(const char *s, unsigned kind,
				   struct sctp_row *r)
{
	const char *c;
	unsigned slot;

	for (c = sctp_columns[kind]; *c; c++) {
		skip_spaces(&s);
		if (!*s)
			return "too few fields";
		if (*c == '-') {
			while (*s && !is_space((unsigned char)*s))
				s++;
			continue;
		}
		slot = (unsigned)(*c - '0');
		if (!scan_dec(&s, &r->v[slot]) ||
		    (slot_bits[slot] < 64 && r->v[slot] >> slot_bits[slot]) ||
		    (*s && !is_space((unsigned char)*s)))
			return slot_errors[slot];
	}
	r->local = s;
	r->local_end = r->remote = r->remote_end = s + strlen(s);
	if (kind == SCTP_ASSOCS) {
		while ((s = strchr(s, '<')) && (s[1] != '-' || s[2] != '>'))
			s++;
		if (!s)
			return "no <-> between the address lists";
		r->local_end = s;
		r->remote = s + 3;
		r->remote_end = r->remote + strcspn(r->remote, "\t");
	}
	return 0;
}

/* One address of a list: dotted IPv4 or the kernel's eight-group IPv6
 * (%pI6), after a '*' on the primary address of an association.
 * Returns 4 or 16 with *p past it, 0 at the end of the list, -1 if the
 * word is not an address. */
static int next_address(const char **p, const char *end, unsigned kind,
			uint8_t *addr)
{
	const char *s = *p, *w;
	char word[IP6_FMT];
	int len;

	while (s < end && is_space((unsigned char)*s))
		s++;
	if (s == end)
		return 0;
	if (*s == '*' && kind == SCTP_ASSOCS)
		s++;
	for (w = s; w < end && !is_space((unsigned char)*w); w++)
		;
	if ((size_t)(w - s) >= sizeof(word))
		return -1;
	copy_word(word, sizeof(word), s, (size_t)(w - s));
	len = parse_ip(word, addr);
	*p = w;
	/* the kernel writes every group of eight, none left out (%pI6) */
	return len == 4 || (len == 16 && w - s == 39) ? len : -1;
}

/* "host:port" (or the host alone, or nothing when the list has ended)
 * left-justified in width; net-tools keeps 63 bytes of a name. */
static void print_sctp_address(const uint8_t *addr, int len, unsigned port,
			       int with_port, unsigned width)
{
	char text[64 + 1 + U64_FMT];
	size_t n;
	int numeric = opt_has(OPT_n_host | OPT_n_port | OPT_n_user | OPT_N) != 0;

	text[0] = 0;
	if (len == 16 && is_v4_mapped(addr))
		host_name(text, 64, addr + 12, 4, 1);
	else if (len)
		host_name(text, 64, addr, len == 16 ? 6 : 4, numeric);
	if (len && with_port) {
		n = strlen(text);
		text[n++] = ':';
		if (port)
			n += fmt_u64(text + n, port);
		else
			text[n++] = '*';
		text[n] = 0;
	}
	out_left(text, width);
}

static void print_sctp_state(unsigned state)
{
	char buf[24];

	out_left(tcp_state_name(state, buf), 11);
}

/* JSON: the numeric addresses of a list. */
static void sctp_addresses_json(unsigned kind, const char *key, const char *p,
				const char *end)
{
	uint8_t a[16];
	char text[IP6_FMT];
	int len;

	field_json_list(key);
	while ((len = next_address(&p, end, kind, a)) > 0)
		json_list_item(text, len == 16 ? fmt_ip6(text, a) : fmt_ip4(text, a));
	json_list_end();
}

/* JSON: an endpoint or association of the inet table, its addresses as
 * lists. */
static void sctp_json(unsigned kind, const struct sctp_row *r)
{
	char buf[24];
	int assoc = kind != SCTP_EPS;

	uint8_t a[16];
	const char *p = r->local;

	row_begin();
	out_fmt("%{proto}=s%{transport_protocol}=s%{network_protocol}=s%{sctp_kind}=s",
		"sctp", "sctp", next_address(&p, r->local_end, kind, a) == 16 ?
		"ipv6" : "ipv4", assoc ? "association" : "endpoint");
	json_number_or_null("recv_q", r->v[V_RXQ], assoc ? "" : 0);
	json_number_or_null("send_q", r->v[V_TXQ], assoc ? "" : 0);
	sctp_addresses_json(kind, "local_addresses", r->local, r->local_end);
	out_fmt("%{local_port}=u", &r->v[V_LPORT]);
	if (assoc)
		sctp_addresses_json(kind, "foreign_addresses", r->remote, r->remote_end);
	else
		out_fmt("%{foreign_addresses}=s", (char *)0);
	json_number_or_null("foreign_port", r->v[V_RPORT], assoc ? "" : 0);
	out_fmt("%{state}=s", tcp_state_name((unsigned)r->v[V_STATE], buf));
	print_socket_tail((uint32_t)r->v[V_UID], r->v[V_INODE]);
	row_end(0);
}

/* Every address of the row on its own line: the first line has the
 * queues, ports and state, an association pairs local and remote
 * addresses up line by line. */
static void print_sctp_row(unsigned kind, const struct sctp_row *r)
{
	const char *lp = r->local, *rp = r->remote;
	uint8_t la[16], ra[16];
	int ll, rl, first = 1;

	if (json_mode()) {
		sctp_json(kind, r);
		return;
	}
	for (;;) {
		ll = next_address(&lp, r->local_end, kind, la);
		rl = next_address(&rp, r->remote_end, kind, ra);
		if (!ll && !rl)
			break;
		if (!first) {
			out_char('\n');
			out_spaces(20);
		} else if (kind == SCTP_EPS) {
			out_str("sctp");
			out_spaces(16);
		} else {
			out_str("sctp  ");
			out_u64_right(r->v[V_RXQ], 6);
			out_char(' ');
			out_u64_right(r->v[V_TXQ], 6);
			out_char(' ');
		}
		if (kind == SCTP_EPS) {
			print_sctp_address(la, ll, (unsigned)r->v[V_LPORT], 1, 47);
		} else {
			print_sctp_address(la, ll, (unsigned)r->v[V_LPORT], first, 23);
			out_char(' ');
			print_sctp_address(ra, rl, (unsigned)r->v[V_RPORT], first, 23);
		}
		out_char(' ');
		if (first)
			print_sctp_state((unsigned)r->v[V_STATE]);
		else
			out_spaces(11);
		first = 0;
	}
	print_socket_tail((uint32_t)r->v[V_UID], r->v[V_INODE]);
	if (opt_has(OPT_o))
		out_char(' ');
	out_char('\n');
}

/* Every address must parse before anything of the row is printed. */
static int addresses_ok(unsigned kind, const char *p, const char *end)
{
	uint8_t a[16];
	int len;

	while ((len = next_address(&p, end, kind, a)) > 0)
		;
	return len == 0;
}

static int sctp_unsupported;

/* Opens the file; a missing IPv4 file means a kernel without SCTP: -S
 * then reports it and ends the listing once both files of this kind are
 * done, -v alone reports it, -4/-6 without a protocol say nothing. */
static int open_sctp_file(const struct sctp_file *f)
{
	int err;

	if (proc_open(f->file) >= 0)
		return 1;
	err = errno;
	if (err != ENOENT) {
		msg_errno(table_path, err);
	} else if (!f->v6 && !G.no_protocol_given &&
		   ((G.socks & WANT_SCTP) || opt_has(OPT_v))) {
		no_support("AF INET", "sctp");
		sctp_unsupported = (G.socks & WANT_SCTP) != 0;
	}
	return 0;
}

static const char *sctp_row(const char *line, size_t len, void *ctx)
{
	const struct sctp_file *f = ctx;
	struct sctp_row r;
	const char *bad = parse_sctp_line(line, f->kind, &r);

	(void)len;
	if (!bad && (!addresses_ok(f->kind, r.local, r.local_end) ||
		     !addresses_ok(f->kind, r.remote, r.remote_end)))
		bad = "bad address";
	if (!bad)
		print_sctp_row(f->kind, &r);
	return bad;
}

static void show_sctp_file(const struct sctp_file *f)
{
	if (open_sctp_file(f))
		proc_rows(1, NUL_SKIPS, sctp_row, (void *)f);
}

int show_sctp(unsigned want)
{
	unsigned i;

	(void)want;
	/* The classic protocol words have none for SCTP. */
	if (G.classic_files)
		return 0;
	for (i = 0; i < ARRAY_SIZE(sctp_files); i++) {
		const struct sctp_file *f = &sctp_files[i];
		if ((f->kind == SCTP_EPS ? opt_has(OPT_a | OPT_l) :
		     !opt_has(OPT_l) || opt_has(OPT_a)) &&
		    (G.families & (f->v6 ? FAMILY_INET6 : FAMILY_INET)) &&
		    (!f->v6 || ENABLE_FEATURE_NETSTAT_IPV6))
			show_sctp_file(f);
		/* As net-tools, which returns from main(). */
		if (f->v6 && sctp_unsupported)
			return 1;
	}
	return 0;
}

//kbuild:lib-$(CONFIG_NETSTAT) += sctp.o
