/* The output writer, messages, and the bounded line reader. No stdio:
 * everything goes through read() and write() on fixed buffers. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>

#include "netstat.h"

enum { OUT_BUF = 8192 };
/* Fuzz builds keep stderr for the sanitizers' reports. */
enum { ERR_FD = NETSTAT_FUZZING ? 1 : 2 };
static char out_buf[OUT_BUF];
static unsigned out_len;

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
	if (n && write_all(1, out_buf, n) < 0) {
		int err = errno;
		/* The reader went away (SIGPIPE ignored): end quietly. */
		if (err == EPIPE)
			_exit(1);
		msg_errno("write error", err);
		_exit(1);
	}
}

void out_mem(const char *s, size_t n)
{
	if (n <= OUT_BUF - out_len) {
		memcpy(out_buf + out_len, s, n);
		out_len += (unsigned)n;
		return;
	}
	while (n) {
		size_t room = OUT_BUF - out_len;
		if (room > n)
			room = n;
		memcpy(out_buf + out_len, s, room);
		out_len += (unsigned)room;
		s += room;
		n -= room;
		if (out_len == OUT_BUF)
			out_flush();
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
	for (; n--; s++) {
		unsigned char c = (unsigned char)*s;
		if (c < 0x20 || c == 0x7f) {
			char e[4] = { '\\', (char)('0' + (c >> 6)),
				      (char)('0' + ((c >> 3) & 7)),
				      (char)('0' + (c & 7)) };
			out_mem(e, 4);
		} else {
			out_char((char)c);
		}
	}
}

/* ---- messages ---- */

void raw_err(const char *s)
{
	out_flush();
	(void)write_all(ERR_FD, s, strlen(s));
}

/* Messages are assembled whole and written with one write(), after
 * stdout is flushed so that a terminal shows both in order. */
static void msg_list(const char *first, va_list ap)
{
	char buf[1024];
	size_t n = 8;
	const char *s;

	out_flush();
	memcpy(buf, "netstat: ", 9);
	n = 9;
	for (s = first; s; s = va_arg(ap, const char *)) {
		size_t l = strlen(s);
		if (l > sizeof(buf) - 2 - n)
			l = sizeof(buf) - 2 - n;
		memcpy(buf + n, s, l);
		n += l;
	}
	buf[n++] = '\n';
	(void)write_all(ERR_FD, buf, n);
}

void msg(const char *first, ...)
{
	va_list ap;
	va_start(ap, first);
	msg_list(first, ap);
	va_end(ap);
}

void msg_line(const char *path, unsigned line, const char *what)
{
	char num[U64_FMT];

	G.exit_status = 1;
	num[fmt_u64(num, line)] = 0;
	msg(path, ": line ", num, ": ", what, (char *)0);
}

/* Only the errors that reading files and writing output can give, as
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

void msg_errno(const char *path, int err)
{
	msg(path, ": ", error_text(err), (char *)0);
}

/* ---- paths and the line reader ---- */

char *proc_path(char *buf, const char *rel)
{
	size_t a = strlen(G.proc_root), b = strlen(rel);

	if (a + b + 2 > PATH_BUF)
		a = PATH_BUF - b - 2;
	memcpy(buf, G.proc_root, a);
	buf[a] = '/';
	memcpy(buf + a + 1, rel, b + 1);
	return buf;
}

#if NETSTAT_FUZZING
/* Fuzz builds serve files from memory: the fuzzer's input for one path,
 * fixed contents for the others the target names, ENOENT for the rest. */
struct fuzz_file fuzz_files[FUZZ_FILES];
static const struct fuzz_file *fuzz_open;
static size_t fuzz_pos;
#endif

int reader_open(struct line_reader *r, const char *path)
{
#if NETSTAT_FUZZING
	unsigned i;
	size_t pl = strlen(path), sl;

	r->fd = -1;
	for (i = 0; i < FUZZ_FILES && fuzz_files[i].suffix; i++) {
		sl = strlen(fuzz_files[i].suffix);
		if (pl >= sl && !strcmp(path + pl - sl, fuzz_files[i].suffix)) {
			fuzz_open = &fuzz_files[i];
			fuzz_pos = 0;
			r->fd = 0;
		}
	}
	if (r->fd < 0)
		errno = ENOENT;
#else
	r->fd = open(path, O_RDONLY | O_CLOEXEC);
#endif
	r->path = path;
	r->line_no = 0;
	r->start = r->end = 0;
	r->eof = 0;
	return r->fd < 0 ? -1 : 0;
}

int reader_open_proc(struct line_reader *r, const char *rel, char *path_buf)
{
	return reader_open(r, proc_path(path_buf, rel));
}

void reader_close(struct line_reader *r)
{
	if (r->fd >= 0 && !NETSTAT_FUZZING)
		close(r->fd);
	r->fd = -1;
}

/* Reads more input after r->end; 0 at end of file or on error. */
static int refill(struct line_reader *r)
{
	ssize_t n;

	if (r->eof)
		return 0;
	if (r->start) {
		memmove(r->buf, r->buf + r->start, r->end - r->start);
		r->end -= r->start;
		r->start = 0;
	}
	for (;;) {
#if NETSTAT_FUZZING
		n = (ssize_t)(fuzz_open->size - fuzz_pos);
		if (n > (ssize_t)(LINE_MAX_LEN - r->end))
			n = (ssize_t)(LINE_MAX_LEN - r->end);
		if (n)
			memcpy(r->buf + r->end, fuzz_open->data + fuzz_pos, (size_t)n);
		fuzz_pos += (size_t)n;
		break;
#endif
		n = read(r->fd, r->buf + r->end, LINE_MAX_LEN - r->end);
		if (n >= 0)
			break;
		if (errno != EINTR) {
			msg_errno(r->path, errno);
			G.exit_status = 1;
			n = 0;
			break;
		}
	}
	if (n == 0) {
		r->eof = 1;
		return 0;
	}
	r->end += (unsigned)n;
	return 1;
}

enum line_result read_line(struct line_reader *r, char **line, size_t *len)
{
	char *nl;
	unsigned scanned = 0;

	for (;;) {
		nl = memchr(r->buf + r->start + scanned, '\n',
			    r->end - r->start - scanned);
		if (nl)
			break;
		scanned = r->end - r->start;
		if (r->end == LINE_MAX_LEN && r->start == 0) {
			/* No newline in a full buffer: skip to the next one. */
			r->line_no++;
			msg_line(r->path, r->line_no, "line too long, skipped");
			for (;;) {
				r->start = r->end = 0;
				if (!refill(r))
					return LINE_EOF;
				nl = memchr(r->buf, '\n', r->end);
				if (nl) {
					r->start = (unsigned)(nl - r->buf) + 1;
					return LINE_TOO_LONG;
				}
			}
		}
		if (!refill(r)) {
			if (r->end == r->start)
				return LINE_EOF;
			/* A last line without its newline still counts. */
			nl = r->buf + r->end;
			break;
		}
		scanned = 0; /* refill may have moved the data */
	}
	*nl = 0;
	*line = r->buf + r->start;
	*len = (size_t)(nl - *line);
	r->start = (unsigned)(nl - r->buf) + (nl < r->buf + r->end);
	if (r->start > r->end)
		r->start = r->end;
	r->line_no++;
	return LINE_OK;
}
