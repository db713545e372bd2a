/* --summary (-O): what a router's sockets add up to, in the spirit of
 * ss -s: /proc/net/sockstat and sockstat6 (sockets in use per protocol
 * and family, TCP's orphans, TIME_WAIT, allocated sockets and memory
 * pages), each line's numbers as the kernel names them, and the TCP
 * tables counted by state (SYN_RECV piling up is a SYN flood,
 * CLOSE_WAIT a program that does not close). */
#include <errno.h>
#include <string.h>

#include "netstat.h"

//kbuild:lib-$(CONFIG_FEATURE_NETSTAT_DIAG) += summary.o

#if ENABLE_FEATURE_NETSTAT_DIAG
/* The names seen (a line's, a line's and a key's), hashed: JSON takes
 * no key twice, which a broken file could give. */
enum { SEEN = 128 };

/* "TCP: inuse 1 orphan 0 tw 0 alloc 181 mem 86" as "TCP: inuse 1,
 * orphan 0, ..."; JSON "tcp":{"inuse":1,...}. */
static const char *sockstat_row(const char *line, size_t len, void *ctx)
{
	const char *p = line, *w;
	char name[16], key[16];
	size_t n = strcspn(p, ":");
	unsigned shown = 0, i;
	const char *bad = 0;
	uint32_t h;
	uint64_t v;

	(void)len;
	if (!p[n] || n >= sizeof(name))
		return "no section name";
	/* (JSON's key is lower case: "UDP6" and "UdP6" are one) */
	for (i = 0; i < n; i++)
		name[i] = (char)(p[i] | 0x20);
	h = name_hash(name, n);
	if (hash_seen(ctx, SEEN, h))
		return "repeated name";
	json_object(name, n);
	copy_word(name, sizeof(name), line, n);
	out_fmt("%s:", name);
	for (p += n + 1;;) {
		skip_spaces(&p);
		if (!*p)
			break;
		for (w = p; *p && !is_space((unsigned char)*p); p++)
			;
		copy_word(key, sizeof(key), w, (size_t)(p - w));
		skip_spaces(&p);
		if (!scan_dec(&p, &v) || (*p && !is_space((unsigned char)*p))) {
			bad = "bad field";
			break;
		}
		if (hash_seen(ctx, SEEN, h ^ name_hash(key, strlen(key)) * 31)) {
			bad = "repeated name";
			continue;
		}
		list_item(&shown, key, &v);
	}
	list_end(shown);
	return bad;
}

int show_summary(void)
{
	unsigned states[TCP_STATES], i, shown = 0;
	char buf[24];
	uint32_t seen[SEEN];

	memset(seen, 0, sizeof(seen));
	json_top_object("summary");
	if (proc_table("net/sockstat", 0, sockstat_row, seen) < 0) {
		msg_errno(table_path, errno);
		json_top_end();
		return 1;
	}
	if (ENABLE_FEATURE_NETSTAT_IPV6)
		(void)proc_table("net/sockstat6", 0, sockstat_row, seen);
	memset(states, 0, sizeof(states));
	count_tcp_states(states);
	json_object("tcp_states", 10);
	out_fmt("TCP states:");
	for (i = 1; i <= TCP_STATES; i++) {
		uint64_t v = states[i % TCP_STATES];
		if (v)
			list_item(&shown, i == TCP_STATES ? "UNKNOWN"
				  : tcp_state_name(i, buf), &v);
	}
	list_end(shown);
	json_top_end();
	return G.exit_status;
}
#endif
