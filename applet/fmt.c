/* Number and address formatters and field scanners, in the musl style:
 * caller-sized buffers, results returned as lengths, no allocation. */
#include <string.h>

#include <errno.h>

#include "netstat.h"

#if NETSTAT_IN_BUSYBOX
/* libgcc's division is in BusyBox already. */
uint64_t div10(uint64_t v, unsigned *rem)
{
	*rem = (unsigned)(v % 10);
	return v / 10;
}

#else
/* v / 10 without a library division on 32-bit CPUs (Hacker's Delight
 * 10-4): shifts and adds give q within one of the quotient. */
uint64_t div10(uint64_t v, unsigned *rem)
{
	uint64_t q, r;

	/* Values that fit in a machine word (nearly all) divide natively:
	 * the compiler turns a constant divisor into a multiply. */
	if (sizeof(void *) == 8) {
		*rem = (unsigned)(v % 10);
		return v / 10;
	}
	if (v <= 0xffffffffu) {
		uint32_t w = (uint32_t)v;
		*rem = w % 10;
		return w / 10;
	}
	q = (v >> 1) + (v >> 2);
	q += q >> 4;
	q += q >> 8;
	q += q >> 16;
	q += q >> 32;
	q >>= 3;
	r = v - ((q << 3) + (q << 1));
	if (r > 9) {
		q++;
		r -= 10;
	}
	*rem = (unsigned)r;
	return q;
}

#endif

uint32_t name_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;

	while (n--)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

/* JSON keeps the first of two equal keys (a broken file can repeat a
 * counter or a section): a set of hashes, set[0] its count; when full it
 * takes no new name. */
int hash_seen(uint32_t *set, unsigned size, uint32_t h)
{
	unsigned i;

	h |= 1;
	for (i = 1 + h % (size - 1); set[i]; i = 1 + i % (size - 1))
		if (set[i] == h)
			return 1;
	if (set[0] >= size - 2)
		return 1;
	set[i] = h;
	set[0]++;
	return 0;
}

uint64_t div_u32(uint64_t v, uint32_t d)
{
	uint64_t q = 0, r = 0;
	int i;

	if (sizeof(void *) == 8 || NETSTAT_IN_BUSYBOX)
		return v / d;
	for (i = 0; i < 64; i++, v <<= 1) {
		r = r << 1 | v >> 63;
		q <<= 1;
		if (r >= d) {
			r -= d;
			q |= 1;
		}
	}
	return q;
}

unsigned fmt_u64(char *buf, uint64_t v)
{
	char tmp[U64_FMT];
	unsigned n = 0, i, d;

	do {
		v = div10(v, &d);
		tmp[n++] = (char)('0' + d);
	} while (v);
	for (i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	return n;
}

unsigned fmt_i64(char *buf, int64_t v)
{
	if (v < 0) {
		buf[0] = '-';
		return 1 + fmt_u64(buf + 1, (uint64_t)0 - (uint64_t)v);
	}
	return fmt_u64(buf, (uint64_t)v);
}

unsigned fmt_hundredths(char *buf, uint64_t v)
{
	unsigned ones, tens, n;

	v = div10(v, &ones);
	v = div10(v, &tens);
	n = fmt_u64(buf, v);
	buf[n++] = '.';
	buf[n++] = (char)('0' + tens);
	buf[n++] = (char)('0' + ones);
	return n;
}

unsigned fmt_ip4(char *buf, const uint8_t *a)
{
	unsigned n = 0, i, b;

	for (i = 0; i < 4; i++) {
		if (i)
			buf[n++] = '.';
		b = a[i];
		if (b >= 100) {
			buf[n++] = (char)('0' + b / 100);
			b %= 100;
			buf[n++] = (char)('0' + b / 10);
		} else if (b >= 10) {
			buf[n++] = (char)('0' + b / 10);
		}
		buf[n++] = (char)('0' + b % 10);
	}
	return n;
}

static const char hex_digits[] = "0123456789abcdef";

/* The text glibc's inet_ntop gives: the longest run (two or more) of
 * zero groups becomes "::", the first of equal runs wins, and
 * ::a.b.c.d / ::ffff:a.b.c.d keep the IPv4 tail dotted. */
char *fmt_ip4_text(char *buf, const uint8_t *addr)
{
	buf[fmt_ip4(buf, addr)] = 0;
	return buf;
}

unsigned fmt_ip6(char *buf, const uint8_t *a)
{
	unsigned words[8], i, n = 0;
	int best = -1, best_len = 0, cur = -1, cur_len = 0;

	for (i = 0; i < 8; i++) {
		words[i] = (unsigned)a[2 * i] << 8 | a[2 * i + 1];
		if (words[i] == 0) {
			if (cur < 0)
				cur = (int)i, cur_len = 0;
			if (++cur_len > best_len)
				best = cur, best_len = cur_len;
		} else {
			cur = -1;
		}
	}
	if (best_len < 2)
		best = -1;
	for (i = 0; i < 8; i++) {
		if (best >= 0 && (int)i >= best && (int)i < best + best_len) {
			if ((int)i == best)
				buf[n++] = ':';
			continue;
		}
		if (i)
			buf[n++] = ':';
		if (i == 6 && best == 0 &&
		    (best_len == 6 || (best_len == 5 && words[5] == 0xffff)))
			return n + fmt_ip4(buf + n, a + 12);
		{
			unsigned w = words[i], shift = 12, started = 0;
			for (;; shift -= 4) {
				unsigned d = (w >> shift) & 15;
				if (d || started || shift == 0) {
					buf[n++] = hex_digits[d];
					started = 1;
				}
				if (!shift)
					break;
			}
		}
	}
	if (best >= 0 && best + best_len == 8)
		buf[n++] = ':';
	return n;
}

/* ---- scanning ---- */

int is_space(int c)
{
	return c == ' ' || (unsigned)(c - '\t') < 5;
}

void skip_spaces(const char **p)
{
	const char *s = *p;

	while (*s == ' ' || (unsigned)(*s - '\t') < 5)
		s++;
	*p = s;
}

/* Whether the bytes of a machine word at s are upper-case hex digits, as
 * the kernel prints them, and their value: each byte's value v is its low
 * nibble, plus 9 for a letter, and the byte is a digit when v < 16 and it
 * is v's own digit (v + 6 reaches 16 from 10 on: a letter); then the
 * nibbles are packed, first byte highest. */
typedef uintptr_t hex_word;

static int hex_word_value(const unsigned char *s, hex_word *value)
{
	const hex_word ones = (hex_word)-1 / 255;
	hex_word w, v;

	memcpy(&w, s, sizeof(w));
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	w = sizeof(w) == 8 ? (hex_word)__builtin_bswap64(w) : __builtin_bswap32((uint32_t)w);
#endif
	v = (w & ones * 15) + (w >> 6 & ones) * 9;
	if ((v + ones * 0x70) & ones * 0x80 ||
	    v + ones * '0' + ((v + ones * 6) >> 4 & ones) * 7 != w)
		return 0;
	v = (v >> 4 | v) & (hex_word)0x00ff00ff00ff00ffull;
	v = (v >> 8 | v) & (hex_word)0x0000ffff0000ffffull;
	if (sizeof(v) == 8)
		v = (v >> 16 | v) & 0xffffffffu;
	*value = v;
	return 1;
}

int scan_hex(const char **p, uint64_t *v, unsigned max_digits)
{
	const unsigned char *s = (const unsigned char *)*p;
	const unsigned char *end = s + max_digits;
	uint64_t x = 0;
	unsigned d;
	hex_word w;

	/* A word at a time first: every caller of a long field reads a line
	 * of the line reader, whose buffer has room for a word past its end. */
	if (NETSTAT_HEX_BY_WORD && max_digits >= 8)
		for (; (size_t)(end - s) >= sizeof(w) && hex_word_value(s, &w); s += sizeof(w))
			x = x << 4 * sizeof(w) | w;
	for (; s < end; s++) {
		d = *s - '0';
		if (d > 9) {
			d = (*s | 0x20) - 'a';
			if (d > 5)
				break;
			d += 10;
		}
		x = x << 4 | d;
	}
	if (s == (const unsigned char *)*p)
		return 0;
	*v = x;
	*p = (const char *)s;
	return 1;
}

int scan_dec(const char **p, uint64_t *v)
{
	const char *s = *p;
	uint64_t x = 0;
	unsigned d;

	if (*s < '0' || *s > '9')
		return 0;
	/* 19 digits always fit; only a longer number is checked */
	for (; (d = (unsigned)(*s - '0')) < 10; s++) {
		if (s - *p >= 19 &&
		    (x > UINT64_MAX / 10 || (x == UINT64_MAX / 10 && d > UINT64_MAX % 10)))
			return 0;
		x = x * 10 + d;
	}
	*v = x;
	*p = s;
	return 1;
}

int scan_dec_signed(const char **p, int64_t *v)
{
	const char *s = *p;
	uint64_t x;
	int neg = 0;

	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	if (!scan_dec(&s, &x))
		return 0;
	*v = neg ? (int64_t)(0 - x) : (int64_t)x;
	*p = s;
	return 1;
}

const char *nth_string(const char *list, unsigned n)
{
	while (n--)
		list += strlen(list) + 1;
	return list;
}

int str_eq(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

void copy_word(char *buf, size_t size, const char *s, size_t n)
{
	if (n >= size)
		n = size - 1;
	memcpy(buf, s, n);
	buf[n] = 0;
}

int str_case_eq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if ((*a | 0x20) != (*b | 0x20))
			return 0;
	return *a == *b;
}

/* The text of an errno value. Only the errors that reading files and writing output can give, as
 * glibc words them; the full strerror table costs about 2 KB. */
static const unsigned char error_numbers[] = {
	EPERM, ENOENT, ESRCH, EINTR, EIO, ENXIO, EBADF, ENOMEM, EACCES, EFAULT, ENODEV, ENOTDIR, EISDIR, EINVAL, ENFILE, EMFILE, EFBIG, ENOSPC, EPIPE, ENAMETOOLONG, ELOOP, EAGAIN,
};
static const char error_strings[] =
	"Operation not permitted\0"
	"No such file or directory\0"
	"No such process\0"
	"Interrupted system call\0"
	"Input/output error\0"
	"No such device or address\0"
	"Bad file descriptor\0"
	"Cannot allocate memory\0"
	"Permission denied\0"
	"Bad address\0"
	"No such device\0"
	"Not a directory\0"
	"Is a directory\0"
	"Invalid argument\0"
	"Too many open files in system\0"
	"Too many open files\0"
	"File too large\0"
	"No space left on device\0"
	"Broken pipe\0"
	"File name too long\0"
	"Too many levels of symbolic links\0"
	"Resource temporarily unavailable\0";

const char *error_text(int err)
{
	static char unknown[32] = "Unknown error ";
	const char *s = error_strings;
	unsigned i;

	for (i = 0; i < sizeof(error_numbers); i++, s += strlen(s) + 1)
		if (error_numbers[i] == err)
			return s;
	unknown[14 + fmt_i64(unknown + 14, err)] = 0;
	return unknown;
}

int is_v4_mapped(const uint8_t *addr)
{
	static const uint8_t prefix[12] = {
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff
	};

	return !memcmp(addr, prefix, 12);
}

/* Parses a dotted quad or an IPv6 text address; 4, 16 or 0 (not one). */
int parse_ip(const char *s, uint8_t *out)
{
	unsigned i, groups = 0, gap = 8, v;
	uint8_t tmp[16];
	uint64_t x;
	const char *p = s, *q;

	/* dotted quad unless a ':' comes before any '.' */
	while (*p && *p != ':' && *p != '.')
		p++;
	if (*p != ':') {
		p = s;
		for (i = 0; i < 4; i++) {
			if (i && *p++ != '.')
				return 0;
			if (!scan_dec(&p, &x) || x > 255)
				return 0;
			out[i] = (uint8_t)x;
		}
		return *p ? 0 : 4;
	}
	p = s;
	if (p[0] == ':' && p[1] == ':') {
		gap = 0;
		p += 2;
	} else if (*p == ':') {
		return 0;
	}
	while (*p) {
		if (groups >= 8)
			return 0;
		q = p;
		while (*q && *q != ':' && *q != '.')
			q++;
		if (*q == '.' && groups <= 6) {
			if (parse_ip(p, tmp + 2 * groups) != 4)
				return 0;
			groups += 2;
			break;
		}
		if (!scan_hex(&p, &x, 4))
			return 0;
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

//kbuild:lib-$(CONFIG_NETSTAT) += fmt.o
