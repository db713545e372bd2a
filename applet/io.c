/* The output writer, messages, and the bounded line reader. No stdio:
 * everything goes through read() and write() on fixed buffers. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "netstat.h"

/* The output buffer and, after it in the same two pages, small state (the
 * open table's path, a message): pages a listing touches anyway. */
enum { OUT_BUF = 7168, SMALL_AREA = 1024, SMALL_MAX = 1024 };
/* Fuzz builds keep stderr for the sanitizers' reports. */
#if NETSTAT_FUZZING
int fuzz_err_fd = 1;	/* the driver's /dev/null */
#define ERR_FD fuzz_err_fd
#else
enum { ERR_FD = 2 };
#endif
/* Mapped at the first output: out_len starts "full" so that the first
 * write comes to out_flush. */
static char *out_buf;
static unsigned out_len = OUT_BUF;

/* The system call itself: musl's mmap() wrapper costs more than this
 * file needs of it. 32-bit ABIs name it mmap2 (the offset, 0, in pages). */
static void *map_pages(size_t size)
{
#ifdef SYS_mmap2
	void *p = (void *)syscall(SYS_mmap2, 0, size, PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
#else
	void *p = (void *)syscall(SYS_mmap, 0, size, PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
#endif

	if (p == MAP_FAILED) {
		msg(error_text(ENOMEM), (char *)0);
		_exit(1);
	}
	return p;
}

static char *small_next, *small_end;

static void map_out(void)
{
	out_len = 0;	/* it was "full" to bring the first write here */
	out_buf = map_pages(OUT_BUF + SMALL_AREA);
	small_next = out_buf + OUT_BUF;
	small_end = small_next + SMALL_AREA;
}

void *state_alloc(size_t size)
{
	void *p;

	if (size > SMALL_MAX)
		return map_pages(size);
	size = (size + 15) & ~(size_t)15;
	if (!out_buf)
		map_out();
	if (size > (size_t)(small_end - small_next)) {
		small_next = map_pages(SMALL_AREA);
		small_end = small_next + SMALL_AREA;
	}
	p = small_next;
	small_next += size;
	return p;
}

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
		map_out();
		return;
	}
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
	/* (n - 1: nothing to copy is no reason to touch a buffer not yet
	 * mapped) */
	if (n - 1 < OUT_BUF - out_len) {
		memcpy(out_buf + out_len, s, n);
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

/* ---- messages ---- */

void raw_err(const char *s)
{
	out_flush();
	(void)write_all(ERR_FD, s, strlen(s));
}

void err_text(const char *a, const char *b, const char *c)
{
	raw_err(a);
	raw_err(b);
	raw_err(c);
}

void no_support(const char *what, const char *proto)
{
	err_text("netstat: no support for `", what, proto ? " (" : "");
	err_text(proto ? proto : "", proto ? ")" : "", "' on this system.\n");
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
	G.exit_status = 1;
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

/* Readers open at once: a /proc table, a name file while its rows print,
 * resolv.conf when the first lookup starts. */
enum { READER_BUFS = 4 };
static char *reader_bufs[READER_BUFS];
static struct line_reader *reader_owner[READER_BUFS];

char *reader_buffer(struct line_reader *r)
{
	unsigned i, free_slot = READER_BUFS;

	for (i = 0; i < READER_BUFS; i++) {
		if (reader_owner[i] == r)
			return r->buf;
		if (!reader_owner[i] && free_slot == READER_BUFS)
			free_slot = i;
	}
	if (free_slot == READER_BUFS) {
		msg("too many files open at once", (char *)0);
		_exit(1);
	}
	if (!reader_bufs[free_slot])
		reader_bufs[free_slot] = state_alloc(LINE_MAX_LEN + 1);
	reader_owner[free_slot] = r;
	return r->buf = reader_bufs[free_slot];
}

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
	r->from_proc = 0;
	if (r->fd < 0)
		return -1;
	reader_buffer(r);
	return 0;
}

int reader_open_proc(struct line_reader *r, const char *rel, char *path_buf)
{
	int fd = reader_open(r, proc_path(path_buf, rel));

	r->from_proc = 1;
	return fd;
}

void reader_close(struct line_reader *r)
{
	unsigned i;

	if (r->fd >= 0 && !NETSTAT_FUZZING)
		close(r->fd);
	r->fd = -1;
	for (i = 0; i < READER_BUFS; i++)
		if (reader_owner[i] == r)
			reader_owner[i] = 0;
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
		/* short reads of varying size, as a pipe or a proc file give */
		n = (ssize_t)(fuzz_open->size - fuzz_pos);
		if (n > (ssize_t)(1 + (fuzz_open->size + fuzz_pos) % 701))
			n = (ssize_t)(1 + (fuzz_open->size + fuzz_pos) % 701);
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
			r->from_proc = 0;	/* one message about this file */
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

/* The /proc/net files that are empty when there is nothing to list: the
 * kernel writes a header line in every other. route has a header, but
 * none while the main table does not exist yet. */
static int may_be_empty(const char *path)
{
	static const char names[] = "ipv6_route\0if_inet6\0igmp6\0nf_conntrack\0"
				    "ip_conntrack\0snmp6\0route\0";
	const char *base = path, *n;

	for (n = path; *n; n++)
		if (*n == '/')
			base = n + 1;
	for (n = names; *n; n += strlen(n) + 1)
		if (str_eq(base, n))
			return 1;
	return 0;
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
			if (r->end == r->start) {
				if (r->from_proc && !r->line_no && !may_be_empty(r->path)) {
					msg(r->path, ": empty file", (char *)0);
					G.exit_status = 1;
				}
				return LINE_EOF;
			}
			/* A last line without its newline still counts. */
			nl = r->buf + r->end;
			if (r->from_proc)
				msg_line(r->path, r->line_no + 1,
					 "last line cut short (no newline)");
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

/* ---- the row helpers the smaller tables share (route, groups, iface) ---- */

void out_fmt(const char *fmt, ...)
{
	va_list ap;
	char num[U64_FMT + 2];
	int json = json_mode();

	va_start(ap, fmt);
	while (*fmt) {
		unsigned width = 0, len, shown, i, key_len = 0;
		int left = 0, json_only = 0;
		const char *s = num, *number = num, *key = 0;

		for (len = 0; fmt[len] && fmt[len] != '%'; len++)
			;
		if (!json)
			out_mem(fmt, len);
		fmt += len;
		if (!*fmt++)
			break;
		if (*fmt == '{') {
			key = ++fmt;
			while (*fmt != '}')
				fmt++;
			key_len = (unsigned)(fmt++ - key);
		}
		if (*fmt == '=')
			json_only = 1, fmt++;
		if (*fmt == '-')
			left = 1, fmt++;
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (unsigned)(*fmt++ - '0');
		switch (*fmt++) {
		case 's':
			s = va_arg(ap, const char *);
			number = 0;
			break;
		case 'N':	/* a number's text; NULL: null */
			s = number = va_arg(ap, const char *);
			break;
		case 'b':	/* int: JSON true or false */
			s = number = va_arg(ap, int) ? "true" : "false";
			break;
		case 'd':
			num[fmt_i64(num, va_arg(ap, int))] = 0;
			break;
		case 'u':
			num[fmt_u64(num, *va_arg(ap, const uint64_t *))] = 0;
			break;
		case 'I':
			num[fmt_ip4(num, va_arg(ap, const uint8_t *))] = 0;
			number = 0;
			break;
		default: {	/* x, text only */
			unsigned long v = va_arg(ap, unsigned long);
			char *e = num + sizeof(num) - 1;
			*e = 0;
			do
				*--e = "0123456789abcdef"[v & 15];
			while (v >>= 4);
			s = e;
		}
		}
		if (json) {
			if (key)
				json_member(key, key_len, s, number);
			continue;
		}
		if (json_only)
			continue;
		len = shown = (unsigned)strlen(s);
		/* Names come from /proc and /etc: control bytes show as \ooo. */
		for (i = 0; i < len; i++)
			if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
				shown += 3;
		width = width > shown ? width - shown : 0;
		if (!left)
			out_spaces(width);
		out_escaped(s, len);
		if (left)
			out_spaces(width);
	}
	va_end(ap);
}

/* Scans a line by spec, one letter per whitespace-separated field:
 * w a word (up to 16 bytes, into char[17]), A 8 hex digits (uint32_t, the
 * CPU's order as the kernel prints it), x hex (uint32_t), d decimal as C's
 * %d reads it (int32_t, wrapped), u decimal (uint64_t), B 32 hex digits
 * (16 bytes); * ignores the rest of the line.
 * 0, or what is wrong. */
const char *scan_fields(const char *p, const char *spec, ...)
{
	static char what[] = "bad field 0";
	va_list ap;
	unsigned field = 0;

	va_start(ap, spec);
	for (; *spec && *spec != '*'; spec++) {
		const char *start;
		uint64_t v = 0;
		unsigned n;
		char c = *spec;

		skip_spaces(&p);
		start = p;
		field++;
		if (!*p)
			goto short_line;
		if (c == 'w') {
			char *out = va_arg(ap, char *);
			for (n = 0; *p && !is_space((unsigned char)*p); p++)
				if (n < 16)
					out[n++] = *p;
			out[n] = 0;
			if (p - start > 16)
				goto bad;
		} else if (c == 'B') {
			uint8_t *out = va_arg(ap, uint8_t *);
			for (n = 0; n < 16; n++) {
				start = p;
				if (!scan_hex(&p, &v, 2) || p - start != 2)
					goto bad;
				out[n] = (uint8_t)v;
			}
		} else if (c == 'd') {
			int64_t sv;
			if (!scan_dec_signed(&p, &sv))
				goto bad;
			*va_arg(ap, int32_t *) = (int32_t)(uint32_t)(uint64_t)sv;
		} else if (c == 'u') {
			if (!scan_dec(&p, va_arg(ap, uint64_t *)))
				goto bad;
		} else {
			if (!scan_hex(&p, &v, 8) || (c == 'A' && p - start != 8))
				goto bad;
			*va_arg(ap, uint32_t *) = (uint32_t)v;
		}
		if (*p && !is_space((unsigned char)*p))
			goto bad;
	}
	va_end(ap);
	skip_spaces(&p);
	if (*p && !*spec)
		row_extra_fields = 1;
	return 0;
bad:
	va_end(ap);
	what[10] = (char)('0' + field % 10);
	return what;
short_line:
	va_end(ap);
	return "too few fields";
}

static struct line_reader table_reader;
char *table_path;
int row_extra_fields;

int proc_open(const char *rel)
{
	if (!table_path)
		table_path = state_alloc(PATH_BUF);
	return reader_open_proc(&table_reader, rel, table_path);
}

unsigned row_line_no;

unsigned proc_rows(unsigned skip, proc_row_fn *row, void *ctx)
{
	char *line;
	const char *bad;
	size_t len;
	enum line_result res;
	unsigned nul_rule = skip & ROWS_NUL_ROW;

	skip &= ~nul_rule;
	while ((res = read_line(&table_reader, &line, &len)) != LINE_EOF) {
		if (res != LINE_OK || table_reader.line_no <= skip)
			continue;
		row_line_no = table_reader.line_no;
		row_extra_fields = 0;
		if (nul_rule == ROWS_NUL_ROW) {
			bad = row(line, len, ctx);
		} else if (nul_rule == ROWS_NUL_IF_BAD) {
			bad = row(line, len, ctx);
			/* a NUL byte ends the parse early: only then is it
			 * worth looking for one */
			if (bad && strlen(line) != len)
				bad = "NUL byte in line";
		} else if (strlen(line) == len) {
			bad = row(line, len, ctx);
		} else if (nul_rule) {
			msg_line(table_path, row_line_no, "NUL byte in line");
			bad = row(line, len, ctx);
		} else {
			bad = "NUL byte in line";
		}
		if (!bad && row_extra_fields)
			bad = "extra fields ignored";
		if (bad)
			msg_line(table_path, row_line_no, bad);
	}
	reader_close(&table_reader);
	return table_reader.line_no;
}

int proc_table(const char *rel, unsigned skip, proc_row_fn *row, void *ctx)
{
	if (proc_open(rel) < 0)
		return -1;
	proc_rows(skip, row, ctx);
	return 0;
}

/* "/proc/net/route: No such file or directory" and the note net-tools
 * prints when a routing table cannot be opened. */
void err_line(const char *a, const char *b, const char *c)
{
	raw_err(a);
	raw_err(b);
	raw_err(c);
	if (*b != ' ')
		raw_err("\n");
}
