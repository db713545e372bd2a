/* The unix domain socket table: /proc/net/unix. */
#include <errno.h>
#include <string.h>

#include "netstat.h"

enum { SS_UNCONNECTED = 1, WORD_STATE = 6, STATE_LISTENING = 6 };

/* Socket types by the kernel's number, then states (and LISTENING).
 * MIPS kernels number the first two the other way round (SOCK_DGRAM 1,
 * SOCK_STREAM 2), and /proc/net/unix prints the number. */
#ifdef __mips__
#define UNIX_TYPES_1_2 "DGRAM\0STREAM\0"
#else
#define UNIX_TYPES_1_2 "STREAM\0DGRAM\0"
#endif
static const char unix_words[] =
	"UNKNOWN\0" UNIX_TYPES_1_2 "RAW\0RDM\0SEQPACKET\0"
	"FREE\0\0CONNECTING\0CONNECTED\0DISCONNECTING\0UNKNOWN\0LISTENING";

struct unix_socket {
	/* RefCount Protocol Flags Type St, then Inode */
	uint64_t field[5], inode;
	unsigned state;		/* 0-4, 5 unknown, 6 listening */
	const char *path;	/* the rest of the line after one space */
};

/* "Num: RefCount Protocol Flags Type St Inode Path"; returns 0 or what
 * is wrong. The path is everything after the inode and one space, so a
 * path with spaces is kept whole. */
static const char *parse_unix_line(const char *p, struct unix_socket *s)
{
	uint64_t num;
	unsigned i;

	skip_spaces(&p);
	if (!scan_hex(&p, &num, 16) || *p++ != ':')
		return "bad slot address";
	for (i = 0; i < 5; i++) {
		skip_spaces(&p);
		if (!scan_hex(&p, &s->field[i], 16))
			return "bad field";
	}
	skip_spaces(&p);
	if (!scan_dec(&p, &s->inode) || (*p && !is_space((unsigned char)*p)))
		return "bad inode";
	s->state = s->field[4] < 5 ? (unsigned)s->field[4] : 5;
	if (s->state == SS_UNCONNECTED && (s->field[2] >> 16 & 1))
		s->state = STATE_LISTENING;
	s->path = *p ? p + 1 : p;
	return 0;
}

/* Proto, RefCnt, Flags, Type, State, I-Node: net-tools' widths. */
static const uint8_t column_widths[6] = { 5, 6, 11, 10, 13, 8 };

/* One row; without an Inode column (before Linux 2.2) net-tools shows
 * "-" there and the inode as the path. */
static void print_unix_row(struct unix_socket *s, int has_inode,
			   size_t path_len)
{
	char flags[16], refcnt[U64_FMT + 1], inode[U64_FMT + 1], *f = flags;
	const char *col[6];
	unsigned i, bits = (unsigned)(s->field[2] >> 16);

	*f++ = '[';
	*f++ = ' ';
	if (bits & 1)
		memcpy(f, "ACC ", 4), f += 4;
	if (bits & 2)
		*f++ = 'W', *f++ = ' ';
	if (bits & 4)
		*f++ = 'N', *f++ = ' ';
	*f++ = ']';
	*f = 0;
	refcnt[fmt_i64(refcnt, (int64_t)s->field[0])] = 0;
	inode[fmt_u64(inode, s->inode)] = 0;
	col[0] = s->field[1] ? "??" : "unix";
	col[1] = refcnt;
	col[2] = flags;
	col[3] = nth_string(unix_words, s->field[3] < 6 ? (unsigned)s->field[3] : 0);
	col[4] = nth_string(unix_words, WORD_STATE + s->state);
	col[5] = inode;
	if (!has_inode) {
		col[5] = "-";
		s->path = inode;
		path_len = strlen(inode);
	}
	if (json_mode()) {
		row_begin();
		out_fmt("%{proto}=s%{refcnt}=N", col[0], col[1]);
		field_json_list("flags");
		for (i = 0; i < 3; i++)
			if (bits & 1u << i)
				json_list_item(&"ACC\0W\0N"[i ? 2 + 2 * i : 0], i ? 1 : 3);
		json_list_end();
		out_fmt("%{type}=s%{state}=s%{inode}=N", col[3],
			*col[4] ? col[4] : 0, has_inode ? inode : 0);
		json_text("path", s->path, path_len);
		if (ENABLE_FEATURE_NETSTAT_PRG && opt_has(OPT_p))
			program_json(s->inode);
		row_end(0);
		return;
	}
	for (i = 0; i < 6; i++) {
		out_left(col[i], column_widths[i]);
		out_char(' ');
	}
	if (ENABLE_FEATURE_NETSTAT_PRG && opt_has(OPT_p)) {
		out_left(has_inode ? prog_name(s->inode) : "-", 20);
		out_char(' ');
	}
	out_escaped(s->path, path_len);
	out_char('\n');
}

/* Line 1 says whether the table has an Inode column (ctx). */
static const char *unix_row(const char *line, size_t len, void *ctx)
{
	int *has_inode = ctx;
	struct unix_socket s;
	const char *bad, *w;

	if (row_line_no == 1) {
		/* strstr() would add 1.3 KB of two-way search */
		for (w = line; *w; w++)
			*has_inode |= !strncmp(w, "Inode", 5);
		return 0;
	}
	bad = parse_unix_line(line, &s);
	/* -a shows everything, -l only listening sockets, else the others */
	if (!bad && (opt_has(OPT_a) ||
		     (s.state == STATE_LISTENING) == !!opt_has(OPT_l)))
		print_unix_row(&s, *has_inode, len - (size_t)(s.path - line));
	return bad;
}

/* Returns non-zero when the table is missing and was asked for: net-tools
 * ends the listing there. */
int show_unix(void)
{
	int has_inode = 0;

	if (!json_mode()) {
		print_socket_header("Active UNIX domain sockets ");
		out_str("\nProto RefCnt Flags       Type       State         I-Node  ");
		if (ENABLE_FEATURE_NETSTAT_PRG && opt_has(OPT_p))
			out_str(" PID/Program name    ");
		out_str(" Path\n");
	}
	table_begin("unix");
	if (proc_open("net/unix") < 0) {
		table_end();
		if (errno != ENOENT) {
			msg_errno(table_path, errno);
			return 0;
		}
		/* As net-tools: silent in the default listing and when -4/-6
		 * chose the tables, the end of the listing when -x asked. */
		if (G.no_protocol_given)
			return 0;
		if (G.socks || opt_has(OPT_v))
			no_support("AF UNIX", 0);
		if (!G.socks)
			return 0;
		G.exit_status = 1;
		return 1;
	}
	/* The kernel writes '@' for NUL bytes in names; a NUL left in a path
	 * is reported and printed escaped. */
	proc_rows(0, NUL_GOES_ON, unix_row, &has_inode);
	table_end();
	return 0;
}

//kbuild:lib-$(CONFIG_NETSTAT) += unix.o
