/* What the socket tables share (inet.c, sctp.c, unix.c): the titles,
 * the columns after State (User and Inode, PID/Program name), in text
 * and JSON, and TCP's state names, which SCTP's column uses too. */
#include <string.h>

#include "netstat.h"

/* Indexed by the kernel's TCP state number. */
static const char tcp_states[][12] = {
	"", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2",
	"TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING",
};

const char *tcp_state_name(unsigned state, char *buf)
{
	if (state < ARRAY_SIZE(tcp_states))
		return tcp_states[state];
	memcpy(buf, "UNKNOWN(", 8);
	memcpy(buf + 8 + fmt_u64(buf + 8, state), ")", 2);
	return buf;
}

void print_socket_header(const char *what)
{
	out_str(what);
	out_str(opt_has(OPT_a) ? "(servers and established)" :
		opt_has(OPT_l) ? "(only servers)" : "(w/o servers)");
}

void print_internet_header(void)
{
	table_begin("inet");
	if (json_mode())
		return;
	print_socket_header("Active Internet connections ");
	out_str("\nProto Recv-Q Send-Q Local Address           "
		"Foreign Address         State      ");
	if (G.extend)
		out_str(" User       Inode     ");
	if (ENABLE_FEATURE_NETSTAT_PRG && opt_has(OPT_p))
		out_str(" PID/Program name    ");
	if (opt_has(OPT_o))
		out_str(" Timer");
	out_char('\n');
}

/* JSON: -p's pid and program_name (null when no process has it). */
void program_json(uint64_t inode)
{
	const char *raw = prog_raw(inode), *slash = raw ? strchr(raw, '/') : 0;
	uint64_t pid = 0;

	if (slash && scan_dec(&raw, &pid))
		out_fmt("%{pid}=u%{program_name}=s", &pid, slash + 1);
	else
		out_fmt("%{pid}=s%{program_name}=s", (char *)0, (char *)0);
}

static void socket_tail_json(uint32_t uid, uint64_t inode)
{
	if (G.extend) {
		char user[40], num[U64_FMT + 1];
		uint64_t id = uid;
		user_name(user, sizeof(user), uid, opt_has(OPT_n_user));
		num[fmt_i64(num, (int32_t)uid)] = 0;
		out_fmt("%{uid}=u%{inode}=u", &id, &inode);
		if (!opt_has(OPT_n_user))
			json_name("user", !str_eq(user, num), user);
	}
	if (ENABLE_FEATURE_NETSTAT_PRG && opt_has(OPT_p))
		program_json(inode);
}

/* The columns after State: User and Inode (-e), program (-p), timer (-o). */
void print_socket_tail(uint32_t uid, uint64_t inode)
{
	if (json_mode()) {
		socket_tail_json(uid, inode);
		return;
	}
	if (G.extend) {
		char user[40];
		user_name(user, sizeof(user), uid, opt_has(OPT_n_user));
		out_char(' ');
		out_left(user, 10);
		out_char(' ');
		out_u64_left(inode, 10);
	}
	if (ENABLE_FEATURE_NETSTAT_PRG && opt_has(OPT_p)) {
		out_char(' ');
		out_left(prog_name(inode), 20);
	}
}

//kbuild:lib-$(CONFIG_NETSTAT) += sockets.o
