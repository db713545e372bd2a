/* The socket inode to program map for -p: one pass over
 * $PROC_ROOT/<pid>/fd, as net-tools makes it. Fixed tables, mapped when
 * -p first runs: sockets are collected as (inode, process) pairs, sorted once,
 * and looked up by binary search. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "netstat.h"

/* 20 000 connections (40 000 socket ends) over some 2 000 processes fit. */
enum {
	PROG_SOCKETS_MAX = 65536,
	PROG_PROCS_MAX = 4096,
	PROG_NAME_LEN = 20,	/* net-tools' buffer: "PID/name" cut to 19 */
	PID_LEN_MAX = 64,
};

/* getdents64 records, read into our own buffers (opendir allocates). */
struct dirent64_rec {
	uint64_t ino;
	int64_t off;
	unsigned short reclen;
	unsigned char type;
	char name[];
};

struct dir_iter {
	int fd;
	long n, at;
	char *buf;
	unsigned size;
};

static struct prog_map {
	unsigned sockets, procs;
	uint8_t loaded, denied, found, warned_full;
} map;
/* Mapped by the first prog_map_load. (inode, process index) pairs,
 * sorted by both: for an inode the first process found comes first, as
 * net-tools keeps the first. */
static struct prog_tables {
	uint64_t sock_inode[PROG_SOCKETS_MAX];
	uint16_t sock_proc[PROG_SOCKETS_MAX];
	char names[PROG_PROCS_MAX][PROG_NAME_LEN];
	_Alignas(8) char proc_dir[4096];
	_Alignas(8) char fd_dir[16384];
	char rel[PID_LEN_MAX + 16];	/* "<pid>/fd", "<pid>/cmdline" */
	char escaped[PROG_NAME_LEN * 4];
} *pt;

/* The next entry's name, or 0 at the end. */
static const char *next_name(struct dir_iter *d)
{
	struct dirent64_rec *r;

	if (d->at >= d->n) {
		d->n = getdents64(d->fd, (void *)d->buf, d->size);
		d->at = 0;
		if (d->n <= 0)
			return 0;
	}
	r = (struct dirent64_rec *)(d->buf + d->at);
	d->at += r->reclen;
	return r->name;
}

/* "socket:[N]" (two digits at least: net-tools checks the length) or
 * "[0000]:N"; the link text is at most 29 bytes. 2^64-1 is no inode to
 * net-tools (strtoul's overflow value). */
static int socket_inode(const char *link, size_t n, uint64_t *inode)
{
	const char *p;

	if (n >= 11 && !memcmp(link, "socket:[", 8) && link[n - 1] == ']')
		p = link + 8, n--;
	else if (n >= 8 && !memcmp(link, "[0000]:", 7))
		p = link + 7;
	else
		return 0;
	return scan_dec(&p, inode) && p == link + n && *inode != UINT64_MAX;
}

/* The name of the process in pt->rel ("<pid>/", pid_len + 1 bytes) from
 * the first 511 bytes of its cmdline: "PID/" and the first argument, its
 * base name when it starts with '/', the whole cut to 19 bytes. Returns
 * its index, -1 when cmdline cannot be read, -2 when the table is full. */
static int add_process(unsigned pid_len)
{
	char path[PATH_BUF], cmdline[512], *name, *base, *s;
	ssize_t len;
	int fd;
	unsigned n;

	memcpy(pt->rel + pid_len + 1, "cmdline", 8);
	fd = open_file(proc_path(path, pt->rel), O_RDONLY);
	if (fd < 0)
		return -1;
	do
		len = read(fd, cmdline, sizeof(cmdline) - 1);
	while (len < 0 && errno == EINTR);
	if (close(fd) < 0 || len < 0)
		return -1;
	cmdline[len] = 0;
	map.found = 1;
	if (map.procs == PROG_PROCS_MAX)
		return -2;
	base = cmdline;
	if (*base == '/')
		for (s = base; *s; s++)
			if (*s == '/')
				base = s + 1;
	name = pt->names[map.procs];
	n = pid_len + 1 < PROG_NAME_LEN - 1 ? pid_len + 1 : PROG_NAME_LEN - 1;
	memcpy(name, pt->rel, n);
	while (n < PROG_NAME_LEN - 1 && *base)
		name[n++] = *base++;
	name[n] = 0;
	return (int)map.procs++;
}

/* One process: its socket links, its name read at the first socket. */
static void scan_process(int fd, unsigned pid_len)
{
	struct dir_iter d;
	const char *name;
	char link[30];
	ssize_t n;
	uint64_t inode;
	int index = -1;

	d.fd = fd;
	d.n = d.at = 0;
	d.buf = pt->fd_dir;
	d.size = sizeof(pt->fd_dir);
	while ((name = next_name(&d))) {
		if (!is_digit((unsigned char)name[0]))
			continue;
		n = readlinkat(fd, name, link, sizeof(link) - 1);
		if (n < 0)
			continue;
		link[n] = 0;
		if (!socket_inode(link, (size_t)n, &inode))
			continue;
		/* As net-tools: a cmdline that cannot be read is tried
		 * again at the next socket of the same process. */
		if (index == -1)
			index = add_process(pid_len);
		if (index == -1)
			continue;
		if (index < 0 || map.sockets == PROG_SOCKETS_MAX) {
			if (!map.warned_full)
				msg("-p: table full, some sockets show \"-\"",
				    (char *)0);
			map.warned_full = 1;
			continue;
		}
		pt->sock_inode[map.sockets] = inode;
		pt->sock_proc[map.sockets++] = (uint16_t)index;
	}
}

static int pair_less(unsigned a, unsigned b)
{
	return pt->sock_inode[a] < pt->sock_inode[b] ||
	       (pt->sock_inode[a] == pt->sock_inode[b] && pt->sock_proc[a] < pt->sock_proc[b]);
}

static void pair_swap(unsigned a, unsigned b)
{
	uint64_t inode = pt->sock_inode[a];
	uint16_t proc = pt->sock_proc[a];

	pt->sock_inode[a] = pt->sock_inode[b];
	pt->sock_proc[a] = pt->sock_proc[b];
	pt->sock_inode[b] = inode;
	pt->sock_proc[b] = proc;
}

static void sift_down(unsigned i, unsigned n)
{
	unsigned c;

	while ((c = 2 * i + 1) < n) {
		if (c + 1 < n && pair_less(c, c + 1))
			c++;
		if (!pair_less(i, c))
			break;
		pair_swap(i, c);
		i = c;
	}
}

static void note_euid(void)
{
	char num[U64_FMT + 1];

	num[fmt_i64(num, (int)geteuid())] = 0;
	err_text("(No info could be read for \"-p\": geteuid()=", num,
		 " but you should be root.)\n");
}

void prog_map_load(void)
{
	char path[PATH_BUF];
	struct dir_iter d;
	const char *name;
	unsigned i, n;
	int fd;

	if (map.loaded)
		return;
	if (!pt)
		pt = state_alloc(sizeof(*pt));
	map.loaded = 1;
	map.sockets = map.procs = 0;
	map.denied = map.found = 0;
	d.fd = open_file(G.proc_root, O_RDONLY | O_DIRECTORY);
	if (d.fd < 0) {
		note_euid();
		return;
	}
	d.n = d.at = 0;
	d.buf = pt->proc_dir;
	d.size = sizeof(pt->proc_dir);
	while ((name = next_name(&d))) {
		for (n = 0; is_digit((unsigned char)name[n]); n++)
			;
		if (name[n] || !n || n > PID_LEN_MAX)
			continue;
		memcpy(pt->rel, name, n);
		memcpy(pt->rel + n, "/fd", 4);
		fd = open_file(proc_path(path, pt->rel), O_RDONLY | O_DIRECTORY);
		if (fd < 0) {
			/* A process that exits meanwhile is no error. */
			if (errno == EACCES)
				map.denied = 1;
			continue;
		}
		scan_process(fd, n);
		close(fd);
	}
	close(d.fd);
	/* heap sort */
	n = map.sockets;
	for (i = n / 2; i-- > 0;)
		sift_down(i, n);
	while (n > 1) {
		pair_swap(0, --n);
		sift_down(0, n);
	}
	if (!map.denied)
		return;
	if (!map.found)
		note_euid();
	else
		err_text("(Not all processes could be identified, non-owned "
			 "process info\n will not be shown, you would have to be "
			 "root to see it all.)\n", "", "");
}

void prog_map_clear(void)
{
	map.loaded = 0;
}

const char *prog_raw(uint64_t inode)
{
	unsigned lo = 0, hi = map.sockets, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (pt->sock_inode[mid] < inode)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == map.sockets || pt->sock_inode[lo] != inode)
		return 0;
	return pt->names[pt->sock_proc[lo]];
}

const char *prog_name(uint64_t inode)
{
	const char *s = prog_raw(inode);
	char *e;

	if (!s)
		return "-";
	e = pt->escaped;
	/* Control bytes are escaped, unlike net-tools (CVE-2024-58251). */
	for (; *s; s++) {
		unsigned c = (unsigned char)*s;
		if (c < 0x20 || c == 0x7f) {
			*e++ = '\\';
			*e++ = (char)('0' + (c >> 6));
			*e++ = (char)('0' + ((c >> 3) & 7));
			c = '0' + (c & 7);
		}
		*e++ = (char)c;
	}
	*e = 0;
	return pt->escaped;
}

//kbuild:lib-$(CONFIG_NETSTAT) += progs.o
