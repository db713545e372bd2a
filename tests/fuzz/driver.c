/* libFuzzer driver: one binary per target (-DFUZZ_TARGET_<name>). The
 * first input byte picks switches (-a -l -n -W -e -o -p and the family);
 * the rest is the content of the file the target's parser reads, served
 * from memory by the fuzz build of the line reader. Every input runs twice:
 * as the table (printed to /dev/null) and with --json, whose document a
 * strict checker below must accept (one object, RFC 8259, valid UTF-8,
 * integers only, no key twice in an object), or the run traps. Sanitizer
 * reports stay on stderr. */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "netstat.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#if defined(FUZZ_TARGET_hosts)
#define FUZZ_NAME_FILE "/etc/hosts"
#elif defined(FUZZ_TARGET_networks)
#define FUZZ_NAME_FILE "/etc/networks"
#elif defined(FUZZ_TARGET_passwd)
#define FUZZ_NAME_FILE "/etc/passwd"
#elif defined(FUZZ_TARGET_services)
#define FUZZ_NAME_FILE "/etc/services"
#elif defined(FUZZ_TARGET_protocols)
#define FUZZ_NAME_FILE "/etc/protocols"
#elif defined(FUZZ_TARGET_resolvconf)
#define FUZZ_NAME_FILE "/etc/resolv.conf"
#endif

/* Sockets whose addresses, ports and users the name targets look up. */
static const char names_tcp[] =
	"  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
	"   0: 0100007F:0016 0302010A:0050 01 00000000:00000000 00:00000000 00000000     0        0 1 1 0 20 4 0 10 -1\n"
	"   1: 0101A8C0:01BB 00000000:0000 0A 00000000:00000000 00:00000000 00000000   101        0 2 1 0 20 4 0 10 -1\n"
	"   2: 00000000:0035 0000000A:9C40 01 00000000:00000000 00:00000000 00000000 65534        0 3 1 0 20 4 0 10 -1\n"
	"   3: 0101A8C0:1F90 0A01A8C0:C000 06 00000000:00000000 03:00000100 00000000  1000        0 0 1 0 20 4 0 10 -1\n"
	/* 0.10.0.0: net-tools asks /etc/networks for 0.x.x.x */
	"   4: 0100007F:0017 00000A00:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5 1 0 20 4 0 10 -1\n";
static const char names_raw6[] =
	"  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n"
	"   0: 00000000000000000000000001000000:003A B80D0120000000000000000001000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4 2 0 0\n"
	"   1: 0000000000000000FFFF00000100007F:0001 0000000000000000FFFF00000302010A:0000 07 00000000:00000000 00:00000000 00000000     0        0 5 2 0 0\n";

/* Network routes, whose destinations -r names from /etc/networks. */
static const char names_route[] =
	"Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
	"eth0\t00000000\t0101A8C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n"
	"eth0\t0001A8C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n"
	"eth1\t0000000A\t00000000\t0001\t0\t0\t0\t000000FF\t0\t0\t0\n"
	"eth1\t000010AC\t00000000\t0001\t0\t0\t0\t0000F0FF\t0\t0\t0\n"
	"eth1\t0000FEA9\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0\n";

/* A conntrack table whose pressure the ctstat target shows (-K). */
static const char ct_table[] =
	"ipv4     2 tcp      6 431999 ESTABLISHED src=10.0.0.2 dst=192.0.2.1 sport=40000 dport=443 packets=3 bytes=180 src=192.0.2.1 dst=198.51.100.7 sport=443 dport=40000 packets=2 bytes=120 [ASSURED] mark=0 zone=0 use=2\n"
	"ipv4     2 udp      17 29 src=10.0.0.3 dst=192.0.2.9 sport=5353 dport=53 packets=1 bytes=60 [UNREPLIED] src=192.0.2.9 dst=198.51.100.7 sport=53 dport=5353 packets=0 bytes=0 mark=0 zone=0 use=2\n"
	"ipv6     10 tcp      6 59 CLOSE_WAIT src=2001:db8::2 dst=2001:db8:1::1 sport=40001 dport=80 packets=4 bytes=300 src=2001:db8:1::1 dst=2001:db8::2 sport=80 dport=40001 packets=3 bytes=200 [ASSURED] mark=0 zone=0 use=2\n";

static const char lo_dev[] =
	"Inter-|   Receive                                                |  Transmit\n"
	" face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n"
	"    lo:    3467      33    0    0    0     0          0         0     3467      33    0    0    0     0       0          0\n";

#if defined(FUZZ_TARGET_ctnetlink)
#include "../../applet/ctnetlink.c"
#endif
#if defined(FUZZ_TARGET_dns)
/* The reply parser of resolv.c, fed answers to one real question (for
 * 10.1.2.3, or 2001:db8::1 when the switch byte is odd); with bit 3 of
 * the switch byte the whole packet, header and question too. */
#include "../../applet/resolv.c"
static int dns_sink = -1;	/* /dev/null: where the question goes */
static void fuzz_dns_reply(const uint8_t *data, size_t size)
{
	static const uint8_t addr4[4] = { 10, 1, 2, 3 };
	static const uint8_t addr6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
	uint8_t pkt[DNS_PACKET];
	unsigned qlen;
	struct flight *f;

	dns_reset();
	/* one live server, as resolv.conf would give */
	dns.state = DNS_RUNNING;
	dns.servers = 1;
	dns.alive = 1;
	dns.fd[0] = dns_sink;
	f = data[0] & 1 ? find_flight(addr6, 6, 1) : find_flight(addr4, 4, 1);
	if (!f)
		return;
	f->state = FLIGHT_ASKED;
	if (data[0] & 8) {
		/* the whole reply is the fuzzer's: id, counts and question too */
		size--;
		if (size > sizeof(pkt))
			size = sizeof(pkt);
		memcpy(pkt, data + 1, size);
		take_reply(0, pkt, (unsigned)size);
		return;
	}
	qlen = build_query(pkt, f);
	/* the header's flags and counts come from the fuzzer, the question
	 * is ours, the answers are the fuzzer's */
	if (size > 4) {
		pkt[2] = data[1];
		pkt[3] = data[2];
		pkt[6] = data[3];
		pkt[7] = data[4];
		data += 5;
		size -= 5;
	}
	pkt[2] |= 0x80;
	if (size > sizeof(pkt) - qlen)
		size = sizeof(pkt) - qlen;
	memcpy(pkt + qlen, data, size);
	take_reply(0, pkt, qlen + (unsigned)size);
}
#endif

/* ---- the JSON checker, written apart from fields.c's writer ---- */
struct json_in {
	const unsigned char *p, *end;
};

static int json_peek(const struct json_in *j, unsigned char c)
{
	return j->p < j->end && *j->p == c;
}

/* One UTF-8 sequence at j->p (a lead byte >= 0x80): its code point must
 * need all its bytes, not be a surrogate, and be at most U+10FFFF. */
static int check_utf8(struct json_in *j)
{
	unsigned c = *j->p, n, i, cp;

	if (c >= 0xf0 && c < 0xf8)
		n = 4, cp = c & 7;
	else if (c >= 0xe0)
		n = 3, cp = c & 15;
	else if (c >= 0xc0)
		n = 2, cp = c & 31;
	else
		return 0;
	if (c >= 0xf8 || j->end - j->p < (long)n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((j->p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (j->p[i] & 0x3f);
	}
	if (cp < (n == 2 ? 0x80u : n == 3 ? 0x800u : 0x10000u) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	j->p += n;
	return 1;
}

static int check_string(struct json_in *j)
{
	if (!json_peek(j, '"'))
		return 0;
	j->p++;
	while (j->p < j->end && *j->p != '"') {
		unsigned c = *j->p;
		if (c < 0x20)
			return 0;
		if (c >= 0x80) {
			if (!check_utf8(j))
				return 0;
			continue;
		}
		j->p++;
		if (c != '\\')
			continue;
		if (j->p >= j->end)
			return 0;
		c = *j->p++;
		if (c == 'u') {
			unsigned i, v = 0;
			for (i = 0; i < 4; i++, j->p++) {
				unsigned h;
				if (j->p >= j->end)
					return 0;
				h = *j->p;
				if (h >= '0' && h <= '9')
					h -= '0';
				else if ((h | 32) >= 'a' && (h | 32) <= 'f')
					h = (h | 32) - 'a' + 10;
				else
					return 0;
				v = v << 4 | h;
			}
			/* the writer never needs a surrogate pair */
			if (v >= 0xd800 && v <= 0xdfff)
				return 0;
		} else if (!memchr("\"\\/bfnrt", (int)c, 8)) {
			return 0;
		}
	}
	if (j->p >= j->end)
		return 0;
	j->p++;
	return 1;
}

static int check_value(struct json_in *j, unsigned depth);

/* What follows an object's '{' or an array's '[': members ("key":value,
 * no key twice) or values, separated by commas, up to the closing one. */
static int check_elements(struct json_in *j, unsigned depth, int object)
{
	enum { KEYS = 1024 };
	const unsigned char *key[KEYS];
	size_t key_len[KEYS];
	unsigned keys = 0, i;
	unsigned char close = object ? '}' : ']';

	j->p++;
	if (json_peek(j, close)) {
		j->p++;
		return 1;
	}
	for (;;) {
		if (object) {
			const unsigned char *start = j->p;
			size_t n;
			if (!check_string(j))
				return 0;
			n = (size_t)(j->p - start);
			for (i = 0; i < keys; i++)
				if (key_len[i] == n && !memcmp(key[i], start, n))
					return 0;
			if (keys < KEYS)
				key[keys] = start, key_len[keys++] = n;
			if (!json_peek(j, ':'))
				return 0;
			j->p++;
		}
		if (!check_value(j, depth + 1))
			return 0;
		if (json_peek(j, close)) {
			j->p++;
			return 1;
		}
		if (!json_peek(j, ','))
			return 0;
		j->p++;
	}
}

static int check_value(struct json_in *j, unsigned depth)
{
	if (j->p >= j->end || depth > 16)
		return 0;
	switch (*j->p) {
	case '{':
	case '[':
		return check_elements(j, depth, *j->p == '{');
	case '"':
		return check_string(j);
	case 'n':
	case 't':
	case 'f': {
		const char *word = *j->p == 'n' ? "null" : *j->p == 't' ? "true" : "false";
		size_t n = strlen(word);
		if ((size_t)(j->end - j->p) < n || memcmp(j->p, word, n))
			return 0;
		j->p += n;
		return 1;
	}
	default:
		/* integers only: -?(0|[1-9][0-9]*) */
		if (json_peek(j, '-'))
			j->p++;
		if (json_peek(j, '0')) {
			j->p++;
		} else {
			if (j->p >= j->end || *j->p < '1' || *j->p > '9')
				return 0;
			while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
				j->p++;
		}
		return 1;
	}
}

/* The document: one object and a newline, nothing else. */
static void check_document(const unsigned char *doc, size_t n)
{
	struct json_in j = { doc, doc + n };

	/* one document a line, as -c rounds print them */
	while (n && j.p < j.end && *j.p == '{' && check_value(&j, 0) &&
	       j.p < j.end && *j.p == '\n')
		if (++j.p == j.end)
			return;
	fprintf(stderr, "fuzz: invalid JSON at byte %ld of %zu:\n%.*s\n",
		(long)(j.p - doc), n, (int)n, (const char *)doc);
	__builtin_trap();
}

static void pick_switches(uint8_t b)
{
	static const unsigned bits[] = { OPT_a, OPT_l, OPT_n_host | OPT_n_port,
					 OPT_W, OPT_o, OPT_p, OPT_f };
	unsigned i;

	memset(&G, 0, sizeof(G));
	G.proc_root = "/fuzz";
	for (i = 0; i < sizeof(bits) / sizeof(bits[0]); i++)
		if (b & (1u << i))
			G.opts |= bits[i];
	G.extend = b >> 7;
	G.families = (b & 0x80) ? FAMILY_INET6 : FAMILY_INET | FAMILY_INET6;
	G.opts |= OPT_n_user;
}

static int null_fd = -1, json_fd = -1;	/* where stdout goes */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	null_fd = open("/dev/null", O_WRONLY);
	json_fd = memfd_create("json", 0);
	dup2(null_fd, 1);
	/* the applet's messages: /dev/null, or the descriptor FUZZ_MESSAGES_FD
	 * names (2: stderr, for tests/fuzz/run.sh --replay to see what a
	 * saved input still reaches) */
	fuzz_err_fd = getenv("FUZZ_MESSAGES_FD") ? atoi(getenv("FUZZ_MESSAGES_FD")) : null_fd;
#if defined(FUZZ_TARGET_dns)
	dns_sink = null_fd;
#endif
	return 0;
}

/* The Internet table as netstat.c lists it, for the protocols of G.socks. */
static void show_inet(void)
{
	print_internet_header();
	if (G.socks & WANT_TCP)
		show_inet_protocol(WANT_TCP);
	if (G.socks & WANT_SCTP)
		show_sctp(WANT_SCTP);
	if (G.socks & WANT_UDP)
		show_inet_protocol(WANT_UDP);
	if (G.socks & WANT_RAW)
		show_inet_protocol(WANT_RAW);
	table_end();
}

static void run_target(const uint8_t *data, size_t size)
{
	memset(fuzz_files, 0, sizeof(fuzz_files));
	fuzz_files[0].data = data + 1;
	fuzz_files[0].size = size - 1;
#if defined(FUZZ_TARGET_dns)
	fuzz_dns_reply(data, size);
#elif defined(FUZZ_TARGET_inet)
	fuzz_files[0].suffix = "/net/tcp";
	G.socks = WANT_TCP;
	show_inet();
#elif defined(FUZZ_TARGET_inet6)
	fuzz_files[0].suffix = "/net/udp6";
	G.socks = WANT_UDP;
	show_inet();
#elif defined(FUZZ_TARGET_raw)
	fuzz_files[0].suffix = "/net/raw";
	G.socks = WANT_RAW;
	show_inet();
#elif defined(FUZZ_TARGET_sctp)
	fuzz_files[0].suffix = "/net/sctp/eps";
	fuzz_files[1].suffix = "/net/sctp/assocs";
	fuzz_files[1].data = data + 1;
	fuzz_files[1].size = size - 1;
	G.socks = WANT_SCTP;
	show_inet();
#elif defined(FUZZ_TARGET_unix)
	fuzz_files[0].suffix = "/net/unix";
	G.families = FAMILY_UNIX;
	G.socks = WANT_UNIX;
	show_unix();
#elif defined(FUZZ_TARGET_route)
	fuzz_files[0].suffix = (data[0] & 0x40) ? "/net/rt_cache" : "/net/route";
	G.opts |= (data[0] & 0x40) ? OPT_C : 0;
	G.families = FAMILY_INET;
	G.extend = data[0] >> 6;
	show_routes();
#elif defined(FUZZ_TARGET_ipv6_route)
	fuzz_files[0].suffix = "/net/ipv6_route";
	G.families = FAMILY_INET6;
	G.extend = data[0] >> 6;
	show_routes();
#elif defined(FUZZ_TARGET_dev)
	fuzz_files[0].suffix = "/net/dev";
	show_interfaces();
	show_ethernet_summary();
#elif defined(FUZZ_TARGET_if_inet6)
	/* -ie of lo, whose IPv6 addresses come from the fuzzer */
	fuzz_files[0].suffix = "/net/if_inet6";
	fuzz_files[1].suffix = "/net/dev";
	fuzz_files[1].data = (const unsigned char *)lo_dev;
	fuzz_files[1].size = sizeof(lo_dev) - 1;
	G.extend = 1;
	show_interfaces();
#elif defined(FUZZ_TARGET_igmp)
	fuzz_files[0].suffix = (data[0] & 0x40) ? "/net/igmp6" : "/net/igmp";
	G.families = FAMILY_INET | FAMILY_INET6;
	show_groups();
#elif defined(FUZZ_TARGET_stats)
	fuzz_files[0].suffix = "/net/snmp";
	fuzz_files[1] = fuzz_files[0];
	fuzz_files[1].suffix = "/net/netstat";
	fuzz_files[2] = fuzz_files[0];
	fuzz_files[2].suffix = "/net/sctp/snmp";
	G.socks = (data[0] & 0x40) ? WANT_TCP | WANT_SCTP : 0;
	G.classic_stats = (data[0] & 0x20) ? STATS_ICMP | STATS_TCP : 0;
	show_statistics();
	if (data[0] & 0x10) {
		/* -D: a second round, against the first's values */
		G.opts |= OPT_changes;
		for (int round = 0; round < 2; round++) {
			if (G.opts & OPT_json) {	/* a document a round */
				json_end();
				json_begin();
			}
			show_statistics();
		}
	}
#elif defined(FUZZ_TARGET_sockstat)
	/* -O: sockstat and sockstat6 from the fuzzer, a fixed TCP table */
	fuzz_files[0].suffix = "/net/sockstat";
	fuzz_files[1] = fuzz_files[0];
	fuzz_files[1].suffix = "/net/sockstat6";
	fuzz_files[2].suffix = "/net/tcp";
	fuzz_files[2].data = (const unsigned char *)names_tcp;
	fuzz_files[2].size = sizeof(names_tcp) - 1;
	show_summary();
#elif defined(FUZZ_TARGET_ctstat)
	/* -K: stat/nf_conntrack, the count and the maximum from the fuzzer,
	 * a fixed table (each input a round after the one before: what grew
	 * since is warned of) */
	fuzz_files[0].suffix = "/net/stat/nf_conntrack";
	fuzz_files[1] = fuzz_files[0];
	fuzz_files[1].suffix = "/nf_conntrack_count";
	fuzz_files[2] = fuzz_files[0];
	fuzz_files[2].suffix = "/nf_conntrack_max";
	fuzz_files[3].suffix = "/net/nf_conntrack";
	fuzz_files[3].data = (const unsigned char *)ct_table;
	fuzz_files[3].size = sizeof(ct_table) - 1;
	show_conntrack_pressure();
#elif defined(FUZZ_TARGET_snmp6)
	fuzz_files[0].suffix = "/net/snmp6";
	memcpy(G.family_list, "inet6", 6);
	G.families = FAMILY_INET6;
	show_statistics();
#elif defined(FUZZ_TARGET_conntrack)
	fuzz_files[0].suffix = (data[0] & 0x40) ? "/net/ip_conntrack" : "/net/nf_conntrack";
	show_conntrack();
#elif defined(FUZZ_TARGET_ctnetlink)
	/* the datagrams of a ctnetlink dump, as -M reads them without
	 * /proc/net/nf_conntrack */
	nl_message_no = 0;
	table_begin("nat");	/* what print_conntrack_header opens */
	nl_messages(data + 1, size - 1, (data[0] & 0x40) ? FAMILY_INET6 :
		    FAMILY_INET | FAMILY_INET6, print_conntrack);
	table_end();
#elif defined(FUZZ_TARGET_hosts) || defined(FUZZ_TARGET_networks) || \
	defined(FUZZ_TARGET_passwd) || defined(FUZZ_TARGET_services) || \
	defined(FUZZ_TARGET_protocols) || defined(FUZZ_TARGET_resolvconf)
	/* a name file from the fuzzer, a fixed socket table to name */
	fuzz_files[0].suffix = FUZZ_NAME_FILE;
	fuzz_files[1].suffix = "/net/tcp";
	fuzz_files[1].data = (const unsigned char *)names_tcp;
	fuzz_files[1].size = sizeof(names_tcp) - 1;
	fuzz_files[2].suffix = "/net/raw6";
	fuzz_files[2].data = (const unsigned char *)names_raw6;
	fuzz_files[2].size = sizeof(names_raw6) - 1;
	G.opts &= ~(unsigned)(OPT_n_host | OPT_n_port | OPT_n_user);
	G.extend = 1;
	G.socks = WANT_TCP | WANT_RAW;
	names_reset();
	dns_reset();
	show_inet();
#if defined(FUZZ_TARGET_networks)
	fuzz_files[1].suffix = "/net/route";
	fuzz_files[1].data = (const unsigned char *)names_route;
	fuzz_files[1].size = sizeof(names_route) - 1;
	G.families = FAMILY_INET;
	G.opts &= ~(unsigned)OPT_N;
	show_routes();
#endif
#else
#error "no FUZZ_TARGET_<name> given"
#endif
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	off_t n;

	if (!size)
		return 0;
	pick_switches(data[0]);
	run_target(data, size);
	out_flush();
#if ENABLE_FEATURE_NETSTAT_JSON && !defined(FUZZ_TARGET_dns)
	/* the same input and switches with --json, into the memory file */
	if (ftruncate(json_fd, 0) || lseek(json_fd, 0, SEEK_SET) || dup2(json_fd, 1) < 0)
		__builtin_trap();
	pick_switches(data[0]);
	G.opts |= OPT_json | OPT_W;
	json_begin();
	run_target(data, size);
	json_end();
	out_flush();
	dup2(null_fd, 1);
	n = lseek(json_fd, 0, SEEK_CUR);
	if (n > 0) {
		void *doc = mmap(0, (size_t)n, PROT_READ, MAP_SHARED, json_fd, 0);
		if (doc == MAP_FAILED)
			__builtin_trap();
		check_document(doc, (size_t)n);
		munmap(doc, (size_t)n);
	} else {
		check_document((const unsigned char *)"", 0);
	}
#else
	(void)n;
#endif
	return 0;
}
