/* Names for numbers: hosts (/etc/hosts, then reverse DNS in resolv.c),
 * networks (/etc/networks), services (/etc/services, /etc/protocols) and
 * users (/etc/passwd). Each file is read once per run, on first use, into
 * one hashed table of (kind, key) -> name that also keeps DNS answers,
 * positive and negative. The table is bounded (NAME_SLOTS keys, NAME_POOL
 * bytes of names); past that one message says so and the rest print as
 * numbers. The rules follow what net-tools gets from glibc: the first
 * /etc/hosts, /etc/networks or /etc/passwd line for a key wins, the last
 * /etc/services line for a port wins, and raw sockets are named from
 * /etc/protocols first. */
#include <string.h>

#include "netstat.h"

static struct line_reader name_reader;

/* Splits the next whitespace-separated word off *p; returns its length. */
static size_t next_word(char **p, char **word)
{
	char *s = *p, *e;

	while (is_space((unsigned char)*s))
		s++;
	e = s;
	while (*e && !is_space((unsigned char)*e) && *e != '#')
		e++;
	*word = s;
	*p = e;
	return (size_t)(e - s);
}

static int is_zero(const uint8_t *a, unsigned n)
{
	while (n--)
		if (*a++)
			return 0;
	return 1;
}

/* ---- the table: open addressing over (kind, 16-byte key) ---- */

enum {
	KIND_HOST4 = 1, KIND_HOST6, KIND_NET, KIND_USER,
	KIND_TCP, KIND_UDP, KIND_RAW, KIND_PROTO,
};
enum {
	NAME_SLOTS = 2048, NAME_FILL = NAME_SLOTS / 4 * 3,
	NAME_POOL = 32768, NAME_LEN = 128, NO_NAME = 0xffff,
};
struct name_slot {
	uint8_t key[16];
	uint8_t kind;		/* 0: empty */
	uint16_t name;		/* offset in name_pool, or NO_NAME */
};
/* Mapped at the first lookup. */
static struct name_tables {
	struct name_slot slot[NAME_SLOTS];
	char pool[NAME_POOL];
} *names_mem;
static unsigned name_count, name_pool_used;

static struct name_slot *find_slot(unsigned kind, const uint8_t *key)
{
	uint32_t h = kind;
	unsigned i;
	struct name_slot *s;

	if (!names_mem)
		names_mem = state_alloc(sizeof(*names_mem));
	for (i = 0; i < 16; i++)
		h = (h ^ key[i]) * 16777619u;
	for (i = h ^ h >> 16;; i++) {
		s = &names_mem->slot[i % NAME_SLOTS];
		if (!s->kind || (s->kind == kind && !memcmp(s->key, key, 16)))
			return s;
	}
}

static int table_full(void)
{
	static int warned;

	if (name_count < NAME_FILL && name_pool_used + NAME_LEN <= NAME_POOL)
		return 0;
	if (!warned)
		msg("too many names; the rest print as numbers", (char *)0);
	warned = 1;
	return 1;
}

/* Records name (n bytes; NULL: looked up, none) for (kind, key); a key
 * already there keeps its name unless replace. */
static void name_add(unsigned kind, const uint8_t *key, const char *name,
		     size_t n, int replace)
{
	struct name_slot *s = find_slot(kind, key);

	if ((s->kind && !replace) || table_full())
		return;
	if (!s->kind)
		name_count++;
	s->kind = (uint8_t)kind;
	memcpy(s->key, key, 16);
	s->name = NO_NAME;
	if (name) {
		if (n >= NAME_LEN)
			n = NAME_LEN - 1;
		s->name = (uint16_t)name_pool_used;
		memcpy(names_mem->pool + name_pool_used, name, n);
		names_mem->pool[name_pool_used + n] = 0;
		name_pool_used += (unsigned)n + 1;
	}
}

/* The name of (kind, key), "" when known to have none, NULL if unknown. */
static const char *name_find(unsigned kind, const uint8_t *key)
{
	struct name_slot *s = find_slot(kind, key);

	if (!s->kind)
		return 0;
	return s->name == NO_NAME ? "" : names_mem->pool + s->name;
}

/* ---- the files: one line parser per format, one loader for all ---- */

/* Each parser takes one line and gives the kind of its key (0: the line
 * names nothing), the key in a zeroed key[16], and the name. */

/* "ADDRESS NAME...": 0.0.0.0 and :: are never looked up, so an ad-block
 * hosts file of them costs nothing. */
static unsigned parse_hosts_line(char *line, uint8_t *key, char **name,
				 size_t *n)
{
	char *p = line, *w;
	size_t len = next_word(&p, &w);
	int alen;

	if (!len || !(*n = next_word(&p, name)))
		return 0;
	w[len] = 0;
	alen = parse_ip(w, key);
	if (!alen || is_zero(key, 16))
		return 0;
	return alen == 4 ? KIND_HOST4 : KIND_HOST6;
}

/* "NAME NET": networks are written short, "10.1" is 10.1.0.0; as
 * getnetbyaddr compares the number, 127 matches 0.0.0.127. */
static unsigned parse_networks_line(char *line, uint8_t *key, char **name,
				    size_t *n)
{
	char *p = line, *w;
	const char *q;
	uint8_t a[4];
	unsigned parts = 0;
	uint64_t x;
	size_t len;

	if (!(*n = next_word(&p, name)) || !(len = next_word(&p, &w)))
		return 0;
	w[len] = 0;
	q = w;
	while (parts < 4 && scan_dec(&q, &x) && x < 256) {
		a[parts++] = (uint8_t)x;
		if (*q != '.')
			break;
		q++;
	}
	if (*q || !parts)
		return 0;
	memcpy(key + 4 - parts, a, parts);
	return KIND_NET;
}

/* "NAME:PASSWORD:UID:..." */
static unsigned parse_passwd_line(char *line, uint8_t *key, char **name,
				  size_t *n)
{
	char *p = strchr(line, ':');
	const char *q;
	uint64_t v;
	uint32_t uid;

	if (!p || !(p = strchr(p + 1, ':')))
		return 0;
	q = p + 1;
	if (!scan_dec(&q, &v) || *q != ':' || v > 0xffffffffu)
		return 0;
	uid = (uint32_t)v;
	memcpy(key, &uid, 4);
	*name = line;
	*n = (size_t)(strchr(line, ':') - line);
	return KIND_USER;
}

/* "NAME NUMBER" (protocols) and "NAME PORT/PROTO" (services). */
static unsigned parse_number_line(char *line, uint8_t *key, char **name,
				  size_t *n, int services)
{
	char *p = line, *w, *slash = 0;
	const char *q;
	size_t len;
	uint64_t port;
	unsigned kind = KIND_PROTO;

	if (!(*n = next_word(&p, name)) || !(len = next_word(&p, &w)))
		return 0;
	w[len] = 0;
	if (services) {
		if (!(slash = strchr(w, '/')))
			return 0;
		*slash++ = 0;
		kind = str_eq(slash, "tcp") ? KIND_TCP :
		       str_eq(slash, "udp") ? KIND_UDP :
		       str_eq(slash, "raw") ? KIND_RAW : 0;
	}
	q = w;
	if (!scan_dec(&q, &port) || *q || port > 65535)
		return 0;
	key[0] = (uint8_t)(port >> 8);
	key[1] = (uint8_t)port;
	return kind;
}

enum { FILE_HOSTS, FILE_NETWORKS, FILE_PASSWD, FILE_SERVICES, FILE_PROTOCOLS };
static const char names_paths[][15] = {
	"/etc/hosts", "/etc/networks", "/etc/passwd", "/etc/services",
	"/etc/protocols",
};

static unsigned parse_names_line(unsigned which, char *line, uint8_t *key,
				 char **name, size_t *n)
{
	switch (which) {
	case FILE_HOSTS:
		return parse_hosts_line(line, key, name, n);
	case FILE_NETWORKS:
		return parse_networks_line(line, key, name, n);
	case FILE_PASSWD:
		return parse_passwd_line(line, key, name, n);
	}
	return parse_number_line(line, key, name, n, which == FILE_SERVICES);
}

static unsigned names_loaded;	/* bits over names_paths */

#if NETSTAT_FUZZING
void names_reset(void)
{
	if (names_mem)
		memset(names_mem->slot, 0, sizeof(names_mem->slot));
	name_count = name_pool_used = names_loaded = 0;
}
#endif

static void load_names(unsigned which)
{
	char *line, *name;
	size_t len, n;
	enum line_result res;
	uint8_t key[16];
	unsigned kind;

	if (names_loaded & 1u << which)
		return;
	names_loaded |= 1u << which;
	if (reader_open(&name_reader, names_paths[which]) < 0)
		return;
	while ((res = read_line(&name_reader, &line, &len)) != LINE_EOF) {
		if (res != LINE_OK)
			continue;
		memset(key, 0, sizeof(key));
		kind = parse_names_line(which, line, key, &name, &n);
		/* the last services or protocols line for a key wins */
		if (kind)
			name_add(kind, key, name, n, which >= FILE_SERVICES);
	}
	reader_close(&name_reader);
}

/* ---- hosts ---- */

/* The table key of an address; 0 for 0.0.0.0 and ::, which are never
 * looked up. net-tools asks getnetbyaddr for 0.x.x.x: it tests the host
 * part of the address in the wrong byte. */
static unsigned host_key(const uint8_t *addr, int family, uint8_t *key)
{
	unsigned alen = family == 6 ? 16 : 4;

	memset(key, 0, 16);
	memcpy(key, addr, alen);
	if (is_zero(addr, alen))
		return 0;
	load_names(family == 4 && !addr[0] ? FILE_NETWORKS : FILE_HOSTS);
	return family == 6 ? KIND_HOST6 : addr[0] ? KIND_HOST4 : KIND_NET;
}

void host_prefetch(const uint8_t *addr, int family)
{
	uint8_t key[16];
	unsigned kind;

	if (!ENABLE_FEATURE_NETSTAT_DNS)
		return;
	kind = host_key(addr, family, key);
	if ((kind == KIND_HOST4 || kind == KIND_HOST6) && !name_find(kind, key) &&
	    !table_full())
		dns_queue(addr, family);
}

int host_lookup(char *buf, size_t size, const uint8_t *addr, int family)
{
	uint8_t key[16];
	unsigned kind;
	const char *name;
	char found[DNS_NAME_MAX + 1];
	size_t n;
	int r;

	if (!ENABLE_FEATURE_NETSTAT_RESOLVE)
		return 0;
	kind = host_key(addr, family, key);
	if (!kind)
		return 0;
	name = name_find(kind, key);
	if (ENABLE_FEATURE_NETSTAT_DNS && !name && kind != KIND_NET &&
	    !table_full()) {
		r = dns_resolve(addr, family, found);
		n = strlen(found);
		/* glibc's getnameinfo (IPv6) fails on names that do not
		 * fit net-tools' buffer; gethostbyaddr's (IPv4) are cut. */
		if (r == DNS_FOUND && family == 6 && n >= NAME_LEN)
			r = DNS_NONE;
		if (r != DNS_GAVE_UP)
			name_add(kind, key, r == DNS_FOUND ? found : 0, n, 0);
		else if (dns_budget_spent())
			return -1;
		name = r == DNS_FOUND ? found : 0;
	}
	if (!name || !*name)
		return 0;
	copy_word(buf, size, name, strlen(name));
	return 1;
}

void host_name(char *buf, size_t size, const uint8_t *addr, int family,
	       int numeric)
{
	char text[IP6_FMT];

	text[family == 6 ? fmt_ip6(text, addr) : fmt_ip4(text, addr)] = 0;
	/* :: is shown as [::] when resolving; 0.0.0.0 stays. */
	if (!numeric && family == 6 && is_zero(addr, 16))
		memcpy(text, "[::]", 5);
	else if (!numeric && host_lookup(buf, size, addr, family) > 0)
		return;
	copy_word(buf, size, text, strlen(text));
}

/* ---- services and protocols ---- */

void service_name(char *buf, size_t size, unsigned port, const char *proto,
		  int numeric)
{
	const char *name = 0;
	char num[U64_FMT];
	uint8_t key[16] = { (uint8_t)(port >> 8), (uint8_t)port };

	if (port == 0) {
		copy_word(buf, size, "*", 1);
		return;
	}
	if (!numeric && ENABLE_FEATURE_NETSTAT_RESOLVE) {
		load_names(FILE_SERVICES);
		load_names(FILE_PROTOCOLS);
		if (proto[0] == 't')
			name = name_find(KIND_TCP, key);
		else if (proto[0] == 'u')
			name = name_find(KIND_UDP, key);
		else if (!(name = name_find(KIND_PROTO, key)))
			name = name_find(KIND_RAW, key);
	}
	if (!name)
		name = num, num[fmt_u64(num, port)] = 0;
	copy_word(buf, size, name, strlen(name));
}

/* ---- users ---- */

void user_name(char *buf, size_t size, uint32_t uid, int numeric)
{
	const char *name = 0;
	char num[U64_FMT];
	uint8_t key[16] = { 0 };

	memcpy(key, &uid, 4);
	if (!numeric && ENABLE_FEATURE_NETSTAT_RESOLVE) {
		load_names(FILE_PASSWD);
		name = name_find(KIND_USER, key);
	}
	if (!name)
		name = num, num[fmt_i64(num, (int32_t)uid)] = 0;
	copy_word(buf, size, name, strlen(name));
}

/* ---- networks for the routing table ---- */

/* The /etc/networks name of an IPv4 network, as glibc's getnetbyaddr
 * finds it for route: short entries are padded ("10.1" is 10.1.0.0) and
 * the first matching line wins. The dotted quad when there is none. */
int network_name(char *buf, size_t size, const uint8_t *addr)
{
	char *line, *p, *w1, *w2;
	size_t len, n1, n2;
	const char *q;
	uint64_t x;

	enum line_result res;

	if (ENABLE_FEATURE_NETSTAT_RESOLVE &&
	    reader_open(&name_reader, "/etc/networks") >= 0) {
		while ((res = read_line(&name_reader, &line, &len)) != LINE_EOF) {
			uint8_t a[4] = { 0, 0, 0, 0 };
			unsigned parts = 0;

			if (res != LINE_OK)
				continue;
			p = line;
			n1 = next_word(&p, &w1);
			n2 = next_word(&p, &w2);
			if (!n1 || !n2)
				continue;
			w2[n2] = 0;
			q = w2;
			while (parts < 4 && scan_dec(&q, &x) && x < 256) {
				a[parts++] = (uint8_t)x;
				if (*q != '.')
					break;
				q++;
			}
			if (*q || !parts || memcmp(a, addr, 4))
				continue;
			copy_word(buf, size, w1, n1);
			reader_close(&name_reader);
			return 1;
		}
		reader_close(&name_reader);
	}
	{
		char text[IP4_FMT];
		copy_word(buf, size, text, fmt_ip4(text, addr));
	}
	return 0;
}

//kbuild:lib-$(CONFIG_NETSTAT) += names.o
