/* The writers: stdout through a buffer of OUT_BUF bytes flushed with
 * write(), and stderr, written at once after what stdout holds. No
 * stdio. A failed write ends the run with status 1, saying why; a
 * reader that went away ends it quietly. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "netstat.h"

/* Fuzz builds keep stderr for the sanitizers' reports. */
#if NETSTAT_FUZZING
int fuzz_err_fd = 1;	/* the driver's /dev/null */
#define ERR_FD fuzz_err_fd
#else
enum { ERR_FD = 2 };
#endif

/* out_len starts "full" so that the first write comes to out_flush,
 * which maps the buffer. */
static char *out_buf;
static unsigned out_len = OUT_BUF;

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

void out_flush(void)
{
	unsigned n = out_len;

	out_len = 0;
	if (!out_buf) {
		out_buf = output_buffer();
		return;
	}
	if (n && write_all(1, out_buf, n) < 0) {
		int err = errno;
		/* The reader went away (SIGPIPE ignored): end quietly. */
		if (err != EPIPE)
			err_text("netstat: write error: ", error_text(err), "\n");
		_exit(1);
	}
}

void out_mem(const char *s, size_t n)
{
	/* (n - 1: nothing to copy is no reason to touch a buffer not yet
	 * mapped) */
	if (n - 1 < OUT_BUF - out_len) {
		copy_cell(out_buf + out_len, s, n);
		out_len += (unsigned)n;
		return;
	}
	while (n) {
		size_t room;
		if (out_len == OUT_BUF)
			out_flush();
		room = OUT_BUF - out_len;
		if (room > n)
			room = n;
		memcpy(out_buf + out_len, s, room);
		out_len += (unsigned)room;
		s += room;
		n -= room;
	}
}

void out_char(char c)
{
	if (out_len == OUT_BUF)
		out_flush();
	out_buf[out_len++] = c;
}

void out_str(const char *s)
{
	out_mem(s, strlen(s));
}

void out_spaces(unsigned n)
{
	static const char spaces[32] = "                                ";

	for (; n > sizeof(spaces); n -= sizeof(spaces))
		out_mem(spaces, sizeof(spaces));
	out_mem(spaces, n);
}

void out_left(const char *s, unsigned width)
{
	size_t n = strlen(s);

	out_mem(s, n);
	if (n < width)
		out_spaces(width - (unsigned)n);
}

void out_right(const char *s, unsigned width)
{
	size_t n = strlen(s);

	if (n < width)
		out_spaces(width - (unsigned)n);
	out_mem(s, n);
}

void out_u64(uint64_t v)
{
	char b[U64_FMT];
	out_mem(b, fmt_u64(b, v));
}

void out_u64_right(uint64_t v, unsigned width)
{
	char b[U64_FMT];
	b[fmt_u64(b, v)] = 0;
	out_right(b, width);
}

void out_u64_left(uint64_t v, unsigned width)
{
	char b[U64_FMT];
	b[fmt_u64(b, v)] = 0;
	out_left(b, width);
}

void out_escaped(const char *s, size_t n)
{
	size_t run;

	while (n) {
		unsigned char c;
		for (run = 0; run < n; run++) {
			c = (unsigned char)s[run];
			if (c < 0x20 || c == 0x7f)
				break;
		}
		out_mem(s, run);
		if (run == n)
			return;
		{
			char e[4] = { '\\', (char)('0' + (c >> 6)),
				      (char)('0' + ((c >> 3) & 7)),
				      (char)('0' + (c & 7)) };
			out_mem(e, 4);
		}
		s += run + 1;
		n -= run + 1;
	}
}

/* ---- stderr ---- */

void err_text(const char *a, const char *b, const char *c)
{
	const char *part[3] = { a, b, c };
	unsigned i;

	out_flush();
	for (i = 0; i < 3; i++)
		(void)write_all(ERR_FD, part[i], strlen(part[i]));
}

//kbuild:lib-$(CONFIG_NETSTAT) += out.o
