/* The Internet socket table: /proc/net/{tcp,udp,udplite,raw}{,6}.
 * All eight files share one line format and one parser. */
#include <errno.h>
#include <string.h>

#include "netstat.h"

struct inet_socket {
	uint8_t local[16], remote[16];
	unsigned local_port, remote_port;
	unsigned state, timer;
	uint64_t txq, rxq, when, retransmits, inode;
	uint32_t uid;
	int32_t timeout;
};

enum { INET_V4 = 0, INET_V6 = 1 };

static const struct inet_file {
	char file[13];		/* under $PROC_ROOT */
	char label[6];		/* Proto column */
	uint8_t sock;		/* WANT_* */
	uint8_t v6;
	char what[10];		/* for "no support for `AF INET (what)'" */
} inet_files[] = {
	{ "net/tcp", "tcp", WANT_TCP, INET_V4, "tcp" },
	{ "net/tcp6", "tcp6", WANT_TCP, INET_V6, "tcp" },
	{ "net/udp", "udp", WANT_UDP, INET_V4, "udp" },
	{ "net/udp6", "udp6", WANT_UDP, INET_V6, "udp" },
	{ "net/udplite", "udpl", WANT_UDPLITE, INET_V4, "udplite" },
	{ "net/udplite6", "udpl6", WANT_UDPLITE, INET_V6, "udplite" },
	{ "net/raw", "raw", WANT_RAW, INET_V4, "raw" },
	{ "net/raw6", "raw6", WANT_RAW, INET_V6, "raw" },
};

static const char timer_names[][10] = {
	"off", "on", "keepalive", "timewait", "probe",
};

/* One address: 8 hex digits (IPv4) or 32 (IPv6), each group of eight a
 * 32-bit word in the kernel's byte order, which is this CPU's. */
static int scan_address(const char **p, uint8_t *addr, int v6)
{
	unsigned words = v6 ? 4 : 1, i;
	uint64_t v;
	uint32_t w;

	for (i = 0; i < words; i++) {
		const char *start = *p;
		if (!scan_hex(p, &v, 8) || *p - start != 8)
			return 0;
		w = (uint32_t)v;
		memcpy(addr + 4 * i, &w, 4);
	}
	return **p == ':';
}

static int scan_port(const char **p, unsigned *port)
{
	uint64_t v;

	(*p)++;		/* the ':' */
	if (!scan_hex(p, &v, 8) || v > 0xffff)
		return 0;
	*port = (unsigned)v;
	return 1;
}

static int scan_field_hex(const char **p, uint64_t *v)
{
	skip_spaces(p);
	return scan_hex(p, v, 16);
}

/* What is wrong at p: a field that is not there, or one that is bad. */
static const char *bad_field(const char *p, const char *what)
{
	skip_spaces(&p);
	return *p ? what : "too few fields";
}

static int is_zero(const uint8_t *a, unsigned n)
{
	while (n--)
		if (*a++)
			return 0;
	return 1;
}

/* -a shows everything; otherwise a TCP socket listens when its remote
 * port is zero, other sockets when their remote address is. */
/* --summary counts TCP's rows by state instead of printing them. */
static unsigned *state_counts;

static int row_wanted(const struct inet_file *f, const struct inet_socket *s)
{
	int listening;

	if (opt_has(OPT_a))
		return 1;
	if (f->sock == WANT_TCP)
		listening = s->remote_port == 0;
	else
		listening = is_zero(s->remote, f->v6 ? 16 : 4);
	return opt_has(OPT_l) ? listening : !listening;
}

/* The kernel lays every line out alike: "%4d: " and then local and
 * remote as ADDR:PORT, with 8 or 32 hex digits and 4. Most rows of a big
 * table are not printed without -a (-l prints a few dozen of 100 000), so
 * a row laid out so is checked and judged here without decoding it; any
 * other line goes to the full parser, which says what is wrong with it. */
/* Whether the n bytes at s (n a multiple of 4) are hex digits; four at a
 * time where unaligned loads are native (netstat.h): each byte below
 * 0x80, and either in '0'-'9' or, folded to lower case, in 'a'-'f' (a
 * byte's high bit, after adding 0x80 - lo, says it is at least lo; no
 * carry crosses a byte below 0x80). */
static int hex_run(const char *s, unsigned n)
{
	const uint32_t ones = 0x01010101u, high = 0x80808080u;
	uint32_t x, digit, alpha;

	if (!NETSTAT_HEX_CHECK_BY_WORD) {
		for (; n; n--, s++) {
			x = (unsigned char)*s;
			if (x - '0' > 9 && (x | 0x20) - 'a' > 5)
				return 0;
		}
		return 1;
	}
	for (; n; n -= 4, s += 4) {
		memcpy(&x, s, 4);
		if (x & high)
			return 0;
		digit = (x + (0x80 - '0') * ones) & ~(x + (0x7f - '9') * ones);
		x |= 0x20202020u;	/* (only after: '\020' would be '0') */
		alpha = (x + (0x80 - 'a') * ones) & ~(x + (0x7f - 'f') * ones);
		if (((digit | alpha) & high) != high)
			return 0;
	}
	return 1;
}

static int row_skipped_fast(const char *p, size_t len, const struct inet_file *f)
{
	const char *end = p + len, *remote, *slot;
	unsigned alen = f->v6 ? 32 : 8, k;
	int listening = 1;

	if (opt_has(OPT_a))
		return 0;
	while (*p == ' ')
		p++;
	for (slot = p; is_digit(*p);)
		p++;
	if (p == slot || p - slot > 9 || (size_t)(end - p) < 2 + 2 * (alen + 6) || *p++ != ':')
		return 0;
	remote = p + alen + 7;
	if (p[0] != ' ' || p[alen + 1] != ':' || remote[-1] != ' ' ||
	    remote[alen] != ':' || remote[alen + 5] != ' ')
		return 0;
	if (!hex_run(p + 1, alen) || !hex_run(p + alen + 2, 4) ||
	    !hex_run(remote, alen) || !hex_run(remote + alen + 1, 4))
		return 0;
	if (f->sock == WANT_TCP)
		remote += alen + 1, alen = 4;
	for (k = 0; k < alen; k++)
		if (remote[k] != '0')
			listening = 0;
	return opt_has(OPT_l) ? !listening : listening;
}

/* What parse_inet_line returns for a row the view does not print. */
static const char row_not_shown[] = "";

/* Parses one line; returns 0, row_not_shown, or a description of what
 * is wrong. Without -a most rows of a big table are not printed (-l
 * prints a few dozen of 100 000): once the endpoints are read, such a row
 * is not parsed further. */
static const char *parse_inet_line(const char *p, const struct inet_file *f,
				   struct inet_socket *s)
{
	uint64_t v;
	int64_t sv;

	skip_spaces(&p);
	if (!scan_dec(&p, &v) || *p++ != ':')
		return "bad slot number";
	skip_spaces(&p);
	if (!scan_address(&p, s->local, f->v6))
		return bad_field(p, "bad local address");
	if (!scan_port(&p, &s->local_port))
		return bad_field(p, "bad local port");
	skip_spaces(&p);
	if (!scan_address(&p, s->remote, f->v6))
		return bad_field(p, "bad remote address");
	if (!scan_port(&p, &s->remote_port))
		return bad_field(p, "bad remote port");
	if (!row_wanted(f, s))
		return row_not_shown;
	if (!scan_field_hex(&p, &v) || v > 0xff)
		return bad_field(p, "bad state");
	s->state = (unsigned)v;
	if (!scan_field_hex(&p, &s->txq) || *p++ != ':' ||
	    !scan_hex(&p, &s->rxq, 16))
		return bad_field(p - 1, "bad queue sizes");
	/* Without -e, -o or -p the timer, uid and inode columns are not
	 * shown, and not decoded either: this is the hot path. */
	if (!(G.extend || opt_has(OPT_o | OPT_p)))
		return 0;
	if (!scan_field_hex(&p, &v) || *p++ != ':' || !scan_hex(&p, &s->when, 16))
		return bad_field(p - 1, "bad timer");
	s->timer = (unsigned)(v > 255 ? 255 : v);
	if (!scan_field_hex(&p, &s->retransmits))
		return bad_field(p, "bad retransmit count");
	skip_spaces(&p);
	if (!scan_dec(&p, &v) || v > 0xffffffffu)
		return bad_field(p, "bad uid");
	s->uid = (uint32_t)v;
	skip_spaces(&p);
	if (!scan_dec_signed(&p, &sv))
		return bad_field(p, "bad timeout");
	s->timeout = (int32_t)(uint32_t)(uint64_t)sv;
	skip_spaces(&p);
	if (!scan_dec(&p, &s->inode) || (*p && !is_space((unsigned char)*p)))
		return bad_field(p, "bad inode");
	return 0;
}


/* "host:port" as net-tools shows it: without -W the pair is cut to 22
 * characters, the port to at most 18; with -W to 127. IPv4-mapped IPv6
 * addresses are looked up as IPv6 and shown as IPv4. */
static unsigned format_endpoint(char *out, const uint8_t *addr, int v6,
				unsigned port, const char *proto,
				int numeric_host, int wide)
{
	char host[NAME_HOST_MAX], serv[64];
	size_t hl, pl, n;

	if (v6 && is_v4_mapped(addr)) {
		if (numeric_host || host_lookup(host, sizeof(host), addr, 6) <= 0)
			host_name(host, sizeof(host), addr + 12, 4, 1);
		hl = strlen(host);
	} else if (numeric_host) {
		/* The common -n case needs no lookup machinery. */
		hl = v6 ? fmt_ip6(host, addr) : fmt_ip4(host, addr);
	} else {
		host_name(host, sizeof(host), addr, v6 ? 6 : 4, 0);
		hl = strlen(host);
	}
	if (port == 0) {
		serv[0] = '*';
		pl = 1;
	} else if (opt_has(OPT_n_port)) {
		pl = fmt_u64(serv, port);
	} else {
		service_name(serv, sizeof(serv), port, proto, 0);
		pl = strlen(serv);
	}
	if (!wide && hl + pl > 22) {
		if (pl > 18)
			pl = 18;
		if (hl > 22 - pl)
			hl = 22 - pl;
	}
	copy_cell(out, host, hl);
	out[hl] = ':';
	copy_cell(out + hl + 1, serv, pl);
	n = hl + 1 + pl;
	if (n > NAME_HOST_MAX - 1)
		n = NAME_HOST_MAX - 1;
	out[n] = 0;
	return (unsigned)n;
}

/* Text of known length, left-justified in width. */
static void out_column(const char *s, unsigned n, unsigned width)
{
	out_mem(s, n);
	if (n < width)
		out_spaces(width - n);
}

/* The State column: TCP's names, UNKNOWN(n), a raw socket's number
 * (JSON: by TCP's names, as the kernel numbers it). */
static const char *socket_state(const struct inet_file *f,
				const struct inet_socket *s, char *num)
{
	if (f->sock == WANT_TCP || (f->sock == WANT_RAW && json_mode()))
		return tcp_state_name(s->state, num);
	if (f->sock != WANT_RAW)
		return s->state == 1 ? "ESTABLISHED" : s->state == 7 ? "" : "UNKNOWN";
	num[fmt_u64(num, s->state)] = 0;
	return num;
}

/* " off (0.00/0/0)" and friends: the -o column, in integer arithmetic
 * (the kernel's tm->when is in clock ticks of 1/100 s); in JSON the
 * same name, the ticks and the two counts. */
static void print_timer(const struct inet_socket *s, unsigned sock)
{
	char name[U64_FMT + 10], when[U64_FMT + 4];
	unsigned t = s->timer, known = t <= (sock == WANT_TCP ? 4u : 2u), n;
	uint64_t retr = sock == WANT_TCP || sock == WANT_RAW ? s->retransmits : 0;
	uint64_t ticks = t ? s->when : 0;
	const char *word = known ? timer_names[sock == WANT_TCP || !t ? t : 1] : "unkn-";

	n = (unsigned)strlen(word);
	memcpy(name, word, n);
	if (!known || (sock != WANT_TCP && t))
		n += fmt_u64(name + n, t);
	name[n] = 0;
	when[fmt_hundredths(when, ticks)] = 0;
	out_fmt(" %{timer}s (%s/%{retransmits}u/%{timeouts}d)%{timer_expires_cs}=u",
		name, when, &retr, (int)s->timeout, &ticks);
}

/* An address as JSON has it: numbers, an IPv4-mapped one as its dotted
 * quad (as the text and jc --netstat show it). */
static void address_text(char *text, const uint8_t *addr, int v6)
{
	if (v6 && is_v4_mapped(addr))
		text[fmt_ip4(text, addr + 12)] = 0;
	else
		text[v6 ? fmt_ip6(text, addr) : fmt_ip4(text, addr)] = 0;
}

/* JSON: a socket, its endpoints as numeric address and port, and the
 * names lookups gave (keys only while they are on). A raw socket's port
 * column is its IP protocol: ip_protocol, and no ports. */
static void inet_json(const struct inet_file *f, const struct inet_socket *s,
		      const char *proto)
{
	static const char keys[] = "local_address_name\0local_port_name\0"
				   "foreign_address_name\0foreign_port_name";
	const uint8_t *addr[2] = { s->local, s->remote };
	unsigned port[2] = { s->local_port, s->remote_port }, i;
	char text[2][IP6_FMT], name[NAME_HOST_MAX], serv[64], num[U64_FMT + 16];
	const char *state = socket_state(f, s, num), *key = keys;
	const char *ports = f->sock == WANT_RAW ? 0 : "";
	int found;

	for (i = 0; i < 2; i++)
		address_text(text[i], addr[i], f->v6);
	if (!*state)
		state = 0;
	row_begin();
	out_fmt("%{proto}=s%{transport_protocol}=s%{network_protocol}=s%{recv_q}=u"
		"%{send_q}=u%{local_address}=s", f->label,
		f->sock == WANT_RAW ? 0 : proto, f->v6 ? "ipv6" : "ipv4",
		&s->rxq, &s->txq, text[0]);
	json_number_or_null("local_port", port[0], ports);
	out_fmt("%{foreign_address}=s", text[1]);
	json_number_or_null("foreign_port", port[1], ports);
	if (!ports)
		out_fmt("%{ip_protocol}=d", (int)port[0]);
	out_fmt("%{state}=s", state);
	for (i = 0; i < 2; i++) {
		if (!opt_has(OPT_n_host)) {
			if (f->v6 && is_v4_mapped(addr[i]))
				found = host_lookup(name, sizeof(name), addr[i], 6);
			else
				found = host_lookup(name, sizeof(name), addr[i], f->v6 ? 6 : 4);
			json_name(key, found, name);
		}
		key += strlen(key) + 1;
		if (!opt_has(OPT_n_port)) {
			num[fmt_u64(num, port[i])] = 0;
			service_name(serv, sizeof(serv), port[i], proto, 0);
			json_name(key, port[i] && !str_eq(serv, num), serv);
		}
		key += strlen(key) + 1;
	}
	print_socket_tail(s->uid, s->inode);
	if (opt_has(OPT_o))
		print_timer(s, f->sock);
	row_end(0);
}

static void print_inet_row(const struct inet_file *f, const struct inet_socket *s)
{
	char local[NAME_HOST_MAX + 80], remote[NAME_HOST_MAX + 80];
	const char *proto = f->sock == WANT_TCP ? "tcp" :
			    f->sock == WANT_RAW ? "raw" : "udp";
	int wide = ENABLE_FEATURE_NETSTAT_WIDE && opt_has(OPT_W);
	int numeric = opt_has(OPT_n_host) != 0;
	char num[U64_FMT + 16];

	unsigned local_len, remote_len;

	if (json_mode()) {
		inet_json(f, s, proto);
		return;
	}
	local_len = format_endpoint(local, s->local, f->v6, s->local_port,
				    proto, numeric, wide);
	if (ENABLE_FEATURE_NETSTAT_CLASSIC && opt_has(OPT_f))
		numeric = 0, wide = 1;
	remote_len = format_endpoint(remote, s->remote, f->v6, s->remote_port,
				     proto, numeric, wide);
	out_left(f->label, 5);
	out_char(' ');
	out_u64_right(s->rxq, 6);
	out_char(' ');
	out_u64_right(s->txq, 6);
	out_char(' ');
	out_column(local, local_len, 23);
	out_char(' ');
	out_column(remote, remote_len, 23);
	out_char(' ');
	out_left(socket_state(f, s, num), 11);
	print_socket_tail(s->uid, s->inode);
	if (opt_has(OPT_o))
		print_timer(s, f->sock);
	out_char('\n');
}

/* Rows wait here while the names of their addresses are looked up
 * together (names.c, resolv.c); printing them asks for the answers. */
enum { ROWS_IN_FLIGHT = 32 };
static struct inet_socket *rows_held;	/* ROWS_IN_FLIGHT, mapped when names are on */
static unsigned rows_held_count;

static void hold_row(const struct inet_file *f, const struct inet_socket *s)
{
	if (!opt_has(OPT_n_host))
		host_prefetch(s->local, f->v6 ? 6 : 4);
	if (!opt_has(OPT_n_host) || (ENABLE_FEATURE_NETSTAT_CLASSIC && opt_has(OPT_f)))
		host_prefetch(s->remote, f->v6 ? 6 : 4);
	if (!rows_held)
		rows_held = state_alloc(ROWS_IN_FLIGHT * sizeof(*rows_held));
	rows_held[rows_held_count++] = *s;
}

static void print_held_rows(const struct inet_file *f)
{
	unsigned i;

	for (i = 0; i < rows_held_count; i++)
		print_inet_row(f, &rows_held[i]);
	rows_held_count = 0;
}

static int inet_resolving;

/* Rows wait for their names, asked of DNS together; constant 0 without
 * DNS, so that none of the waiting is built. */
static int rows_wait(void)
{
	return ENABLE_FEATURE_NETSTAT_DNS && inet_resolving;
}

static const char *inet_row(const char *line, size_t len, void *ctx)
{
	const struct inet_file *f = ctx;
	struct inet_socket s;
	const char *bad;

	if (row_skipped_fast(line, len, f)) {
#if NETSTAT_FUZZING
		/* The fast judgement must be the full parser's. */
		if (parse_inet_line(line, f, &s) != row_not_shown)
			__builtin_trap();
#endif
		return 0;
	}
	bad = parse_inet_line(line, f, &s);
	if (bad == row_not_shown)
		return 0;
	if (bad) {
		print_held_rows(f);	/* the message comes after them */
		return bad;
	}
	if (state_counts) {
		state_counts[s.state < TCP_STATES ? s.state : 0]++;
		return 0;
	}
	if (rows_wait() && f->sock == WANT_UDP && s.remote_port == 53 &&
	    dns_own_socket(s.local_port, s.remote, f->v6))
		return 0;
	if (!rows_wait()) {
		print_inet_row(f, &s);
		return 0;
	}
	hold_row(f, &s);
	if (rows_held_count == ROWS_IN_FLIGHT)
		print_held_rows(f);
	return 0;
}

static void show_inet_file(const struct inet_file *f)
{
	inet_resolving = ENABLE_FEATURE_NETSTAT_DNS && (!opt_has(OPT_n_host) ||
			 (ENABLE_FEATURE_NETSTAT_CLASSIC && opt_has(OPT_f)));
	if (proc_open(f->file) < 0) {
		int err = errno;
		if (err == ENOENT) {
			/* IPv6 files are optional; an IPv4 one is missing only
			 * on a kernel built without that protocol. */
			if (!f->v6 && !G.no_protocol_given &&
			    (G.socks || opt_has(OPT_v))) {
				no_support("AF INET", f->what);
				if (G.socks)
					G.exit_status = 1;
			}
		} else {
			msg_errno(table_path, err);
		}
		return;
	}
	proc_rows(1, NUL_IF_BAD, inet_row, (void *)f);
	print_held_rows(f);
}

/* Whether a file of the table is chosen by the switches, the families
 * and the classic protocol words (bits over inet_files). A build
 * without IPv6 is a kernel without it: its files are chosen, and
 * missing. */
static int inet_file_selected(unsigned i, unsigned want)
{
	const struct inet_file *f = &inet_files[i];

	return (want & f->sock) &&
	       (G.families & (f->v6 ? FAMILY_INET6 : FAMILY_INET)) &&
	       (!G.classic_files || (G.classic_files & 1u << i));
}

/* The TCP, UDP, UDP-Lite or raw files of want's protocol (WANT_*). */
int show_inet_protocol(unsigned want)
{
	unsigned i;

	for (i = 0; i < ARRAY_SIZE(inet_files); i++)
		if (inet_files[i].sock == want &&
		    inet_file_selected(i, G.socks ? G.socks : WANT_INET) &&
		    (!inet_files[i].v6 || ENABLE_FEATURE_NETSTAT_IPV6))
			show_inet_file(&inet_files[i]);
	return 0;
}

void count_tcp_states(unsigned *counts)
{
	unsigned opts = G.opts;

	/* every row, as -a wants them, counted instead of printed */
	G.opts |= OPT_a;
	state_counts = counts;
	show_inet_file(&inet_files[0]);
	if (ENABLE_FEATURE_NETSTAT_IPV6)
		show_inet_file(&inet_files[1]);
	state_counts = 0;
	G.opts = opts;
}

int inet_files_selected(void)
{
	unsigned i, n = 0;

	for (i = 0; i < ARRAY_SIZE(inet_files); i++)
		n += inet_file_selected(i, G.socks ? G.socks : WANT_INET);
	return n;
}

//kbuild:lib-$(CONFIG_NETSTAT) += inet.o
