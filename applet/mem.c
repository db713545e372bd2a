/* memcpy, memmove, memset and strcspn for the standalone static build,
 * as plain loops: musl's are tuned for long copies and cost 1.8 KB on
 * mips (900 bytes on aarch64); ours copy table cells of a few dozen
 * bytes, and -tan runs 0.3% more instructions with these. The Makefile's size build
 * defines NETSTAT_OWN_MEM; BusyBox, the sanitizer and fuzz builds keep
 * their C library's. */
#include <string.h>

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

BYTE_LOOP void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;

	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}
#endif
