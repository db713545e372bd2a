/* The socket inode to program map for -p: one pass over
 * $PROC_ROOT/<pid>/fd, as net-tools makes it. Fixed tables that only -p
 * touches; sockets are collected as (inode, process) keys, sorted once,
 * and looked up by binary search. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "netstat.h"

/* 20 000 connections (40 000 socket ends) over some 2 000 processes fit. */
enum {
	PROG_SOCKETS_MAX = 65536,
	PROC_BITS = 12,
	PROG_PROCS_MAX = 1 << PROC_BITS,
	PROG_NAME_LEN = 20,	/* net-tools' buffer: "PID/name" cut to 19 */
};

/* inode << PROC_BITS | process index: sorted, the first process found
 * for an inode comes first, as net-tools keeps the first one. */
static uint64_t prog_sockets[PROG_SOCKETS_MAX];
static char prog_names[PROG_PROCS_MAX][PROG_NAME_LEN];
static unsigned socket_count, proc_count;
static uint8_t loaded, denied, found, warned_full;

/* getdents64 records: our own buffers, no opendir allocation. */
struct dirent64_rec {
	uint64_t ino;
	int64_t off;
	unsigned short reclen;
	unsigned char type;
	char name[];
};
static char proc_dir_buf[4096], fd_dir_buf[16384];

/* Calls each(name) for every entry of the open directory fd. */
static void for_each_entry(int fd, char *buf, unsigned size,
			   void (*each)(int dir, const char *name, void *ctx),
			   void *ctx)
{
	long n;

	while ((n = syscall(SYS_getdents64, fd, buf, size)) > 0) {
		long at = 0;
		while (at < n) {
			struct dirent64_rec *d = (struct dirent64_rec *)(buf + at);
			at += d->reclen;
			each(fd, d->name, ctx);
		}
	}
}

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* "socket:[N]" (at least two digits, as net-tools checks the length)
 * or "[0000]:N"; the link text is at most 29 bytes. */
static int socket_inode(const char *link, size_t n, uint64_t *inode)
{
	const char *p;

	if (n >= 11 && !memcmp(link, "socket:[", 8) && link[n - 1] == ']')
		p = link + 8, n--;
	else if (n >= 8 && !memcmp(link, "[0000]:", 7))
		p = link + 7;
	else
		return 0;
	return scan_dec(&p, inode) && p == link + n &&
	       *inode < (uint64_t)1 << (64 - PROC_BITS);
}

static void note_full(void)
{
	if (!warned_full)
		msg("-p: too many sockets or processes, the rest show \"-\"",
		    (char *)0);
	warned_full = 1;
}

/* "PID/name" from the first 511 bytes of cmdline: the first argument,
 * its base name when it starts with '/', the whole cut to 19 bytes. */
static int add_process(int root, const char *pid)
{
	char path[64], cmdline[512], *name, *s;
	const char *base;
	size_t pl = strlen(pid), n;
	ssize_t len;
	int fd;

	if (pl > sizeof(path) - 10)
		return -1;
	memcpy(path, pid, pl);
	memcpy(path + pl, "/cmdline", 9);
	fd = openat(root, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	len = read(fd, cmdline, sizeof(cmdline) - 1);
	if (close(fd) < 0 || len < 0)
		return -1;
	cmdline[len] = 0;
	base = cmdline;
	if (cmdline[0] == '/')
		base = strrchr(cmdline, '/') + 1;
	found = 1;
	if (proc_count == PROG_PROCS_MAX) {
		note_full();
		return -2;
	}
	name = s = prog_names[proc_count];
	n = pl < PROG_NAME_LEN - 1 ? pl : PROG_NAME_LEN - 1;
	memcpy(s, pid, n);
	s += n;
	if (n < PROG_NAME_LEN - 1)
		*s++ = '/';
	n = strlen(base);
	if (n > (size_t)(name + PROG_NAME_LEN - 1 - s))
		n = (size_t)(name + PROG_NAME_LEN - 1 - s);
	memcpy(s, base, n);
	s[n] = 0;
	return (int)proc_count++;
}

struct process_scan {
	int root;
	const char *pid;
	int index;		/* -1 until cmdline is read, -2 when full */
};

static void add_fd(int dir, const char *fd_name, void *ctx)
{
	struct process_scan *ps = ctx;
	char link[30];
	ssize_t n;
	uint64_t inode;

	if (!is_digit((unsigned char)fd_name[0]))
		return;
	n = readlinkat(dir, fd_name, link, sizeof(link) - 1);
	if (n < 0 || !socket_inode(link, (size_t)n, &inode))
		return;
	/* As net-tools: a cmdline that cannot be read is tried again at
	 * the next socket of the same process. */
	if (ps->index == -1)
		ps->index = add_process(ps->root, ps->pid);
	if (ps->index < 0)
		return;
	if (socket_count == PROG_SOCKETS_MAX) {
		note_full();
		return;
	}
	prog_sockets[socket_count++] = inode << PROC_BITS | (unsigned)ps->index;
}

static void add_pid(int root, const char *name, void *ctx)
{
	struct process_scan ps;
	char path[64];
	const char *c;
	size_t n = strlen(name);
	int fd;

	(void)ctx;
	for (c = name; *c; c++)
		if (!is_digit((unsigned char)*c))
			return;
	if (c == name || n > sizeof(path) - 4)
		return;
	memcpy(path, name, n);
	memcpy(path + n, "/fd", 4);
	fd = openat(root, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		/* A process that exits meanwhile is no error. */
		if (errno == EACCES)
			denied = 1;
		return;
	}
	ps.root = root;
	ps.pid = name;
	ps.index = -1;
	for_each_entry(fd, fd_dir_buf, sizeof(fd_dir_buf), add_fd, &ps);
	close(fd);
}

static void sift_down(uint64_t *a, unsigned i, unsigned n)
{
	uint64_t v = a[i];
	unsigned c;

	while ((c = 2 * i + 1) < n) {
		if (c + 1 < n && a[c + 1] > a[c])
			c++;
		if (a[c] <= v)
			break;
		a[i] = a[c];
		i = c;
	}
	a[i] = v;
}

static void heap_sort(uint64_t *a, unsigned n)
{
	unsigned i;
	uint64_t t;

	for (i = n / 2; i-- > 0;)
		sift_down(a, i, n);
	while (n > 1) {
		t = a[--n];
		a[n] = a[0];
		a[0] = t;
		sift_down(a, 0, n);
	}
}

static void note_euid(void)
{
	char num[U64_FMT + 1];

	num[fmt_i64(num, (int)geteuid())] = 0;
	raw_err("(No info could be read for \"-p\": geteuid()=");
	raw_err(num);
	raw_err(" but you should be root.)\n");
}

void prog_map_load(void)
{
	int root;

	if (loaded)
		return;
	loaded = 1;
	socket_count = proc_count = 0;
	denied = found = 0;
	root = open(G.proc_root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (root < 0) {
		note_euid();
		return;
	}
	for_each_entry(root, proc_dir_buf, sizeof(proc_dir_buf), add_pid, 0);
	close(root);
	heap_sort(prog_sockets, socket_count);
	if (!denied)
		return;
	if (!found)
		note_euid();
	else
		raw_err("(Not all processes could be identified, non-owned "
			"process info\n will not be shown, you would have to be "
			"root to see it all.)\n");
}

void prog_map_clear(void)
{
	loaded = 0;
}

const char *prog_name(uint64_t inode)
{
	static char escaped[PROG_NAME_LEN * 4];
	uint64_t key = inode << PROC_BITS;
	unsigned lo = 0, hi = socket_count, mid;
	const char *name, *s;
	char *e;

	if (inode >> (64 - PROC_BITS))
		return "-";
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (prog_sockets[mid] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == socket_count || prog_sockets[lo] >> PROC_BITS != inode)
		return "-";
	name = prog_names[prog_sockets[lo] & (PROG_PROCS_MAX - 1)];
	/* Control bytes are escaped, unlike net-tools (CVE-2024-58251). */
	for (s = name, e = escaped; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c < 0x20 || c == 0x7f) {
			*e++ = '\\';
			*e++ = (char)('0' + (c >> 6));
			*e++ = (char)('0' + ((c >> 3) & 7));
			c = (unsigned char)('0' + (c & 7));
		}
		*e++ = (char)c;
	}
	*e = 0;
	return escaped;
}

//kbuild:lib-$(CONFIG_NETSTAT) += progs.o
