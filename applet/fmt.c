/* Number and address formatters and field scanners, in the musl style:
 * caller-sized buffers, results returned as lengths, no allocation. */
#include <string.h>

#include "netstat.h"

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

int scan_hex(const char **p, uint64_t *v, unsigned max_digits)
{
	const unsigned char *s = (const unsigned char *)*p;
	const unsigned char *end = s + max_digits;
	uint64_t x = 0;
	unsigned d;

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
