/* netstat for routers: shared declarations. */
#ifndef NETSTAT_H
#define NETSTAT_H

#include <stddef.h>
#include <stdint.h>

#include "netstat_config.h"

/* Option bits, one per switch; opt_has(x) is constant zero when the
 * feature behind a switch is configured out. */
enum {
	OPT_a = 1u << 0,	/* all sockets */
	OPT_l = 1u << 1,	/* listening sockets only */
	OPT_n_host = 1u << 2,	/* numeric hosts */
	OPT_n_port = 1u << 3,	/* numeric ports */
	OPT_n_user = 1u << 4,	/* numeric users */
	OPT_W = 1u << 5,	/* wide: no address truncation */
	OPT_o = 1u << 6,	/* timers */
	OPT_p = 1u << 7,	/* PID/program column */
	OPT_c = 1u << 8,	/* continuous */
	OPT_v = 1u << 9,	/* verbose */
	OPT_N = 1u << 10,	/* symbolic hardware names (accepted) */
	OPT_F = 1u << 11,	/* routes: FIB */
	OPT_C = 1u << 12,	/* routes: cache */
	OPT_f = 1u << 13,	/* classic: fully qualified foreign names */
	/* JSON instead of text; 0 when configured out */
	OPT_json = ENABLE_FEATURE_NETSTAT_JSON ? 1u << 14 : 0,
	/* -D: the counters that moved since the round before */
	OPT_changes = ENABLE_FEATURE_NETSTAT_DIAG ? 1u << 15 : 0,
};

/* Which tables to list. */
enum {
	WANT_TCP = 1u << 0,
	WANT_UDP = 1u << 1,
	WANT_UDPLITE = 1u << 2,
	WANT_RAW = 1u << 3,
	WANT_UNIX = 1u << 4,
	WANT_SCTP = 1u << 5,
	WANT_GROUPS = 1u << 6,
	WANT_OTHER = 1u << 7,
	WANT_INET = WANT_TCP | WANT_UDP | WANT_UDPLITE | WANT_RAW | WANT_SCTP,
};

/* Statistics sections chosen by classic protocol words (-s -p icmp). */
enum {
	STATS_IP = 1u << 0, STATS_ICMP = 1u << 1, STATS_TCP = 1u << 2,
	STATS_UDP = 1u << 3, STATS_UDPLITE = 1u << 4, STATS_IP6 = 1u << 5,
	STATS_ICMP6 = 1u << 6, STATS_TCP6 = 1u << 7, STATS_UDP6 = 1u << 8,
};

/* Address families asked for with -4/-6/-A. */
enum { FAMILY_INET = 1, FAMILY_INET6 = 2, FAMILY_UNIX = 4, FAMILY_OTHER = 8 };

struct netstat_globals {
	unsigned opts;		/* OPT_* */
	unsigned socks;		/* WANT_* asked for on the command line */
	unsigned families;	/* FAMILY_* asked for */
	unsigned extend;	/* how many -e */
	unsigned interval;	/* -c seconds */
	unsigned classic_files;	/* protocol words: bits over inet_files */
	unsigned classic_stats;	/* protocol words for -s: STATS_* */
	const char *iface_name;	/* -I=IFACE */
	int no_protocol_given;	/* -4/-6/-A chose the tables, not -t/-u */
	int exit_status;	/* worst status seen so far */
	int secure;		/* set-id: the environment is not trusted */
	const char *proc_root;	/* "/proc" or $PROC_ROOT */
	char family_list[40];	/* -A/-4/-6/-x names in order: "inet,inet6"
				 * (-s, -r walk it) */
};
extern struct netstat_globals G;

#define opt_has(bit) (G.opts & (bit))
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* ---- the run's memory (state.c) ---- */
/* size zeroed bytes that last until exit: the state of a feature, mapped
 * when the feature first runs, so that no large array sits in .bss (in a
 * BusyBox every applet would map it). Out of memory ends the run. */
void *state_alloc(size_t size);
/* The output buffer, OUT_BUF bytes, in the first mapping, after
 * state_alloc's small pieces. */
enum { OUT_BUF = 15360 };
char *output_buffer(void);

/* ---- output: stdout through a buffer, and stderr (out.c) ---- */
void out_flush(void);
void out_char(char c);
void out_mem(const char *s, size_t n);
void out_str(const char *s);
/* Left-justified in width (never cut), like printf "%-*s". */
void out_left(const char *s, unsigned width);
/* Right-justified in width, like printf "%*s". */
void out_right(const char *s, unsigned width);
void out_u64(uint64_t v);
void out_u64_right(uint64_t v, unsigned width);
void out_u64_left(uint64_t v, unsigned width);
void out_spaces(unsigned n);
/* Copies s to the output with bytes below 0x20 and 0x7f as \ooo. */
void out_escaped(const char *s, size_t n);
/* a, b and c on stderr, after what stdout holds so far. */
void err_text(const char *a, const char *b, const char *c);

/* ---- JSON (json.c): one document a round, tables of rows in it;
 * the members of a row come from out_fmt's %{key} conversions ---- */
#if ENABLE_FEATURE_NETSTAT_JSON
void row_begin(void);
/* Ends a JSON object, or a text line when newline is set. */
void row_end(int newline);
void json_begin(void);
void json_end(void);
void table_begin(const char *key);
void table_end(void);
/* "key":{ at the top of the document, closed by json_top_end, and
 * objects in it; the members of one are json_member's. */
void json_top_object(const char *key);
void json_top_end(void);
void json_object(const char *name, size_t n);
void json_object_end(void);
/* "key": number text, or "key": "s" (s NULL: null); for out_fmt. */
void json_member(const char *key, size_t key_len, const char *s, const char *number);
/* "key": name (found > 0), null (0: none), or nothing (< 0: the lookup
 * was cut short): the rule for every name key. */
void json_name(const char *key, int found, const char *name);
/* "key": the n bytes at s (NUL bytes too), or null when n is 0. */
void json_text(const char *key, const char *s, size_t n);
/* "key": v, or null when present is NULL. */
void json_number_or_null(const char *key, uint64_t v, const char *present);
/* "key": [ "item", ... ] */
void field_json_list(const char *key);
void json_list_item(const char *s, size_t n);
void json_list_end(void);
#else
static inline void row_begin(void) {}
static inline void row_end(int newline)
{
	if (newline)
		out_char('\n');
}
static inline void json_begin(void) {}
static inline void json_end(void) {}
static inline void table_begin(const char *key) { (void)key; }
static inline void table_end(void) {}
static inline void json_top_object(const char *key) { (void)key; }
static inline void json_top_end(void) {}
static inline void json_object(const char *name, size_t n) { (void)name, (void)n; }
static inline void json_object_end(void) {}
static inline void json_member(const char *key, size_t key_len, const char *s,
			       const char *number)
{
	(void)key, (void)key_len, (void)s, (void)number;
}
static inline void json_name(const char *key, int found, const char *name)
{
	(void)key, (void)found, (void)name;
}
static inline void json_text(const char *key, const char *s, size_t n)
{
	(void)key, (void)s, (void)n;
}
static inline void json_number_or_null(const char *key, uint64_t v, const char *present)
{
	(void)key, (void)v, (void)present;
}
static inline void field_json_list(const char *key) { (void)key; }
static inline void json_list_item(const char *s, size_t n) { (void)s, (void)n; }
static inline void json_list_end(void) {}
#endif
#define json_mode() (opt_has(OPT_json) != 0)

/* ---- formatters and scanners, the lowest layer (fmt.c) ---- */
/* Formatters write into buf and return the length. */
enum { U64_FMT = 21, IP4_FMT = 16, IP6_FMT = 46 };
unsigned fmt_u64(char *buf, uint64_t v);
/* memcpy for a row's cells, a few dozen bytes: on x86-64 by words that
 * may overlap, where -Os copies with `rep movsb`, slow to start (a sixth
 * of -tan's time); elsewhere memcpy itself. */
static inline __attribute__((always_inline)) void copy_cell(char *d, const char *s, size_t n)
{
#ifdef __x86_64__
	typedef uint64_t __attribute__((may_alias, aligned(1))) word;
	typedef uint32_t __attribute__((may_alias, aligned(1))) half;

	if (n >= sizeof(word)) {
		for (; n > sizeof(word); n -= sizeof(word), d += sizeof(word), s += sizeof(word))
			*(word *)d = *(const word *)s;
		*(word *)(d + n - sizeof(word)) = *(const word *)(s + n - sizeof(word));
	} else if (n >= sizeof(half)) {
		*(half *)d = *(const half *)s;
		*(half *)(d + n - sizeof(half)) = *(const half *)(s + n - sizeof(half));
	} else {
		while (n--)
			*d++ = *s++;
	}
#else
	__builtin_memcpy(d, s, n);
#endif
}
unsigned fmt_i64(char *buf, int64_t v);
unsigned fmt_ip4(char *buf, const uint8_t *addr);
unsigned fmt_ip6(char *buf, const uint8_t *addr);
/* fmt_ip4 as a string in buf (IP4_FMT bytes); returns buf. */
char *fmt_ip4_text(char *buf, const uint8_t *addr);
/* "12.34" for v/100 with two decimals, in integer arithmetic. */
unsigned fmt_hundredths(char *buf, uint64_t v);
/* v / 10 and its remainder: native where a word holds v, else shifts
 * and adds (no library division); libgcc's inside BusyBox. */
uint64_t div10(uint64_t v, unsigned *rem);
/* v / d (d not 0), without a library division on 32-bit CPUs. */
uint64_t div_u32(uint64_t v, uint32_t d) __attribute__((noinline));
/* The text of an errno value, as glibc words the ones we meet. */
const char *error_text(int err);
/* A dotted quad or IPv6 text address into out; 4, 16 or 0 (not one). */
int parse_ip(const char *s, uint8_t *out);
/* Whether a 16-byte address is IPv4-mapped (::ffff:a.b.c.d). */
int is_v4_mapped(const uint8_t *addr);
/* Hex/decimal field scanners: advance *p past the digits; return 0 if
 * there were none or the value does not fit. */
int scan_hex(const char **p, uint64_t *v, unsigned max_digits);
/* Hex digits decoded (scan_hex) a machine word at a time on the 64-bit
 * targets only, and checked (the -tln fast check) four at a time only
 * where unaligned loads are native (those and ARMv7): elsewhere the byte
 * loops measured faster (MIPS16 has no unaligned loads, MIPS32r1 and ARMv5
 * no byte swap) and are smaller. The fuzz build may force either to 0. */
#ifndef NETSTAT_HEX_BY_WORD
#define NETSTAT_HEX_BY_WORD (UINTPTR_MAX > 0xffffffffu)
#endif
#ifndef NETSTAT_HEX_CHECK_BY_WORD
#if NETSTAT_HEX_BY_WORD || defined(__ARM_FEATURE_UNALIGNED)
#define NETSTAT_HEX_CHECK_BY_WORD 1
#else
#define NETSTAT_HEX_CHECK_BY_WORD 0
#endif
#endif
int scan_dec(const char **p, uint64_t *v);
int scan_dec_signed(const char **p, int64_t *v);
void skip_spaces(const char **p);
int is_space(int c);
static inline int is_digit(int c)
{
	return (unsigned)c - '0' < 10;
}
/* The n-th string of a packed list "a\0b\0..." (the caller bounds n). */
const char *nth_string(const char *list, unsigned n);
int str_eq(const char *a, const char *b);
int str_case_eq(const char *a, const char *b);
/* FNV-1a of n bytes (stats_table.py hashes -s's names the same way). */
uint32_t name_hash(const char *s, size_t n);
/* Whether hash h is in set (of size, set[0] the count), adding it if not:
 * JSON keeps the first of two equal keys. */
int hash_seen(uint32_t *set, unsigned size, uint32_t h);
/* The n bytes at s as a string in buf, cut to size - 1. */
void copy_word(char *buf, size_t size, const char *s, size_t n);

/* ---- messages on stderr (msg.c) ---- */
/* "netstat: a b c\n"; NULL ends the list. */
void msg(const char *first, ...);
/* "netstat: PATH: line N: WHAT\n"; the exit status becomes 1 (anything
 * reported on stderr does). */
void msg_line(const char *path, unsigned line, const char *what);
/* "netstat: PATH: strerror(errno)\n"; the exit status becomes 1 */
void msg_errno(const char *path, int err);
/* "netstat: no support for `WHAT' on this system." or, with proto,
 * "`WHAT (PROTO)'", as net-tools says a table is missing. */
void no_support(const char *what, const char *proto);

/* ---- what the two builds do differently (seam.c) ---- */
/* The usage text, then exit with status: standalone on stdout for 0, else
 * on stderr; inside BusyBox BusyBox's own print of it (on stderr). */
_Noreturn void usage_exit(int status) __attribute__((cold));
/* Whether the run is set-id (AT_SECURE): its environment is not trusted. */
int run_is_secure(void);
/* The name getopt's messages give: argv[0], or BusyBox's applet name. */
const char *program_name(char **argv);
/* A system call of up to four arguments, -1 and errno on failure: in the
 * standalone size build a fixed-argument wrapper of musl's own (its
 * variadic syscall() costs 0.1-0.3 KB), elsewhere syscall(). */
#if NETSTAT_OWN_START
long sys_call4(long n, long a, long b, long c, long d);
long __syscall_cp(long n, long a, long b, long c, long d, long e, long f);
long __syscall_ret(unsigned long r);
#define sys_call(n, a, b, c, d) sys_call4(n, (long)(a), (long)(b), (long)(c), (long)(d))
#else
#define sys_call(n, a, b, c, d) syscall(n, a, b, c, d)
#endif

/* ---- reading /proc: the line reader and the row loop (reader.c) ---- */
/* The fuzz build uses a small buffer, so that inputs of a few KB reach the
 * overlong-line and buffer-boundary paths. */
enum { LINE_MAX_LEN = NETSTAT_FUZZING ? 1023 : 8191 };
/* Bytes a reader's buffer has past its last line, so that scan_hex may
 * load a machine word that runs past a line's end. */
enum { READER_SLACK = 16 };
enum line_result { LINE_OK, LINE_EOF, LINE_TOO_LONG };
struct line_reader {
	int fd;
	unsigned line_no;	/* number of the line just returned */
	unsigned start, end;
	int eof;
	int from_proc;	/* the kernel ends every line: say so when one is cut */
	const char *path;
	char *buf;		/* LINE_MAX_LEN + 1 + READER_SLACK bytes while open */
};
/* open(path, flags) as the system call; -1 with errno set. */
int open_file(const char *path, int flags);
/* Opens PROC_ROOT-relative "net/tcp" etc.; returns -1 with errno set. */
int reader_open_proc(struct line_reader *r, const char *rel, char *path_buf);
int reader_open(struct line_reader *r, const char *path);
void reader_close(struct line_reader *r);
/* A buffer of LINE_MAX_LEN + 1 + READER_SLACK bytes for r until
 * reader_close (reader_open takes one itself); the few that are ever open
 * at once are mapped once and reused. */
char *reader_buffer(struct line_reader *r);
/* A whole line in *line (NUL-terminated, no '\n', length *len), end of
 * file, or "too long": the rest of that line has been skipped and a
 * message printed. NUL bytes inside a line are reported and the line is
 * skipped, so a parser never sees a line cut short. */
enum line_result read_line(struct line_reader *r, char **line, size_t *len);

/* Builds "$PROC_ROOT/<rel>" in buf (PATH_BUF bytes). */
enum { PATH_BUF = 512 };
char *proc_path(char *buf, const char *rel);

/* Scans the whitespace-separated fields of a /proc line by a spec letter
 * each (see reader.c); 0, or what is wrong. */
const char *scan_fields(const char *p, const char *spec, ...);
/* Set by scan_fields (and row parsers) when a row has more fields than
 * they read; proc_rows prints the row and says so. */
extern int row_extra_fields;
/* Opens $PROC_ROOT/<rel> for proc_rows; -1 with errno set when it cannot
 * be opened. */
int proc_open(const char *rel);
/* A row of a /proc table: the line (NUL-terminated, len bytes), what the
 * caller passed; 0, or what is wrong with the line. */
typedef const char *proc_row_fn(const char *line, size_t len, void *ctx);
/* What proc_rows does with a line that holds a NUL byte: SKIPS reports it
 * and does not hand it on; IF_BAD looks for one only when the row found
 * the line bad (a hot table's parse then pays nothing); GOES_ON reports
 * it and hands the line on all the same; ROW_SAYS leaves it to the row. */
enum nul_rule { NUL_SKIPS, NUL_IF_BAD, NUL_GOES_ON, NUL_ROW_SAYS };
/* Hands each line after the first skip to row, reports what row finds
 * wrong with the line number, and closes the file. Returns the number of
 * lines the file had. */
unsigned proc_rows(unsigned skip, enum nul_rule nul, proc_row_fn *row,
		   void *ctx);
/* The number of the line proc_rows handed to row. */
extern unsigned row_line_no;
/* proc_open and proc_rows (NUL_SKIPS). */
int proc_table(const char *rel, unsigned skip, proc_row_fn *row, void *ctx);
/* The path proc_open opened last. */
extern char *table_path;	/* PATH_BUF bytes, mapped by proc_open */

/* ---- a view's row: text columns or JSON members (row.c) ---- */
/* A small printf for table rows: %s (control bytes escaped as \ooo),
 * %I (const uint8_t *: an IPv4 address), %d (int), %u (const uint64_t *:
 * a pointer, cheaper to pass), %x (int, in hex); the '-' flag, a width.
 * With --json only conversions with a key print, as members:
 * %{key}-15s is a column and "key": "..."; %{key}=s is JSON only;
 * literal text and conversions without a key are text only. d and u
 * are JSON numbers, s and I strings (a NULL s: null), N a number's text
 * (NULL: null, and "-" in text), b (int) true or false; x is text only;
 * %% is a percent sign. */
void out_fmt(const char *fmt, ...);

/* ---- names (names.c) ---- */
/* Host name for a 4- or 16-byte address; numeric text when none. */
void host_name(char *buf, size_t size, const uint8_t *addr, int family,
	       int numeric);
/* Service name for a port of "tcp", "udp" or "raw" (protocols). */
void service_name(char *buf, size_t size, unsigned port, const char *proto,
		  int numeric);
/* User name for a uid, or the number (printed as a signed int). */
void user_name(char *buf, size_t size, uint32_t uid, int numeric);
/* A name from /etc/hosts or DNS for an address: 1, or 0 (buf untouched)
 * if none, -1 if the lookup was cut short (the time budget was spent). */
int host_lookup(char *buf, size_t size, const uint8_t *addr, int family);
/* Starts the DNS question for an address host_name will be asked about
 * soon, so that several are out at once. */
void host_prefetch(const uint8_t *addr, int family);

/* ---- resolv.c: reverse DNS, one time budget per run ---- */
enum { DNS_NAME_MAX = 255 };
enum { DNS_FOUND, DNS_NONE, DNS_GAVE_UP };
void dns_queue(const uint8_t *addr, int family);
/* DNS_FOUND with the name in name[DNS_NAME_MAX + 1], DNS_NONE, or
 * DNS_GAVE_UP (no nameserver left, or the time budget is spent). */
int dns_resolve(const uint8_t *addr, int family, char *name);
/* 1 once the run's time budget for lookups is spent. */
int dns_budget_spent(void);
/* 1 when a connected UDP socket to remote port 53 is one of our lookups'. */
int dns_own_socket(unsigned local_port, const uint8_t *remote, int v6);
/* The /etc/networks name of an IPv4 network (getnetbyaddr): 1, or 0 and
 * the dotted quad. */
int network_name(char *buf, size_t size, const uint8_t *addr);

/* ---- the socket tables ---- */
enum { NAME_HOST_MAX = 128 };
/* sockets.c: what they share. "Active Internet connections (w/o
 * servers)" and friends; the Internet table's title and columns (JSON:
 * its table). */
void print_socket_header(const char *what);
void print_internet_header(void);
/* The columns after State: User and Inode (-e), program (-p). */
void print_socket_tail(uint32_t uid, uint64_t inode);
/* JSON: "pid" and "program_name" (null when no process has the socket). */
void program_json(uint64_t inode);
/* The kernel's TCP state number as net-tools names it, or UNKNOWN(n) in
 * buf (24 bytes). SCTP's state column holds the same numbers. */
const char *tcp_state_name(unsigned state, char *buf);
/* inet.c: the v4 and v6 files of a protocol (WANT_TCP, _UDP, _UDPLITE,
 * _RAW); sctp.c: SCTP's endpoints and associations. Non-zero ends the
 * listing (a kernel without SCTP for -S, as net-tools). */
int show_inet_protocol(unsigned want);
int show_sctp(unsigned want);
/* The rows of /proc/net/tcp and tcp6 counted by state into counts
 * (TCP_STATES of them; 0 holds the numbers net-tools does not name). */
enum { TCP_STATES = 12 };
void count_tcp_states(unsigned *counts);
/* Whether any Internet table is left once the classic protocol words
 * narrow the switches' choice. */
int inet_files_selected(void);

/* ---- unix.c ---- */
/* Non-zero when -x asked for a missing table: net-tools ends there. */
int show_unix(void);

/* ---- progs.c: the inode to program map for -p ---- */
/* Scans $PROC_ROOT/<pid>/fd once per round (again after prog_map_clear);
 * prints net-tools' notes when some processes could not be read. */
void prog_map_load(void);
void prog_map_clear(void);
/* "PID/name" (control bytes escaped) or "-". */
const char *prog_name(uint64_t inode);
/* "PID/name" as read (cut to 19 bytes as net-tools cuts it), or NULL. */
const char *prog_raw(uint64_t inode);

/* ---- route.c: IPv4 and IPv6 routing tables ---- */
int show_routes(void);
/* ---- iface.c ---- */
int show_interfaces(void);
/* The 16 counters of /proc/net/dev, in its column order, summed over
 * every interface but lo; 0 when the file cannot be read. */
int dev_totals(uint64_t *sum);

/* ---- groups.c ---- */
int show_groups(void);

/* ---- stats.c ---- */
int show_statistics(void);
/* One counter of net/snmp ("Ip", "InUnknownProtos"); 0 when absent. */
uint64_t snmp_value(const char *section, const char *name);

/* ---- conntrack.c ---- */
int show_conntrack(void);

/* ---- router diagnostics ---- */
enum { RATE_FMT = U64_FMT + 5 };	/* fmt_rate's text */
/* summary.c: --summary; conntrack.c: --conntrack. */
int show_summary(void);
int show_conntrack_pressure(void);
/* diag.c: an item of a list of named numbers, "Title: name N, name N"
 * five to a line (JSON: a member); *shown counts the items so far. */
void list_item(unsigned *shown, const char *name, const uint64_t *v);
/* The list's end: its object closed, " none" when it had no item. */
void list_end(unsigned shown);
/* -D: whether this round has one before it to compare with
 * (0 without -D); then the change of a counter since then (0 the first
 * time a key is seen), recorded. */
#if ENABLE_FEATURE_NETSTAT_DIAG
/* -D: 0 in a first round (and without -D); in a later round 1, with
 * "Changes in N s:" said (JSON "changes":{"seconds":N,"what":{ opened,
 * for changes_end to close, which says "none" when nothing moved). */
int changes_round(const char *what);
void changes_end(void);
/* The change of a counter since the round before, recorded (0 in the
 * first round; a key first seen later counts from 0). */
uint64_t counter_change(uint32_t key, uint64_t value);
/* "12/s" (an interval of 1 s) or "0.5/s": a change over the interval,
 * truncated, in buf (RATE_FMT). */
unsigned fmt_rate(char *buf, uint64_t change);
#else
static inline int changes_round(const char *what)
{
	(void)what;
	return 0;
}
static inline void changes_end(void) {}
static inline uint64_t counter_change(uint32_t key, uint64_t value)
{
	(void)key;
	return value;
}
static inline unsigned fmt_rate(char *buf, uint64_t change)
{
	(void)change;
	*buf = 0;
	return 0;
}
#endif

/* ---- classic.c: classic (Windows) netstat views ---- */
int show_ethernet_summary(void);

int netstat_main(int argc, char **argv);

#endif
