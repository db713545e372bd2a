/* Reading /proc: a bounded line reader on read() (a whole line, end of
 * file, or "too long", never a line split silently), the row loop every
 * table goes through (proc_rows: a parser per line format, one error
 * path that names the file and line), and scan_fields for the simple
 * formats. The fuzz build serves its files from memory. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "netstat.h"

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
		reader_bufs[free_slot] = state_alloc(LINE_MAX_LEN + 1 + READER_SLACK);
	reader_owner[free_slot] = r;
	return r->buf = reader_bufs[free_slot];
}

/* open() itself: musl's is variadic (its mode argument), which costs
 * more than the system call where va_list is a structure. */
int open_file(const char *path, int flags)
{
	return (int)sys_call(SYS_openat, AT_FDCWD, path, flags, 0);
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
	r->fd = open_file(path, O_RDONLY | O_CLOEXEC);
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

/* The first '\n' at or after p, where the buffer holds one at its end as
 * a sentinel: the line reader's hot path, a block of bytes at a time
 * (16 with SSE2, a machine word elsewhere). Aligned loads stay inside
 * the buffer (page- or 16-byte aligned, its size a multiple of 16). */
__attribute__((noinline)) static char *find_newline(char *p)
{
#ifdef __SSE2__
	typedef char block __attribute__((vector_size(16)));
	const block nl = {'\n', '\n', '\n', '\n', '\n', '\n', '\n', '\n',
			  '\n', '\n', '\n', '\n', '\n', '\n', '\n', '\n'};
	unsigned off = (unsigned)(uintptr_t)p & 15, hits;
	const block *b = (const block *)(p - off);

	hits = (unsigned)__builtin_ia32_pmovmskb128(*b == nl) >> off;
	if (hits)
		return p + __builtin_ctz(hits);
	do
		hits = (unsigned)__builtin_ia32_pmovmskb128(*++b == nl);
	while (!hits);
	return (char *)b + __builtin_ctz(hits);
#else
	/* a zero byte in w ^ nl has its high bit set in (x - ones) & ~x;
	 * only a byte after a zero can be set falsely */
	const uintptr_t ones = (uintptr_t)-1 / 255, high = ones << 7;
	uintptr_t x;
#ifdef __aarch64__
	/* loads need no alignment there, and READER_SLACK leaves room for
	 * one past the sentinel: no loop to align */
	typedef uintptr_t __attribute__((may_alias, aligned(1))) word;
	const word *w;
#else
	typedef uintptr_t __attribute__((may_alias)) word;
	const word *w;

	for (; (uintptr_t)p % sizeof(word); p++)
		if (*p == '\n')
			return p;
#endif
	for (w = (const word *)p;; w++) {
		x = *w ^ ones * '\n';
		if ((x - ones) & ~x & high)
			break;
	}
	for (p = (char *)w; *p != '\n';)
		p++;
	return p;
#endif
}

enum line_result read_line(struct line_reader *r, char **line, size_t *len)
{
	char *nl;
	unsigned scanned = 0;

	for (;;) {
		r->buf[r->end] = '\n';
		nl = find_newline(r->buf + r->start + scanned);
		if (nl < r->buf + r->end)
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
				r->buf[r->end] = '\n';
				nl = find_newline(r->buf);
				if (nl < r->buf + r->end) {
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
		/* every field goes to a pointer: one va_arg (each costs
		 * dozens of bytes where va_list is a structure) */
		void *dst = va_arg(ap, void *);

		skip_spaces(&p);
		start = p;
		field++;
		if (!*p)
			goto short_line;
		if (c == 'w') {
			char *out = dst;
			for (n = 0; *p && !is_space((unsigned char)*p); p++)
				if (n < 16)
					out[n++] = *p;
			out[n] = 0;
			if (p - start > 16)
				goto bad;
		} else if (c == 'B') {
			uint8_t *out = dst;
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
			*(int32_t *)dst = (int32_t)(uint32_t)(uint64_t)sv;
		} else if (c == 'u') {
			if (!scan_dec(&p, dst))
				goto bad;
		} else {
			if (!scan_hex(&p, &v, 8) || (c == 'A' && p - start != 8))
				goto bad;
			*(uint32_t *)dst = (uint32_t)v;
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

unsigned proc_rows(unsigned skip, enum nul_rule nul_rule, proc_row_fn *row,
		   void *ctx)
{
	char *line;
	const char *bad;
	size_t len;
	enum line_result res;

	while ((res = read_line(&table_reader, &line, &len)) != LINE_EOF) {
		if (res != LINE_OK || table_reader.line_no <= skip)
			continue;
		row_line_no = table_reader.line_no;
		row_extra_fields = 0;
		if (nul_rule == NUL_ROW_SAYS) {
			bad = row(line, len, ctx);
		} else if (nul_rule == NUL_IF_BAD) {
			bad = row(line, len, ctx);
			/* a NUL byte ends the parse early: only then is it
			 * worth looking for one */
			if (bad && strlen(line) != len)
				bad = "NUL byte in line";
		} else if (strlen(line) == len) {
			bad = row(line, len, ctx);
		} else if (nul_rule == NUL_GOES_ON) {
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
	proc_rows(skip, NUL_SKIPS, row, ctx);
	return 0;
}

//kbuild:lib-$(CONFIG_NETSTAT) += reader.o
