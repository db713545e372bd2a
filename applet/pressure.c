/* --conntrack (-K): how full the conntrack table is and who fills it.
 * The kernel's count and maximum (/proc/sys/net/netfilter), its per-CPU
 * counters summed (/proc/net/stat/nf_conntrack: a names line, then a
 * line of hex columns per CPU; "entries" is the table's, not a CPU's),
 * and one walk of the table -M reads (or its ctnetlink dump): entries
 * per protocol and TCP state, and per inside host (-M's inside: the LAN
 * end of a translated connection, the source of any other) in a bounded
 * table, so that the memory is the same for 65 536 entries as for ten. */
#include <errno.h>
#include <string.h>

#include "conntrack.h"

//kbuild:lib-$(CONFIG_FEATURE_NETSTAT_DIAG) += pressure.o

#if ENABLE_FEATURE_NETSTAT_DIAG && ENABLE_FEATURE_NETSTAT_CONNTRACK
enum {
	HOSTS = 2048, HOST_SLOTS = 4096,	/* a power of two */
	TOP = 10, NAMES = 64, NAME_LEN = 16,
};

struct host {
	uint8_t addr[16];
	uint8_t v6, shown;
	uint32_t entries;
	uint64_t bytes;
};

/* What is counted by name: protocols, TCP states and the columns of
 * stat/nf_conntrack (in the order of its names line). */
enum { PROTOCOL, TCP_STATE, COUNTER };
struct name_count {
	char name[NAME_LEN];
	uint8_t kind;
	uint64_t count;
};

static struct pressure {
	/* the small fields first: short offsets on MIPS16 and Thumb */
	unsigned hosts, names, columns, cpus, round;
	int accounted;			/* the table counts bytes */
	uint64_t listed, untracked;	/* entries; those of hosts past HOSTS */
	uint64_t lost[3];		/* the round before's, for "grew" */
	struct name_count name[NAMES];
	uint16_t slot[HOST_SLOTS];	/* host index + 1; 0: free */
	struct host host[HOSTS];
} *P;

static struct name_count *find_name(const char *name, unsigned kind)
{
	unsigned i;

	for (i = 0; i < P->names; i++)
		if (P->name[i].kind == kind && str_eq(P->name[i].name, name))
			return &P->name[i];
	return 0;
}

static struct name_count *add_name(const char *name, size_t len, unsigned kind)
{
	struct name_count *n;

	if (P->names == NAMES)
		return 0;	/* a kernel has fewer protocols, states, columns */
	n = &P->name[P->names++];
	copy_word(n->name, NAME_LEN, name, len);
	n->kind = (uint8_t)kind;
	n->count = 0;
	return n;
}

static void count_name(const char *name, unsigned kind)
{
	struct name_count *n = find_name(name, kind);

	if (n || (n = add_name(name, strlen(name), kind)))
		n->count++;
}

static void count_host(const struct conntrack *c, const struct ct_end *inside)
{
	unsigned i = name_hash((const char *)inside->addr, 16) & (HOST_SLOTS - 1);
	struct host *host;

	for (; P->slot[i]; i = (i + 1) & (HOST_SLOTS - 1)) {
		host = &P->host[P->slot[i] - 1];
		if (host->v6 == c->v6 && !memcmp(host->addr, inside->addr, 16))
			goto found;
	}
	if (P->hosts == HOSTS) {
		P->untracked++;
		return;
	}
	host = &P->host[P->hosts++];
	P->slot[i] = (uint16_t)P->hosts;
	memset(host, 0, sizeof(*host));
	memcpy(host->addr, inside->addr, 16);
	host->v6 = (uint8_t)c->v6;
found:
	host->entries++;
	host->bytes += c->dir[0].bytes + c->dir[1].bytes;
}

static void pressure_row(const struct conntrack *c)
{
	const struct ct_tuple *o = &c->dir[0], *r = &c->dir[1];

	P->listed++;
	P->accounted |= o->counted;
	count_name(c->proto, PROTOCOL);
	if (str_eq(c->proto, "tcp") && c->state[0])
		count_name(c->state, TCP_STATE);
	/* -M's rule: a reply from other than the original destination is
	 * DNAT, and its inside the reply's source */
	count_host(c, o->dst.port != r->src.port ||
		   memcmp(o->dst.addr, r->src.addr, 16) ? &r->src : &o->src);
}

static void walk_begins(void)
{
}

/* A file of one decimal number (/proc/sys/...). */
static const char *number_row(const char *line, size_t len, void *ctx)
{
	(void)len;
	if (row_line_no > 1 || !scan_dec(&line, ctx) || *line)
		return "bad field";
	return 0;
}

/* nf_conntrack_<name> of /proc/sys/net/netfilter as text in buf, or
 * NULL when the file is missing or cannot be read (said) or holds no
 * number (said). */
static const char *read_number(const char *name, char *buf, uint64_t *v)
{
	char rel[48] = "sys/net/netfilter/nf_conntrack_";

	memcpy(rel + 31, name, strlen(name) + 1);
	*v = UINT64_MAX;
	if (proc_open(rel) < 0) {
		if (errno != ENOENT)
			msg_errno(table_path, errno);
		return 0;
	}
	proc_rows(0, NUL_SKIPS, number_row, v);
	if (*v == UINT64_MAX)
		return 0;
	buf[fmt_u64(buf, *v)] = 0;
	return buf;
}

/* stat/nf_conntrack: the names line, then a line of hex per CPU. */
static const char *stat_row(const char *line, size_t len, void *ctx)
{
	const char *p = line, *w;
	uint64_t v[NAMES];
	unsigned n, first = P->names;

	(void)len, (void)ctx;
	if (row_line_no > 1 && !P->columns)
		return 0;	/* no names line: said already */
	for (n = 0;; n++) {
		skip_spaces(&p);
		if (!*p)
			break;
		if (row_line_no > 1) {
			if (n == P->columns || !scan_hex(&p, &v[n], 16) ||
			    (*p && !is_space((unsigned char)*p)))
				return "bad field";
			continue;
		}
		for (w = p; *p && !is_space((unsigned char)*p); p++)
			;
		if (!add_name(w, (size_t)(p - w), COUNTER) ||
		    find_name(P->name[P->names - 1].name, COUNTER) != &P->name[P->names - 1]) {
			P->names = first;	/* a name twice: JSON takes none */
			return "bad names line";
		}
	}
	if (row_line_no == 1) {
		P->columns = n;
		return 0;
	}
	if (n != P->columns)
		return "too few fields";
	for (n = 0; n < P->columns; n++) {
		struct name_count *c = &P->name[first - P->columns + n];
		c->count = str_eq(c->name, "entries") ? v[n] : c->count + v[n];
	}
	P->cpus++;
	return 0;
}

/* The counters that mean packets were lost for want of room. */
static const char lost_names[] = "drop\0early_drop\0insert_failed";

/* "Warning: drop 3 so far" in a first round, "Warning: drop +1 since
 * the last round" after; JSON "lost":{"drop":3,...}, the same numbers. */
static void print_lost(void)
{
	unsigned i;

	json_object("lost", 4);
	for (i = 0; i < 3; i++) {
		const char *name = nth_string(lost_names, i);
		struct name_count *n = find_name(name, COUNTER);
		uint64_t now = n ? n->count : 0, grew = now - P->lost[i];
		P->lost[i] = now;
		json_number_or_null(name, grew, "");
		if (grew)
			out_fmt(P->round > 1 ? "Warning: %s +%u since the last round\n"
					     : "Warning: %s %u so far\n", name, &grew);
	}
	json_object_end();
}

/* "Title: name N, name N, ..." five to a line; JSON an object of the
 * same, under key. */
static void print_names(unsigned kind, const char *title, const char *key)
{
	unsigned i, shown = 0;

	json_object(key, strlen(key));
	out_fmt("%s:", title);
	for (i = 0; i < P->names; i++) {
		const struct name_count *n = &P->name[i];
		if (n->kind != kind || (kind == COUNTER && str_eq(n->name, "entries")))
			continue;
		list_item(&shown, n->name, &n->count);
	}
	list_end(shown);
}

/* The most entries (or bytes), then the lower address, first. */
static int ranks_before(const struct host *a, const struct host *b, int by_bytes)
{
	uint64_t x = by_bytes ? a->bytes : a->entries, y = by_bytes ? b->bytes : b->entries;

	if (x != y)
		return x > y;
	if (a->v6 != b->v6)
		return a->v6 < b->v6;
	return memcmp(a->addr, b->addr, 16) < 0;
}

/* One row: the host's address (its name in text), entries and bytes
 * ("-" and null without accounting). */
static void print_host(const struct host *h)
{
	char name[NAME_HOST_MAX], text[IP6_FMT], bytes[U64_FMT + 1];
	uint64_t entries = h->entries;
	int family = h->v6 ? 6 : 4;

	bytes[fmt_u64(bytes, h->bytes)] = 0;
	text[h->v6 ? fmt_ip6(text, h->addr) : fmt_ip4(text, h->addr)] = 0;
	row_begin();
	if (!opt_has(OPT_n_host) && json_mode())
		json_name("address_name", host_lookup(name, sizeof(name), h->addr,
						      family), name);
	else
		host_name(name, sizeof(name), h->addr, family, opt_has(OPT_n_host) != 0);
	out_fmt("%{address}=s%-39s %{entries}8u %{bytes}15N\n", text, name,
		&entries, P->accounted ? bytes : 0);
	row_end(0);
}

/* The TOP hosts by entries or bytes (sorted to the front of the table);
 * after those by entries a line for the rest. */
static void print_top(int by_bytes)
{
	struct host swap, *h = P->host;
	unsigned i, k, best;
	uint64_t rest[4] = { 0, P->untracked, 0, P->untracked };
	char bytes[U64_FMT + 1];

	field_json_list(by_bytes ? "hosts_by_bytes" : "hosts");
	out_fmt("%-39s Entries           Bytes\n",
		by_bytes ? "Inside hosts, most bytes" : "Inside hosts, most entries");
	for (k = 0; k < P->hosts; k++) {
		if (k < TOP) {
			for (best = i = k; i < P->hosts; i++)
				if (ranks_before(&h[i], &h[best], by_bytes))
					best = i;
			swap = h[k];
			h[k] = h[best];
			h[best] = swap;
			print_host(&h[k]);
			continue;
		}
		rest[0]++;
		rest[1] += h[k].entries;
		rest[2] += h[k].bytes;
	}
	json_list_end();
	if (by_bytes)
		return;
	bytes[fmt_u64(bytes, rest[2])] = 0;
	json_object("others", 6);
	/* (the entries of hosts past the table's HOSTS are the others') */
	out_fmt("Others: %{hosts}u hosts, %{entries}u entries, %{bytes}N bytes\n"
		"%{untracked_entries}=u", &rest[0], &rest[1],
		P->accounted ? bytes : 0, &rest[3]);
	json_object_end();
}

/* part * 100 / whole (whole > 0) in 32-bit division: both halved until
 * whole fits 32 bits and the product 64 (a maximum of 2^32 or more is a
 * sysctl's, not a real table's; its low half may be 0). */
static uint64_t percent(uint64_t part, uint64_t whole)
{
	while (whole > 0xffffffffu || part > UINT64_MAX / 100)
		part >>= 1, whole >>= 1;
	return whole ? div_u32(part * 100, (uint32_t)whole) : 100;
}

int show_conntrack_pressure(void)
{
	char count_text[U64_FMT + 1], max_text[U64_FMT + 1];
	const char *count, *max;
	uint64_t v[3];

	if (!P)
		P = state_alloc(sizeof(*P));
	memset(P->slot, 0, sizeof(P->slot));
	P->hosts = P->names = P->columns = P->cpus = P->accounted = 0;
	P->listed = P->untracked = 0;
	P->round++;
	if (conntrack_walk(walk_begins, pressure_row) < 0)
		return 1;
	count = read_number("count", count_text, &v[0]);
	max = read_number("max", max_text, &v[1]);
	if (proc_open("net/stat/nf_conntrack") >= 0)
		proc_rows(0, NUL_SKIPS, stat_row, 0);
	else if (errno != ENOENT)
		msg_errno(table_path, errno);

	json_top_object("conntrack");
	v[2] = count && max && v[1] ? percent(v[0], v[1]) : 0;
	out_fmt("Conntrack table: %{count}N of %{max}N entries, %u", count, max, &v[2]);
	out_fmt("%% full, %{listed}u listed\n%{full}=b", &P->listed, v[2] >= 100);
	if (v[2] >= 100)
		out_fmt("Warning: the table is full\n");
	print_lost();
	/* (no stats without the file: a kernel without conntrack procfs) */
	if (P->cpus) {
		out_fmt("%{cpus}=u", &(uint64_t){ P->cpus });
		print_names(COUNTER, "Counters (all CPUs)", "stats");
	}
	print_names(PROTOCOL, "Entries by protocol", "protocols");
	print_names(TCP_STATE, "TCP entries by state", "tcp_states");
	print_top(0);
	if (P->accounted)
		print_top(1);
	json_top_end();
	return G.exit_status;
}
#endif
