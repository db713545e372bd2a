/* memcpy, memmove, memset, memcmp, strcspn, strchr, strlen, strcmp,
 * strncmp and getenv for the standalone static build, as plain loops:
 * musl's are tuned for long strings and copies and cost 2 KB on mips
 * (1.1 KB on aarch64); ours copy table cells of a few dozen bytes, and
 * -tan runs 0.3% more instructions with these. (No memchr: the line
 * reader's newline search, the hot path, is its own find_newline.) The
 * Makefile's size build defines NETSTAT_OWN_MEM; BusyBox, the sanitizer
 * and fuzz builds keep their C library's. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

//kbuild:lib-$(CONFIG_NETSTAT) += mem.o

#ifdef NETSTAT_OWN_MEM
/* Keeps GCC from turning the loops back into calls to themselves. */
#define BYTE_LOOP __attribute__((optimize("no-tree-loop-distribute-patterns")))

BYTE_LOOP void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	while (n--)
		*d++ = *s++;
	return dst;
}

BYTE_LOOP void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d < s)
		while (n--)
			*d++ = *s++;
	else
		while (n--)
			d[n] = s[n];
	return dst;
}

/* musl's is word-at-a-time with a bitmap: ours scans our short words. */
size_t strcspn(const char *s, const char *reject)
{
	const char *p = s;

	while (*p && !strchr(reject, *p))
		p++;
	return (size_t)(p - s);
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return 0;
	}
}

BYTE_LOOP size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return (size_t)(p - s);
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n && *a && *a == *b; n--, a++, b++)
		;
	return n ? (unsigned char)*a - (unsigned char)*b : 0;
}

int strcmp(const char *a, const char *b)
{
	for (; *a && *a == *b; a++, b++)
		;
	return (unsigned char)*a - (unsigned char)*b;
}

char *getenv(const char *name)
{
	size_t n = strlen(name);
	char **e;

	for (e = environ; e && *e; e++)
		if (!strncmp(*e, name, n) && (*e)[n] == '=')
			return *e + n + 1;
	return 0;
}

BYTE_LOOP void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;

	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}
#endif
