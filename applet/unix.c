/* The unix domain socket table: /proc/net/unix. */
#include <errno.h>
#include <string.h>

#include "netstat.h"

enum {
	SO_ACCEPTCON = 1 << 16,	/* listening */
	SO_WAITDATA = 1 << 17,
	SO_NOSPACE = 1 << 18,
	SS_UNCONNECTED = 1,
};

/* Indexed by the kernel's socket type and state numbers. */
static const char unix_types[][10] = {
	"UNKNOWN", "STREAM", "DGRAM", "RAW", "RDM", "SEQPACKET",
};
static const char unix_states[][14] = {
	"FREE", "", "CONNECTING", "CONNECTED", "DISCONNECTING", "UNKNOWN",
};

struct unix_socket {
	uint64_t refcnt, proto, flags, type, state, inode;
	const char *path;	/* the rest of the line after one space */
};

static int scan_hex_field(const char **p, uint64_t *v)
{
	skip_spaces(p);
	return scan_hex(p, v, 16);
}

/* "Num: RefCount Protocol Flags Type St Inode Path"; returns 0 or what
 * is wrong. The path is everything after the inode and one space, so a
 * path with spaces is kept whole. */
static const char *parse_unix_line(const char *p, struct unix_socket *s)
{
	uint64_t num;

	skip_spaces(&p);
	if (!scan_hex(&p, &num, 16) || *p++ != ':')
		return "bad slot address";
	if (!scan_hex_field(&p, &s->refcnt) || !scan_hex_field(&p, &s->proto) ||
	    !scan_hex_field(&p, &s->flags) || !scan_hex_field(&p, &s->type) ||
	    !scan_hex_field(&p, &s->state))
		return "bad field";
	skip_spaces(&p);
	if (!scan_dec(&p, &s->inode) || (*p && !is_space((unsigned char)*p)))
		return "bad inode";
	s->path = *p ? p + 1 : p;
	return 0;
}

static void print_unix_row(const struct unix_socket *s, int has_inode,
			   size_t path_len)
{
	char flags[16], num[U64_FMT + 1];
	unsigned n = 2;
	uint64_t st = s->state;

	memcpy(flags, "[ ", 2);
	if (s->flags & SO_ACCEPTCON)
		memcpy(flags + n, "ACC ", 4), n += 4;
	if (s->flags & SO_WAITDATA)
		memcpy(flags + n, "W ", 2), n += 2;
	if (s->flags & SO_NOSPACE)
		memcpy(flags + n, "N ", 2), n += 2;
	memcpy(flags + n, "]", 2);
	if (st == SS_UNCONNECTED && (s->flags & SO_ACCEPTCON))
		st = 6;
	else if (st > 4)
		st = 5;
	out_left(s->proto ? "??" : "unix", 5);
	out_char(' ');
	num[fmt_i64(num, (int64_t)s->refcnt)] = 0;
	out_left(num, 6);
	out_char(' ');
	out_left(flags, 11);
	out_char(' ');
	out_left(unix_types[s->type < 6 ? s->type : 0], 10);
	out_char(' ');
	out_left(st == 6 ? "LISTENING" : unix_states[st], 13);
	out_char(' ');
	if (has_inode)
		out_u64_left(s->inode, 8);
	else
		out_str("-       ");
	if (ENABLE_FEATURE_NETSTAT_PRG && opt_has(OPT_p)) {
		out_char(' ');
		out_left(has_inode ? prog_name(s->inode) : "-", 20);
	}
	out_char(' ');
	if (has_inode)
		out_escaped(s->path, path_len);
	else
		out_u64(s->inode);
	out_char('\n');
}

/* -a shows everything, -l only listening sockets, else the others. */
static int unix_row_wanted(const struct unix_socket *s)
{
	int listening = s->state == SS_UNCONNECTED &&
			(s->flags & SO_ACCEPTCON);

	return opt_has(OPT_a) || !listening == !opt_has(OPT_l);
}

static struct line_reader unix_reader;

/* Returns non-zero when the table is missing and was asked for: net-tools
 * ends the listing there. */
int show_unix(void)
{
	char path[PATH_BUF], *line;
	size_t len;
	enum line_result res;
	struct unix_socket s;
	const char *bad;
	int has_inode = 0;

	print_socket_header("Active UNIX domain sockets ");
	out_str("\nProto RefCnt Flags       Type       State         I-Node  ");
	if (ENABLE_FEATURE_NETSTAT_PRG && opt_has(OPT_p))
		out_str(" PID/Program name    ");
	out_str(" Path\n");
	if (reader_open_proc(&unix_reader, "net/unix", path) < 0) {
		int err = errno;
		if (err != ENOENT) {
			msg_errno(path, err);
			G.exit_status = 1;
			return 0;
		}
		/* As net-tools: silent in the default listing and when -4/-6
		 * chose the tables, the end of the listing when -x asked. */
		if (G.no_protocol_given)
			return 0;
		if (G.socks || opt_has(OPT_v))
			raw_err("netstat: no support for `AF UNIX' on this system.\n");
		if (!G.socks)
			return 0;
		G.exit_status = 1;
		return 1;
	}
	while ((res = read_line(&unix_reader, &line, &len)) != LINE_EOF) {
		if (res != LINE_OK)
			continue;
		if (unix_reader.line_no == 1) {
			has_inode = strstr(line, "Inode") != 0;
			continue;
		}
		/* The kernel writes '@' for NUL bytes in names; a NUL left in
		 * a path is reported and printed escaped. */
		if (strlen(line) != len)
			msg_line(path, unix_reader.line_no, "NUL byte in line");
		bad = parse_unix_line(line, &s);
		if (bad) {
			msg_line(path, unix_reader.line_no, bad);
			continue;
		}
		if (unix_row_wanted(&s))
			print_unix_row(&s, has_inode,
				       len - (size_t)(s.path - line));
	}
	reader_close(&unix_reader);
	return 0;
}

//kbuild:lib-$(CONFIG_NETSTAT) += unix.o
