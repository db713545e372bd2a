/* Reverse DNS (PTR) over UDP for host names, in place of getnameinfo.
 *
 * Every nameserver of /etc/resolv.conf (at most three; 127.0.0.1 when
 * none is listed) is asked at once over its own connected UDP socket, and
 * up to DNS_FLIGHT questions are out together. The whole run has one time
 * budget: DNS_BUDGET_MS of waiting for answers, in total. Once it is
 * spent, one message says so and every address not yet answered prints
 * numerically.
 * read() and write() serve the connected sockets (recv and send cost more).
 * A server that refuses (ICMP unreachable) is dropped for the run; with
 * none left, lookups fail at once and silently, as net-tools' do.
 * Answers are read as glibc reads them: a CNAME chain is followed, the
 * first PTR record decides, and a name that is not a host name (letters,
 * digits, '-', '_', no leading '-') means no name. */
//kbuild:lib-$(CONFIG_NETSTAT) += resolv.o
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "netstat.h"

#ifndef SYS_clock_gettime
#define SYS_clock_gettime SYS_clock_gettime32	/* musl, 32-bit ABIs */
#endif

enum {
	DNS_SERVERS = 3,	/* as glibc's MAXNS */
	DNS_FLIGHT = 64,	/* questions out at once */
	DNS_BUDGET_MS = 2000,	/* of waiting, for the whole run */
	DNS_RETRY_MS = 600,	/* ask again when no answer came */
	DNS_PACKET = 512,	/* UDP without EDNS */
	QUERY_MAX = 12 + 74 + 4,	/* header, ip6.arpa name, type, class */
};
enum { DNS_UNSET, DNS_RUNNING, DNS_OVER };
enum { FLIGHT_FREE, FLIGHT_ASKED, FLIGHT_FOUND, FLIGHT_NONE };

struct flight {
	uint8_t addr[16];
	uint8_t family;		/* 4: in-addr.arpa, 6: ip6.arpa */
	uint8_t state;
	uint8_t failed;		/* servers that answered SERVFAIL etc. */
	uint32_t sent;		/* ms */
	char name[DNS_NAME_MAX + 1];
};

static struct {
	int fd[DNS_SERVERS];
	uint8_t addr[DNS_SERVERS][16];	/* the nameserver's */
	uint16_t port[DNS_SERVERS];	/* our end's, host order */
	uint8_t v6[DNS_SERVERS];
	unsigned servers;
	unsigned alive;		/* bit per server */
	unsigned state;
	uint32_t spent;		/* ms waited so far */
	uint16_t id_base;
} dns;
static struct flight *flights;	/* DNS_FLIGHT, mapped by the first find_flight */
static struct line_reader resolv_reader;

/* The raw system call: musl's clock_gettime brings a vDSO lookup that
 * costs more than this file. Its timespec is two longs on every ABI. */
static uint32_t now_ms(void)
{
	long ts[2];

	sys_call(SYS_clock_gettime, CLOCK_MONOTONIC, ts, 0, 0);
	return (uint32_t)ts[0] * 1000u + (uint32_t)ts[1] / 1000000u;
}

static void add_server(const char *text)
{
	union {
		struct sockaddr sa;
		struct sockaddr_in in;
		struct sockaddr_in6 in6;
	} sa;
	uint8_t a[16];
	int alen = parse_ip(text, a), fd;
	socklen_t len = sizeof(sa.in);

	if (!alen)
		return;
	if (NETSTAT_FUZZING) {
		/* fuzzed resolv.conf files never send a packet */
		dns.servers++;
		return;
	}
	memset(&sa, 0, sizeof(sa));
	memcpy(&sa.in.sin_port, "\0\65", 2);	/* 53, network order */
	sa.sa.sa_family = AF_INET;
	memcpy(&sa.in.sin_addr, a, 4);
	if (alen == 16) {
		sa.sa.sa_family = AF_INET6;
		memcpy(&sa.in6.sin6_addr, a, 16);
		len = sizeof(sa.in6);
	}
	fd = (int)sys_call(SYS_socket, sa.sa.sa_family,
			  SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, 0);
	if (fd < 0)
		return;
	if (connect(fd, &sa.sa, len) < 0 || getsockname(fd, &sa.sa, &len) < 0) {
		close(fd);
		return;
	}
	/* sin_port and sin6_port are at the same offset */
	dns.port[dns.servers] = (uint16_t)(((uint8_t *)&sa.in.sin_port)[0] << 8 |
					   ((uint8_t *)&sa.in.sin_port)[1]);
	memcpy(dns.addr[dns.servers], a, 16);
	dns.v6[dns.servers] = alen == 16;
	dns.alive |= 1u << dns.servers;
	dns.fd[dns.servers++] = fd;
}

/* Our own lookups' sockets are not the machine's: net-tools has closed
 * its own before it reads the UDP table, and we skip ours. */
int dns_own_socket(unsigned local_port, const uint8_t *remote, int v6)
{
	unsigned i;

	for (i = 0; i < dns.servers; i++)
		if (dns.port[i] == local_port && dns.v6[i] == v6 &&
		    !memcmp(dns.addr[i], remote, v6 ? 16 : 4))
			return 1;
	return 0;
}

#if NETSTAT_FUZZING
void dns_reset(void)
{
	memset(&dns, 0, sizeof(dns));
	if (flights)
		memset(flights, 0, DNS_FLIGHT * sizeof(*flights));
}
#endif

/* Reads /etc/resolv.conf on first use; 0 once DNS is over for the run. */
static int dns_running(void)
{
	char *line, *p, *e;
	size_t len;
	enum line_result res;

	if (dns.state != DNS_UNSET)
		return dns.state == DNS_RUNNING;
	dns.state = DNS_OVER;
	if (reader_open(&resolv_reader, "/etc/resolv.conf") >= 0) {
		while ((res = read_line(&resolv_reader, &line, &len)) != LINE_EOF) {
			if (res != LINE_OK || strncmp(line, "nameserver", 10) ||
			    !is_space((unsigned char)line[10]))
				continue;
			p = line + 10;
			skip_spaces((const char **)&p);
			for (e = p; *e && !is_space((unsigned char)*e); e++)
				;
			*e = 0;
			if (dns.servers < DNS_SERVERS)
				add_server(p);
		}
		reader_close(&resolv_reader);
	}
	if (!dns.servers)
		add_server("127.0.0.1");
	if (dns.alive)
		dns.state = DNS_RUNNING;
	dns.id_base = (uint16_t)now_ms();
	return dns.state == DNS_RUNNING;
}

/* The question for a flight, as a whole query packet; its length. */
static unsigned build_query(uint8_t *q, const struct flight *f)
{
	static const char hex[] = "0123456789abcdef";
	unsigned id = dns.id_base ^ (unsigned)(f - flights), n;
	uint8_t *p = q + 12;
	int i;

	memset(q, 0, 12);
	q[0] = (uint8_t)(id >> 8);
	q[1] = (uint8_t)id;
	q[2] = 1;		/* recursion desired */
	q[5] = 1;		/* one question */
	if (f->family == 4) {
		for (i = 3; i >= 0; i--) {
			n = fmt_u64((char *)p + 1, f->addr[i]);
			*p = (uint8_t)n;
			p += n + 1;
		}
		memcpy(p, "\7in-addr\4arpa", 14);
		p += 14;
	} else {
		for (i = 15; i >= 0; i--) {
			p[0] = p[2] = 1;
			p[1] = (uint8_t)hex[f->addr[i] & 15];
			p[3] = (uint8_t)hex[f->addr[i] >> 4];
			p += 4;
		}
		memcpy(p, "\3ip6\4arpa", 10);
		p += 10;
	}
	memcpy(p, "\0\14\0\1", 4);	/* PTR, IN */
	return (unsigned)(p + 4 - q);
}

static void server_dead(unsigned s);

static void send_flight(struct flight *f, uint32_t now)
{
	uint8_t q[QUERY_MAX];
	unsigned len = build_query(q, f), s;

	f->sent = now;
	for (s = 0; s < dns.servers; s++)
		if ((dns.alive & ~f->failed) & 1u << s &&
		    write(dns.fd[s], q, len) < 0 && errno != EAGAIN)
			server_dead(s);
}

/* A flight no server can answer any more has no name. */
static void settle(struct flight *f)
{
	if (f->state == FLIGHT_ASKED && !(dns.alive & ~f->failed))
		f->state = FLIGHT_NONE;
}

static void server_dead(unsigned s)
{
	unsigned i;

	dns.alive &= ~(1u << s);
	for (i = 0; i < DNS_FLIGHT; i++)
		settle(&flights[i]);
	if (!dns.alive)
		dns.state = DNS_OVER;
}

/* The flight for an address, asked now if new and ask is set; NULL when
 * every slot waits for an answer. Addresses of the form ::ffff:a.b.c.d
 * and ::a.b.c.d (but ::1) are asked as a.b.c.d, as glibc does. */
static struct flight *find_flight(const uint8_t *addr, int family, int ask)
{
	static const uint8_t mapped[12] = { [10] = 0xff, [11] = 0xff };
	static const uint8_t zero[12], one[4] = { 0, 0, 0, 1 };
	struct flight *f, *spare = 0;
	unsigned alen, i;

	if (family == 6 && (!memcmp(addr, mapped, 12) ||
	    (!memcmp(addr, zero, 12) && memcmp(addr + 12, one, 4)))) {
		addr += 12;
		family = 4;
	}
	alen = family == 6 ? 16 : 4;
	if (!flights)
		flights = state_alloc(DNS_FLIGHT * sizeof(*flights));
	for (i = 0; i < DNS_FLIGHT; i++) {
		f = &flights[i];
		if (f->state != FLIGHT_FREE && f->family == family &&
		    !memcmp(f->addr, addr, alen))
			return f;
		/* a free slot, else one whose answer nobody took */
		if (f->state == FLIGHT_FREE ? !spare || spare->state != FLIGHT_FREE :
		    !spare && f->state != FLIGHT_ASKED)
			spare = f;
	}
	if (!ask || !spare || !dns_running())
		return 0;
	memcpy(spare->addr, addr, alen);
	spare->family = (uint8_t)family;
	spare->state = FLIGHT_ASKED;
	spare->failed = 0;
	send_flight(spare, now_ms());
	settle(spare);
	return spare;
}

void dns_queue(const uint8_t *addr, int family)
{
	(void)find_flight(addr, family, 1);
}

static int same_text_ci(const uint8_t *a, const uint8_t *b, unsigned n)
{
	unsigned x, y;

	while (n--) {
		x = *a++;
		y = *b++;
		if (x - 'A' < 26)
			x += 32;
		if (y - 'A' < 26)
			y += 32;
		if (x != y)
			return 0;
	}
	return 1;
}

/* Copies the name at *pos in wire form (uncompressed) to out and moves
 * *pos past it; 0 if it is malformed. */
static int unpack_name(const uint8_t *pkt, unsigned len, unsigned *pos,
		       uint8_t *out)
{
	unsigned p = *pos, n = 0, jumps = 0, c;

	for (;;) {
		if (p >= len)
			return 0;
		c = pkt[p];
		if (c >= 0xc0) {
			if (p + 1 >= len || ++jumps > 32)
				return 0;
			if (jumps == 1)
				*pos = p + 2;
			p = (c & 0x3f) << 8 | pkt[p + 1];
			continue;
		}
		if (c >= 0x40 || p + 1 + c > len || n + 1 + c > DNS_NAME_MAX)
			return 0;
		memcpy(out + n, pkt + p, c + 1);
		n += c + 1;
		p += c + 1;
		if (!c) {
			if (!jumps)
				*pos = p;
			return 1;
		}
	}
}

static unsigned wire_len(const uint8_t *name)
{
	const uint8_t *p = name;

	while (*p)
		p += *p + 1;
	return (unsigned)(p - name) + 1;
}

static int same_name(const uint8_t *a, const uint8_t *b)
{
	unsigned n = wire_len(a);

	return n == wire_len(b) && same_text_ci(a, b, n);
}

/* A wire name as text if it is a host name as glibc's res_hnok sees one. */
static int host_text(const uint8_t *wire, char *out)
{
	unsigned c, ch;

	if (!*wire || wire[1] == '-')
		return 0;
	while ((c = *wire++)) {
		while (c--) {
			ch = *wire++;
			if (!(ch - '0' < 10 || (ch | 32) - 'a' < 26 ||
			      ch == '-' || ch == '_'))
				return 0;
			*out++ = (char)ch;
		}
		*out++ = '.';
	}
	out[-1] = 0;
	return 1;
}

/* The PTR name in the answers of a NOERROR reply, after the question
 * (qlen bytes of packet). */
static int read_ptr(const uint8_t *pkt, unsigned len, unsigned qlen,
		    char *out)
{
	uint8_t owner[DNS_NAME_MAX], expect[DNS_NAME_MAX], target[DNS_NAME_MAX];
	unsigned an = (unsigned)pkt[6] << 8 | pkt[7], p = qlen, rd, type;

	memcpy(expect, pkt + 12, qlen - 16);
	while (an--) {
		if (!unpack_name(pkt, len, &p, owner) || p + 10 > len)
			return 0;
		type = (unsigned)pkt[p] << 8 | pkt[p + 1];
		rd = p + 10;
		p = rd + ((unsigned)pkt[p + 8] << 8 | pkt[p + 9]);
		if (p > len)
			return 0;
		if (pkt[rd - 8] || pkt[rd - 7] != 1 || !same_name(owner, expect) ||
		    (type != 5 && type != 12))
			continue;
		if (!unpack_name(pkt, len, &rd, target))
			return 0;
		if (type == 12)
			return host_text(target, out);
		memcpy(expect, target, sizeof(target));	/* CNAME */
	}
	return 0;
}

/* Matches a reply to its flight by id and question; anything else
 * (stray, late or malformed packets) is dropped. */
static void take_reply(unsigned s, const uint8_t *pkt, unsigned len)
{
	uint8_t q[QUERY_MAX];
	struct flight *f;
	unsigned i, qlen, rcode;

	if (len < 12)
		return;
	i = ((unsigned)pkt[0] << 8 | pkt[1]) ^ dns.id_base;
	if (i >= DNS_FLIGHT || flights[i].state != FLIGHT_ASKED)
		return;
	f = &flights[i];
	qlen = build_query(q, f);
	if (len < qlen || !(pkt[2] & 0x80) || pkt[4] || pkt[5] != 1 ||
	    !same_text_ci(pkt + 12, q + 12, qlen - 12))
		return;
	rcode = pkt[3] & 15;
	if (rcode == 0 && !(pkt[2] & 2))
		f->state = read_ptr(pkt, len, qlen, f->name) ?
			   FLIGHT_FOUND : FLIGHT_NONE;
	else if (rcode == 0 || rcode == 3)	/* truncated, NXDOMAIN */
		f->state = FLIGHT_NONE;
	else
		f->failed |= (uint8_t)(1u << s);
	settle(f);
}

static void drain(unsigned s)
{
	uint8_t pkt[DNS_PACKET];
	ssize_t n;

	for (;;) {
		n = read(dns.fd[s], pkt, sizeof(pkt));
		if (n >= 0)
			take_reply(s, pkt, (unsigned)n);
		else if (errno != EINTR)
			break;
	}
	if (errno != EAGAIN && errno != EWOULDBLOCK)
		server_dead(s);
}

int dns_budget_spent(void)
{
	return dns.state == DNS_OVER && dns.spent >= DNS_BUDGET_MS;
}

/* Waits for answers until one arrives or a question is due again;
 * 0 once DNS is over for the run. */
static int dns_wait(void)
{
	struct pollfd pfd[DNS_SERVERS];
	unsigned which[DNS_SERVERS], n = 0, s, i;
	int ready;
	uint32_t now = now_ms(), wait, due;
	struct flight *f;

	if (dns.state != DNS_RUNNING)
		return 0;
	if (dns.spent >= DNS_BUDGET_MS) {
		msg("name lookups cut short: no answer within 2 seconds; "
		    "the rest print as numbers", (char *)0);
		dns.state = DNS_OVER;
		return 0;
	}
	wait = DNS_BUDGET_MS - dns.spent;
	for (i = 0; i < DNS_FLIGHT; i++) {
		f = &flights[i];
		if (f->state != FLIGHT_ASKED)
			continue;
		if (now - f->sent >= DNS_RETRY_MS)
			send_flight(f, now);
		due = DNS_RETRY_MS - (now - f->sent);
		if (due < wait)
			wait = due;
	}
	for (s = 0; s < dns.servers; s++) {
		if (!(dns.alive & 1u << s))
			continue;
		pfd[n].fd = dns.fd[s];
		pfd[n].events = POLLIN;
		which[n++] = s;
	}
	ready = poll(pfd, n, (int)wait + 1);
	dns.spent += now_ms() - now;
	if (ready > 0)
		for (i = 0; i < n; i++)
			if (pfd[i].revents)
				drain(which[i]);
	return 1;
}

int dns_resolve(const uint8_t *addr, int family, char *name)
{
	struct flight *f;
	int r;

	name[0] = 0;
	while (!(f = find_flight(addr, family, 1)))
		if (!dns_wait())
			return DNS_GAVE_UP;
	while (f->state == FLIGHT_ASKED)
		if (!dns_wait())
			break;
	r = f->state == FLIGHT_FOUND ? DNS_FOUND :
	    f->state == FLIGHT_NONE ? DNS_NONE : DNS_GAVE_UP;
	if (r == DNS_FOUND)
		memcpy(name, f->name, DNS_NAME_MAX + 1);
	if (r != DNS_GAVE_UP)
		f->state = FLIGHT_FREE;
	return r;
}
