/* Names for numbers: hosts (/etc/hosts), networks (/etc/networks),
 * services (/etc/services, /etc/protocols) and users (/etc/passwd).
 * Each file is read with the line reader; results are cached in fixed
 * tables so that a large listing reads each file a bounded number of
 * times. The rules follow what net-tools gets from glibc: the first
 * /etc/hosts line for an address wins, the last /etc/services line for a
 * port wins, and raw sockets are named from /etc/protocols first. */
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

static void copy_name(char *buf, size_t size, const char *s, size_t n)
{
	if (n >= size)
		n = size - 1;
	memcpy(buf, s, n);
	buf[n] = 0;
}

/* ---- a small address-to-name cache shared by hosts and networks ---- */

enum { NAME_CACHE = 64, NAME_LEN = 128 };
struct cached_name {
	uint8_t key[17];	/* address, then its kind */
	uint8_t used;
	char name[NAME_LEN];
};
static struct cached_name name_cache[NAME_CACHE];
static unsigned name_cache_next;

static struct cached_name *cache_find(const uint8_t *key)
{
	unsigned i;

	for (i = 0; i < NAME_CACHE; i++)
		if (name_cache[i].used && !memcmp(name_cache[i].key, key, 17))
			return &name_cache[i];
	return 0;
}

static struct cached_name *cache_add(const uint8_t *key)
{
	struct cached_name *c = &name_cache[name_cache_next++ % NAME_CACHE];

	memcpy(c->key, key, 17);
	c->used = 1;
	c->name[0] = 0;
	return c;
}

/* Parses a dotted quad or an IPv6 text address; 4, 16 or 0 (not one). */
static int parse_ip(const char *s, uint8_t *out)
{
	unsigned i, groups = 0, gap = 8, v;
	uint8_t tmp[16];
	uint64_t x;
	const char *p = s;

	if (!strchr(s, ':')) {
		for (i = 0; i < 4; i++) {
			if (i && *p++ != '.')
				return 0;
			if (!scan_dec(&p, &x) || x > 255)
				return 0;
			out[i] = (uint8_t)x;
		}
		return *p ? 0 : 4;
	}
	if (p[0] == ':' && p[1] == ':') {
		gap = 0;
		p += 2;
	} else if (*p == ':') {
		return 0;
	}
	while (*p) {
		const char *start = p;
		if (groups >= 8)
			return 0;
		if (strchr(p, '.') && !strchr(p, ':') && groups <= 6) {
			if (parse_ip(p, tmp + 2 * groups) != 4)
				return 0;
			groups += 2;
			break;
		}
		if (!scan_hex(&p, &x, 4))
			return 0;
		(void)start;
		v = (unsigned)x;
		tmp[2 * groups] = (uint8_t)(v >> 8);
		tmp[2 * groups + 1] = (uint8_t)v;
		groups++;
		if (*p == ':') {
			p++;
			if (*p == ':') {
				if (gap != 8)
					return 0;
				gap = groups;
				p++;
			} else if (!*p) {
				return 0;
			}
		} else if (*p) {
			return 0;
		}
	}
	if (gap == 8 && groups != 8)
		return 0;
	if (gap != 8 && groups > 7)
		return 0;
	memset(out, 0, 16);
	if (gap == 8) {
		memcpy(out, tmp, 16);
	} else {
		memcpy(out, tmp, 2 * gap);
		memcpy(out + 16 - 2 * (groups - gap), tmp + 2 * gap,
		       2 * (groups - gap));
	}
	return 16;
}

/* First name of the first line of FILE whose address field equals
 * addr (alen bytes), parsed by parse_ip. networks lines are "name net". */
static int lookup_file(const char *file, int name_first, const uint8_t *addr,
		       int alen, char *out)
{
	char *line, *p, *w1, *w2;
	size_t len, n1, n2;
	enum line_result res;
	uint8_t a[16];
	int found = 0;

	if (reader_open(&name_reader, file) < 0)
		return 0;
	while (!found && (res = read_line(&name_reader, &line, &len)) != LINE_EOF) {
		if (res != LINE_OK)
			continue;
		p = line;
		n1 = next_word(&p, &w1);
		n2 = next_word(&p, &w2);
		if (!n1 || !n2)
			continue;
		if (name_first) {
			char *t = w1; size_t tn = n1;
			w1 = w2; n1 = n2; w2 = t; n2 = tn;
		}
		w1[n1] = 0;
		if (parse_ip(w1, a) == alen && !memcmp(a, addr, (size_t)alen)) {
			copy_name(out, NAME_LEN, w2, n2);
			found = 1;
		}
	}
	reader_close(&name_reader);
	return found;
}

/* /etc/networks writes networks short: "10.1" is 10.1.0.0 and 127 is
 * 127.0.0.0, as getnetbyaddr reads them. */
static int lookup_network(const uint8_t *addr, char *out)
{
	char *line, *p, *w1, *w2;
	size_t len, n1, n2;
	enum line_result res;
	int found = 0;

	if (reader_open(&name_reader, "/etc/networks") < 0)
		return 0;
	while (!found && (res = read_line(&name_reader, &line, &len)) != LINE_EOF) {
		uint8_t a[4] = { 0, 0, 0, 0 };
		unsigned parts = 0;
		uint64_t x;
		const char *q;

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
		if (*q || !parts)
			continue;
		/* getnetbyaddr compares the number: 127 is 0.0.0.127. */
		{
			uint8_t b[4] = { 0, 0, 0, 0 };
			memcpy(b + 4 - parts, a, parts);
			if (!memcmp(b, addr, 4)) {
				copy_name(out, NAME_LEN, w1, n1);
				found = 1;
			}
		}
	}
	reader_close(&name_reader);
	return found;
}

void host_name(char *buf, size_t size, const uint8_t *addr, int family,
	       int numeric)
{
	uint8_t key[17];
	struct cached_name *c;
	int alen = family == 6 ? 16 : 4;
	char text[IP6_FMT];

	static const uint8_t zero[16];

	text[family == 6 ? fmt_ip6(text, addr) : fmt_ip4(text, addr)] = 0;
	if (!numeric && !memcmp(addr, zero, (size_t)alen)) {
		/* Not looked up: 0.0.0.0 stays, :: is shown as [::]. */
		if (family == 6)
			memcpy(text, "[::]", 5);
		numeric = 1;
	}
	if (numeric || !ENABLE_FEATURE_NETSTAT_RESOLVE) {
		copy_name(buf, size, text, strlen(text));
		return;
	}
	memset(key, 0, sizeof(key));
	memcpy(key, addr, (size_t)alen);
	key[16] = (uint8_t)family;
	c = cache_find(key);
	if (!c) {
		c = cache_add(key);
		if (family == 4 && addr[0] == 0) {
			/* net-tools asks getnetbyaddr here: it tests the
			 * host part of the address in the wrong byte. */
			if (!lookup_network(addr, c->name))
				c->name[0] = 0;
		} else if (!lookup_file("/etc/hosts", 0, addr, alen, c->name)) {
			c->name[0] = 0;
		}
		if (!c->name[0])
			memcpy(c->name, text, strlen(text) + 1);
	}
	copy_name(buf, size, c->name, strlen(c->name));
}

/* ---- services and protocols ---- */

enum { SERVICES_MAX = 2048, SERVICE_POOL = 24576 };
enum { PROTO_TCP, PROTO_UDP, PROTO_RAW_SERVICE, PROTO_PROTOCOL };
struct service_entry {
	uint16_t port;
	uint8_t proto;
	uint16_t name;		/* offset in service_pool */
};
static struct service_entry services[SERVICES_MAX];
static unsigned services_count;
static char service_pool[SERVICE_POOL];
static unsigned service_pool_used;
static int services_loaded;

static void add_service(unsigned port, unsigned proto, const char *name,
			size_t n)
{
	if (services_count == SERVICES_MAX ||
	    service_pool_used + n + 1 > SERVICE_POOL) {
		if (services_count != SERVICES_MAX + 1)
			msg("too many service names; the rest print as numbers",
			    (char *)0);
		services_count = SERVICES_MAX;
		return;
	}
	services[services_count].port = (uint16_t)port;
	services[services_count].proto = (uint8_t)proto;
	services[services_count].name = (uint16_t)service_pool_used;
	services_count++;
	memcpy(service_pool + service_pool_used, name, n);
	service_pool[service_pool_used + n] = 0;
	service_pool_used += (unsigned)n + 1;
}

static void load_services(void)
{
	char *line, *p, *w1, *w2, *slash;
	size_t len, n1, n2;
	enum line_result res;
	const char *q;
	uint64_t port;

	services_loaded = 1;
	if (reader_open(&name_reader, "/etc/services") >= 0) {
		while ((res = read_line(&name_reader, &line, &len)) != LINE_EOF) {
			unsigned proto;
			if (res != LINE_OK)
				continue;
			p = line;
			n1 = next_word(&p, &w1);
			n2 = next_word(&p, &w2);
			if (!n1 || !n2)
				continue;
			w2[n2] = 0;
			slash = strchr(w2, '/');
			if (!slash)
				continue;
			*slash = 0;
			q = w2;
			if (!scan_dec(&q, &port) || *q || port > 65535)
				continue;
			if (str_eq(slash + 1, "tcp"))
				proto = PROTO_TCP;
			else if (str_eq(slash + 1, "udp"))
				proto = PROTO_UDP;
			else if (str_eq(slash + 1, "raw"))
				proto = PROTO_RAW_SERVICE;
			else
				continue;
			add_service((unsigned)port, proto, w1, n1 > 63 ? 63 : n1);
		}
		reader_close(&name_reader);
	}
	if (reader_open(&name_reader, "/etc/protocols") >= 0) {
		while ((res = read_line(&name_reader, &line, &len)) != LINE_EOF) {
			if (res != LINE_OK)
				continue;
			p = line;
			n1 = next_word(&p, &w1);
			n2 = next_word(&p, &w2);
			if (!n1 || !n2)
				continue;
			w2[n2] = 0;
			q = w2;
			if (!scan_dec(&q, &port) || *q || port > 65535)
				continue;
			add_service((unsigned)port, PROTO_PROTOCOL, w1,
				    n1 > 63 ? 63 : n1);
		}
		reader_close(&name_reader);
	}
}

/* The last entry wins, as net-tools builds its lists by prepending. */
static const char *find_service(unsigned port, unsigned proto)
{
	unsigned i = services_count;

	while (i--)
		if (services[i].port == port && services[i].proto == proto)
			return service_pool + services[i].name;
	return 0;
}

void service_name(char *buf, size_t size, unsigned port, const char *proto,
		  int numeric)
{
	const char *name = 0;

	if (port == 0) {
		copy_name(buf, size, "*", 1);
		return;
	}
	if (!numeric && ENABLE_FEATURE_NETSTAT_RESOLVE) {
		if (!services_loaded)
			load_services();
		if (proto[0] == 't')
			name = find_service(port, PROTO_TCP);
		else if (proto[0] == 'u')
			name = find_service(port, PROTO_UDP);
		else {
			name = find_service(port, PROTO_PROTOCOL);
			if (!name)
				name = find_service(port, PROTO_RAW_SERVICE);
		}
	}
	if (name) {
		copy_name(buf, size, name, strlen(name));
	} else {
		char num[U64_FMT];
		copy_name(buf, size, num, fmt_u64(num, port));
	}
}

/* ---- users ---- */

enum { USER_CACHE = 16 };
static struct {
	uint32_t uid;
	uint8_t used, found;
	char name[33];
} user_cache[USER_CACHE];
static unsigned user_cache_next;

void user_name(char *buf, size_t size, uint32_t uid, int numeric)
{
	unsigned i;
	char *line, *p, *field[3];
	size_t len;
	enum line_result res;

	if (!numeric && ENABLE_FEATURE_NETSTAT_RESOLVE) {
		for (i = 0; i < USER_CACHE; i++)
			if (user_cache[i].used && user_cache[i].uid == uid)
				break;
		if (i == USER_CACHE) {
			i = user_cache_next++ % USER_CACHE;
			user_cache[i].used = 1;
			user_cache[i].found = 0;
			user_cache[i].uid = uid;
			if (reader_open(&name_reader, "/etc/passwd") >= 0) {
				while (!user_cache[i].found &&
				       (res = read_line(&name_reader, &line, &len)) != LINE_EOF) {
					uint64_t v;
					const char *q;
					unsigned f;
					if (res != LINE_OK)
						continue;
					p = line;
					for (f = 0; f < 3; f++) {
						field[f] = p;
						p = strchr(p, ':');
						if (!p)
							break;
						*p++ = 0;
					}
					if (f < 3)
						continue;
					q = field[2];
					if (!scan_dec(&q, &v) || *q != 0 || v != uid)
						continue;
					copy_name(user_cache[i].name,
						  sizeof(user_cache[i].name),
						  field[0], strlen(field[0]));
					user_cache[i].found = 1;
				}
				reader_close(&name_reader);
			}
		}
		if (user_cache[i].found) {
			copy_name(buf, size, user_cache[i].name,
				  strlen(user_cache[i].name));
			return;
		}
	}
	{
		char num[U64_FMT];
		copy_name(buf, size, num, fmt_i64(num, (int32_t)uid));
	}
}

/* ---- networks for the routing table ---- */

/* The /etc/networks name of an IPv4 network, as glibc's getnetbyaddr
 * finds it for route: short entries are padded ("10.1" is 10.1.0.0) and
 * the first matching line wins. The dotted quad when there is none. */
void network_name(char *buf, size_t size, const uint8_t *addr)
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
			copy_name(buf, size, w1, n1);
			reader_close(&name_reader);
			return;
		}
		reader_close(&name_reader);
	}
	{
		char text[IP4_FMT];
		copy_name(buf, size, text, fmt_ip4(text, addr));
	}
}
